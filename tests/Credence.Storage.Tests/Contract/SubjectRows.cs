using System.Security.Cryptography;
using Credence.Core.DueProcess;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;
using Credence.Registry.Access;
using Credence.Registry.Consent;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Sharing;
using Credence.Storage.Tests.Fixture;

namespace Credence.Storage.Tests.Contract;

/// <summary>
/// What the store keeps of one subject or principal, read back exactly: notices with their keyset
/// paging, consent at an instant, shares, state and listings, decisions and their marks, repairs,
/// appeals, disputes and case steps; principals, keys, policies and activations.
/// </summary>
public abstract class SubjectRows(StoreKind kind) : StoreContract(kind)
{
    [Fact]
    public async Task Notices_come_newest_first_ties_by_id_and_page_after_a_notice_of_the_subjects()
    {
        var ids = new List<(long Id, DateTimeOffset At)>();
        long otherId = 0;
        await WriteAsync(w =>
        {
            // Written out of instant order, several at one instant.
            foreach (var hours in new[] { 5, 1, 3, 3, 9, 3, 0, 1 })
            {
                var at = Start.AddHours(hours);
                ids.Add((w.InsertNotice(Rows.Notice(Ids.Bob, at, "n" + ids.Count)), at));
            }

            otherId = w.InsertNotice(Rows.Notice(Ids.Alice, Start.AddHours(4), "alice's"));
        });

        var expected = ids.OrderByDescending(n => n.At).ThenByDescending(n => n.Id).Select(n => n.Id).ToList();
        var seen = (await Paging.AllAsync(long.MaxValue, before => ReadAsync(r => r.SubjectNotices(Ids.Bob, 3, before)), n => n.Id, 3)).Select(n => n.Id).ToList();

        Assert.Equal(expected, seen);
        Assert.Equal(expected.Take(2), (await ReadAsync(r => r.SubjectNotices(Ids.Bob, 2))).Select(n => n.Id));
        Assert.Empty(await ReadAsync(r => r.SubjectNotices(Ids.Bob, 10, otherId)));
        Assert.Empty(await ReadAsync(r => r.SubjectNotices(Ids.Bob, 10, expected.Max() + 1000)));
        Assert.Equal(8, await ReadAsync(r => r.SubjectNoticeCount(Ids.Bob)));
        Assert.Equal(0, await ReadAsync(r => r.SubjectNoticeCount(Ids.Acme)));

        var first = (await ReadAsync(r => r.SubjectNotices(Ids.Alice, 1)))[0];
        var written = Rows.Notice(Ids.Alice, Start.AddHours(4), "alice's");
        Assert.Equal((otherId, written.Subject, written.At, written.Kind, written.PolicyVersion, written.Title, written.About), (first.Id, first.Subject, first.At, first.Kind, first.PolicyVersion, first.Title, first.About));
        Assert.Equal(written.Reasons.ToArray(), first.Reasons.ToArray());
        Assert.Equal(written.NextSteps.ToArray(), first.NextSteps.ToArray());
    }

