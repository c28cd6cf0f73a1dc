using System.Text.Json;
using Credence.Core.Records;
using Credence.Registry.Access;
using Credence.Registry.Decisions;
using Credence.Registry.Intake;
using Credence.Registry.Subjects;

namespace Credence.Registry.Tests;

/// <summary>
/// A subject's file read from the file its holder keeps (<see cref="SubjectFileService.ReadAsync(Principal, string, string?, HeldFile?, CancellationToken)"/>)
/// is the file read from the store; a held file is never used for another subject, past an open dispute's deadline,
/// or once the store's writer finds the subject changed since it was read (told to its holder or not);
/// and the writes that make a holder forget name each subject changed once.
/// </summary>
public sealed class HeldFileReadTests
{
    private static string Json(object? value) => JsonSerializer.Serialize(value);

    /// <summary>What a read takes from the held file: the records and the assessment worked out from them.</summary>
    private static string FromFile(SubjectFileView view) => Json(view.Records) + Json(view.Assessment);

    [Fact]
    public async Task A_read_from_the_held_file_is_the_read_from_the_store_and_is_logged_all_the_same()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var auditor = await t.RoleAsync(Role.Auditor, "auditor");

        var (cold, held) = await t.Registry.Subjects.ReadOwnAsync(bob, null);
        Assert.NotNull(held);
        Assert.NotNull(held.Facts);
        var (warm, next) = await t.Registry.Subjects.ReadOwnAsync(bob, held);
        Assert.Same(held, next);
        var (byAuditor, _) = await t.Registry.Subjects.ReadAsync(auditor, Ids.Bob.ToLowerInvariant(), "audit", held);
        var store = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();

        Assert.Equal(FromFile(store), FromFile(cold.GetValueOrThrow()));
        Assert.Equal(FromFile(store), FromFile(warm.GetValueOrThrow()));
        Assert.Equal(FromFile(store), FromFile(byAuditor.GetValueOrThrow()));
        Assert.Equal(4, store.AccessLog.Count(e => e.Action == "subject.read"));
        Assert.Equal(4, new[] { cold, warm, byAuditor }.Select(v => v.Value!.ReadEventId).Append(store.ReadEventId).Distinct().Count());

        // Held across a clock that moves: the assessment is still worked out at the read's instant.
        t.Clock.Advance(TimeSpan.FromDays(800));
        var (later, _) = await t.Registry.Subjects.ReadOwnAsync(bob, held);
        Assert.Equal(FromFile((await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow()), FromFile(later.GetValueOrThrow()));
        Assert.NotEqual(Json(store.Assessment), Json(later.Value!.Assessment));
    }

    [Fact]
    public async Task A_held_file_is_read_again_when_the_writer_finds_the_subject_changed_though_its_holder_was_never_told()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer");
        var (_, held) = await t.Registry.Subjects.ReadOwnAsync(bob, null);

        // Written after the file was held, and told to no one: the holder still offers the old file.
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-2"));
        var (own, next) = await t.Registry.Subjects.ReadOwnAsync(bob, held);
        var (byReviewer, _) = await t.Registry.Subjects.ReadAsync(reviewer, Ids.Bob, "review", held);
        var store = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();

        Assert.Equal(["Z-1", "Z-2"], own.GetValueOrThrow().Records.Select(r => r.Key.SourceRecordId));
        Assert.NotSame(held, next);
        Assert.Equal(FromFile(store), FromFile(own.GetValueOrThrow()));
        Assert.Equal(FromFile(store), FromFile(byReviewer.GetValueOrThrow()));

