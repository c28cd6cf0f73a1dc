using System.Collections.Immutable;
using System.Globalization;
using Credence.Core.DueProcess;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Storage;

namespace Credence.Registry.State;

/// <summary>
/// Compares a subject's stored state with a fresh assessment at the state's own instant, and
/// repairs a damaged one inside a unit of work. The invariant checked is the one every re-scoring
/// keeps (see <see cref="SubjectScorer"/>): the state counts every record version stored for the
/// subject (none was reported after its instant), its score, grade, lists and review time are what
/// the engine gives at that instant under the state's policy version, its open listing rows are
/// exactly the listings of that assessment (list, publication, since, until), and no listing row
/// ends before it starts.
/// </summary>
/// <remarks>
/// Implementation note: comparing at the state's own instant, not at now, keeps the check free of
/// false alarms from time alone: a subject whose review time has passed but that the scheduler has
/// not reached yet is late, not damaged. A state re-scored as of a moment before a record it should
/// count (issue 11, 8) is caught by the first rule, since a fresh assessment at that same earlier
/// moment would agree with it.
/// </remarks>
internal static class StateCheck
{
    /// <summary>The differences of one subject's stored state; empty when it is exact.</summary>
    public static ImmutableArray<string> Differences(IRegistryReader reader, SubjectId subject, SubjectState stored, CompiledPolicy compiled)
    {
        var found = ImmutableArray.CreateBuilder<string>();
        var records = reader.SubjectRecords(subject);
        if (records.Count > 0 && records.MaxBy(r => r.ReportedAt) is { } latest && latest.ReportedAt > stored.EvaluatedAt)
        {
            found.Add($"stale: evaluated at {Text(stored.EvaluatedAt)}, before record {latest.Key} version {latest.Version} was reported at {Text(latest.ReportedAt)}");
        }

        var (expected, listings) = SubjectScorer.Expected(reader, subject, stored.PolicyTag, compiled, stored.EvaluatedAt);
        if (expected.Status != stored.Status || expected.Score != stored.Score || expected.Grade != stored.Grade)
        {
            found.Add($"score: stored {Outcome(stored)}, fresh {Outcome(expected)}");
        }

        if (!expected.Lists.Order(StringComparer.Ordinal).SequenceEqual(stored.Lists.Order(StringComparer.Ordinal)))
        {
            found.Add($"lists: stored [{string.Join(' ', stored.Lists)}], fresh [{string.Join(' ', expected.Lists)}]");
        }

        if (expected.ReviewAt != stored.ReviewAt)
        {
            found.Add($"review: stored {Text(stored.ReviewAt)}, fresh {Text(expected.ReviewAt)}");
        }

        var rows = reader.SubjectListings(subject.Value, openOnly: false);
        foreach (var row in rows.Where(EndsBeforeItStarts))
        {
            found.Add($"listing {row.Id} on {row.List} ends at {Text(row.EndedAt!.Value)}, before it starts at {Text(row.Since!.Value)}");
        }

        var open = rows.Where(r => r.EndedAt is null).ToList();
        foreach (var row in open)
        {
            var match = listings.FirstOrDefault(l => l.List == row.List);
            if (row.PolicyTag != stored.PolicyTag || match is null)
            {
                found.Add($"listing {row.Id} on {row.List} ({row.PolicyTag}) is open, and the fresh assessment does not list the subject there");
            }
            else if (match.Since != row.Since || match.Until != row.Until || match.Published != row.Published)
            {
                found.Add($"listing {row.Id} on {row.List} runs {Term(row.Since, row.Until)}, fresh {Term(match.Since, match.Until)}");
            }
        }

        foreach (var listing in listings.Where(l => !open.Any(r => r.List == l.List && r.PolicyTag == stored.PolicyTag)))
        {
            found.Add($"no open listing on {listing.List}, and the fresh assessment lists the subject there since {Text(listing.Since)}");
        }

        return found.ToImmutable();
    }

