using System.Net;
using System.Text;
using System.Text.Json;
using Credence.Api.Tests.DueProcess;

namespace Credence.Api.Tests;

/// <summary>
/// Text from outside that the registry stores, ledgers or logs (dispute reasons and evidence, answers,
/// escalations, reviewers' reasons, repair and appeal text, registrations, shares, decisions, the
/// purposes of reads, activation tags) is refused for the characters intake refuses in a record,
/// and for its length, with the stable problem type naming the field; a refusal adds nothing to the
/// ledger and changes nothing a follow-up read shows. Every route is tried with NUL, C0, DEL, C1,
/// bidirectional controls, invisible characters in identifiers and over-long text, sent as JSON
/// escapes and as raw UTF-8; Chinese text, emoji and line breaks in free text are accepted.
/// </summary>
/// <remarks>
/// The cases share a host (<see cref="SharedHost"/>): each sets up a subject and records of its own, and compares the ledger's
/// size around every value and its follow-up read around them all.
/// </remarks>
public class HostileTextApiTests(SharedHost shared) : SharedHostTests(shared)
{
    private const string Marker = "\"§\"";

    public enum Kind
    {
        /// <summary>Free text: tabs, line breaks and joiners allowed; 4,000 characters.</summary>
        Free,

        /// <summary>A short line (a purpose): strict; 200 characters.</summary>
        Short,

        /// <summary>An identifier: strict; 200 characters.</summary>
        Identifier,
    }

    public enum Carrier
    {
        /// <summary>In a JSON body, as written by a JSON library: every non-ASCII character a \u escape.</summary>
        JsonEscaped,

        /// <summary>In a JSON body, as raw UTF-8 (a raw C0 control is then not JSON at all).</summary>
        JsonRaw,

        /// <summary>In a query parameter or route segment, percent-encoded UTF-8.</summary>
        Url,
    }

    /// <summary>Each route, what it carries and how, and whether its text is free, short or an identifier.</summary>
    public static TheoryData<string, Carrier> Routes()
    {
        var data = new TheoryData<string, Carrier>();
        foreach (var route in new[]
        {
            "dispute.reason", "dispute.evidence", "dispute.source", "dispute.sourceRecordId", "answer.reason", "answer.answer", "escalation.reason",
            "review-dispute.reason", "review-dispute.decision", "repair.source", "repair.sourceRecordId", "appeal.grounds", "review-appeal.reason",
            "principal.name", "principal.purpose", "principal.recordTypes", "principal.capabilities", "principal.subject",
            "share.purpose", "share.relyingParty", "share.validFor", "decision.subject", "decision.measure",
        })
        {
            data.Add(route, Carrier.JsonEscaped);
            data.Add(route, Carrier.JsonRaw);
        }

        foreach (var route in new[] { "access-log.purpose", "subject-file.purpose", "activation.tag", "escalation.disputeId", "appeal.repairId" })
        {
            data.Add(route, Carrier.Url);
        }

        return data;
    }

