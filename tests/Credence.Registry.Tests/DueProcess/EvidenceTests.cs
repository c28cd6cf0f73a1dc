using System.Security.Cryptography;
using Credence.Registry.Access;
using Credence.Registry.DueProcess;
using Credence.Registry.DueProcess.Evidence;
using static Credence.Registry.Tests.DueProcess.EvidenceFiles;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>
/// Evidence files of a dispute: recognised by their bytes only, bounded in size and number, stored
/// with the dispute with their SHA-256 in its ledgered step, and read only by the dispute's subject,
/// its record's source and reviewers; every refusal stores nothing.
/// </summary>
public sealed class EvidenceTests : IAsyncLifetime
{
    private TestRegistry t = null!;
    private Principal court = null!;
    private Principal bob = null!;

    public async Task InitializeAsync()
    {
        t = await TestRegistry.CreateAsync();
        court = await t.CourtAsync();
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1"))).GetValueOrThrow();
        (await t.Registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Alice, "Z-2"))).GetValueOrThrow();
        t.Clock.Advance(TimeSpan.FromMinutes(5));
        bob = await t.RoleAsync(Role.Subject, "bob", Ids.Bob);
    }

    public async Task DisposeAsync() => await t.DisposeAsync();

    // Implementation note: the cases are named, and their bytes (some 5 MiB) made when a test runs, so that
    // xunit's discovery never serialises megabytes per case.
    private static readonly Dictionary<string, (string Name, Func<byte[]> Bytes)> AcceptedFiles = new()
    {
        ["a0"] = ("judgment.pdf", () => Pdf()),
        ["a1"] = ("photo.jpg", () => Jpeg()),
        ["a2"] = ("scan.png", () => Png()),
        ["a3"] = ("scan.png.pdf", () => Png()),
        ["a4"] = ("no-name", () => Jpeg(EvidenceRules.MaxBytes)),
        ["a5"] = ("trailing-newlines.pdf", () => [.. Pdf(), .. "\r\n\r\n"u8]),
    };

    private static readonly Dictionary<string, (string Name, Func<byte[]> Bytes, string Type)> RefusedFiles = new()
    {
        ["r0-letter.pdf"] = ("letter.pdf", () => "<html><body>I am not a PDF</body></html>"u8.ToArray(), ProblemTypes.EvidenceNotAccepted),
        ["r1-letter.pdf"] = ("letter.pdf", () => "  %PDF-1.7\n%%EOF"u8.ToArray(), ProblemTypes.EvidenceNotAccepted),
        ["r2-setup.pdf"] = ("setup.pdf", () => [0x4D, 0x5A, 0x90, 0x00, .. "%PDF-1.7"u8], ProblemTypes.EvidenceNotAccepted),
        ["r3-photo.jpg"] = ("photo.jpg", () => "GIF89a\x01\x00\x01\x00"u8.ToArray(), ProblemTypes.EvidenceNotAccepted),
        ["r4-photo.png"] = ("photo.png", () => [0x89, 0x50, 0x4E, 0x47], ProblemTypes.EvidenceNotAccepted),
        ["r5-drawing.pdf"] = ("drawing.pdf", () => "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray(), ProblemTypes.EvidenceNotAccepted),
        ["r6-empty.pdf"] = ("empty.pdf", () => [], ProblemTypes.EvidenceNotAccepted),
        ["r7-zip.jpg"] = ("zip.jpg", () => [.. Jpeg(), 0x50, 0x4B, 0x03, 0x04, 0, 0, 0x50, 0x4B, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], ProblemTypes.EvidenceNotAccepted),
        ["r8-appended.png"] = ("appended.png", () => [.. Png(), .. "<script>alert(1)</script>"u8], ProblemTypes.EvidenceNotAccepted),
        ["r9-script.png"] = ("script.png", () => Png("Comment\0<script>alert(1)</script>"), ProblemTypes.EvidenceNotAccepted),
        ["r10-html.jpg"] = ("html.jpg", () => [.. Jpeg()[..4], .. "<!DOCTYPE html>"u8, .. Jpeg()[4..]], ProblemTypes.EvidenceNotAccepted),
        ["r11-pdf-in.jpg"] = ("pdf-in.jpg", () => [.. Jpeg()[..4], .. "%PDF-1.4 "u8, .. Jpeg()[4..]], ProblemTypes.EvidenceNotAccepted),
        ["r12-png-in.pdf"] = ("png-in.pdf", () => [.. "%PDF-1.7\n"u8, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, .. Pdf()[9..]], ProblemTypes.EvidenceNotAccepted),
        ["r13-after-eof.pdf"] = ("after-eof.pdf", () => [.. Pdf(), .. "1 0 obj (more) endobj"u8], ProblemTypes.EvidenceNotAccepted),
        ["r14-script.pdf"] = ("script.pdf", () => Pdf("1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj"), ProblemTypes.EvidenceNotAccepted),
        ["r15-launch.pdf"] = ("launch.pdf", () => Pdf("1 0 obj << /S /Launch /F (cmd.exe) >> endobj"), ProblemTypes.EvidenceNotAccepted),
        ["r16-attached.pdf"] = ("attached.pdf", () => Pdf("1 0 obj << /Type /EmbeddedFile >> endobj"), ProblemTypes.EvidenceNotAccepted),
        ["r17-big.jpg"] = ("big.jpg", () => Jpeg(EvidenceRules.MaxBytes + 1), ProblemTypes.EvidenceTooLarge),
        ["r18-big.pdf"] = ("big.pdf", () => [.. Pdf(), .. new byte[EvidenceRules.MaxBytes]], ProblemTypes.EvidenceTooLarge),
    };

    public static TheoryData<string> Accepted => [.. AcceptedFiles.Keys];

    public static TheoryData<string> Refused => [.. RefusedFiles.Keys];

    [Theory]
    [MemberData(nameof(Accepted))]
    public async Task A_pdf_jpeg_or_png_is_stored_with_the_dispute_and_its_sha256_is_in_the_ledgered_step(string sample)
    {
        var (name, bytes) = AcceptedFiles[sample];
        var content = bytes();
        var opened = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null, [Upload(name, content)])).GetValueOrThrow();

        var file = (await t.Registry.Disputes.DownloadEvidenceAsync(bob, opened.Id, 1)).GetValueOrThrow();
        Assert.Equal(content, file.Content);
        Assert.Equal(content.Length, file.Evidence.Size);
        var sha = Convert.ToHexStringLower(SHA256.HashData(content));
        Assert.Equal(sha, file.Evidence.Sha256);
        var expectedType = content[0] == 0x25 ? "application/pdf" : content[0] == 0xFF ? "image/jpeg" : "image/png";
        Assert.Equal(expectedType, file.Evidence.MediaType);
        Assert.EndsWith(EvidenceRules.ExtensionOf(expectedType), file.Evidence.DownloadName, StringComparison.Ordinal);

        var steps = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow().CaseSteps;
        var openedStep = Assert.Single(steps, s => s.Step == "opened");
        Assert.Contains("sha256:" + sha, openedStep.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task A_file_that_is_not_a_clean_pdf_jpeg_or_png_or_is_too_large_is_refused_whatever_its_name_and_nothing_is_stored(string sample)
    {
        var (name, bytes, type) = RefusedFiles[sample];
        var content = bytes();
        var refused = await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null, [Upload("fine.pdf", Pdf()), Upload(name, content)]);

        Assert.Equal(type, refused.Problem?.Type);
        Assert.Equal("evidence[1]", refused.Problem!.Field);
        var file = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow();
        Assert.Empty(file.Disputes);
        Assert.Empty(file.Evidence);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task The_same_files_are_refused_when_added_to_an_open_dispute(string sample)
    {
        var (name, bytes, type) = RefusedFiles[sample];
        var content = bytes();
        var opened = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null)).GetValueOrThrow();

        var refused = await t.Registry.Disputes.AddEvidenceAsync(bob, opened.Id, Upload(name, content));

        Assert.Equal(type, refused.Problem?.Type);
        Assert.Empty((await t.Registry.Disputes.EvidenceAsync(bob, opened.Id)).GetValueOrThrow());
    }

    [Fact]
    public async Task A_dispute_holds_at_most_three_files_sent_at_once_or_one_by_one()
    {
        var four = Enumerable.Range(1, 4).Select(i => Upload($"p{i}.pdf", Pdf())).ToList();
        var tooMany = await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null, four);
        Assert.Equal(ProblemTypes.EvidenceTooMany, tooMany.Problem?.Type);
        Assert.Empty((await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow().Disputes);

        var opened = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null, four[..2])).GetValueOrThrow();
        var third = (await t.Registry.Disputes.AddEvidenceAsync(bob, opened.Id, Upload("photo.jpg", Jpeg()))).GetValueOrThrow();
        Assert.Equal(3, third.Number);
        var fourth = await t.Registry.Disputes.AddEvidenceAsync(bob, opened.Id, Upload("more.png", Png()));
        Assert.Equal(ProblemTypes.EvidenceTooMany, fourth.Problem?.Type);

        Assert.Equal([1, 2, 3], (await t.Registry.Disputes.EvidenceAsync(bob, opened.Id)).GetValueOrThrow().Select(e => e.Number));
        var steps = (await t.Registry.Subjects.ReadOwnAsync(bob)).GetValueOrThrow().CaseSteps;
        var added = Assert.Single(steps, s => s.Step == "evidence-added");
        Assert.Contains("sha256:" + Convert.ToHexStringLower(SHA256.HashData(Jpeg())), added.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_is_not_added_to_someone_elses_dispute_nor_to_a_closed_one_and_the_refusal_is_logged()
    {
        var alice = await t.RoleAsync(Role.Subject, "alice", Ids.Alice);
        var alices = (await t.Registry.Disputes.OpenAsync(alice, "intermediate-court", "Z-2", "not me", null)).GetValueOrThrow();

        var notHers = await t.Registry.Disputes.AddEvidenceAsync(bob, alices.Id, Upload("p.pdf", Pdf()));
        var missing = await t.Registry.Disputes.AddEvidenceAsync(bob, "no-such-dispute", Upload("p.pdf", Pdf()));

        Assert.Equal(ProblemTypes.NotFound, notHers.Problem?.Type);
        Assert.Equal(missing.Problem!.Detail.Replace("no-such-dispute", alices.Id, StringComparison.Ordinal), notHers.Problem!.Detail);
        Assert.Empty((await t.Registry.Disputes.EvidenceAsync(alice, alices.Id)).GetValueOrThrow());
        var log = await t.Registry.Store.ReadAsync(r => r.SubjectAccess(Ids.Bob, 50));
        Assert.Contains(log, e => e.Action == DisputeService.EvidenceAddAction && e.Outcome == AccessOutcome.Refused);

        (await t.Registry.Disputes.AnswerAsync(court, alices.Id, "withdraw", "mix-up", null)).GetValueOrThrow();
        var closed = await t.Registry.Disputes.AddEvidenceAsync(alice, alices.Id, Upload("p.pdf", Pdf()));
        Assert.Equal(ProblemTypes.DisputeRefused, closed.Problem?.Type);
        Assert.Contains(closed.Problem!.Refusals, r => r.Code == "dispute-closed");
    }

    [Fact]
    public async Task The_subject_its_records_source_and_reviewers_read_the_evidence_another_source_or_subject_finds_nothing_and_other_roles_are_forbidden()
    {
        var opened = (await t.Registry.Disputes.OpenAsync(bob, "intermediate-court", "Z-1", "not me", null, [Upload("judgment.pdf", Pdf())])).GetValueOrThrow();
        var tax = await t.SourceAsync("tax-bureau", "tax-evasion");
        var alice = await t.RoleAsync(Role.Subject, "alice", Ids.Alice);
        var reviewer = await t.RoleAsync(Role.Reviewer, "reviewer");
        var rail = await t.RelyingPartyAsync("china-railway", "ticket sales", "rail.g-train.ticket");
        var auditor = await t.RoleAsync(Role.Auditor, "auditor");

        foreach (var reader in new[] { bob, court, reviewer })
        {
            Assert.Equal(Pdf(), (await t.Registry.Disputes.DownloadEvidenceAsync(reader, opened.Id, 1)).GetValueOrThrow().Content);
            Assert.Single((await t.Registry.Disputes.EvidenceAsync(reader, opened.Id)).GetValueOrThrow());
        }

        var missing = await t.Registry.Disputes.DownloadEvidenceAsync(tax, "no-such-dispute", 1);
        foreach (var stranger in new[] { tax, alice })
        {
            var refused = await t.Registry.Disputes.DownloadEvidenceAsync(stranger, opened.Id, 1);
            Assert.Equal(ProblemTypes.NotFound, refused.Problem?.Type);
            Assert.Equal(missing.Problem!.Detail.Replace("no-such-dispute", opened.Id, StringComparison.Ordinal), refused.Problem!.Detail);
            Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Disputes.EvidenceAsync(stranger, opened.Id)).Problem?.Type);
        }

        foreach (var other in new[] { rail, auditor })
        {
            Assert.Equal(ProblemTypes.Forbidden, (await t.Registry.Disputes.DownloadEvidenceAsync(other, opened.Id, 1)).Problem?.Type);
        }

        Assert.Equal(ProblemTypes.NotFound, (await t.Registry.Disputes.DownloadEvidenceAsync(bob, opened.Id, 2)).Problem?.Type);

        var log = await t.Registry.Store.ReadAsync(r => r.SubjectAccess(Ids.Bob, 100));
        var downloads = log.Where(e => e.Action == DisputeService.EvidenceReadAction && e.Outcome == AccessOutcome.Ok && e.Detail!.Contains("sha256:", StringComparison.Ordinal)).Select(e => e.Principal).Order().ToList();
        Assert.Equal(["bob", "intermediate-court", "reviewer"], downloads);
        Assert.Contains(log, e => e.Action == DisputeService.EvidenceReadAction && e.Principal == "tax-bureau" && e.Outcome == AccessOutcome.Refused);
        Assert.Contains(log, e => e.Action == DisputeService.EvidenceReadAction && e.Principal == "alice" && e.Outcome == AccessOutcome.Refused);
    }

    [Fact]
    public void A_name_is_checked_like_any_short_text_and_loses_the_folders_a_client_puts_before_it()
    {
        Assert.Equal("scan.pdf", EvidenceRules.Check(Upload("C:\\fakepath\\scan.pdf", Pdf())).GetValueOrThrow().Name);
        Assert.Equal("evidence", EvidenceRules.Check(Upload("  ", Pdf())).GetValueOrThrow().Name);
        Assert.Equal(ProblemTypes.InvisibleCharacter, EvidenceRules.Check(Upload("scan\u202Efdp.exe", Pdf())).Problem?.Type);
        Assert.Equal(ProblemTypes.BadValue, EvidenceRules.Check(Upload(new string('a', 300) + ".pdf", Pdf())).Problem?.Type);
        Assert.Equal("判决书.jpg", new StoredEvidence("d", 1, "判决书.pdf", "image/jpeg", 1, "00", DateTimeOffset.UnixEpoch, "b").DownloadName);
    }
}
