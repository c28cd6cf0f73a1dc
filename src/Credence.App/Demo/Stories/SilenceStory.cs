using Credence.Core.DueProcess;
using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Demo;
using Credence.Registry.Access;

namespace Credence.App.Demo.Stories;

/// <summary>
/// Silence: the tax bureau reports a tax evasion; the person disputes it; the bureau never answers,
/// and the scheduler resolves the dispute for the person exactly at its deadline.
/// </summary>
internal sealed class SilenceStory(CityPerson person) : DueProcessStory(person)
{
    public override string Name => "silence";

    public override void Plan(StoryAgenda agenda, StoryParties parties, Principal subject)
    {
        var registry = parties.Registry;
        var reported = parties.Day.AddDays(-200).AddHours(2);
        var record = new RecordKey(parties.TaxBureau.Name, $"TX-DP-{Person.Index:D7}");

        agenda.At(reported, async ct =>
        {
            var line = new RecordLine(Person.Id, "tax-evasion", "administrative", Iso(reported.AddDays(-30)), null, null, record.SourceRecordId,
                $"Shui Ji Fa [{reported.Year}] No. DP-{Person.Index}", 120_000m, null, null, null);
            Expect(await registry.Intake.SubmitAsync(parties.TaxBureau, line, ct), "the tax bureau's record");
        });
        agenda.At(reported.AddDays(20), async ct =>
        {
            var dispute = Expect(await registry.Disputes.OpenAsync(subject, record.Source, record.SourceRecordId,
                "the company named in the decision was never mine: I was never its legal representative", "extract from the business registry", ct), "the dispute");

            // The bureau never answers: at the deadline the scheduler (run by the agenda) resolves it; the person then reads its disputes.
            agenda.At(dispute.DueAt, async ct2 =>
            {
                var own = Expect(await registry.Disputes.ListOwnAsync(subject, ct2), "the person's dispute list");
                var resolved = own.Single(d => d.Id == dispute.Id);
                Check(resolved.State == DisputeState.ResolvedForSubject && resolved.ClosedAt == dispute.DueAt, "the dispute resolved for the subject at its deadline");
                Told = $"disputed a tax-evasion record on {Date(dispute.OpenedAt)}; the tax bureau never answered, so the dispute was resolved for the subject at its deadline, {Date(dispute.DueAt)}";
            });
        });
    }
}
