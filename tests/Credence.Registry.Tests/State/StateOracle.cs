using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Tests.State;

/// <summary>
/// What the tests hold a subject's stored state to, worked out here from the subject's records with
/// the Core engine alone: the state is no older than any record version it was meant to count, it
/// equals a fresh assessment at its own instant (score, grade, lists, open listing rows), no listing
/// row ends before it starts, and the list notices of each list alternate (listed, delisted, listed
/// …) with instants that never go back.
/// </summary>
internal static class StateOracle
{
    public static async Task<List<string>> ProblemsAsync(TestRegistry t, string subjectText)
    {
        var registry = t.Registry;
        var subject = SubjectIdentifiers.Parse(subjectText, DateOnly.FromDateTime(t.Clock.GetUtcNow().UtcDateTime));
        var (state, records, file, rows, notices, consent) = await registry.Store.ReadAsync(r =>
        {
            var s = r.FindSubjectState(subjectText);
            return (s, r.SubjectRecords(subject), SubjectFiles.Load(r, subject), r.SubjectListings(subjectText, openOnly: false),
                r.SubjectNotices(subjectText, int.MaxValue), s is not null && r.ConsentAt(subjectText, s.EvaluatedAt));
        });

        var problems = new List<string>();
        foreach (var row in rows.Where(r => r.EndedAt is { } ended && r.Since is { } since && ended < since))
        {
            problems.Add($"listing {row.Id} on {row.List} ends at {row.EndedAt:o}, before it starts at {row.Since:o}");
        }

        problems.AddRange(NoticeProblems(notices));
        if (records.Count == 0)
        {
            return problems;
        }

        if (state is null)
        {
            problems.Add("no stored state although records are stored");
            return problems;
        }

        var latest = records.Max(r => r.ReportedAt);
        if (state.EvaluatedAt < latest)
        {
            problems.Add($"stored state evaluated at {state.EvaluatedAt:o}, before the record version reported at {latest:o}");
        }

        var policy = (await registry.Policies.ActiveAtAsync(subject.Kind, state.EvaluatedAt))!;
        var consents = policy.Policy.ConsentRequired && consent;
        var fresh = Explainer.Assess(SubjectFacts.Compile(policy.Compiled, file), state.EvaluatedAt, consents);
        if (fresh.Score != state.Score || fresh.Grade != state.Grade || fresh.Status != state.Status)
        {
            problems.Add($"stored {state.Status} {state.Score} {state.Grade}, fresh {fresh.Status} {fresh.Score} {fresh.Grade} at {state.EvaluatedAt:o}");
        }

        var freshLists = fresh.Listings.Select(l => l.List).Order(StringComparer.Ordinal).ToList();
        if (!freshLists.SequenceEqual(state.Lists.Order(StringComparer.Ordinal)))
        {
            problems.Add($"stored lists [{string.Join(' ', state.Lists)}], fresh [{string.Join(' ', freshLists)}]");
        }

        var open = rows.Where(r => r.EndedAt is null && (r.Until is null || r.Until > state.EvaluatedAt)).Select(r => r.List).Order(StringComparer.Ordinal).ToList();
        if (!open.SequenceEqual(freshLists))
        {
            problems.Add($"open listing rows [{string.Join(' ', open)}], fresh [{string.Join(' ', freshLists)}]");
        }

        return problems;
    }

    /// <summary>Per list: listed and delisted notices alternate, starting with listed, and their instants never go back.</summary>
    public static IEnumerable<string> NoticeProblems(IEnumerable<StoredNotice> notices)
    {
        var last = new Dictionary<string, StoredNotice>(StringComparer.Ordinal);
        foreach (var n in notices.Where(n => n.Kind is NoticeKind.Listed or NoticeKind.Delisted).OrderBy(n => n.Id))
        {
            var code = n.Reasons[0].Code;
            var list = code[(code.IndexOf('.', StringComparison.Ordinal) + 1)..];
            var previous = last.GetValueOrDefault(list);
            if ((previous?.Kind ?? NoticeKind.Delisted) == n.Kind)
            {
                yield return $"notice {n.Id} says {n.Kind} on {list} after {(previous is null ? "nothing" : $"notice {previous.Id} said the same")}";
            }

            if (previous is not null && n.At < previous.At)
            {
                yield return $"notice {n.Id} ({n.Kind} on {list}) is dated {n.At:o}, before notice {previous.Id} ({previous.Kind}) dated {previous.At:o}";
            }

            last[list] = n;
        }
    }
}