    [Fact]
    public async Task Consent_at_an_instant_is_the_latest_change_at_or_before_it_ties_by_order_written()
    {
        await WriteAsync(w =>
        {
            w.InsertConsent(new ConsentChange(0, Ids.Bob, true, Start.AddDays(-10), "subject"));
            w.InsertConsent(new ConsentChange(0, Ids.Bob, false, Start.AddDays(1), "subject"));
            w.InsertConsent(new ConsentChange(0, Ids.Bob, false, Start.AddDays(-5), "subject"));
            w.InsertConsent(new ConsentChange(0, Ids.Bob, true, Start.AddDays(-5), "operator"));
            w.InsertConsent(new ConsentChange(0, Ids.Alice, true, Start.AddDays(-20), "subject"));
        });

        Assert.False(await ReadAsync(r => r.ConsentAt(Ids.Bob, Start.AddDays(-10).AddTicks(-1))));
        Assert.True(await ReadAsync(r => r.ConsentAt(Ids.Bob, Start.AddDays(-10))));
        Assert.True(await ReadAsync(r => r.ConsentAt(Ids.Bob, Start.AddDays(-5))));
        Assert.True(await ReadAsync(r => r.ConsentAt(Ids.Bob, Start)));
        Assert.True(await ReadAsync(r => r.ConsentAt(Ids.Bob, Start.AddDays(1).AddTicks(-1))));
        Assert.False(await ReadAsync(r => r.ConsentAt(Ids.Bob, Start.AddDays(1))));
        Assert.False(await ReadAsync(r => r.ConsentAt(Ids.Acme, Start)));
        Assert.True(await ReadAsync(r => r.ConsentAt(Ids.Alice, Start.AddDays(5))));

        var history = await ReadAsync(r => r.ConsentHistory(Ids.Bob));
        Assert.Equal([(true, -10, "subject"), (false, -5, "subject"), (true, -5, "operator"), (false, 1, "subject")], history.Select(c => (c.Given, (int)(c.At - Start).TotalDays, c.By)));
        Assert.Equal(history.Select(c => c.Id).Order(), history.Where(c => c.At.Day == Start.AddDays(-5).Day).Select(c => c.Id).Concat(history.Where(c => c.At.Day != Start.AddDays(-5).Day).Select(c => c.Id)).Order());
    }

    [Fact]
    public async Task Shares_are_found_by_id_and_exact_code_revoked_once_and_count_their_uses()
    {
        var code = SHA256.HashData("code-1"u8);
        var near = (byte[])code.Clone();
        near[^1] ^= 1;
        var share = new Share(0, Ids.Bob, "railway", "ticket sales", Start, Start.AddDays(7), null, 0, null);
        var (first, second) = await WriteAsync(w => (w.InsertShare(share, code), w.InsertShare(share with { RelyingParty = null, Purpose = null }, SHA256.HashData("code-2"u8))));
        Assert.True(second > first);

        Assert.Equal(share with { Id = first }, await ReadAsync(r => r.FindShare(first)));
        Assert.Equal(share with { Id = first }, await ReadAsync(r => r.FindShareByCode(code)));
        Assert.Null(await ReadAsync(r => r.FindShareByCode(near)));
        Assert.Null(await ReadAsync(r => r.FindShareByCode(code[..^1])));
        Assert.Null(await ReadAsync(r => r.FindShare(second + 1)));
        Assert.Equal([first, second], (await ReadAsync(r => r.SubjectShares(Ids.Bob))).Select(s => s.Id));
        Assert.Empty(await ReadAsync(r => r.SubjectShares(Ids.Alice)));

        await WriteAsync(w =>
        {
            w.ShareUsed(first, Start.AddHours(1));
            w.ShareUsed(first, Start.AddHours(2));
        });
        Assert.True(await WriteAsync(w => w.RevokeShare(first, Start.AddHours(3))));
        Assert.False(await WriteAsync(w => w.RevokeShare(first, Start.AddHours(4))));
        Assert.False(await WriteAsync(w => w.RevokeShare(second + 1, Start)));
        Assert.Equal(share with { Id = first, Uses = 2, LastUsedAt = Start.AddHours(2), RevokedAt = Start.AddHours(3) }, await ReadAsync(r => r.FindShare(first)));
        Assert.Null((await ReadAsync(r => r.FindShare(second)))!.RevokedAt);
    }

