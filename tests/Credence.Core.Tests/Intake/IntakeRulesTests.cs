using Credence.Core.Intake;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Tests.Scoring;

namespace Credence.Core.Tests.Intake;

public class IntakeRulesTests
{
    private static readonly Policy Persons = Sample.Policy();

    private static readonly Policy Organisations = Sample.Policy() with
    {
        Id = "test-organisations",
        Subjects = Core.Identifiers.SubjectKind.Organisation,
        RecordTypes = [Sample.Type("food-safety-violation", Area.Administrative, Matter.FoodSafety, -60, PolicyDuration.FromYears(3))],
    };

    [Fact]
    public void A_record_that_fits_the_catalogue_passes()
    {
        Assert.Null(IntakeRules.Check(Sample.Rec(Sample.Bob, "judgment-defaulter", Sample.T0), Persons));
        Assert.Null(IntakeRules.Check(Sample.Rec(Sample.Bob, "volunteering", Sample.T0, legalBasis: null), Persons));
    }

    [Theory]
    [InlineData("church-attendance", "protected-matter")]
    [InlineData("Political-Speech", "protected-matter")]
    [InlineData("参加宗教活动", "protected-matter")]
    [InlineData("jaywalking", "unknown-record-type")]
    public void Types_outside_the_catalogue_are_refused_and_protected_matters_say_why(string type, string problem)
    {
        var record = Sample.Rec(Sample.Bob, "judgment-defaulter", Sample.T0) with { Type = type };
        var refusal = IntakeRules.Check(record, Persons)!;
        Assert.Equal((problem, "type"), (refusal.Type, refusal.Field));
        if (problem == "protected-matter")
        {
            Assert.Contains("protected", refusal.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_area_must_match_the_type()
    {
        var record = Sample.Rec(Sample.Bob, "judgment-defaulter", Sample.T0) with { Area = Area.Social };
        Assert.Equal("area-mismatch", IntakeRules.Check(record, Persons)!.Type);
    }

    [Fact]
    public void A_negative_record_needs_a_legal_basis_and_a_withdrawal_does_not()
    {
        var record = Sample.Rec(Sample.Bob, "late-utility-fees", Sample.T0, legalBasis: null);
        Assert.Equal(("missing-legal-basis", "legalBasis"), (IntakeRules.Check(record, Persons)!.Type, IntakeRules.Check(record, Persons)!.Field));
        Assert.Null(IntakeRules.Check(Sample.Withdraw(record, Sample.T0), Persons));
        Assert.Equal("protected-matter", IntakeRules.Check(Sample.Withdraw(record with { Type = "trade-union-membership" }, Sample.T0), Persons)!.Type);
    }

    [Fact]
    public void A_record_about_the_wrong_kind_of_subject_is_refused()
    {
        var personRecord = Sample.Rec(Sample.Bob, "judgment-defaulter", Sample.T0);
        Assert.Equal("subject-kind-mismatch", IntakeRules.Check(personRecord, Organisations)!.Type);

        var foodForPerson = personRecord with { Type = "food-safety-violation", Area = Area.Administrative };
        Assert.Equal("subject-kind-mismatch", IntakeRules.Check(foodForPerson, [Persons, Organisations])!.Type);
        Assert.Equal("unknown-record-type", IntakeRules.Check(foodForPerson, [Persons])!.Type);
        Assert.Null(IntakeRules.Check(personRecord, [Organisations, Persons]));
        Assert.Equal("unknown-record-type", IntakeRules.Check(personRecord, [Organisations])!.Type);
    }
}
