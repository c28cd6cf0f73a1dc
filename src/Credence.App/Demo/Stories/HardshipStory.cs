using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Demo;
using Credence.Registry;
using Credence.Registry.Access;

namespace Credence.App.Demo.Stories;

/// <summary>
/// Hardship: utility arrears during an illness lower the grade; the arrears are paid; a repair
/// applied for too early is refused with the date the minimum period is served, and granted when
/// the person applies again on that date.
/// </summary>
internal sealed class HardshipStory(CityPerson person) : DueProcessStory(person)
{
    public override string Name => "hardship repair";

    public override void Plan(StoryAgenda agenda, StoryParties parties, Principal subject)
    {
        var registry = parties.Registry;
        var ill = parties.Day.AddDays(-330).AddHours(2);
        var first = new RecordKey(parties.Utilities.Name, $"UT-DP-{Person.Index:D7}-1");
        int[] days = [0, 14, 30];
        for (int i = 0; i < days.Length; i++)
        {
            var at = ill.AddDays(days[i]);
            var id = $"UT-DP-{Person.Index:D7}-{i + 1}";
            agenda.At(at, ct => SubmitAsync(parties, new RecordLine(Person.Id, "late-utility-fees", "social", Iso(at.AddDays(-1)), null, null, id,
                $"Supply contract DP-{Person.Index}, arrears notice {at.Year}-{i + 1:D4}", null, null, null, null), ct));
        }

        var paid = ill.AddDays(60);
        agenda.At(paid, ct => SubmitAsync(parties, new RecordLine(Person.Id, "utility-arrears-paid", "social", Iso(paid.AddDays(-1)), null, null, $"UT-DP-{Person.Index:D7}-P",
            $"Supply contract DP-{Person.Index}, arrears settled {Date(paid.AddDays(-1))}", null, null, null, null), ct));
        agenda.At(ill.AddDays(70), async ct =>
        {
            var refused = await registry.Repairs.ApplyAsync(subject, first.Source, first.SourceRecordId, ct);
            Check(!refused.IsOk && refused.Problem.Type == ProblemTypes.RepairRefused && refused.Problem.Refusals.All(r => r.MetAt is not null),
                "a repair refused for a period not yet served, with the date it is");
            var opens = refused.Problem!.Refusals.Max(r => r.MetAt!.Value);
            var refusedAt = registry.Clock.GetUtcNow();

            // The person applies again on the date the refusal named.
            agenda.At(opens, async ct2 =>
            {
                var granted = Expect(await registry.Repairs.ApplyAsync(subject, first.Source, first.SourceRecordId, ct2), "the second repair application");
                Check(granted.Granted, "the repair granted");
                Told = $"utility arrears from {Date(ill)} while ill, paid on {Date(paid)}; repair refused on {Date(refusedAt)} "
                    + $"(minimum period served on {Date(opens)}), granted on {Date(granted.AppliedAt)}";
            });
        });
    }

    private async Task SubmitAsync(StoryParties parties, RecordLine line, CancellationToken cancellationToken) =>
        Expect(await parties.Registry.Intake.SubmitAsync(parties.Utilities, line, cancellationToken), $"the utility's record {line.SourceRecordId}");
}
