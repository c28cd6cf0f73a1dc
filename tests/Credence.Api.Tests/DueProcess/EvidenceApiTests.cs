using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Credence.Api.Tests.DueProcess;

/// <summary>
/// Evidence over HTTP: the file's bytes decide its type whatever the Content-Type and name say; each
/// refusal answers its own problem type; downloads are attachments with nosniff for the subject, the
/// record's source and reviewers, and another source finds nothing.
/// </summary>
public class EvidenceApiTests
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    private static readonly byte[] Png =
    [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A,
        0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xDE,
        0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ];

    [Fact]
    public async Task Evidence_is_added_listed_and_downloaded_as_an_attachment_by_those_who_see_the_dispute_only()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        var other = await host.KeyAsync("source", "tax-bureau", recordTypes: ["tax-evasion"]);
        var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));
        host.Clock.Advance(TimeSpan.FromHours(1));
        var dispute = (await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = "intermediate-court", sourceRecordId = "Z-1", reason = "not me" }))).Text("id");

        // A PNG sent as a PDF named .pdf is kept as what its bytes are.
        var added = await DueProcessHost.Created(host.SendAsync(HttpMethod.Post, $"/v1/me/disputes/{dispute}/evidence?name=scan.pdf", bob, File(Png, "application/pdf")));
        Assert.Equal("image/png", added.Text("mediaType"));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Png)), added.Text("sha256"));
        await DueProcessHost.Created(host.SendAsync(HttpMethod.Post, $"/v1/me/disputes/{dispute}/evidence?name=judgment.pdf", bob, File(Pdf, "application/octet-stream")));

        foreach (var key in new[] { bob, court, reviewer })
        {
            var listed = await DueProcessHost.Ok(host.GetAsync($"/v1/disputes/{dispute}/evidence", key));
            Assert.Equal(2, listed.GetArrayLength());
            var response = await host.GetAsync($"/v1/disputes/{dispute}/evidence/1", key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Png, await response.Content.ReadAsByteArrayAsync());
            Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("scan.png", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
            Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
        }

        var missing = await host.GetAsync("/v1/disputes/no-such/evidence/1", other);
        await Problems.AssertAsync(missing, HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync($"/v1/disputes/{dispute}/evidence/1", other), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync($"/v1/disputes/{dispute}/evidence", other), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.GetAsync($"/v1/disputes/{dispute}/evidence/3", bob), HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task Each_refusal_has_its_problem_type_and_stores_nothing()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var bob = await host.SubjectAsync("bob", ApiHost.Bob);
        var alice = await host.SubjectAsync("alice", ApiHost.Alice);
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Bob, "Z-1")));
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(ApiHost.Alice, "Z-2")));
        host.Clock.Advance(TimeSpan.FromHours(1));
        var dispute = (await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = "intermediate-court", sourceRecordId = "Z-1", reason = "not me" }))).Text("id");
        var path = $"/v1/me/disputes/{dispute}/evidence?name=letter.pdf";

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, path, bob, File("<html><script>alert(1)</script></html>"u8.ToArray(), "application/pdf")), HttpStatusCode.UnsupportedMediaType, "evidence-not-accepted");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, path, bob, File([], "application/pdf")), HttpStatusCode.UnsupportedMediaType, "evidence-not-accepted");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, path, bob, File([.. Png, .. "PK\u0005\u0006"u8, .. new byte[18]], "image/png")), HttpStatusCode.UnsupportedMediaType, "evidence-not-accepted");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, path, bob, File([.. Pdf, .. new byte[5 * 1024 * 1024]], "application/pdf")), HttpStatusCode.RequestEntityTooLarge, "evidence-too-large");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, $"/v1/me/disputes/{dispute}/evidence", alice, File(Pdf, "application/pdf")), HttpStatusCode.NotFound, "not-found");
        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, $"/v1/me/disputes/{dispute}/evidence", court, File(Pdf, "application/pdf")), HttpStatusCode.Forbidden, "forbidden");
        Assert.Equal(0, (await DueProcessHost.Ok(host.GetAsync($"/v1/disputes/{dispute}/evidence", bob))).GetArrayLength());

        for (var i = 0; i < 3; i++)
        {
            await DueProcessHost.Created(host.SendAsync(HttpMethod.Post, path, bob, File(Pdf, "application/pdf")));
        }

        await Problems.AssertAsync(await host.SendAsync(HttpMethod.Post, path, bob, File(Pdf, "application/pdf")), HttpStatusCode.Conflict, "evidence-too-many");
        Assert.Equal(3, (await DueProcessHost.Ok(host.GetAsync($"/v1/disputes/{dispute}/evidence", bob))).GetArrayLength());
    }

    private static ByteArrayContent File(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }
}
