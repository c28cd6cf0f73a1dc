using System.Text.Json;
using Credence.App.Http.Documents;
using Credence.App.Output;
using Credence.Registry;
using Credence.Registry.Subjects;
using Orleans;

namespace Credence.App.Grains;

/// <summary>
/// A subject's file as its grain answers a read: the file's API document (UTF-8 JSON, exactly the bytes the
/// route serves) with the id of the access event that logged the read, or the refusal.
/// </summary>
/// <remarks>
/// Implementation note: the document rather than a copy of <see cref="SubjectFileView"/>. The view is some
/// twenty domain types deep (records, the assessment with its explanation, disputes, repairs, appeals, case
/// steps, notices, evidence); an Orleans copy of each would be a second model to keep in step with the
/// first, where a field forgotten would silently drop from the answer when the grain is on another silo.
/// The route answers with the document anyway, so the grain makes it, with the serializer and options the
/// route used, and no copy can drift.
/// </remarks>
[GenerateSerializer, Immutable]
internal sealed record FileReadReply(
    [property: Id(0)] byte[]? Document,
    [property: Id(1)] long ReadEventId,
    [property: Id(2)] ProblemCopy? Problem)
{
    /// <summary>The reply to a read that <paramref name="outcome"/> answered.</summary>
    public static FileReadReply Of(Outcome<SubjectFileView> outcome) =>
        outcome.IsOk
            ? new(JsonSerializer.SerializeToUtf8Bytes(SubjectFileDocument.From(outcome.Value), CredenceJson.Compact), outcome.Value.ReadEventId, null)
            : new(null, 0, ProblemCopy.Of(outcome.Problem));

    /// <summary>The document and its read's access event, or the refusal.</summary>
    public Outcome<FileReadReply> Outcome() =>
        Document is not null ? this : Problem?.Problem() ?? throw new InvalidOperationException("a file reply with neither a document nor a problem");
}
