using System.Text.RegularExpressions;
using Credence.Core.DueProcess;
using Credence.Registry;
using Credence.Registry.Access;
using Credence.Registry.Subjects;

namespace Credence.App.Tests;

/// <summary>The demo city's due-process stories, checked in the database it leaves, through the registry's use cases.</summary>
[Collection("console")]
public partial class DemoStoriesTests
{
    [Fact]
    public async Task The_demo_city_tells_the_wrong_person_silence_and_hardship_stories_and_its_ledger_stays_consistent()
    {
        var db = Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db");
        var (exit, output, error) = Cli.Run("demo", "--persons", "300", "--db", db, "--no-serve");
        Assert.True(exit == 0, error);
        Assert.Matches(@"due process: 2 disputes opened \(1 withdrawn or corrected by the source, 1 resolved for the subject at the deadline, 0 verified, 0 open\), repairs 1 granted / 1 refused, 2 decisions marked affected, [\d,]+ notices sent", output);
        Assert.Contains("curl -H \"Authorization: Bearer KEY\" http://127.0.0.1:5080/v1/me/notices", output, StringComparison.Ordinal);
        var stories = StoryLine().Matches(output).ToDictionary(m => m.Groups["story"].Value, m => (Name: m.Groups["name"].Value, Told: m.Groups["told"].Value));
        Assert.Equal(["hardship repair", "silence", "wrong person"], stories.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(stories.Values, s => s.Told.Contains("not told", StringComparison.Ordinal));

        await using (var registry = CredenceRegistry.Open(db, new FixedClock(Cli.Now)))
        {
            async Task<Principal> Named(string name) => await registry.Store.ReadAsync(r => r.FindPrincipal(name)) ?? throw new InvalidOperationException(name);
            async Task<SubjectFileView> File(string story) => (await registry.Subjects.ReadOwnAsync(await Named(stories[story].Name))).GetValueOrThrow();
            static NoticeKind[] Kinds(SubjectFileView f) => [.. f.LatestNotices.Reverse().Select(n => n.Kind)];

            // Wrong person: listed, refused twice, disputed, withdrawn by the court in time; delisted and both refusals marked.
            var wrong = await File("wrong person");
            var withdrawn = Assert.Single(wrong.Disputes);
            Assert.Equal(("court", DisputeState.Withdrawn), (withdrawn.Source, withdrawn.State));
            Assert.True(withdrawn.ClosedAt < withdrawn.DueAt);
            Assert.Equal(["civil-aviation-ticketing", "railway-ticketing"], wrong.AffectedDecisions.Select(m => m.RelyingParty).Order(StringComparer.Ordinal));
            Assert.All(wrong.AffectedDecisions, m => Assert.True(m.CorrectedAllowed));
            Assert.Equal((1000, 0), (wrong.Assessment!.Score, wrong.Assessment.Listings.Length));
            Assert.Equal(
                [NoticeKind.Listed, NoticeKind.AdverseDecision, NoticeKind.AdverseDecision, NoticeKind.DisputeOpened, NoticeKind.DisputeAnswered, NoticeKind.Delisted, NoticeKind.DecisionAffected, NoticeKind.DecisionAffected],
                Kinds(wrong));
            Assert.True((await registry.Decisions.DecideAsync(await Named("civil-aviation-ticketing"), wrong.Subject.Value, "air.ticket")).GetValueOrThrow().Allowed);

            // Silence: the tax bureau never answered; resolved for the subject exactly at the deadline.
            var silence = await File("silence");
            var resolved = Assert.Single(silence.Disputes);
            Assert.Equal(("tax-bureau", DisputeState.ResolvedForSubject, resolved.DueAt), (resolved.Source, resolved.State, resolved.ClosedAt!.Value));
            Assert.Equal([NoticeKind.DisputeOpened, NoticeKind.DisputeResolvedForSubject], Kinds(silence));
            Assert.Equal(1000, silence.Assessment!.Score);

            // Hardship: refused before the minimum period with its date, granted on that date; the grade is back to A.
            var hardship = await File("hardship repair");
            Assert.Equal([false, true], hardship.Repairs.Select(r => r.Granted));
            var unmet = Assert.Single(hardship.Repairs[0].Assessment.Unmet);
            Assert.Equal(("minimum-period-not-served", hardship.Repairs[1].AppliedAt), (unmet.Code, unmet.MetAt!.Value));
            Assert.Equal([NoticeKind.RepairRefused, NoticeKind.RepairGranted], Kinds(hardship));
            Assert.Equal(("A", 960), (hardship.Assessment!.Grade, hardship.Assessment.Score!.Value));
        }

        var (verified, report, verifyError) = Cli.Run("verify", "--db", db);
        Assert.True(verified == 0, report + verifyError);
        Assert.Contains("consistent", report, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_seed_casts_the_same_persons_in_the_stories()
    {
        static string Cast(string seed)
        {
            var db = Path.Combine(Path.GetTempPath(), $"credence-demo-{Guid.NewGuid():N}.db");
            var (exit, output, error) = Cli.Run("demo", "--persons", "60", "--seed", seed, "--db", db, "--no-serve");
            Assert.True(exit == 0, error);
            return string.Join('\n', StoryLine().Matches(output).Select(m => m.Groups["name"].Value + " " + m.Groups["subject"].Value + " " + m.Groups["told"].Value));
        }

        var first = Cast("5");
        Assert.Equal(first, Cast("5"));
        Assert.NotEqual(first, Cast("6"));
    }

    [GeneratedRegex(@"\n  subject +(?<name>subject-\d+) +cred_\S+  \((?<subject>\d{17}[\dX]), (?<story>[a-z ]+): (?<told>[^\n]*)\)")]
    private static partial Regex StoryLine();
}
