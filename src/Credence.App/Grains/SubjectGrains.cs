using System.Globalization;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Microsoft.Extensions.Configuration;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Credence.App.Grains;

/// <summary>
/// The subject grains in a silo: how idle they may stay (configuration <c>Credence:SubjectGrains:IdleAge</c>,
/// a time span over one minute, default <see cref="DefaultIdleAge"/>), how many may be active at once
/// (<c>Credence:SubjectGrains:Budget</c>, default <see cref="SubjectBudget.DefaultBudget"/>: the least recently
/// used are deactivated beyond it, <see cref="SubjectBudget"/>), the writes that make them forget
/// (<see cref="Registry.Subjects.SubjectChanges"/>, listened to while the silo runs, <see cref="SubjectForgetting"/>) and the decisions the
/// API routes through them.
/// </summary>
internal static class SubjectGrains
{
    /// <summary>The configuration key of how long a subject's grain stays in memory unused.</summary>
    public const string IdleAgeKey = "Credence:SubjectGrains:IdleAge";

    /// <summary>The configuration key of how many subject grains a silo keeps active at most.</summary>
    public const string BudgetKey = "Credence:SubjectGrains:Budget";

    /// <summary>Five minutes: a subject asked about again within them finds its grain active; memory holds only the subjects asked about lately.</summary>
    public static readonly TimeSpan DefaultIdleAge = TimeSpan.FromMinutes(5);

    /// <summary>Registers the grains' idle age, their budget and the listener that tells them of changes.</summary>
    /// <exception cref="ArgumentException">The idle age is not a time span over Orleans' collection quantum (one minute), or the budget no count in range.</exception>
    public static void Add(ISiloBuilder orleans, IConfiguration configuration)
    {
        var idle = IdleAge(configuration[IdleAgeKey]);
        var budget = Budget(configuration[BudgetKey]);
        orleans.Configure<GrainCollectionOptions>(o => o.ClassSpecificCollectionAge[typeof(SubjectGrain).FullName!] = idle);
        orleans.Services.AddSingleton(new ActiveSubjects(new SubjectBudget(budget)));
        orleans.Services.AddPlacementDirector<SiloKeyPlacement, SiloKeyPlacementDirector>();
        orleans.Services.AddHostedService<SubjectChangeListener>();
        orleans.Services.AddHostedService<SubjectGrainMeter>();

        // A registry's own failures (the ledger or the store unavailable: 503) cross from a grain to the
        // HTTP request as themselves, not as Orleans' stand-in for an exception it does not know.
        orleans.Configure<Orleans.Serialization.ExceptionSerializationOptions>(o => o.SupportedNamespacePrefixes.Add("Credence"));
    }

    /// <summary>The idle age <paramref name="text"/> sets (the default when null).</summary>
    public static TimeSpan IdleAge(string? text)
    {
        if (text is null)
        {
            return DefaultIdleAge;
        }

        // Orleans collects idle activations once a quantum (a minute), and refuses an age that is not longer.
        return TimeSpan.TryParseExact(text.Trim(), "c", CultureInfo.InvariantCulture, out var age) && age > GrainCollectionOptions.DEFAULT_COLLECTION_QUANTUM
            ? age
            : throw new ArgumentException($"{IdleAgeKey} '{text}' is not a time span over one minute, such as 00:05:00");
    }

