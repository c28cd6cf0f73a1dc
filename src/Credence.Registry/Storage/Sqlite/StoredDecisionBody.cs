using System.Collections.Immutable;
using System.Text.Json;
using Credence.Core.Explanations;
using Credence.Registry.Decisions;

namespace Credence.Registry.Storage.Sqlite;

/// <summary>
/// What the <c>reasons</c> column of a decision holds: for an allowance <c>[]</c>; otherwise a JSON
/// object with the answer (<c>denied</c> or <c>not-granted</c>), the reasons and the path forward.
/// </summary>
/// <remarks>
/// Implementation note: the answer and the path forward live in the one ledgered column rather than
/// new columns, so the decision's ledger entry covers them with no change to its row content. Rows
/// written before answers were distinguished hold a bare array of reasons; they read as denials,
/// as they were given (the <c>outcome</c> then said "denied" for every refusal).
/// </remarks>
internal sealed record StoredDecisionBody(string Answer, ImmutableArray<DecisionReason> Reasons, ImmutableArray<ForwardStep> Forward)
{
    private const string NoReasons = "[]";

    public static string Write(Decision decision)
    {
        // An allowance with reasons or a path forward keeps them: the ledger commits to the decision as made.
        if (decision.Allowed && decision.Reasons.IsDefaultOrEmpty && decision.Forward.IsDefaultOrEmpty)
        {
            return NoReasons;
        }

        var answer = decision.Answer switch
        {
            DecisionAnswer.Allowed => "allowed",
            DecisionAnswer.NotGranted => "not-granted",
            _ => "denied",
        };
        var body = new StoredDecisionBody(answer, decision.Reasons.IsDefault ? [] : decision.Reasons, decision.Forward.IsDefault ? [] : decision.Forward);
        return JsonSerializer.Serialize(body, StorageJson.Default.StoredDecisionBody);
    }

    public static (DecisionAnswer Answer, ImmutableArray<DecisionReason> Reasons, ImmutableArray<ForwardStep> Forward) Read(bool allowed, string text)
    {
        var legacy = allowed ? DecisionAnswer.Allowed : DecisionAnswer.Denied;
        if (text == NoReasons)
        {
            return (legacy, [], []);
        }

        if (text.StartsWith('['))
        {
            return (legacy, JsonSerializer.Deserialize(text, StorageJson.Default.ImmutableArrayDecisionReason), []);
        }

        var body = JsonSerializer.Deserialize(text, StorageJson.Default.StoredDecisionBody)!;
        var answer = body.Answer switch
        {
            "allowed" => DecisionAnswer.Allowed,
            "not-granted" => DecisionAnswer.NotGranted,
            _ => DecisionAnswer.Denied,
        };
        // The column and the body are written together; a row where they disagree was changed after the fact.
        if (allowed != (answer == DecisionAnswer.Allowed))
        {
            throw new InvalidDataException($"the decision's allowed column ({allowed}) contradicts its answer ({body.Answer})");
        }

        return (answer, body.Reasons.IsDefault ? [] : body.Reasons, body.Forward.IsDefault ? [] : body.Forward);
    }
}
