using Credence.Core.DueProcess;
using Credence.Core.Scoring;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// The summary's counts are kept by the store as rows change (tallies), not counted by a scan: after any
/// mix of writes, one row at a time or in bulk, with replaced states, ended, reopened and re-termed
/// listings, disputes moving between states, granted repairs and rolled-back units, the counts are
/// exactly those of the rows a model of the same writes holds, at every instant asked about.
/// </summary>
public abstract class SummaryTallies(StoreKind kind) : StoreContract(kind)
{
    private static readonly string[] Tags = ["rongcheng-persons@2026.1", "rongcheng-persons@2026.2"];
    private static readonly string[] Lists = ["court-defaulters", "tax-blacklist", "aa-redlist"];
    private static readonly string?[] Grades = ["AAA", "A", "B", "C", null];

    private static readonly DisputeState[] DisputeStates =
    [
        DisputeState.Open, DisputeState.Verified, DisputeState.Corrected, DisputeState.Withdrawn, DisputeState.ResolvedForSubject, DisputeState.Escalated,
    ];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_counts_are_those_of_the_rows_after_any_mix_of_writes(int seed)
    {
        var random = new Random(seed);
        var model = new Model();
        for (var unit = 0; unit < 12; unit++)
        {
            var fails = unit % 5 == 4;
            var change = model.Copy();
            var work = Enumerable.Range(0, 25).Select(_ => Step(random, change)).ToList();
            try
            {
                await WriteAsync(w =>
                {
                    work.ForEach(step => step(w));
                    if (fails)
                    {
                        throw new InvalidOperationException("a unit that fails after its writes");
                    }
                });
            }
            catch (InvalidOperationException) when (fails)
            {
                // Rolled back: nothing of it counts.
            }

            if (!fails)
            {
                model = change;
            }

            foreach (var at in new[] { Start.AddDays(-1), Start, Start.AddDays(3), Start.AddYears(5) })
            {
                var counts = await ReadAsync(r => r.Counts(at));
                Assert.Equal(model.Expected(at), counts with { Grades = [.. counts.Grades], Lists = [.. counts.Lists] }, Same.Instance);
            }
        }
    }

    private static Action<IRegistryWriter> Step(Random random, Model m)
    {
        var now = Start;
        switch (random.Next(11))
        {
            case 0:
            case 1:
            {
                var subject = Ids.Person(random.Next(30));
                var grade = Grades[random.Next(Grades.Length)];
                var state = Rows.State(subject, now.AddDays(9), grade, Tags[random.Next(Tags.Length)], grade is null ? ScoreStatus.NoConsent : ScoreStatus.Scored);
                m.States[subject] = (state.PolicyTag, state.Status, state.Grade);
                return w => w.SaveSubjectState(state);
            }

            case 2:
            {
                var until = random.Next(3) switch { 0 => (DateTimeOffset?)null, 1 => now.AddDays(random.Next(-2, 5)), _ => now };
                var row = Rows.Listing(Ids.Person(random.Next(30)), Lists[random.Next(Lists.Length)], Tags[random.Next(Tags.Length)], now.AddDays(-9), until);
                var slot = m.Listings.Count;
                m.Listings.Add((row.PolicyTag, row.List, row.Until, false));
                return w => m.Ids[slot] = w.OpenListing(row);
            }

            case 3 when m.Listings.Count > 0:
            {
                var slot = random.Next(m.Listings.Count);
                var l = m.Listings[slot];
                var ending = !l.Ended;
                m.Listings[slot] = l with { Ended = ending };
                return w =>
                {
                    if (ending)
                    {
                        w.EndListing(m.Ids[slot], now.AddDays(-1));
                    }
                    else
                    {
                        w.ReopenListing(m.Ids[slot]);
                    }
                };
            }

            case 4 when m.Listings.Count > 0:
            {
                var slot = random.Next(m.Listings.Count);
                var until = random.Next(2) == 0 ? (DateTimeOffset?)null : now.AddDays(random.Next(-3, 3));
                m.Listings[slot] = m.Listings[slot] with { Until = until };
                return w => w.UpdateListing(m.Ids[slot], now.AddDays(-9), until);
            }

            case 5:
            {
                // In bulk or one by one, new versions and duplicates: only what went in counts.
                var records = Enumerable.Range(0, random.Next(1, 6)).Select(_ => Rows.Record(Ids.Person(random.Next(30)), "court", "R-" + random.Next(40))).ToList();
                var bulk = random.Next(2) == 0;
                return w => m.Records += bulk ? w.TryInsertRecords(records).Count(x => x) : records.Count(w.TryInsertRecord);
            }

            case 6:
            {
                var decision = ReadModels.Decision(Ids.Person(random.Next(30)), now, Guid.NewGuid());
                var marked = random.Next(2) == 0;
                m.Decisions++;
                m.Marks += marked ? 1 : 0;
                return w =>
                {
                    w.InsertDecision(decision);
                    if (marked)
                    {
                        w.InsertDecisionMark(new DecisionMark(decision.Id, decision.Subject, now, "withdrawn", "railway", true, ["court/R-1"]));
                    }
                };
            }

            case 7:
            {
                var id = "d-" + m.Disputes.Count;
                var subject = Ids.Person(random.Next(30));
                var state = DisputeStates[random.Next(DisputeStates.Length)];
                m.Disputes.Add((id, subject, state));
                return w => w.InsertDispute(Rows.Dispute(id, subject, "court", now, now.AddDays(30), state));
            }

            case 8 when m.Disputes.Count > 0:
            {
                var slot = random.Next(m.Disputes.Count);
                var (id, subject, _) = m.Disputes[slot];
                var state = DisputeStates[random.Next(DisputeStates.Length)];
                m.Disputes[slot] = (id, subject, state);
                return w => w.UpdateDispute(Rows.Dispute(id, subject, "court", now, now.AddDays(30), state, now));
            }

            case 9:
            {
                var id = "r-" + m.Repairs.Count;
                var subject = Ids.Person(random.Next(30));
                var granted = random.Next(3) == 0;
                var appealed = !granted && random.Next(2) == 0;
                m.Repairs.Add((id, granted));
                m.Appeals += appealed ? 1 : 0;
                return w =>
                {
                    w.InsertRepair(Rows.Repair(id, subject, now, granted ? now : null));
                    if (appealed)
                    {
                        w.InsertAppeal(Rows.Appeal("a-" + id, id, subject, now));
                    }
                };
            }

            case 10 when m.Repairs.FindIndex(r => !r.Granted) is var slot and >= 0:
            {
                var id = m.Repairs[slot].Id;
                m.Repairs[slot] = (id, true);
                return w => w.GrantRepair(id, now.AddDays(1));
            }

            default:
            {
                m.Notices++;
                return w => w.InsertNotice(Rows.Notice(Ids.Person(random.Next(30)), now, "n"));
            }
        }
    }

