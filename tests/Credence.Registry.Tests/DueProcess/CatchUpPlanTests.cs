using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Scoring;
using Credence.Registry.DueProcess;
using Credence.Registry.Storage;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>
/// The scheduler plans the catch-up of a subject without disputes off the writer's thread
/// (<see cref="DueTransitions.Plan"/>) and the writer applies it: it must store exactly what acting on
/// the transitions one instant at a time (<see cref="DueTransitions.Act"/>) stores, notice for notice
/// and listing for listing, whatever mix of terms, effects and windows fell due.
/// </summary>
public class CatchUpPlanTests
{
    private static readonly DateTimeOffset[] Restarts =
    [
        new(2026, 6, 2, 0, 0, 0, TimeSpan.Zero),
        new(2026, 6, 10, 0, 0, 0, TimeSpan.Zero),
        new(2026, 7, 15, 9, 30, 0, TimeSpan.Zero),
        new(2027, 9, 1, 0, 0, 0, TimeSpan.Zero),
        new(2029, 1, 1, 0, 0, 0, TimeSpan.Zero),
    ];

    public static TheoryData<int> Cases() => [.. Enumerable.Range(0, Restarts.Length)];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_planned_catch_up_stores_what_acting_instant_by_instant_stores(int restart)
    {
        await using var acted = await CityAsync();
        await using var planned = await CityAsync();
        foreach (var t in new[] { acted, planned })
        {
            await t.ReopenAsync(Restarts[restart]);
        }

        foreach (var subject in new[] { Ids.Alice, Ids.Bob, Ids.Carol })
        {
            var id = SubjectIdentifiers.Parse(subject, DateOnly.FromDateTime(Restarts[restart].UtcDateTime));
            var policy = (await acted.Registry.Policies.ActiveAtAsync(id.Kind, Restarts[restart]))!;
            await acted.Registry.Store.WriteAsync(w =>
            {
                var state = w.FindSubjectState(subject)!;
                return DueTransitions.Act(w, id, policy, state.EvaluatedAt, w.Now).Records.Count;
            });
            var steps = await planned.Registry.Store.WriteAsync(w =>
            {
                var state = w.FindSubjectState(subject)!;
                Assert.True(DueTransitions.CanPlan(policy, w.SubjectDisputes(subject)));
                var records = w.SubjectRecords(id);
                var facts = SubjectFacts.Compile(policy.Compiled, SubjectFiles.Create(id, records, SubjectFiles.Flags(w, id)));
                var plan = DueTransitions.Plan(id, policy, records, facts, w.SubjectListings(subject, openOnly: true), state.EvaluatedAt, w.Now);
                DueTransitions.Apply(w, id, policy, facts, plan);
                return plan.Count;
            });

            Assert.Equal(await StoredAsync(acted, subject), await StoredAsync(planned, subject));
            if (restart == Restarts.Length - 1)
            {
                Assert.True(steps > 0, $"by {Restarts[restart]:u} something fell due for {subject}");
            }
        }
    }

    /// <summary>A subject's notices and listings as stored, without their row ids.</summary>
    private static async Task<string> StoredAsync(TestRegistry t, string subject)
    {
        var notices = await t.Registry.Store.ReadAsync(r => r.SubjectNotices(subject, 500));
        var listings = await t.Registry.Store.ReadAsync(r => r.SubjectListings(subject, openOnly: false));
        return string.Join('\n', notices.OrderBy(n => n.At).ThenBy(n => n.Id).Select(n => $"{n.At:O} {n.Kind} {n.Title} {string.Join('|', n.Reasons.Select(x => x.Text))} {n.About}")
            .Concat(listings.OrderBy(l => l.Id).Select(l => $"{l.List} {l.PolicyTag} {l.Since:O} {l.Until:O} {l.EndedAt:O}")));
    }

    /// <summary>Three subjects whose terms, effects and windows end over the following years.</summary>
    private static async Task<TestRegistry> CityAsync()
    {
        var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        var city = await t.SourceAsync("city", "heroic-act");
        var water = await t.SourceAsync("water-co", "late-utility-fees");
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Carol, "Z-2", "2024-06-10T00:00:00Z"))).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-3", "2025-11-03T00:00:00Z"))).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(city, new RecordLine(Ids.Alice, "heroic-act", "social", "2026-05-01T00:00:00Z", null, null, "H-1", null, null, null, null, null))).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(water, new RecordLine(Ids.Alice, "late-utility-fees", "social", "2025-06-20T00:00:00Z", null, null, "W-1", "bill W-1", null, null, null, null))).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(city, new RecordLine(Ids.Bob, "heroic-act", "social", "2026-03-01T00:00:00Z", null, null, "H-2", null, null, null, null, null))).GetValueOrThrow();
        return t;
    }
}
