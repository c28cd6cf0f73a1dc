using System.Text.Json;

namespace Credence.Api.Tests;

public class OpenApiTests
{
    /// <summary>The properties of a schema, following a reference into the document's components.</summary>
    private static List<string> Properties(JsonElement document, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            schema = document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        return [.. schema.GetProperty("properties").EnumerateObject().Select(p => p.Name)];
    }

    private static JsonElement Body(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method).GetProperty("requestBody").GetProperty("content");

    [Fact]
    public async Task Every_endpoint_that_reads_a_body_documents_it_so_the_docs_page_can_be_tried_out()
    {
        await using var host = await ApiHost.StartAsync();
        var document = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "openapi"));
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi", "v1.json"), document.GetRawText());

        var json = new (string Path, string Method, string[] Fields)[]
        {
            ("/v1/decisions", "post", ["subject", "measure"]),
            ("/v1/records", "post", ["subject", "type", "area", "occurred", "sourceRecordId", "legalBasis", "version", "action"]),
            ("/v1/principals", "post", ["role", "name", "recordTypes", "capabilities", "purpose", "subject"]),
            ("/v1/shared", "post", ["code"]),
            ("/v1/me/shares", "post", ["relyingParty", "validFor", "purpose"]),
            ("/v1/me/consent", "put", ["given"]),
            ("/v1/me/disputes", "post", ["source", "sourceRecordId", "reason"]),
            ("/v1/disputes/{id}/answer", "post", ["answer", "reason"]),
            ("/v1/me/repairs", "post", ["source", "sourceRecordId"]),
            ("/v1/policies/{tag}/activations", "post", ["effectiveFrom"]),
        };
        foreach (var (path, method, fields) in json)
        {
            var properties = Properties(document, Body(document, path, method).GetProperty("application/json").GetProperty("schema"));
            Assert.All(fields, f => Assert.Contains(f, properties));
        }

        var batch = Body(document, "/v1/records/batch", "post");
        Assert.True(batch.TryGetProperty("application/x-ndjson", out _));
        Assert.True(batch.TryGetProperty("text/csv", out _));
        Assert.True(Body(document, "/v1/policies", "post").TryGetProperty("application/yaml", out _));
    }
}
