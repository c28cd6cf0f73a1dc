using System.Net;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Credence.App.Http;
using Credence.App.Output;
using Credence.Registry;

namespace Credence.Api.Tests;

/// <summary>The OpenAPI document against the code and the README, and the server against the document.</summary>
/// <remarks>
/// The tests share a host (the document is the endpoints' metadata, whatever the store holds; the test that calls every
/// operation sends no key, so it writes nothing another test reads).
/// </remarks>
public class OpenApiTests(SharedHost shared) : SharedHostTests(shared)
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
        var host = await HostAsync();
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

    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonElement document) =>
        from path in document.GetProperty("paths").EnumerateObject()
        from method in path.Value.EnumerateObject()
        where Methods.Contains(method.Name)
        select (path.Name, method.Name, method.Value);

    private static JsonElement Schema(JsonElement document, string name) => document.GetProperty("components").GetProperty("schemas").GetProperty(name);

    private static List<string> Required(JsonElement schema) =>
        schema.TryGetProperty("required", out var required) ? [.. required.EnumerateArray().Select(r => r.GetString()!)] : [];

    [Fact]
    public async Task Every_operation_is_named_described_secured_and_lists_its_problems_and_the_server_agrees()
    {
        var host = await HostAsync();
        var document = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty(ApiOpenApi.SecurityScheme);
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var failures = new List<string>();
        foreach (var (path, method, operation) in Operations(document))
        {
            var name = $"{method.ToUpperInvariant()} {path}";
            var id = operation.TryGetProperty("operationId", out var o) ? o.GetString() : null;
            if (id is null || !Regex.IsMatch(id, "^[a-z][a-zA-Z]+$") || !ids.Add(id))
            {
                failures.Add($"{name}: operationId '{id}' is missing, not camelCase or not unique");
            }

            foreach (var field in new[] { "summary", "description" })
            {
                if (!operation.TryGetProperty(field, out var text) || string.IsNullOrWhiteSpace(text.GetString()))
                {
                    failures.Add($"{name}: no {field}");
                }
            }

            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            if (!responses.Any(r => r.Name.StartsWith('2')))
            {
                failures.Add($"{name}: no 2xx response");
            }

            foreach (var problem in responses.Where(r => !r.Name.StartsWith('2')))
            {
                var reference = problem.Value.GetProperty("content").GetProperty("application/problem+json").GetProperty("schema").GetProperty("$ref").GetString();
                if (reference != "#/components/schemas/" + ApiOpenApi.ProblemSchema)
                {
                    failures.Add($"{name}: {problem.Name} is not a Problem");
                }
            }

            var statuses = responses.Select(r => r.Name).ToHashSet();
            var security = operation.GetProperty("security").EnumerateArray().ToList();
            var keyed = security.Any(r => r.TryGetProperty(ApiOpenApi.SecurityScheme, out _));
            if (keyed ? !statuses.IsSupersetOf(["401", "403", "429"]) : security.Count != 1 || security[0].EnumerateObject().Any())
            {
                failures.Add($"{name}: security {string.Join(',', security)} and responses {string.Join(',', statuses)} disagree");
            }

            // The server does what the document says: a keyed operation refuses a request without a key, an anonymous one does not ask for it.
            var concrete = Regex.Replace(path, "{([^}]+)}", m => m.Groups[1].Value switch
            {
                "id" when path.StartsWith("/v1/decisions", StringComparison.Ordinal) => Guid.Empty.ToString(),
                "id" or "index" or "number" => "1",
                "code" => ApiHost.Acme,
                "list" => "court-defaulters",
                _ => "none",
            });
            var answer = await host.SendAsync(new HttpMethod(method.ToUpperInvariant()), concrete + (path.Contains("proof", StringComparison.Ordinal) ? "?index=0&size=1&from=1&to=1" : string.Empty));
            if ((answer.StatusCode == HttpStatusCode.Unauthorized) != keyed)
            {
                failures.Add($"{name}: documented {(keyed ? "with" : "without")} a key, answered {(int)answer.StatusCode} without one");
            }

            if (!statuses.Contains(((int)answer.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)))
            {
                failures.Add($"{name}: answered {(int)answer.StatusCode}, which the document does not list");
            }
        }

        Assert.Empty(failures);
        Assert.True(ids.Count >= 47, $"only {ids.Count} operations");

        // The docs page offers the bearer scheme for trying operations out.
        var docs = await host.GetAsync("/docs");
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        Assert.Contains(ApiOpenApi.SecurityScheme, await docs.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_problem_schema_lists_every_code_with_its_meaning_and_status()
    {
        var host = await HostAsync();
        var document = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        var type = Schema(document, ApiOpenApi.ProblemSchema).GetProperty("properties").GetProperty("type");
        var listed = type.GetProperty("enum").EnumerateArray().Select(v => v.GetString()).ToList();
        var codes = typeof(ProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static).Select(f => (string)f.GetRawConstantValue()!)
            .Append("too-many-requests").Append("internal-error").ToList();
        Assert.Equal(codes.Select(c => "urn:credence:problem:" + c).Order(), listed.Order());
        foreach (var code in codes)
        {
            Assert.False(string.IsNullOrWhiteSpace(ApiProblemCatalogue.MeaningOf(code)), $"problem code '{code}' has no meaning in ApiProblemCatalogue");
            Assert.Contains($"| `{code}` | {ApiProblems.StatusOf(code)} | ", type.GetProperty("description").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Enums_are_the_strings_on_the_wire_numbers_are_numbers_and_optional_fields_are_optional()
    {
        var host = await HostAsync();
        var document = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));

        // No schema anywhere says "integer or string", or carries a number as a string pattern.
        var failures = new List<string>();
        void Walk(JsonElement node, string at)
        {
            if (node.ValueKind == JsonValueKind.Object)
            {
                if (node.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Array)
                {
                    var types = t.EnumerateArray().Select(x => x.GetString()).ToList();
                    if (types.Contains("string") && (types.Contains("integer") || types.Contains("number")))
                    {
                        failures.Add($"{at}: {t}");
                    }
                }

                if (node.TryGetProperty("enum", out var e) && e.ValueKind == JsonValueKind.Array && e.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                {
                    failures.Add($"{at}: enum {e}");
                }

                foreach (var p in node.EnumerateObject())
                {
                    Walk(p.Value, at + "/" + p.Name);
                }
            }
            else if (node.ValueKind == JsonValueKind.Array)
            {
                var i = 0;
                foreach (var item in node.EnumerateArray())
                {
                    Walk(item, $"{at}/{i++}");
                }
            }
        }

        Walk(document, "#");
        Assert.Empty(failures);

        // Each enum is exactly the strings Credence writes.
        foreach (var type in new[] { typeof(Credence.Core.DueProcess.NoticeKind), typeof(Credence.Core.DueProcess.DisputeState), typeof(Credence.Core.DueProcess.AppealState), typeof(Credence.Registry.Access.AccessOutcome) })
        {
            var schema = Schema(document, type.Name);
            Assert.Equal("string", schema.GetProperty("type").GetString());
            var written = Enum.GetValues(type).Cast<object>().Select(v => JsonSerializer.Serialize(v, type, CredenceJson.Compact).Trim('"')).Order();
            Assert.Equal(written, schema.GetProperty("enum").EnumerateArray().Select(v => v.GetString()!).Order());
        }

        Assert.Equal("integer", Schema(document, "StoredNotice").GetProperty("properties").GetProperty("id").GetProperty("type").GetString());

        // Optional request fields are not required; required ones are.
        var dispute = Body(document, "/v1/me/disputes", "post").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["reason", "source", "sourceRecordId"], Required(dispute).Order());
        var record = Body(document, "/v1/records", "post").GetProperty("application/json").GetProperty("schema");
        record = record.TryGetProperty("$ref", out var r) ? Schema(document, r.GetString()!.Split('/')[^1]) : record;
        Assert.Equal(["area", "occurred", "sourceRecordId", "subject", "type"], Required(record).Order());
        var share = Body(document, "/v1/me/shares", "post").GetProperty("application/json").GetProperty("schema");
        Assert.Empty(Required(share));

        // A response's property that is left out when empty is not required either.
        Assert.DoesNotContain("evidence", Required(Schema(document, "DisputeDocument")));
        Assert.Contains("state", Required(Schema(document, "DisputeDocument")));
    }

    /// <summary>The README's role table: for each role (and "anyone"), the method and path of every route it lists.</summary>
    private static Dictionary<string, HashSet<string>> ReadmeRoutes()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "README.md")))
        {
            folder = folder.Parent;
        }

        var table = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(Path.Combine(folder!.FullName, "README.md")))
        {
            var row = Regex.Match(line, @"^\| (operator|source|relying party|subject|reviewer|auditor|anyone) \| (.*) \|$");
            if (!row.Success)
            {
                continue;
            }

            var routes = table[row.Groups[1].Value.Replace(' ', '-')] = [];
            foreach (Match cell in Regex.Matches(row.Groups[2].Value, "`([^`]+)`"))
            {
                var route = Regex.Match(cell.Groups[1].Value, @"^(?:([A-Z/]+) )?(/[^ ?]+)");
                if (!route.Success || route.Groups[2].Value is "/docs" or "/openapi/v1.json" or "/metrics")
                {
                    continue;
                }

                var methods = route.Groups[1].Success ? route.Groups[1].Value.Split('/') : ["GET"];
                var path = route.Groups[2].Value;
                string[] paths = path.EndsWith("(s)", StringComparison.Ordinal) ? [path[..^3], path[..^3] + "s"] : [path];
                foreach (var method in methods)
                {
                    foreach (var p in paths)
                    {
                        routes.Add($"{method} {p}");
                    }
                }
            }
        }

        return table;
    }

    [Fact]
    public async Task The_README_role_table_and_the_document_agree()
    {
        var host = await HostAsync();
        var document = await ApiHost.Json(await host.GetAsync("/openapi/v1.json"));
        var readme = ReadmeRoutes();
        Assert.Equal(["anyone", "auditor", "operator", "relying-party", "reviewer", "source", "subject"], readme.Keys.Order());

        var documented = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var (path, method, operation) in Operations(document))
        {
            var roles = Regex.Match(operation.GetProperty("description").GetString()!, @"Keys: ([a-z, -]+)\.$");
            foreach (var role in roles.Success ? roles.Groups[1].Value.Split(", ") : ["anyone"])
            {
                (documented.TryGetValue(role, out var set) ? set : documented[role] = []).Add($"{method.ToUpperInvariant()} {path}");
            }
        }

        foreach (var (role, routes) in documented)
        {
            Assert.True(routes.SetEquals(readme[role]),
                $"{role}: in the document only: {string.Join(", ", routes.Except(readme[role]))}; in the README only: {string.Join(", ", readme[role].Except(routes))}");
        }
    }
}