    /// <summary>
    /// Repairs one subject inside a unit of work, if it is still damaged: listing rows that end
    /// before they start are opened again (they were ended by a re-scoring that did not count the
    /// record they rest on), the subject is re-scored at the unit's instant through the ordinary
    /// path (rows, listing and delisting notices), a listing opened again and still in force is
    /// announced again with the reason, and the repair is logged as an access event on the subject
    /// (a ledger entry the subject sees) naming every difference found.
    /// </summary>
    /// <returns>The damage repaired; null when the subject was exact (or had no state) by the time the unit ran.</returns>
    public static StateDamage? Repair(IRegistryWriter writer, Principal by, SubjectId subject, ActivePolicy policy, Func<string, CompiledPolicy> compiled)
    {
        if (writer.FindSubjectState(subject.Value) is not { } stored)
        {
            return null;
        }

        var differences = Differences(writer, subject, stored, compiled(stored.PolicyTag));
        if (differences.IsEmpty)
        {
            return null;
        }

        var reopened = new List<ListingRow>();
        var rows = writer.SubjectListings(subject.Value, openOnly: false);
        foreach (var row in rows.Where(EndsBeforeItStarts))
        {
            // Another open row on the list already carries the listing on: this one only loses its impossible end.
            if (rows.Any(r => r.EndedAt is null && r.List == row.List))
            {
                writer.EndListing(row.Id, row.Since!.Value);
            }
            else
            {
                writer.ReopenListing(row.Id);
                reopened.Add(row);
            }
        }

        foreach (var row in writer.SubjectListings(subject.Value, openOnly: true))
        {
            if (row.PolicyTag == policy.Tag && policy.Policy.FindList(row.List) is { } list && list.Published != row.Published)
            {
                writer.SetListingPublished(row.Id, list.Published);
            }
        }

        var why = $"the stored state was found to differ from the records and was re-derived on {Text(writer.Now)}";
        SubjectScorer.Rescore(writer, subject, policy, why);
        var after = writer.FindSubjectState(subject.Value)!;
        if (after.Lists.IsEmpty && writer.SubjectListings(subject.Value, openOnly: true).Count > 0)
        {
            // The re-scoring leaves listings alone when the subject was and is on no list; open rows are brought in line here.
            ListingSync.Sync(writer, subject, policy, [], SubjectFacts.Compile(policy.Compiled, SubjectFiles.Load(writer, subject)), writer.Now, why);
        }

        var still = writer.SubjectListings(subject.Value, openOnly: true);
        var announce = reopened.Where(r => still.Any(s => s.Id == r.Id) && after.Lists.Contains(r.List)).Select(r => r.List).ToList();
        if (announce.Count > 0)
        {
            var facts = SubjectFacts.Compile(policy.Compiled, SubjectFiles.Load(writer, subject));
            var assessment = Explainer.Assess(facts, writer.Now, Consents.At(writer, policy, subject.Value, writer.Now));
            foreach (var listing in assessment.Listings.Where(l => announce.Contains(l.List)))
            {
                var ended = reopened.First(r => r.List == listing.List).EndedAt!.Value;
                var notice = NoticeComposer.Listed(assessment, listing);
                CaseWork.Notify(writer, notice with
                {
                    At = writer.Now,
                    Reasons = notice.Reasons.Add(new NoticeReason("STATE.REPAIRED",
                        $"An earlier notice said this listing ended on {Text(ended)}. It had not: that notice came from a re-scoring that missed a record already stored, and the listing stands as the records say.")),
                });
            }
        }

        writer.AppendAccess(AccessEvent.By(by, writer.Now, "state.repair", subject.Value, "state repair", AccessOutcome.Ok,
            $"re-derived from the records: {string.Join("; ", differences)}"));
        return new StateDamage(subject.Value, stored.PolicyTag, stored.EvaluatedAt, differences);
    }

    private static bool EndsBeforeItStarts(ListingRow row) => row.EndedAt is { } ended && row.Since is { } since && ended < since;

    private static string Outcome(SubjectState s) => $"{s.Status.ToString().ToLowerInvariant()} {s.Score?.ToString(CultureInfo.InvariantCulture) ?? "-"} {s.Grade ?? "-"}";

    private static string Term(DateTimeOffset? since, DateTimeOffset? until) => $"{Text(since)} to {Text(until)}";

    private static string Text(DateTimeOffset? at) => at is { } a ? a.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture) : "-";
}
