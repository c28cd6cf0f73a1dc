using Credence.Core.Intake;
using Credence.Core.Records;
using Credence.Demo;
using Credence.Registry.Access;

namespace Credence.App.Demo.Stories;

/// <summary>
/// The wrong person: the court lists a judgment defaulter under this person's identifier by mistake;
/// the airline and the railway refuse tickets; the person disputes; the court withdraws the record
/// within its deadline, which delists the person and marks both refusals as affected.
/// </summary>
internal sealed class WrongPersonStory(CityPerson person) : DueProcessStory(person)
{
    public override string Name => "wrong person";

    public override void Plan(StoryAgenda agenda, StoryParties parties, Principal subject)
    {
        var registry = parties.Registry;
        var listed = parties.Day.AddDays(-100).AddHours(2);
        var record = new RecordKey(parties.Court.Name, $"CT-DP-{Person.Index:D7}");
        DateTimeOffset disputedAt = default;

        agenda.At(listed, async ct =>
        {
            var line = new RecordLine(Person.Id, "judgment-defaulter", "judicial", Iso(listed.AddDays(-1)), null, null, record.SourceRecordId,
                $"({listed.Year}) Zhi No. DP-{Person.Index}", null, null, null, null);
            Expect(await registry.Intake.SubmitAsync(parties.Court, line, ct), "the court's defaulter record");
        });
        agenda.At(listed.AddDays(5), ct => RefusedAsync(parties, parties.Airline, "air.ticket", ct));
        agenda.At(listed.AddDays(6), ct => RefusedAsync(parties, parties.Railway, "rail.g-train.ticket", ct));
        agenda.At(listed.AddDays(8), async ct =>
        {
            var dispute = Expect(await registry.Disputes.OpenAsync(subject, record.Source, record.SourceRecordId,
                "I have never been a party to this case: the defaulter is someone else", "copy of my identity card and household register", ct), "the dispute");
            disputedAt = dispute.OpenedAt;
        });
        agenda.At(listed.AddDays(11), async ct =>
        {
            // The court reads its open disputes, finds the mix-up and withdraws the record with its reason.
            var open = Expect(await registry.Disputes.ListForSourceAsync(parties.Court, closed: false, limit: 100, ct), "the court's dispute list");
            var dispute = open.Single(d => d.Record == record);
            var answered = Expect(await registry.Disputes.AnswerAsync(parties.Court, dispute.Id, "withdraw",
                "identifier mix-up: the judgment debtor is another person; the record was entered under the wrong identity number", null, ct), "the court's withdrawal");
            Check(answered.ClosedAt < answered.DueAt, "the withdrawal within the deadline");
            Told = $"listed as a court defaulter on {Date(listed)} under a mistyped number, refused a flight and a G-train ticket, disputed on {Date(disputedAt)}; "
                + $"the court withdrew the record on {Date(answered.ClosedAt!.Value)} (deadline {Date(answered.DueAt)}): delisted, both refusals marked affected";
        });
    }

    private async Task RefusedAsync(StoryParties parties, Principal relyingParty, string measure, CancellationToken cancellationToken)
    {
        var decision = Expect(await parties.Registry.Decisions.DecideAsync(relyingParty, Person.Id, measure, cancellationToken), $"the {measure} decision");
        Check(!decision.Allowed, $"{relyingParty.Name} refused {measure}");
    }
}