        // The file read again is held from then on, and answers while nothing changes.
        var (again, kept) = await t.Registry.Subjects.ReadOwnAsync(bob, next);
        Assert.Same(next, kept);
        Assert.Equal(FromFile(store), FromFile(again.GetValueOrThrow()));
    }

    [Fact]
    public async Task A_file_held_for_another_subject_is_never_read()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "Z-1"));
        var alice = await t.RoleAsync(Role.Subject, "alice", Ids.Alice);
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var (_, aliceHeld) = await t.Registry.Subjects.ReadOwnAsync(alice, null);

        var (read, next) = await t.Registry.Subjects.ReadOwnAsync(bob, aliceHeld);
        Assert.Empty(read.GetValueOrThrow().Records);
        Assert.Equal(Ids.Bob, next!.File.Subject.Value);
    }

    [Fact]
    public async Task A_held_file_is_not_read_at_or_after_an_open_disputes_deadline()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"));
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var dispute = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();
        var (before, held) = await t.Registry.Subjects.ReadOwnAsync(bob, null);
        Assert.Equal(dispute.DueAt, held!.LastsUntil);
        Assert.Single(before.GetValueOrThrow().Records);

        // The court never answers: at the deadline the dispute is resolved for Bob, held file or not.
        t.Clock.SetUtcNow(dispute.DueAt);
        var (due, next) = await t.Registry.Subjects.ReadOwnAsync(bob, held);
        var store = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();
        Assert.Null(next);
        Assert.Equal(FromFile(store), FromFile(due.GetValueOrThrow()));
        Assert.Equal(RecordAction.Withdrawn, due.Value!.Records[^1].Action);
    }

    [Fact]
    public async Task A_read_is_refused_by_the_use_case_exactly_when_it_chooses_no_subject()
    {
        await using var t = await TestRegistry.CreateAsync();
        var subjects = t.Registry.Subjects;
        var bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer");
        var auditor = await t.RoleAsync(Role.Auditor, "auditor");
        var court = await t.CourtAsync();
        var rail = await t.RelyingPartyAsync("rail", "tickets", "rail.g-train.ticket");

        var reads = new (Principal Reader, string? Subject, string? Purpose)[]
        {
            (bob, null, null), (bob, Ids.Bob, null), (bob, Ids.Bob.ToLowerInvariant(), "mine"), (reviewer, Ids.Bob, "review"), (auditor, Ids.Alice.ToLowerInvariant(), "审计"),
            (bob, Ids.Alice, null), (reviewer, null, null), (reviewer, Ids.Bob, null), (reviewer, Ids.Bob, " "), (auditor, Ids.Bob, "\u3000"), (auditor, Ids.Bob, "a\0b"),
            (court, Ids.Bob, "x"), (rail, Ids.Bob, "tickets"), (rail, null, null), (t.Operator, Ids.Bob, "ops"),
            (reviewer, "440524188001010015", "review"), (reviewer, "４４０５２４１８８００１０１００１４", "review"), (reviewer, "鲍勃", "review"), (reviewer, " " + Ids.Bob, "review"),
        };
        foreach (var (reader, subject, purpose) in reads)
        {
            var chosen = subjects.SubjectOf(reader, subject, purpose);
            var read = subject is null ? await subjects.ReadOwnAsync(reader) : await subjects.ReadAsync(reader, subject, purpose);
            Assert.True(read.IsOk == chosen is not null, $"{reader.Name} {subject} {purpose}: chosen {chosen}, read {read.Problem}");
            if (read.IsOk)
            {
                Assert.Equal(read.Value.Subject, chosen);
            }
        }
    }

    [Fact]
    public async Task Intake_names_each_subject_it_changed_once_accepted_or_duplicate_and_no_other()
    {
        await using var t = await TestRegistry.CreateAsync();
        var court = await t.CourtAsync();
        await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "A-1"));
        var told = new List<IReadOnlyCollection<string>>();
        t.Registry.Changes.Listen((subjects, _) =>
        {
            told.Add([.. subjects]);
            return Task.CompletedTask;
        });

        // Bob twice accepted and once a chain; Alice only a duplicate; an invalid identifier and a conflict rejected.
        var lines = new[]
        {
            Lines.Defaulter(Ids.Bob, "B-1"), Lines.Defaulter(Ids.Bob, "B-2"), Lines.Withdrawal(Lines.Defaulter(Ids.Bob, "B-1")),
            Lines.Defaulter(Ids.Alice, "A-1"), Lines.Defaulter("440524188001010015", "X-1"),
            Lines.Defaulter(Ids.Alice, "A-1") with { LegalBasis = "another case" },
        };
        var result = (await t.Registry.Intake.SubmitBatchAsync(court, lines)).GetValueOrThrow();
        Assert.Equal(3, result.Fates.Count(f => f.Fate == FateKind.Accepted));
        Assert.Contains(result.Fates, f => f.Fate == FateKind.Duplicate);

        var batch = Assert.Single(told);
        Assert.Equal([Ids.Alice, Ids.Bob], batch.Order(StringComparer.Ordinal));

        // A batch of nothing but rejections tells no one.
        told.Clear();
        await t.Registry.Intake.SubmitBatchAsync(court, [Lines.Defaulter("鲍勃", "Z-9")]);
        Assert.Empty(told);
    }
}
