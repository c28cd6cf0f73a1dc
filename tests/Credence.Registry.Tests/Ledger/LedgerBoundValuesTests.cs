using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Core.Explanations;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Credence.Registry.Ledger;
using Credence.Registry.DueProcess;

namespace Credence.Registry.Tests.Ledger;

/// <summary>
/// The writer builds each entry from the values its insert bound; the audit rebuilds it from the row
/// as stored. Awkward text (empty, embedded NUL, non-ASCII, an unpaired surrogate) must store exactly
/// as it was digested, or the audit would report tampering that never happened.
/// </summary>
public class LedgerBoundValuesTests
{
    private static readonly string[] Awkward = ["", "a\0b", "欠款 ünïcødé 🚄", "lone \ud800 surrogate"];

    [Fact]
    public async Task Entries_built_from_bound_values_match_the_rows_as_stored()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var t = s.T;
        var bob = SubjectIdentifiers.Parse(Ids.Bob, DateOnly.FromDateTime(t.Clock.GetUtcNow().UtcDateTime));
        var at = t.Clock.GetUtcNow();
        var inserted = await t.Registry.Store.WriteAsync(w =>
        {
            var count = 0;
            for (var i = 0; i < Awkward.Length; i++)
            {
                var text = Awkward[i];
                var record = new Record(new RecordKey("odd-source", "odd-" + i), 1, RecordAction.Submitted, bob, "court.defaulter", Area.Judicial,
                    at.AddDays(-i), at, text, i == 0 ? null : 12.50m + i, text);
                count += w.TryInsertRecord(record) ? 1 : 0;
                w.AppendAccess(new AccessEvent(0, at, null, text, text, "subject.read", Ids.Bob, text, AccessOutcome.Ok, text));
                w.InsertCaseStep(new CaseStep(0, at, "case-" + i, CaseStep.Dispute, "opened", i, "bob", Ids.Bob, "odd-source/odd-" + i, text));
            }

            return count;
        });
        Assert.Equal(Awkward.Length, inserted);

        using (var c = s.Connect())
        {
            // Stored exactly as given: the empty text is not NULL, the NUL does not cut the text short.
            Assert.Equal(1, LedgerScenario.Count(c, "SELECT COUNT(*) FROM records WHERE legal_basis = '' AND note = ''"));
            Assert.Equal(2, LedgerScenario.Count(c, "SELECT COUNT(*) FROM case_steps WHERE detail = 'a' || char(0) || 'b' OR detail = ''"));
        }

        var report = await s.AuditClosedAsync();
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));

        var edited = await s.AuditClosedAsync(c => LedgerScenario.Exec(c, "UPDATE records SET note = 'a' WHERE source = 'odd-source' AND note = 'a' || char(0) || 'b'"));
        Assert.Contains(edited.Problems, p => p.Contains("records row", StringComparison.Ordinal) && p.Contains("no longer matches", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Decisions_of_every_shape_read_back_as_made_so_their_entries_rebuild()
    {
        await using var s = await LedgerScenario.CreateAsync();
        var at = s.T.Clock.GetUtcNow();
        var steps = ImmutableArrayOf(new ForwardStep("earn-points", "earn 20 points", at.AddDays(30)), new ForwardStep("give-consent", "consent", null));
        Decision[] shapes =
        [
            s.Decision with { Id = Guid.CreateVersion7(), Answer = DecisionAnswer.Allowed, Reasons = [], Forward = steps },
            s.Decision with { Id = Guid.CreateVersion7(), Answer = DecisionAnswer.Allowed, Reasons = [], Forward = [], Purpose = null, Measures = [] },
            s.Decision with { Id = Guid.CreateVersion7(), Answer = DecisionAnswer.NotGranted, Reasons = [new DecisionReason("GRANT.unmet", "no grant", [])], Forward = steps },
            s.Decision with { Id = Guid.CreateVersion7(), Answer = DecisionAnswer.Denied, Reasons = [new DecisionReason("LISTED.x", "欠款 🚄", ["a/1", "b/2"])], Forward = [] },
        ];
        await s.T.Registry.Store.WriteAsync(w =>
        {
            foreach (var d in shapes)
            {
                w.InsertDecision(d);
            }

            return 0;
        });

        foreach (var d in shapes)
        {
            var back = (await s.T.Registry.Store.ReadAsync(r => r.FindDecision(d.Id)))!;
            Assert.Equal((d.Answer, d.Forward.Length, d.Reasons.Length), (back.Answer, back.Forward.Length, back.Reasons.Length));
            Assert.Equal(EntryContent.Digest(LedgeredRow.Of(d)), EntryContent.Digest(LedgeredRow.Of(back)));
        }

        var report = await s.AuditClosedAsync();
        Assert.True(report.IsConsistent, string.Join('\n', report.Problems));
    }

    private static System.Collections.Immutable.ImmutableArray<ForwardStep> ImmutableArrayOf(params ForwardStep[] steps) => [.. steps];
}