    /// <summary>The rows the writes left, as the test sees them.</summary>
    private sealed class Model
    {
        public Dictionary<string, (string Tag, ScoreStatus Status, string? Grade)> States { get; private init; } = [];

        public List<(string Tag, string List, DateTimeOffset? Until, bool Ended)> Listings { get; private init; } = [];

        /// <summary>The store's ids of the listings, by their place in <see cref="Listings"/>.</summary>
        public Dictionary<int, long> Ids { get; private init; } = [];

        public List<(string Id, string Subject, DisputeState State)> Disputes { get; private init; } = [];

        public List<(string Id, bool Granted)> Repairs { get; private init; } = [];

        public long Records { get; set; }

        public long Decisions { get; set; }

        public long Marks { get; set; }

        public long Appeals { get; set; }

        public long Notices { get; set; }

        public Model Copy() => new()
        {
            States = new(States), Listings = [.. Listings], Ids = Ids, Disputes = [.. Disputes], Repairs = [.. Repairs],
            Records = Records, Decisions = Decisions, Marks = Marks, Appeals = Appeals, Notices = Notices,
        };

        public RegistryCounts Expected(DateTimeOffset at)
        {
            long Disputed(DisputeState s) => Disputes.Count(d => d.State == s);
            return new(
                States.Count,
                Records,
                Decisions,
                [
                    .. States.Values.GroupBy(s => s).Select(g => new GradeCount(g.Key.Tag, g.Key.Status, g.Key.Grade, g.Count()))
                        .OrderBy(g => g.PolicyTag, StringComparer.Ordinal).ThenBy(g => g.Status).ThenBy(g => g.Grade ?? string.Empty, StringComparer.Ordinal),
                ],
                [
                    .. Listings.Where(l => !l.Ended && (l.Until is null || l.Until > at)).GroupBy(l => (l.Tag, l.List)).Select(g => new ListCount(g.Key.Tag, g.Key.List, g.Count()))
                        .OrderBy(l => l.PolicyTag, StringComparer.Ordinal).ThenBy(l => l.List, StringComparer.Ordinal),
                ],
                new DueProcessCounts(
                    Disputed(DisputeState.Open), Disputed(DisputeState.Verified), Disputed(DisputeState.Corrected), Disputed(DisputeState.Withdrawn), Disputed(DisputeState.ResolvedForSubject),
                    Repairs.Count(r => r.Granted), Repairs.Count(r => !r.Granted), Appeals, Marks, Notices));
        }
    }

    /// <summary>Counts compared by value, their arrays element by element.</summary>
    private sealed class Same : IEqualityComparer<RegistryCounts>
    {
        public static Same Instance { get; } = new();

        public bool Equals(RegistryCounts? x, RegistryCounts? y) =>
            x is not null && y is not null
            && (x.Subjects, x.RecordVersions, x.Decisions, x.DueProcess) == (y.Subjects, y.RecordVersions, y.Decisions, y.DueProcess)
            && x.Grades.SequenceEqual(y.Grades) && x.Lists.SequenceEqual(y.Lists);

        public int GetHashCode(RegistryCounts obj) => 0;
    }
}
