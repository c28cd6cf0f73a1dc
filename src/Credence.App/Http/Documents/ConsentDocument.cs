using Credence.Core.Scoring;
using Credence.Registry.Consent;

namespace Credence.App.Http.Documents;

/// <summary>A subject's consent: in force now, what it means under the policy in force, the outcome it gives, and its history.</summary>
internal sealed record ConsentDocument(
    string Subject,
    DateTimeOffset AsOf,
    bool Given,
    DateTimeOffset? Since,
    bool Changed,
    bool? ConsentRequired,
    string? PolicyVersion,
    string Effect,
    ScoreStatus? Status,
    int? Score,
    string? Grade,
    IReadOnlyList<ConsentChangeDocument> History)
{
    public static ConsentDocument From(ConsentView v) =>
        new(v.Subject, v.AsOf, v.Given, v.Since, v.Changed, v.Required, v.PolicyVersion, v.Effect, v.Status, v.Score, v.Grade,
            [.. v.History.Select(ConsentChangeDocument.From)]);
}
