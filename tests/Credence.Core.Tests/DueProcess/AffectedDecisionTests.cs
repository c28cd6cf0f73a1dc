using Credence.Core.DueProcess;
using Credence.Core.Records;
using static Credence.Core.Tests.DueProcess.Fixture;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.DueProcess;

public class AffectedDecisionTests
{
    private static readonly Record Defaulter = Rec(Alice, "judgment-defaulter", T0, id: "wrong-id");

    private static readonly SubjectFile Before = SubjectFile.Create(Alice, [Defaulter]);

    private static PastDecision Decision(string id, DateTimeOffset at, bool allowed, string capability = "air.ticket", string version = "test-persons@1") =>
        new(id, Alice, capability, "airline-x", at, allowed, version);

    [Fact]
    public void A_denial_while_a_withdrawn_record_listed_the_subject_is_affected()
    {
        var after = SubjectFile.Create(Alice, [Defaulter, Version(Defaulter, RecordAction.Withdrawn, T0.AddDays(20), "wrong person")]);
        var affected = Assert.Single(AffectedDecisions.Find(Compiled, Before, after, [Decision("q1", T0.AddDays(10), false)]));
        Assert.Equal("airline-x", affected.RelyingParty);
        Assert.True(affected.Corrected.Allowed);
        Assert.Equal([Defaulter.Key], affected.WrongRecords.ToArray());
    }

    [Fact]
    public void Decisions_the_record_did_not_change_are_not_affected()
    {
        var after = SubjectFile.Create(Alice, [Defaulter, Version(Defaulter, RecordAction.Withdrawn, T0.AddDays(20), "wrong person")]);
        var decisions = new[]
        {
            Decision("before-record", T0.AddDays(-1), true),
            Decision("other-capability", T0.AddDays(10), false, "deposit-free-rental"),
            Decision("unknown-capability", T0.AddDays(10), false, "space.flight"),
        };
        Assert.Empty(AffectedDecisions.Find(Compiled, Before, after, decisions));
    }

    [Fact]
    public void Decisions_under_another_policy_version_or_about_another_subject_are_left_alone()
    {
        var after = SubjectFile.Create(Alice, [Defaulter, Version(Defaulter, RecordAction.Withdrawn, T0.AddDays(20), "wrong person")]);
        var other = Decision("q1", T0.AddDays(10), false, version: "test-persons@0");
        var bob = Decision("q2", T0.AddDays(10), false) with { Subject = Bob };
        Assert.Empty(AffectedDecisions.Find(Compiled, Before, after, [other, bob]));
    }

    [Fact]
    public void A_correction_redecides_with_the_corrected_facts_from_the_start()
    {
        var corrected = Version(Defaulter, RecordAction.Corrected, T0.AddDays(20), "was a contract breach, not a defaulter") with { Type = "loan-contract-default", Area = Area.Commercial };
        var after = SubjectFile.Create(Alice, [Defaulter, corrected]);
        var affected = Assert.Single(AffectedDecisions.Find(Compiled, Before, after, [Decision("q1", T0.AddDays(10), false)]));
        Assert.True(affected.Corrected.Allowed);
    }

    [Fact]
    public void Without_a_withdrawal_or_correction_nothing_is_affected()
    {
        Assert.Empty(AffectedDecisions.ChangedRecords(Before, Before));
        Assert.Empty(AffectedDecisions.Find(Compiled, Before, Before, [Decision("q1", T0.AddDays(10), false)]));
    }

    [Fact]
    public void Files_of_two_subjects_are_refused()
    {
        var bob = SubjectFile.Create(Bob, []);
        Assert.Throws<ArgumentException>(() => AffectedDecisions.Find(Compiled, Before, bob, []));
    }
}