    /// <summary>The hostile values of a kind of field: the character in the middle and at the end (where a trim would once have hidden it), and one character too many.</summary>
    public static IEnumerable<(string Name, string Value, string Type)> Hostile(Kind kind)
    {
        var stem = kind == Kind.Free ? "this case is not mine, 这不是我的案件" : "z-1";
        var controls = new (string, string)[]
        {
            ("NUL", "\u0000"), ("BEL", "\u0007"), ("ESC", "\u001b"), ("unit separator", "\u001f"), ("DEL", "\u007f"),
            ("C1 padding", "\u0080"), ("C1 NEL", "\u0085"), ("C1 CSI", "\u009b"), ("C1 APC", "\u009f"),
        };
        foreach (var (name, c) in controls)
        {
            yield return (name + " inside", stem[..3] + c + stem[3..], "control-character");
            yield return (name + " at the end", stem + c, "control-character");
        }

        var reordering = new (string, string)[] { ("RLO", "\u202e"), ("LRO", "\u202d"), ("RLE", "\u202b"), ("LRI", "\u2066"), ("RLI", "\u2067"), ("PDI", "\u2069") };
        foreach (var (name, c) in reordering)
        {
            yield return (name, stem[..2] + c + "gnp.exe" + stem[2..], "invisible-character");
        }

        if (kind != Kind.Free)
        {
            yield return ("line feed", stem + "\nforged: line", "control-character");
            yield return ("trailing CR LF", stem + "\r\n", "control-character");
            yield return ("tab", stem + "\t", "control-character");
            foreach (var (name, c) in new[] { ("ZWSP", "\u200b"), ("ZWNJ", "\u200c"), ("ZWJ", "\u200d"), ("word joiner", "\u2060"), ("BOM", "\ufeff"), ("soft hyphen", "\u00ad"), ("LRM", "\u200e"), ("ALM", "\u061c"), ("line separator", "\u2028"), ("paragraph separator", "\u2029"), ("tag letter", "\U000E0041") })
            {
                yield return (name, stem[..1] + c + stem[1..], "invisible-character");
            }
        }

        var max = kind == Kind.Free ? 4_000 : 200;
        yield return ("one character too many", new string('x', max + 1), "bad-value");
        yield return ("one Chinese character too many", new string('长', max + 1), "bad-value");
        yield return ("half a megabyte", new string('y', 500_000), "bad-value");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Hostile_text_is_refused_with_its_problem_type_and_changes_nothing(string route, Carrier carrier)
    {
        var host = await HostAsync();
        var scene = await Scene.SetUpAsync(host, route);
        var before = await scene.SnapshotAsync();
        foreach (var (name, value, type) in Hostile(scene.Kind))
        {
            if (carrier == Carrier.Url && value.Length > 1000)
            {
                continue; // Kestrel bounds a request line itself; over-long text in a URL is tried one character over the field's bound.
            }

            var size = await host.LedgerSizeAsync();
            var response = await scene.SendAsync(value, carrier);
            var notJson = carrier == Carrier.JsonRaw && value.Any(c => c < ' ');
            var body = await response.Content.ReadAsStringAsync();
            var what = $"{route} {carrier} {name}: {(int)response.StatusCode} {body[..Math.Min(body.Length, 300)]}";
            if (scene.InPath && value.Contains('\0', StringComparison.Ordinal))
            {
                // Kestrel itself answers a NUL in a path with a bare 400, before any endpoint runs.
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, what);
                Assert.True(size == await host.LedgerSizeAsync(), $"{what}: the ledger grew from {size} to {await host.LedgerSizeAsync()}");
                continue;
            }

            await Problems.AssertAsync(response, notJson ? HttpStatusCode.BadRequest : HttpStatusCode.UnprocessableEntity, notJson ? "malformed-json" : type);
            if (!notJson)
            {
                Assert.True(scene.Field == (await ApiHost.Json(response)).GetProperty("field").GetString(), what);
            }

            Assert.True(size == await host.LedgerSizeAsync(), $"{what}: the ledger grew from {size} to {await host.LedgerSizeAsync()}");
            Assert.Equal(HttpStatusCode.OK, (await host.GetAsync("/healthz")).StatusCode);
        }

        Assert.Equal(before, await scene.SnapshotAsync());
    }

