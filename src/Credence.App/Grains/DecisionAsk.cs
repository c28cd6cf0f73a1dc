using System.Collections.Immutable;
using Credence.Registry.Access;
using Orleans;

namespace Credence.App.Grains;

/// <summary>A relying party's question, as it travels to a subject's grain (on this silo or another).</summary>
/// <remarks>
/// Implementation note: the registry's own types carry no Orleans attributes (Credence.Registry and Core
/// know nothing of Orleans), so the grain's messages are these small copies, made and read here.
/// </remarks>
[GenerateSerializer, Immutable]
internal sealed record DecisionAsk(
    [property: Id(0)] long PrincipalId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Role,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? Purpose,
    [property: Id(5)] string[] RecordTypes,
    [property: Id(6)] string[] Capabilities,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string? SubjectText,
    [property: Id(9)] string? Measure)
{
    public static DecisionAsk Of(Principal asker, string? subjectText, string? measure) =>
        new(asker.Id, asker.Name, (int)asker.Role, asker.Subject, asker.Purpose, [.. asker.RecordTypes], [.. asker.Capabilities], asker.CreatedAt, subjectText, measure);

    /// <summary>The asker, as the registry's use cases know it.</summary>
    public Principal Asker() =>
        new(PrincipalId, Name, (Role)Role, Subject, Purpose, [.. RecordTypes], [.. Capabilities], CreatedAt);
}
