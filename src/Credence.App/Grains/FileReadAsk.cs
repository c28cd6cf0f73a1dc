using System.Collections.Immutable;
using Credence.Registry.Access;
using Orleans;

namespace Credence.App.Grains;

/// <summary>A read of a subject's file, as it travels to the subject's grain (on this silo or another).</summary>
/// <param name="SubjectText">The identifier as the reader gave it, or null for the reader's own file (<c>/v1/me</c>).</param>
/// <param name="Purpose">The purpose the reader stated, as given.</param>
[GenerateSerializer, Immutable]
internal sealed record FileReadAsk(
    [property: Id(0)] long PrincipalId,
    [property: Id(1)] string Name,
    [property: Id(2)] int Role,
    [property: Id(3)] string? Subject,
    [property: Id(4)] string? PrincipalPurpose,
    [property: Id(5)] string[] RecordTypes,
    [property: Id(6)] string[] Capabilities,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] string? SubjectText,
    [property: Id(9)] string? Purpose)
{
    public static FileReadAsk Of(Principal reader, string? subjectText, string? purpose) =>
        new(reader.Id, reader.Name, (int)reader.Role, reader.Subject, reader.Purpose, [.. reader.RecordTypes], [.. reader.Capabilities], reader.CreatedAt, subjectText, purpose);

    /// <summary>The reader, as the registry's use cases know it.</summary>
    public Principal Reader() =>
        new(PrincipalId, Name, (Role)Role, Subject, PrincipalPurpose, [.. RecordTypes], [.. Capabilities], CreatedAt);
}