    [Fact]
    public async Task Chinese_emoji_line_breaks_and_joiners_are_accepted_in_free_text_up_to_the_bound()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var (subject, z) = (Unique.Person(), Unique.Id("Z"));
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, z)));

        // The exact bound in Chinese characters, and emoji that take two UTF-16 units each (6,000 units, 3,000 characters).
        var reason = "我从未参与此案。\r\n第二段:\t案号属于济南的同名人 👨‍👩‍👧 ✅ مرحبا\u200c" + new string('长', 3_960);
        reason = reason[..^(reason.EnumerateRunes().Count() - 4_000)];
        Assert.Equal(4_000, reason.EnumerateRunes().Count());
        var evidence = string.Concat(Enumerable.Repeat("📄", 3_000));
        var dispute = await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z, reason, evidence }));
        Assert.Equal((reason, evidence), (dispute.Text("reason"), dispute.Text("evidence")));

        var verified = await DueProcessHost.Ok(SendRaw(host, $"/v1/disputes/{dispute.Text("id")}/answer", court, "{\"answer\":\"verify\",\"reason\":\"判决书上写的是此身份号码 ✔\"}"));
        Assert.Equal("判决书上写的是此身份号码 ✔", verified.Text("answerReason"));
        var escalated = await DueProcessHost.Ok(host.PostAsync($"/v1/me/disputes/{dispute.Text("id")}/escalate", bob, new { reason = "案号属于我的同名人\n另见附件" }));
        Assert.Equal("案号属于我的同名人\n另见附件", escalated.Text("escalationReason"));
        var upheld = await DueProcessHost.Ok(host.PostAsync($"/v1/review/disputes/{dispute.Text("id")}", reviewer, new { decision = "uphold", reason = "身份号码一致。\nThe number matches." }));
        Assert.Equal("upheld", upheld.Text("state"));

        var relying = await host.KeyAsync("relying-party", "elm-lettings", capabilities: ["deposit-free-rental"], purpose: "租房押金 🏠 deposits");
        Assert.False(string.IsNullOrEmpty(relying));
        var share = await DueProcessHost.Created(host.PostAsync("/v1/me/shares", bob, new { relyingParty = "elm-lettings", validFor = "7d", purpose = "租房 🏠 " + new string('长', 195) }));
        Assert.Equal(200, share.GetProperty("share").Text("purpose").EnumerateRunes().Count());
        var auditor = await host.KeyAsync("auditor", "auditor-1");
        await DueProcessHost.Ok(host.GetAsync("/v1/access-log?purpose=" + Uri.EscapeDataString("年度审计 📋"), auditor));
        Assert.Contains(await WholeAccessLogAsync(host, auditor), e => e.TryGetProperty("purpose", out var p) && p.GetString() == "年度审计 📋");
    }

    /// <summary>The access log from its start, a page of a thousand at a time (a shared host's holds every test's events).</summary>
    private static async Task<List<JsonElement>> WholeAccessLogAsync(ApiHost host, string auditor)
    {
        var log = new List<JsonElement>();
        while (true)
        {
            var after = log.Count == 0 ? 0 : log[^1].GetProperty("id").GetInt64();
            var page = await DueProcessHost.Ok(host.GetAsync($"/v1/access-log?limit=1000&purpose=audit&after={after}", auditor));
            log.AddRange(page.EnumerateArray());
            if (page.GetArrayLength() < 1000)
            {
                return log;
            }
        }
    }

    [Fact]
    public async Task A_repair_appeal_and_its_decision_accept_Chinese_and_line_breaks()
    {
        var host = await HostAsync();
        var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees", "utility-arrears-paid"]);
        var (subject, w) = (Unique.Person(), Unique.Id("W"));
        var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
        var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
        await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(subject, w, "2026-05-01T00:00:00Z")));
        var refused = await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = w });
        var caseId = (await ApiHost.Json(refused)).Text("caseId");
        var appeal = await DueProcessHost.Created(host.PostAsync($"/v1/me/repairs/{caseId}/appeal", bob, new { grounds = "我住院了。\n家人已用现金缴清 💧" }));
        Assert.Equal("我住院了。\n家人已用现金缴清 💧", appeal.Text("grounds"));
        var decided = await DueProcessHost.Ok(host.PostAsync($"/v1/review/appeals/{appeal.Text("id")}", reviewer, new { grant = true, reason = "现金收据属实。\r\nReceipt checked." }));
        Assert.Equal("granted", decided.Text("state"));
    }

    private static Task<HttpResponseMessage> SendRaw(ApiHost host, string path, string key, string json, HttpMethod? method = null)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
        content.Headers.ContentType = new("application/json");
        return host.SendAsync(method ?? HttpMethod.Post, path, key, content);
    }

    /// <summary>One route set up to take a hostile value: how to send it, and a follow-up read that must not change.</summary>
    private sealed class Scene
    {
        private ApiHost host = null!;

        public Kind Kind { get; private init; }

        public string Field { get; private init; } = string.Empty;

        /// <summary>Whether the value goes into a route segment (rather than a body or a query).</summary>
        public bool InPath => Path.IndexOf('§', StringComparison.Ordinal) is var at and >= 0 && Path.IndexOf('?', StringComparison.Ordinal) is var query && (query < 0 || at < query);

        private string Key { get; init; } = string.Empty;

        private string ReadKey { get; init; } = string.Empty;

        private string Path { get; init; } = string.Empty;

        private string Template { get; init; } = string.Empty;

        private string Read { get; init; } = string.Empty;

        private HttpMethod Method { get; init; } = HttpMethod.Post;

        public static async Task<Scene> SetUpAsync(ApiHost host, string route)
        {
            var court = await host.CourtAsync();
            var water = await host.KeyAsync("source", "city-water", recordTypes: ["late-utility-fees", "utility-arrears-paid"]);
            var (subject, z, w) = (Unique.Person(), Unique.Id("Z"), Unique.Id("W"));
            var bob = await host.SubjectAsync(Unique.Id("bob"), subject);
            var reviewer = await host.KeyAsync("reviewer", "reviewer-1");
            var auditor = await host.KeyAsync("auditor", "auditor-1");
            var airline = await host.KeyAsync("relying-party", "china-eastern", capabilities: ["air.ticket"], purpose: "air ticket sales");
            await DueProcessHost.Created(host.PostAsync("/v1/records", court, DueProcessHost.Defaulter(subject, z)));
            await DueProcessHost.Created(host.PostAsync("/v1/records", water, DueProcessHost.LateUtility(subject, w, "2026-05-01T00:00:00Z")));

            async Task<string> OpenAsync() =>
                (await DueProcessHost.Created(host.PostAsync("/v1/me/disputes", bob, new { source = DueProcessHost.Court, sourceRecordId = z, reason = "not mine" }))).Text("id");
            async Task<string> VerifiedAsync()
            {
                var id = await OpenAsync();
                await DueProcessHost.Ok(host.PostAsync($"/v1/disputes/{id}/answer", court, new { answer = "verify", reason = "the judgment names this identifier" }));
                return id;
            }

            async Task<string> EscalatedAsync()
            {
                var id = await VerifiedAsync();
                await DueProcessHost.Ok(host.PostAsync($"/v1/me/disputes/{id}/escalate", bob, new { reason = "my namesake" }));
                return id;
            }

            async Task<string> RefusedRepairAsync() =>
                (await ApiHost.Json(await host.PostAsync("/v1/me/repairs", bob, new { source = "city-water", sourceRecordId = w }))).Text("caseId");
            async Task<string> AppealAsync() =>
                (await DueProcessHost.Created(host.PostAsync($"/v1/me/repairs/{await RefusedRepairAsync()}/appeal", bob, new { grounds = "paid in cash" }))).Text("id");

            var (field, kind) = (route[(route.IndexOf('.', StringComparison.Ordinal) + 1)..], Kind.Identifier);
            kind = field is "reason" or "evidence" or "grounds" ? Kind.Free : field == "purpose" ? Kind.Short : Kind.Identifier;
            const string Disputes = "/v1/me/disputes";
            var scene = route switch
            {
                "dispute.reason" => new Scene { Key = bob, Path = Disputes, Template = $"{{\"source\":\"intermediate-court\",\"sourceRecordId\":\"{z}\",\"reason\":\"§\"}}", ReadKey = bob, Read = Disputes },
                "dispute.evidence" => new Scene { Key = bob, Path = Disputes, Template = $"{{\"source\":\"intermediate-court\",\"sourceRecordId\":\"{z}\",\"reason\":\"not mine\",\"evidence\":\"§\"}}", ReadKey = bob, Read = Disputes },
                "dispute.source" => new Scene { Key = bob, Path = Disputes, Template = $"{{\"source\":\"§\",\"sourceRecordId\":\"{z}\",\"reason\":\"not mine\"}}", ReadKey = bob, Read = Disputes },
                "dispute.sourceRecordId" => new Scene { Key = bob, Path = Disputes, Template = "{\"source\":\"intermediate-court\",\"sourceRecordId\":\"§\",\"reason\":\"not mine\"}", ReadKey = bob, Read = Disputes },
                "answer.reason" => new Scene { Key = court, Path = $"/v1/disputes/{await OpenAsync()}/answer", Template = "{\"answer\":\"withdraw\",\"reason\":\"§\"}", ReadKey = bob, Read = Disputes },
                "answer.answer" => new Scene { Key = court, Path = $"/v1/disputes/{await OpenAsync()}/answer", Template = "{\"answer\":\"§\",\"reason\":\"checked\"}", ReadKey = bob, Read = Disputes },
                "escalation.reason" => new Scene { Key = bob, Path = $"{Disputes}/{await VerifiedAsync()}/escalate", Template = "{\"reason\":\"§\"}", ReadKey = bob, Read = Disputes },
                "escalation.disputeId" => new Scene { Key = bob, Path = Disputes + "/§/escalate", Template = "{\"reason\":\"not mine\"}", ReadKey = bob, Read = Disputes },
                "review-dispute.reason" => new Scene { Key = reviewer, Path = $"/v1/review/disputes/{await EscalatedAsync()}", Template = "{\"decision\":\"found-wrong\",\"reason\":\"§\"}", ReadKey = bob, Read = Disputes },
                "review-dispute.decision" => new Scene { Key = reviewer, Path = $"/v1/review/disputes/{await EscalatedAsync()}", Template = "{\"decision\":\"§\",\"reason\":\"checked\"}", ReadKey = bob, Read = Disputes },
                "repair.source" => new Scene { Key = bob, Path = "/v1/me/repairs", Template = $"{{\"source\":\"§\",\"sourceRecordId\":\"{w}\"}}", ReadKey = bob, Read = "/v1/me/repairs" },
                "repair.sourceRecordId" => new Scene { Key = bob, Path = "/v1/me/repairs", Template = "{\"source\":\"city-water\",\"sourceRecordId\":\"§\"}", ReadKey = bob, Read = "/v1/me/repairs" },
                "appeal.grounds" => new Scene { Key = bob, Path = $"/v1/me/repairs/{await RefusedRepairAsync()}/appeal", Template = "{\"grounds\":\"§\"}", ReadKey = bob, Read = "/v1/me/repairs" },
                "appeal.repairId" => new Scene { Key = bob, Path = "/v1/me/repairs/§/appeal", Template = "{\"grounds\":\"paid\"}", ReadKey = bob, Read = "/v1/me/repairs" },
                "review-appeal.reason" => new Scene { Key = reviewer, Path = $"/v1/review/appeals/{await AppealAsync()}", Template = "{\"grant\":true,\"reason\":\"§\"}", ReadKey = bob, Read = "/v1/me/repairs" },
                "principal.name" => Principal(host, "{\"role\":\"relying-party\",\"name\":\"§\",\"capabilities\":[\"air.ticket\"],\"purpose\":\"air tickets\"}"),
                "principal.purpose" => Principal(host, "{\"role\":\"relying-party\",\"name\":\"rail-7\",\"capabilities\":[\"air.ticket\"],\"purpose\":\"§\"}"),
                "principal.recordTypes" => Principal(host, "{\"role\":\"source\",\"name\":\"tax-office\",\"recordTypes\":[\"tax-evasion\",\"§\"]}"),
                "principal.capabilities" => Principal(host, "{\"role\":\"relying-party\",\"name\":\"rail-7\",\"capabilities\":[\"§\"],\"purpose\":\"tickets\"}"),
                "principal.subject" => Principal(host, "{\"role\":\"subject\",\"name\":\"alice\",\"subject\":\"§\"}"),
                "share.purpose" => new Scene { Key = bob, Path = "/v1/me/shares", Template = "{\"relyingParty\":\"china-eastern\",\"validFor\":\"7d\",\"purpose\":\"§\"}", ReadKey = bob, Read = "/v1/me/shares" },
                "share.relyingParty" => new Scene { Key = bob, Path = "/v1/me/shares", Template = "{\"relyingParty\":\"§\",\"validFor\":\"7d\",\"purpose\":\"flat\"}", ReadKey = bob, Read = "/v1/me/shares" },
                "share.validFor" => new Scene { Key = bob, Path = "/v1/me/shares", Template = "{\"relyingParty\":\"china-eastern\",\"validFor\":\"§\",\"purpose\":\"flat\"}", ReadKey = bob, Read = "/v1/me/shares" },
                "decision.subject" => new Scene { Key = airline, Path = "/v1/decisions", Template = "{\"subject\":\"§\",\"measure\":\"air.ticket\"}", ReadKey = bob, Read = "/v1/me/notices" },
                "decision.measure" => new Scene { Key = airline, Path = "/v1/decisions", Template = $"{{\"subject\":\"{subject}\",\"measure\":\"§\"}}", ReadKey = bob, Read = "/v1/me/notices" },
                "access-log.purpose" => new Scene { Key = auditor, Method = HttpMethod.Get, Path = "/v1/access-log?purpose=§", ReadKey = bob, Read = "/v1/me/shares" },
                "subject-file.purpose" => new Scene { Key = reviewer, Method = HttpMethod.Get, Path = $"/v1/subjects/{subject}?purpose=§", ReadKey = bob, Read = "/v1/me/shares" },
                "activation.tag" => new Scene { Key = host.OperatorKey, Path = "/v1/policies/§/activations", ReadKey = host.OperatorKey, Read = "/v1/policies" },
                _ => throw new ArgumentOutOfRangeException(nameof(route), route, "no such route"),
            };
            return new Scene
            {
                host = host,
                Kind = kind,
                Field = field,
                Key = scene.Key,
                Method = scene.Method,
                Path = scene.Path,
                Template = scene.Template,
                ReadKey = scene.ReadKey,
                Read = scene.Read,
            };
        }

        public Task<HttpResponseMessage> SendAsync(string value, Carrier carrier)
        {
            if (carrier == Carrier.Url)
            {
                var path = Path.Replace("§", Uri.EscapeDataString(value), StringComparison.Ordinal);
                return Template.Length == 0 ? host.SendAsync(Method, path, Key) : SendRaw(host, path, Key, Template, Method);
            }

            // The JSON library's own string, escapes and all; or the same text with only quotes and backslashes escaped.
            var literal = carrier == Carrier.JsonEscaped
                ? JsonSerializer.Serialize(value)
                : "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
            return SendRaw(host, Path, Key, Template.Replace(Marker, literal, StringComparison.Ordinal), Method);
        }

        public async Task<string> SnapshotAsync() =>
            await (await host.GetAsync(Read, ReadKey)).Content.ReadAsStringAsync() + await (await host.GetAsync("/v1/principals", host.OperatorKey)).Content.ReadAsStringAsync();

        private static Scene Principal(ApiHost host, string template) =>
            new() { Key = host.OperatorKey, Path = "/v1/principals", Template = template, ReadKey = host.OperatorKey, Read = "/v1/policies" };
    }
}