    /// <summary>The budget <paramref name="text"/> sets (the default when null): a count of grains from 1 to <see cref="SubjectBudget.MaxBudget"/>.</summary>
    public static int Budget(string? text)
    {
        if (text is null)
        {
            return SubjectBudget.DefaultBudget;
        }

        // Digits only (no sign, no separators, no exponent): a budget is a count, written as one.
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var budget) && budget is >= 1 and <= SubjectBudget.MaxBudget
            ? budget
            : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"{BudgetKey} '{text}' is not a count of subject grains from 1 to {SubjectBudget.MaxBudget}, such as {SubjectBudget.DefaultBudget}"));
    }

    /// <summary>
    /// Decides through the grain of the subject asked about; a request refused before it names a valid
    /// subject, or by a caller who is not a relying party, is refused by the use case itself, exactly as a
    /// grain would refuse it, without waking a grain.
    /// </summary>
    /// <remarks>
    /// Implementation note: when the grain's silo cannot be reached (killed, and not yet declared dead by its
    /// peers, so Orleans still places the grain there), the message is refused before it is delivered, so no
    /// decision was made; the use case then decides here, from the store, which is the one truth the grain only
    /// holds a copy of. A dead machine thus slows no decision, and none is answered from a stale file. A call
    /// that timed out is not retried so: it may have been decided.
    /// </remarks>
    public static async Task<Outcome<Decision>> DecideAsync(IGrainFactory grains, CredenceRegistry registry, Principal caller, string? subjectText, string? measure, CancellationToken cancellationToken)
    {
        if (caller.Role != Role.RelyingParty || registry.Decisions.SubjectOf(subjectText) is not { } subject)
        {
            return await registry.Decisions.DecideAsync(caller, subjectText, measure, cancellationToken);
        }

        try
        {
            var reply = await grains.GetGrain<ISubjectGrain>(subject.Value).Decide(DecisionAsk.Of(caller, subjectText, measure), cancellationToken);
            return reply.Outcome();
        }
        catch (Exception e) when (e is OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException)
        {
            return await registry.Decisions.DecideAsync(caller, subjectText, measure, cancellationToken);
        }
    }

    /// <summary>
    /// Reads a subject's file (<paramref name="subjectText"/> null: the caller's own) through the subject's
    /// grain, as <see cref="DecideAsync"/> decides: a read the use case would refuse before it reads the file
    /// (<see cref="Registry.Subjects.SubjectFileService.SubjectOf"/>: a role that reads no files, another
    /// subject's file, no purpose, an invalid identifier) is refused by the use case itself, without waking a
    /// grain; a grain whose silo refuses the connection is read around, from the store.
    /// </summary>
    public static async Task<Outcome<FileReadReply>> ReadFileAsync(IGrainFactory grains, CredenceRegistry registry, Principal caller, string? subjectText, string? purpose, CancellationToken cancellationToken)
    {
        if (registry.Subjects.SubjectOf(caller, subjectText, purpose) is not { } subject)
        {
            return await ReadFromStoreAsync(registry, caller, subjectText, purpose, cancellationToken);
        }

        try
        {
            return (await grains.GetGrain<ISubjectGrain>(subject.Value).ReadFile(FileReadAsk.Of(caller, subjectText, purpose), cancellationToken)).Outcome();
        }
        catch (Exception e) when (e is OrleansMessageRejectionException or Orleans.Runtime.Messaging.ConnectionFailedException)
        {
            return await ReadFromStoreAsync(registry, caller, subjectText, purpose, cancellationToken);
        }
    }

    /// <summary>Reads the file through the use case, here (in the grain, or around it), logged before it is answered.</summary>
    /// <param name="held">The file the caller holds for the subject (null: none), answered from only when the store's writer finds it current.</param>
    /// <returns>The reply, and the file to hold next (null: hold nothing).</returns>
    internal static async Task<(FileReadReply Reply, HeldFile? Held)> ReadHereAsync(CredenceRegistry registry, Principal caller, string? subjectText, string? purpose, HeldFile? held, CancellationToken cancellationToken)
    {
        var (file, next) = subjectText is null
            ? await registry.Subjects.ReadOwnAsync(caller, held, cancellationToken)
            : await registry.Subjects.ReadAsync(caller, subjectText, purpose, held, cancellationToken);
        return (FileReadReply.Of(file), next);
    }

    private static async Task<Outcome<FileReadReply>> ReadFromStoreAsync(CredenceRegistry registry, Principal caller, string? subjectText, string? purpose, CancellationToken cancellationToken) =>
        (await ReadHereAsync(registry, caller, subjectText, purpose, null, cancellationToken)).Reply.Outcome();
}
