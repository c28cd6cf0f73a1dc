using Credence.Core.Identifiers;
using Credence.Core.Records;
using Record = Credence.Core.Records.Record;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Principals;

namespace Credence.Api.Tests.Offline;

/// <summary>
/// Due process told on a demo city beyond its three stories, through the registry's use cases, so
/// that its files hold every kind of case: a dispute left open, one verified, one verified, escalated,
/// found wrong by a reviewer and withdrawn, one left unanswered past its deadline (the scheduler not
/// run, so only reads apply it), repairs applied for, and decisions asked before, during and after.
/// </summary>
internal sealed record CityCases(int OpenDisputes, int ClosedDisputes, int GrantedRepairs, int Decisions)
{
    private const string DisputedType = "late-utility-fees";

    public static async Task<CityCases> TellAsync(CredenceRegistry registry, ManualClock clock)
    {
        var op = Principal.LocalOperator("city-cases");
        async Task<Principal> Named(string name) => await registry.Store.ReadAsync(r => r.FindPrincipal(name)) ?? throw new InvalidOperationException(name);
        var (utilities, reviewer, rental, rail) = (await Named("utilities"), await Named("dispute-reviewer"), await Named("rental-platform"), await Named("railway-ticketing"));

        // Persons whose latest version of a late utility fee still stands: that type stops counting while disputed.
        var candidates = new List<(SubjectId Subject, Record Record)>();
        var after = string.Empty;
        while (candidates.Count < 12 && await registry.Store.ReadAsync(r => r.SubjectsOfKind(SubjectKind.Person, after, 200)) is { Count: > 0 } page)
        {
            after = page[^1];
            foreach (var id in page.Select(s => SubjectIdentifiers.Parse(s, DateOnly.MaxValue)))
            {
                var records = await registry.Store.ReadAsync(r => r.SubjectRecords(id));
                var latest = records.GroupBy(r => r.Key).Select(g => g.MaxBy(r => r.Version)!)
                    .FirstOrDefault(r => r.Type == DisputedType && r.Action != RecordAction.Withdrawn);
                if (latest is not null && (await registry.Store.ReadAsync(r => r.SubjectDisputes(id.Value))).Count == 0)
                {
                    candidates.Add((id, latest));
                }
            }
        }

        if (candidates.Count < 8)
        {
            throw new InvalidOperationException($"the city has {candidates.Count} persons with a late utility fee to dispute; 8 are needed");
        }

        var keys = new Dictionary<SubjectId, Principal>();
        foreach (var (id, _) in candidates)
        {
            keys[id] = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Subject, $"case-{id.Value.ToLowerInvariant()}", Subject: id.Value))).GetValueOrThrow().Principal;
        }

        var decisions = 0;
        async Task AskAll()
        {
            foreach (var (id, _) in candidates)
            {
                (await registry.Decisions.DecideAsync(rental, id.Value, "deposit-free-rental")).GetValueOrThrow();
                (await registry.Decisions.DecideAsync(rail, id.Value, "rail.g-train.ticket")).GetValueOrThrow();
                decisions += 2;
            }
        }

        async Task<string> Dispute(int i) =>
            (await registry.Disputes.OpenAsync(keys[candidates[i].Subject], candidates[i].Record.Key.Source, candidates[i].Record.Key.SourceRecordId, "I paid on time", null)).GetValueOrThrow().Id;

        await AskAll();
        clock.Advance(TimeSpan.FromHours(1));
        var verified = await Dispute(1);
        var escalated = await Dispute(2);
        var unanswered = await Dispute(3);
        var corrected = await Dispute(4);
        clock.Advance(TimeSpan.FromHours(3));
        await AskAll();

        clock.Advance(TimeSpan.FromDays(2));
        (await registry.Disputes.AnswerAsync(utilities, verified, "verify", "the meter readings show the arrears", null)).GetValueOrThrow();
        (await registry.Disputes.AnswerAsync(utilities, escalated, "verify", "the account shows the arrears", null)).GetValueOrThrow();
        var record = candidates[4].Record;
        var correction = new Core.Intake.RecordLine(record.Subject.Value, record.Type, "social", record.OccurredAt.AddDays(-1).ToString("O"), null, null, record.Key.SourceRecordId, "corrected: " + record.LegalBasis, record.Quantity, record.Version + 1, "corrected", "the date was wrong");
        (await registry.Disputes.AnswerAsync(utilities, corrected, "correct", "the date was wrong", correction)).GetValueOrThrow();
        clock.Advance(TimeSpan.FromHours(5));
        await AskAll();

        clock.Advance(TimeSpan.FromDays(1));
        (await registry.Disputes.EscalateAsync(keys[candidates[2].Subject], escalated, "the payment receipt was ignored")).GetValueOrThrow();
        clock.Advance(TimeSpan.FromDays(1));
        (await registry.Reviews.DecideDisputeAsync(reviewer, escalated, "found-wrong", "the receipt shows payment before the due date")).GetValueOrThrow();
        clock.Advance(TimeSpan.FromHours(2));
        await AskAll();
        clock.Advance(TimeSpan.FromDays(1));
        (await registry.Disputes.AnswerAsync(utilities, escalated, "withdraw", "revoked after the reviewer's finding", null)).GetValueOrThrow();

        // Repairs: applied for by the other candidates; the policy grants those whose minimum period is served.
        var granted = 0;
        foreach (var (id, r) in candidates.Skip(5))
        {
            var repair = await registry.Repairs.ApplyAsync(keys[id], r.Key.Source, r.Key.SourceRecordId);
            granted += repair.IsOk && repair.Value.Granted ? 1 : 0;
        }

        clock.Advance(TimeSpan.FromHours(6));
        await AskAll();

        // Past the unanswered dispute's deadline, with no scheduler run: only reads apply the resolution.
        clock.Advance(TimeSpan.FromDays(40));
        await AskAll();
        _ = await Dispute(0);
        clock.Advance(TimeSpan.FromHours(1));
        await AskAll();
        clock.Advance(TimeSpan.FromHours(1));

        var all = await registry.Store.ReadAsync(r => candidates.SelectMany(c => r.SubjectDisputes(c.Subject.Value)).ToList());
        var now = clock.GetUtcNow();
        return new CityCases(all.Count(d => d.IsOpen && d.DueAt > now), all.Count(d => !d.IsOpen || d.DueAt <= now), granted, decisions);
    }
}