    [Fact]
    public async Task A_subjects_state_reads_back_exactly_and_its_listings_keep_their_history()
    {
        var state = Rows.State(Ids.Bob, Start.AddDays(30).AddTicks(3), grade: "C", lists: ["court-defaulters", "aa-redlist"]) with { EvaluatedAt = Start.AddTicks(7) };
        await WriteAsync(w => w.SaveSubjectState(state));
        var back = (await ReadAsync(r => r.FindSubjectState(Ids.Bob)))!;
        Assert.Equal((state.Subject, state.Kind, state.PolicyTag, state.Status, state.Score, state.Grade, state.EvaluatedAt, state.ReviewAt), (back.Subject, back.Kind, back.PolicyTag, back.Status, back.Score, back.Grade, back.EvaluatedAt, back.ReviewAt));
        Assert.Equal(["court-defaulters", "aa-redlist"], back.Lists.ToArray());
        Assert.Null(await ReadAsync(r => r.FindSubjectState(Ids.Alice)));

        var unscored = Rows.State(Ids.Bob, Start, status: ScoreStatus.UnderAge, grade: null);
        await WriteAsync(w => w.SaveSubjectState(unscored));
        back = (await ReadAsync(r => r.FindSubjectState(Ids.Bob)))!;
        Assert.Equal((ScoreStatus.UnderAge, (int?)null, (string?)null, 0), (back.Status, back.Score, back.Grade, back.Lists.Length));

        var (a, b, c) = await WriteAsync(w => (
            w.OpenListing(Rows.Listing(Ids.Bob, "court-defaulters", "t@1", Start.AddDays(-3), Start.AddYears(2))),
            w.OpenListing(Rows.Listing(Ids.Bob, "aa-redlist", "t@1", null)),
            w.OpenListing(Rows.Listing(Ids.Alice, "court-defaulters", "t@1", Start))));
        await WriteAsync(w => w.EndListing(a, Start.AddTicks(5)));
        Assert.Equal([b], (await ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: true))).Select(l => l.Id));
        var all = await ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: false));
        Assert.Equal(
            [
                new Registry.Storage.ListingRow(a, Ids.Bob, "court-defaulters", "t@1", true, Start.AddDays(-3), Start.AddYears(2), Start.AddTicks(5)),
                new Registry.Storage.ListingRow(b, Ids.Bob, "aa-redlist", "t@1", true, null, null, null),
            ],
            all);
        Assert.Equal([c], (await ReadAsync(r => r.SubjectListings(Ids.Alice, openOnly: false))).Select(l => l.Id));
    }

    [Fact]
    public async Task Decisions_read_back_whole_newest_first_and_their_marks_once()
    {
        var at = Start.AddTicks(123);
        var decisions = new[]
        {
            ReadModels.Decision(Ids.Bob, at, Guid.CreateVersion7(Start.AddDays(-1))),
            ReadModels.Decision(Ids.Bob, at.AddHours(2), Guid.CreateVersion7(Start.AddDays(-2))),
            ReadModels.Decision(Ids.Bob, at, Guid.CreateVersion7(Start.AddDays(-3))),
            ReadModels.Decision(Ids.Alice, at.AddHours(5), Guid.CreateVersion7(Start), "airline"),
        };
        await WriteAsync(w => Array.ForEach(decisions, w.InsertDecision));

        var found = (await ReadAsync(r => r.FindDecision(decisions[0].Id)))!;
        Assert.Equal((decisions[0].Id, decisions[0].Subject, decisions[0].PrincipalId, decisions[0].RelyingParty, decisions[0].Purpose, decisions[0].Measure, decisions[0].Capability, decisions[0].Answer, decisions[0].PolicyVersion, decisions[0].DecidedAt),
            (found.Id, found.Subject, found.PrincipalId, found.RelyingParty, found.Purpose, found.Measure, found.Capability, found.Answer, found.PolicyVersion, found.DecidedAt));
        Assert.Equal(decisions[0].Reasons.Select(r => (r.Code, r.Text, string.Join(' ', r.Records))), found.Reasons.Select(r => (r.Code, r.Text, string.Join(' ', r.Records))));
        Assert.Equal(decisions[0].Measures.ToArray(), found.Measures.ToArray());
        Assert.Equal(decisions[0].Forward.ToArray(), found.Forward.ToArray());
        Assert.Null(await ReadAsync(r => r.FindDecision(Guid.CreateVersion7(Start))));

        var bob = decisions.Take(3).OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.Id.ToString("D"), StringComparer.Ordinal).Select(d => d.Id).ToList();
        Assert.Equal(bob, (await ReadAsync(r => r.SubjectDecisions(Ids.Bob, 10))).Select(d => d.Id));
        Assert.Equal(bob.Take(2), (await ReadAsync(r => r.SubjectDecisions(Ids.Bob, 2))).Select(d => d.Id));

        var marks = new[]
        {
            new DecisionMark(decisions[1].Id, Ids.Bob, Start.AddDays(2), "withdrawn", "railway", true, ["court/R-1"]),
            new DecisionMark(decisions[0].Id, Ids.Bob, Start.AddDays(1), "corrected", "railway", false, ["court/R-1", "court/R-2"]),
            new DecisionMark(decisions[3].Id, Ids.Alice, Start.AddDays(1), "withdrawn", "airline", true, ["court/R-3"]),
        };
        Assert.Equal(new[] { true, true, true }, await WriteAsync(w => marks.Select(w.InsertDecisionMark).ToArray()));
        Assert.False(await WriteAsync(w => w.InsertDecisionMark(marks[0] with { Cause = "again" })));

        var back = (await ReadAsync(r => r.FindDecisionMark(decisions[0].Id)))!;
        Assert.Equal((marks[1].Subject, marks[1].MarkedAt, marks[1].Cause, marks[1].RelyingParty, marks[1].CorrectedAllowed), (back.Subject, back.MarkedAt, back.Cause, back.RelyingParty, back.CorrectedAllowed));
        Assert.Equal(["court/R-1", "court/R-2"], back.WrongRecords.ToArray());
        Assert.Equal("withdrawn", (await ReadAsync(r => r.FindDecisionMark(decisions[1].Id)))!.Cause);
        Assert.Equal([decisions[0].Id, decisions[1].Id], (await ReadAsync(r => r.SubjectDecisionMarks(Ids.Bob))).Select(m => m.DecisionId));
        Assert.Equal([decisions[0].Id, decisions[1].Id], (await ReadAsync(r => r.RelyingPartyMarks("railway", Start, 10))).Select(m => m.DecisionId));
        Assert.Equal([decisions[1].Id], (await ReadAsync(r => r.RelyingPartyMarks("railway", Start.AddDays(1), 10))).Select(m => m.DecisionId));
        Assert.Equal([decisions[0].Id], (await ReadAsync(r => r.RelyingPartyMarks("railway", Start, 1))).Select(m => m.DecisionId));
        Assert.Empty(await ReadAsync(r => r.RelyingPartyMarks("railway", Start.AddDays(2), 10)));
    }

    [Fact]
    public async Task Repairs_appeals_disputes_and_case_steps_of_a_subject_read_back_in_their_order()
    {
        var granted = Rows.Repair("r-2", Ids.Bob, Start.AddDays(1), Start.AddDays(1));
        var refused = Rows.Repair("r-1", Ids.Bob, Start.AddDays(1), null);
        var earlier = Rows.Repair("r-3", Ids.Bob, Start, null);
        await WriteAsync(w =>
        {
            w.InsertRepair(granted);
            w.InsertRepair(refused);
            w.InsertRepair(earlier);
            w.InsertRepair(Rows.Repair("r-4", Ids.Alice, Start, Start));
        });

        Assert.Equal(["r-3", "r-1", "r-2"], (await ReadAsync(r => r.SubjectRepairs(Ids.Bob))).Select(r => r.Id));
        var back = (await ReadAsync(r => r.FindRepair("r-1")))!;
        Assert.Equal((refused.Subject, refused.AppliedAt, refused.EffectiveAt, refused.Record), (back.Subject, back.AppliedAt, back.EffectiveAt, back.Record));
        Assert.Equal((refused.Assessment.Type, refused.Assessment.At, refused.Assessment.PolicyVersion, refused.Assessment.OpensAt, refused.Assessment.FulfilledBy), (back.Assessment.Type, back.Assessment.At, back.Assessment.PolicyVersion, back.Assessment.OpensAt, back.Assessment.FulfilledBy));
        Assert.Equal(refused.Assessment.NeedsOneOf.ToArray(), back.Assessment.NeedsOneOf.ToArray());
        Assert.Equal(refused.Assessment.Unmet.ToArray(), back.Assessment.Unmet.ToArray());
        Assert.Equal([granted.Repair!], await ReadAsync(r => r.GrantedRepairs(Ids.Bob)));

        Assert.True(await WriteAsync(w => w.GrantRepair("r-1", Start.AddDays(9))));
        Assert.False(await WriteAsync(w => w.GrantRepair("r-1", Start.AddDays(10))));
        Assert.False(await WriteAsync(w => w.GrantRepair("r-9", Start.AddDays(10))));
        Assert.Equal(Start.AddDays(9), (await ReadAsync(r => r.FindRepair("r-1")))!.EffectiveAt);
        Assert.Equal(2, (await ReadAsync(r => r.GrantedRepairs(Ids.Bob))).Count);

        await WriteAsync(w =>
        {
            w.InsertAppeal(Rows.Appeal("a-2", "r-3", Ids.Bob, Start.AddDays(2)));
            w.InsertAppeal(Rows.Appeal("a-1", "r-1", Ids.Bob, Start.AddDays(2)));
        });
        Assert.Equal(["a-1", "a-2"], (await ReadAsync(r => r.SubjectAppeals(Ids.Bob))).Select(a => a.Id));
        await WriteAsync(w => w.UpdateAppeal(Rows.Appeal("a-2", "r-3", Ids.Bob, Start.AddDays(2), AppealState.Upheld)));
        Assert.Equal(Rows.Appeal("a-2", "r-3", Ids.Bob, Start.AddDays(2), AppealState.Upheld), await ReadAsync(r => r.FindAppeal("a-2")));
        Assert.Equal("a-1", (await ReadAsync(r => r.AppealOfRepair("r-1")))!.Id);
        Assert.Null(await ReadAsync(r => r.AppealOfRepair("r-2")));

        var open = Rows.Dispute("d-2", Ids.Bob, "court", Start, Start.AddDays(30));
        await WriteAsync(w =>
        {
            w.InsertDispute(open);
            w.InsertDispute(Rows.Dispute("d-1", Ids.Bob, "court", Start, Start.AddDays(30)));
            w.InsertDispute(Rows.Dispute("d-0", Ids.Bob, "court", Start.AddTicks(1), Start.AddDays(30)));
        });
        Assert.Equal(["d-1", "d-2", "d-0"], (await ReadAsync(r => r.SubjectDisputes(Ids.Bob))).Select(d => d.Id));
        Assert.Empty(await ReadAsync(r => r.SubjectDisputes(Ids.Alice)));

        // The subject's file rows read together are the three reads one by one, on a reader and in a unit of work.
        await WriteAsync(w =>
        {
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "J-2"));
            w.TryInsertRecord(Rows.Record(Ids.Bob, "court", "J-1"));
            w.TryInsertRecord(Rows.Record(Ids.Alice, "court", "J-3"));
        });
        foreach (var subject in new[] { Ids.Bob, Ids.Alice, Ids.Person(7) })
        {
            var id = Rows.Subject(subject);
            foreach (var rows in new[] { await ReadAsync(r => r.SubjectCase(id)), await WriteAsync(w => w.SubjectCase(id)) })
            {
                Assert.Equal(await ReadAsync(r => r.SubjectRecords(id)), rows.Records);
                Assert.Equal(await ReadAsync(r => r.SubjectDisputes(subject)), rows.Disputes);
                Assert.Equal(await ReadAsync(r => r.GrantedRepairs(subject)), rows.Repairs);
            }
        }

        // Stored J-2 first: the versions still come in the file's order (see IRegistryReader.SubjectRecords).
        Assert.Equal(["J-1", "J-2"], (await ReadAsync(r => r.SubjectCase(Rows.Subject(Ids.Bob)))).Records.Select(r => r.Key.SourceRecordId));
        Assert.Equal(3, (await ReadAsync(r => r.SubjectCase(Rows.Subject(Ids.Bob)))).Disputes.Count);
        Assert.Equal(2, (await ReadAsync(r => r.SubjectCase(Rows.Subject(Ids.Bob)))).Repairs.Count);
        var answered = open with { State = DisputeState.Corrected, Answer = DisputeAnswerKind.Correct, AnswerReason = "wrong amount", AnswerVersion = 2, ClosedAt = Start.AddDays(3) };
        await WriteAsync(w => w.UpdateDispute(answered));
        Assert.Equal(answered, await ReadAsync(r => r.FindDispute("d-2")));

        var steps = await WriteAsync(w => Enumerable.Range(0, 5).Select(i => w.InsertCaseStep(new CaseStep(0, Start.AddHours(5 - i), "d-2", CaseStep.Dispute, "step-" + i, i % 2 == 0 ? null : 7, "court", Ids.Bob, "court/R-d-2", "detail " + i))).ToList());
        await WriteAsync(w => w.InsertCaseStep(new CaseStep(0, Start, "d-9", CaseStep.Dispute, "opened", null, "subject", Ids.Alice, "court/R-9", "")));
        var read = await ReadAsync(r => r.SubjectCaseSteps(Ids.Bob, 3));
        Assert.Equal(steps.AsEnumerable().Reverse().Take(3), read.Select(s => s.Id));
        Assert.Equal(new CaseStep(steps[3], Start.AddHours(2), "d-2", CaseStep.Dispute, "step-3", 7, "court", Ids.Bob, "court/R-d-2", "detail 3"), read[1]);
        Assert.Empty(Test.AuditLedger());
    }

    [Fact]
    public async Task Key_issuers_are_the_stored_principals_that_issued_a_principals_keys_up_to_an_instant()
    {
        var names = new[] { "operator-甲", "operator-b", "operator-a", "reviewer", "court" };
        var ids = await WriteAsync(w => names.Select(n => w.InsertPrincipal(new Principal(0, n, n == "court" ? Role.Source : Role.Operator, null, null, n == "court" ? ["judgment-defaulter"] : [], [], Start))).ToArray());
        var (zhou, b, a, reviewer, court) = (ids[0], ids[1], ids[2], ids[3], ids[4]);
        await WriteAsync(w =>
        {
            w.InsertKey(reviewer, SHA256.HashData("k1"u8), Start.AddHours(1), null);          // the command line's
            w.InsertKey(reviewer, SHA256.HashData("k2"u8), Start.AddHours(2), b);
            var revoked = w.InsertKey(reviewer, SHA256.HashData("k3"u8), Start.AddHours(3), zhou);
            w.RevokeKey(revoked, Start.AddHours(3).AddTicks(1));                                  // a revoked key was still shown to its issuer
            w.InsertKey(reviewer, SHA256.HashData("k4"u8), Start.AddHours(4), a);
            w.InsertKey(reviewer, SHA256.HashData("k5"u8), Start.AddHours(5), b);                // the same issuer twice: named once
            w.InsertKey(court, SHA256.HashData("k6"u8), Start.AddHours(1), reviewer);
            return 0;
        });

        Assert.Empty(await ReadAsync(r => r.KeyIssuers("reviewer", Start.AddHours(1))));
        Assert.Equal(["operator-b"], await ReadAsync(r => r.KeyIssuers("reviewer", Start.AddHours(2))));
        Assert.Equal(["operator-b"], await ReadAsync(r => r.KeyIssuers("reviewer", Start.AddHours(3).AddTicks(-1))));
        Assert.Equal(["operator-a", "operator-b", "operator-甲"], await ReadAsync(r => r.KeyIssuers("reviewer", Start.AddHours(9))));
        Assert.Equal(["reviewer"], await ReadAsync(r => r.KeyIssuers("court", Start.AddHours(9))));
        Assert.Empty(await ReadAsync(r => r.KeyIssuers("operator-a", Start.AddHours(9))));
        Assert.Empty(await ReadAsync(r => r.KeyIssuers("Reviewer", Start.AddHours(9))));
        Assert.Empty(await ReadAsync(r => r.KeyIssuers("nobody", Start.AddHours(9))));
    }

    [Fact]
    public async Task Principals_keys_policies_and_activations_read_back_exactly()
    {
        var court = new Principal(0, "court", Role.Source, null, null, ["judgment-defaulter", "judgment-performed"], [], Start);
        var rail = new Principal(0, "railway", Role.RelyingParty, null, "ticket sales 售票", [], ["rail.g-train.ticket"], Start.AddTicks(9));
        var (courtId, railId) = await WriteAsync(w => (w.InsertPrincipal(court), w.InsertPrincipal(rail)));
        var hash = SHA256.HashData("key-1"u8);
        var keyId = await WriteAsync(w => w.InsertKey(courtId, hash, Start.AddHours(1), null));
        var other = await WriteAsync(w => w.InsertKey(courtId, SHA256.HashData("key-2"u8), Start.AddHours(2), railId));

        var found = (await ReadAsync(r => r.FindPrincipal("railway")))!;
        Assert.Equal((railId, rail.Name, rail.Role, rail.Purpose, rail.CreatedAt), (found.Id, found.Name, found.Role, found.Purpose, found.CreatedAt));
        Assert.Equal(["rail.g-train.ticket"], found.Capabilities.ToArray());
        Assert.Null(await ReadAsync(r => r.FindPrincipal("Railway")));
        Assert.Null(await ReadAsync(r => r.FindPrincipal("railway ")));

        var holder = (await ReadAsync(r => r.FindKey(hash)))!;
        Assert.Equal((keyId, courtId, "court", (DateTimeOffset?)null), (holder.KeyId, holder.Principal.Id, holder.Principal.Name, holder.RevokedAt));
        Assert.Equal(court.RecordTypes.ToArray(), holder.Principal.RecordTypes.ToArray());
        Assert.Null(await ReadAsync(r => r.FindKey(SHA256.HashData("key-3"u8))));
        Assert.Equal(0, await ReadAsync(r => r.RevokedKeyCount()));
        Assert.True(await WriteAsync(w => w.RevokeKey(keyId, Start.AddHours(3))));
        Assert.Equal(1, await ReadAsync(r => r.RevokedKeyCount()));
        Assert.False(await WriteAsync(w => w.RevokeKey(keyId, Start.AddHours(4))));

        // A revocation refused (the key was revoked already) moves nothing a cache compares.
        Assert.Equal(1, await ReadAsync(r => r.RevokedKeyCount()));
        Assert.Equal(Start.AddHours(3), (await ReadAsync(r => r.FindKey(hash)))!.RevokedAt);

        var listed = await ReadAsync(r => r.ListPrincipals());
        var courtListing = listed.Single(p => p.Principal.Name == "court");
        Assert.Equal([(keyId, Start.AddHours(1), (DateTimeOffset?)Start.AddHours(3)), (other, Start.AddHours(2), null)], courtListing.Keys.OrderBy(k => k.Id).Select(k => (k.Id, k.CreatedAt, k.RevokedAt)));
        Assert.Empty(listed.Single(p => p.Principal.Name == "railway").Keys);

        var yaml = "id: rongcheng-persons\r\nversion: \"2026.9\"\n# 荣成 信用 🏮\n\ttrailing space \n";
        var policy = new StoredPolicy("rongcheng-persons@2026.9", "rongcheng-persons", "2026.9", SubjectKind.Person, yaml, Start, "operator");
        await WriteAsync(w => w.InsertPolicy(policy));
        Assert.Equal(policy, await ReadAsync(r => r.FindPolicy(policy.Tag)));
        Assert.Null(await ReadAsync(r => r.FindPolicy("rongcheng-persons@2026.90")));
        Assert.Equal([policy], await ReadAsync(r => r.ListPolicies()));

        var activations = new[]
        {
            new PolicyActivation(0, policy.Tag, SubjectKind.Person, Start.AddDays(10), Start, "operator"),
            new PolicyActivation(0, policy.Tag, SubjectKind.Person, Start, Start.AddHours(1), "operator"),
        };
        var activationIds = await WriteAsync(w => activations.Select(w.InsertActivation).ToArray());
        Assert.True(activationIds[1] > activationIds[0]);
        Assert.Equal(activations.Select((a, i) => a with { Id = activationIds[i] }), await ReadAsync(r => r.ListActivations()));
        Assert.Equal(2, await ReadAsync(r => r.ActivationCount()));

        await WriteAsync(w => w.SetMaterialisedPolicy(SubjectKind.Person, "rongcheng-persons@2026.1"));
        await WriteAsync(w => w.SetMaterialisedPolicy(SubjectKind.Person, policy.Tag));
        Assert.Equal(policy.Tag, await ReadAsync(r => r.MaterialisedPolicy(SubjectKind.Person)));
        Assert.Null(await ReadAsync(r => r.MaterialisedPolicy(SubjectKind.Organisation)));
    }
}
