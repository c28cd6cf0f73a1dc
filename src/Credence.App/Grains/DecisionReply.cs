using System.Collections.Immutable;
using Refusal = Credence.Core.DueProcess.Refusal;
using Credence.Core.Explanations;
using Credence.Registry;
using Credence.Registry.Decisions;
using Orleans;

namespace Credence.App.Grains;

/// <summary>A decision or the refusal, as it travels back from a subject's grain (see <see cref="DecisionAsk"/>).</summary>
[GenerateSerializer, Immutable]
internal sealed record DecisionReply(
    [property: Id(0)] DecisionCopy? Decision,
    [property: Id(1)] ProblemCopy? Problem)
{
    public static DecisionReply Of(Outcome<Decision> outcome) =>
        outcome.IsOk ? new(DecisionCopy.Of(outcome.Value), null) : new(null, ProblemCopy.Of(outcome.Problem));

    public Outcome<Decision> Outcome() =>
        Decision is { } d ? d.Decision() : Problem?.Problem() ?? throw new InvalidOperationException("a decision reply with neither a decision nor a problem");
}

/// <summary>A <see cref="Registry.Decisions.Decision"/>, field for field.</summary>
[GenerateSerializer, Immutable]
internal sealed record DecisionCopy(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Subject,
    [property: Id(2)] long PrincipalId,
    [property: Id(3)] string RelyingParty,
    [property: Id(4)] string? Purpose,
    [property: Id(5)] string Measure,
    [property: Id(6)] string Capability,
    [property: Id(7)] int Answer,
    [property: Id(8)] ReasonCopy[] Reasons,
    [property: Id(9)] string[] Measures,
    [property: Id(10)] string PolicyVersion,
    [property: Id(11)] DateTimeOffset DecidedAt,
    [property: Id(12)] StepCopy[] Forward,
    [property: Id(13)] long? LedgerIndex)
{
    public static DecisionCopy Of(Decision d) =>
        new(d.Id, d.Subject, d.PrincipalId, d.RelyingParty, d.Purpose, d.Measure, d.Capability, (int)d.Answer,
            [.. Each(d.Reasons).Select(r => new ReasonCopy(r.Code, r.Text, [.. Each(r.Records)]))], [.. Each(d.Measures)], d.PolicyVersion, d.DecidedAt,
            [.. Each(d.Forward).Select(f => new StepCopy(f.Code, f.Text, f.At))], d.LedgerIndex);

    public Decision Decision() =>
        new(Id, Subject, PrincipalId, RelyingParty, Purpose, Measure, Capability, (DecisionAnswer)Answer,
            [.. Reasons.Select(r => new DecisionReason(r.Code, r.Text, [.. r.Records]))], [.. Measures], PolicyVersion, DecidedAt,
            [.. Forward.Select(f => new ForwardStep(f.Code, f.Text, f.At))])
        { LedgerIndex = LedgerIndex };

    /// <summary>The items of an array that may be default (as empty).</summary>
    internal static ImmutableArray<T> Each<T>(ImmutableArray<T> items) => items.IsDefault ? [] : items;
}

/// <summary>A <see cref="DecisionReason"/>.</summary>
[GenerateSerializer, Immutable]
internal sealed record ReasonCopy([property: Id(0)] string Code, [property: Id(1)] string Text, [property: Id(2)] string[] Records);

/// <summary>A <see cref="ForwardStep"/> or a <see cref="Refusal"/> (the same three fields).</summary>
[GenerateSerializer, Immutable]
internal sealed record StepCopy([property: Id(0)] string Code, [property: Id(1)] string Text, [property: Id(2)] DateTimeOffset? At);

/// <summary>A <see cref="RegistryProblem"/>, with every field it may carry.</summary>
[GenerateSerializer, Immutable]
internal sealed record ProblemCopy(
    [property: Id(0)] string Type,
    [property: Id(1)] string Detail,
    [property: Id(2)] string? Field,
    [property: Id(3)] string[] Errors,
    [property: Id(4)] StepCopy[] Refusals,
    [property: Id(5)] string? CaseId)
{
    public static ProblemCopy Of(RegistryProblem p) =>
        new(p.Type, p.Detail, p.Field, [.. DecisionCopy.Each(p.Errors)], [.. DecisionCopy.Each(p.Refusals).Select(r => new StepCopy(r.Code, r.Text, r.MetAt))], p.CaseId);

    public RegistryProblem Problem() =>
        new(Type, Detail, Field)
        {
            Errors = [.. Errors],
            Refusals = [.. Refusals.Select(r => new Refusal(r.Code, r.Text, r.At))],
            CaseId = CaseId,
        };
}
