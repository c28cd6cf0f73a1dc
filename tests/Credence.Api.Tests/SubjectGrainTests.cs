using System.Net;
using System.Text.Json;
using Credence.App.Grains;
using Credence.App.Http;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Credence.Registry.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Runtime;

namespace Credence.Api.Tests;

/// <summary>
/// Decisions are answered by the subject's grain, from the file it holds only when the store's writer finds it
/// unchanged inside the decision's unit of work (and every write that changes the file makes the grain forget it
/// before the write is acknowledged), so a decision never answers from a file older than a committed write,
/// whichever route wrote it and whichever silo holds the grain (docs/cluster.md, "A grain per subject").
/// </summary>
/// <remarks>
/// The tests of a dispute and of refusals share a host (<see cref="SharedHost"/>) under subjects of their own; the tests that
/// count or collect the silo's activations, or break the store's ledger, start their own.
/// </remarks>
public sealed class SubjectGrainTests(SharedHost shared) : SharedHostTests(shared)
{
    internal const string Ticket = "rail.g-train.ticket";

    internal static object Defaulter(string subject, string id, int version = 1, string? action = null) =>
        new { subject, type = "judgment-defaulter", area = "judicial", occurred = "2026-05-01T00:00:00Z", sourceRecordId = id, legalBasis = "(2026) Enforcement No. " + id, version, action };

    private static async Task<string> OutcomeAsync(ApiHost host, string key, string subject)
    {
        var response = await host.PostAsync("/v1/decisions", key, new { subject, measure = Ticket });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await ApiHost.Json(response)).GetProperty("outcome").GetString()!;
    }

    [Fact]
    public async Task A_decision_after_a_record_is_taken_in_answers_with_it_by_every_intake_route_and_spelling()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");

        // The grain holds Bob's empty file (asked twice: the second answers from memory)...
        Assert.Equal("allowed", await OutcomeAsync(host, rail, ApiHost.Bob));
        Assert.Equal("allowed", await OutcomeAsync(host, rail, ApiHost.Bob));
        Assert.True(await ActivationsAsync(host.Server) > 0);

        // ...and a record taken in for him is in the very next decision.
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"))).StatusCode);
        Assert.Equal("denied", await OutcomeAsync(host, rail, ApiHost.Bob));

        // Its withdrawal (a new version of the record) too.
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1", version: 2, action: "withdrawn"))).StatusCode);
        Assert.Equal("allowed", await OutcomeAsync(host, rail, ApiHost.Bob));

        // A batch (NDJSON), for a subject asked about by another spelling of the same identifier (a lower-case check letter).
        var alice = ApiHost.Alice.ToLowerInvariant();
        Assert.Equal("allowed", await OutcomeAsync(host, rail, alice));
        var ndjson = JsonSerializer.Serialize(Defaulter(ApiHost.Alice, "Z-2")) + "\n";
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(ndjson, "application/x-ndjson"))).StatusCode);
        Assert.Equal("denied", await OutcomeAsync(host, rail, alice));
        Assert.Equal("denied", await OutcomeAsync(host, rail, ApiHost.Alice));

        // A CSV batch that corrects nothing but repeats the record (a duplicate) changes nothing.
        Assert.Equal(HttpStatusCode.OK, (await host.SendAsync(HttpMethod.Post, "/v1/records/batch", court, ApiHost.Text(ndjson, "application/x-ndjson"))).StatusCode);
        Assert.Equal("denied", await OutcomeAsync(host, rail, ApiHost.Alice));
    }

    [Fact]
    public async Task A_dispute_and_its_answer_reach_the_next_decision()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");
        var (subject, z) = (Unique.Person(), Unique.Id("Z"));
        var bob = await host.KeyAsync("subject", Unique.Id("bob"), subject: subject);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(subject, z))).StatusCode);
        Assert.Equal("denied", await OutcomeAsync(host, rail, subject));

        // Bob disputes the record (it is flagged in his file): the grain answers as the use case does on its own...
        var opened = await host.PostAsync("/v1/me/disputes", bob, new { source = "intermediate-court", sourceRecordId = z, reason = "paid in full" });
        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        var dispute = (await ApiHost.Json(opened)).GetProperty("id").GetString();
        var direct = await host.Server.Registry.Decisions.DecideAsync(await RelyingPartyAsync(host, rail), subject, Ticket);
        Assert.Equal(direct.GetValueOrThrow().Answer.ToString().ToLowerInvariant(), (await OutcomeAsync(host, rail, subject)).Replace("-", string.Empty, StringComparison.Ordinal));

        // ...and the court withdraws it in answer: the grain forgot his file at once.
        var answered = await host.PostAsync($"/v1/disputes/{dispute}/answer", court, new { answer = "withdraw", reason = "paid in full" });
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Equal("allowed", await OutcomeAsync(host, rail, subject));
    }

    [Fact]
    public async Task A_grain_collected_and_woken_again_answers_exactly_as_the_use_case_does_without_it()
    {
        await using var host = await ApiHost.StartAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");
        await host.PostAsync("/v1/records", court, Defaulter(ApiHost.Bob, "Z-1"));

        var warm = await DecisionAsync(host, rail);
        var again = await DecisionAsync(host, rail);
        Assert.True(await ActivationsAsync(host.Server) > 0);

        var management = host.Server.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        Assert.Equal(0, await ActivationsAsync(host.Server));
        var woken = await DecisionAsync(host, rail);

        // The same decision by the use case itself, without a grain.
        var direct = await host.Server.Registry.Decisions.DecideAsync(await RelyingPartyAsync(host, rail), ApiHost.Bob, Ticket);
        var directJson = JsonSerializer.Serialize(Credence.App.Http.Documents.DecisionDocument.From(direct.GetValueOrThrow()), Credence.App.Output.CredenceJson.Compact);
        var expected = Comparable(JsonDocument.Parse(directJson).RootElement);
        Assert.Equal(expected, Comparable(warm));
        Assert.Equal(expected, Comparable(again));
        Assert.Equal(expected, Comparable(woken));
        Assert.Equal("denied", woken.GetProperty("outcome").GetString());
    }

    [Fact]
    public async Task A_decision_the_ledger_cannot_take_is_ledger_unavailable_through_the_grain_and_is_not_stored()
    {
        await using var host = await ApiHost.StartAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");
        Assert.Equal("allowed", await OutcomeAsync(host, rail, ApiHost.Bob));
        ApiStore.Execute(host.Store, ApiStore.IsPostgres
            ? "CREATE FUNCTION ledger_down() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'ledger disk gone'; END $$; CREATE TRIGGER ledger_down BEFORE INSERT ON ledger_entries FOR EACH ROW EXECUTE FUNCTION ledger_down()"
            : "CREATE TRIGGER ledger_down BEFORE INSERT ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger disk gone'); END");
        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject = ApiHost.Bob, measure = Ticket }), HttpStatusCode.ServiceUnavailable, "ledger-unavailable");
        ApiStore.Execute(host.Store, ApiStore.IsPostgres ? "DROP TRIGGER ledger_down ON ledger_entries" : "DROP TRIGGER ledger_down");

        Assert.Equal("allowed", await OutcomeAsync(host, rail, ApiHost.Bob));
        var summary = await ApiHost.Json(await host.GetAsync("/v1/summary", host.OperatorKey));
        Assert.Equal(2, summary.GetProperty("counts").GetProperty("decisions").GetInt32());
    }

    [Fact]
    public async Task Refusals_are_the_use_cases_own_with_or_without_a_grain()
    {
        var host = await HostAsync();
        var court = await host.CourtAsync();
        var rail = await host.KeyAsync("relying-party", "rail", capabilities: [Ticket], purpose: "tickets");
        var subject = Unique.Person();
        var bob = await host.KeyAsync("subject", Unique.Id("bob"), subject: subject);
        Assert.Equal(HttpStatusCode.Created, (await host.PostAsync("/v1/records", court, Defaulter(subject, Unique.Id("Z")))).StatusCode);

        // A wrong key, a source, the subject himself: refused as ever, whatever they ask.
        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", "not-a-key", new { subject, measure = Ticket }), HttpStatusCode.Unauthorized, "unauthorized");
        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", court, new { subject, measure = Ticket }), HttpStatusCode.Forbidden, "forbidden");
        await Problems.AssertAsync(await host.PostAsync("/v1/decisions", bob, new { subject, measure = Ticket }), HttpStatusCode.Forbidden, "forbidden");

        // What the relying party may not ask about, or what is no measure: refused with the subject's grain awake or not.
        foreach (var round in new[] { "cold", "warm" })
        {
            await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject, measure = "air.ticket" }), HttpStatusCode.Forbidden, "measure-not-permitted");
            await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject, measure = "月球.票" }), HttpStatusCode.UnprocessableEntity, "unknown-measure");
            await Problems.AssertAsync(await host.PostAsync("/v1/decisions", rail, new { subject, measure = " " }), HttpStatusCode.BadRequest, "missing-field");
            Assert.Equal("denied", await OutcomeAsync(host, rail, subject));
            Assert.True(round.Length > 0);
        }

        // Identifiers that are not one: a wrong check digit, full-width digits, Chinese, nothing.
        foreach (var wrong in new[] { "440524188001010015", "４４０５２４１８８００１０１００１４", "鲍勃", "" })
        {
            var refused = await host.PostAsync("/v1/decisions", rail, new { subject = wrong, measure = Ticket });
            Assert.True(refused.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.BadRequest, $"{wrong}: {refused.StatusCode}");
        }

        // The refusals are in the subject's access log, as before.
        var reviewer = await host.KeyAsync("reviewer", "reviewer");
        var file = await ApiHost.Json(await host.GetAsync("/v1/subjects/" + subject + "?purpose=check", reviewer));
        Assert.Equal(2, file.GetProperty("accessLog").EnumerateArray().Count(e => e.GetProperty("principal").GetString() == "rail" && e.GetProperty("outcome").GetString() == "forbidden"));
    }

    [Fact]
    public async Task Two_cluster_registries_on_one_store_a_record_taken_in_on_one_is_in_the_next_decision_on_the_other()
    {
        await using var cluster = new ClusterOnOneStore("grain-test");

        // The first registry is set up (keys, the policy) before the second starts, so that the second reads them from the store.
        var (a, clientA) = await cluster.StartAsync();
        var keys = await SetUpAsync(a, clientA);
        var (b, clientB) = await cluster.StartAsync();
        await cluster.MembersAsync();

        // Several subjects, so that their grains land on both silos; each is asked on B (its grain now holds the empty file).
        var subjects = new[] { ApiHost.Bob, ApiHost.Alice, "44052419900307447X", "110105198001010016", "440524200001010013" };
        foreach (var subject in subjects)
        {
            Assert.Equal("allowed", await DecideAsync(clientB, keys.Rail, subject));
        }

        Assert.True(await ActivationsAsync(a) + await ActivationsAsync(b) >= subjects.Length);

        // Taken in on A, answered on B at once; and the other way round for the withdrawal.
        foreach (var (subject, n) in subjects.Select((s, n) => (s, n)))
        {
            Assert.Equal(HttpStatusCode.Created, (await Send(clientA, "/v1/records", keys.Court, Defaulter(subject, "C-" + n))).StatusCode);
            Assert.Equal("denied", await DecideAsync(clientB, keys.Rail, subject));
            Assert.Equal(HttpStatusCode.Created, (await Send(clientB, "/v1/records", keys.Court, Defaulter(subject, "C-" + n, version: 2, action: "withdrawn"))).StatusCode);
            Assert.Equal("allowed", await DecideAsync(clientA, keys.Rail, subject));
            Assert.Equal("allowed", await DecideAsync(clientB, keys.Rail, subject));
        }
    }

    [Theory]
    [InlineData(null, 5)]
    [InlineData("00:02:00", 2)]
    [InlineData(" 01:00:00 ", 60)]
    public void The_idle_age_is_configured_in_minutes_over_orleans_quantum(string? text, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), SubjectGrains.IdleAge(text));

    [Theory]
    [InlineData("00:01:00")]
    [InlineData("00:00:30")]
    [InlineData("-00:05:00")]
    [InlineData("five minutes")]
    [InlineData("五分钟")]
    public void An_idle_age_orleans_would_refuse_or_that_is_no_time_span_is_refused_with_its_key(string text)
    {
        var refused = Assert.Throws<ArgumentException>(() => SubjectGrains.IdleAge(text));
        Assert.Contains(SubjectGrains.IdleAgeKey, refused.Message, StringComparison.Ordinal);
    }

    private static async Task<Principal> RelyingPartyAsync(ApiHost host, string key) =>
        (await host.Server.Registry.Principals.AuthenticateAsync("Bearer " + key, "decision")).GetValueOrThrow();

    internal static async Task<(string Court, string Rail)> SetUpAsync(RegistryServer server, HttpClient client)
    {
        var registry = server.Registry;
        var admin = (await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Operator, "admin"))).GetValueOrThrow().Key;
        var second = (await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new PrincipalRegistration(Role.Operator, "policy-reviewer"))).GetValueOrThrow().Key;
        using var upload = new HttpRequestMessage(HttpMethod.Post, "/v1/policies") { Content = ApiHost.Yaml(ApiHost.PolicyText("rongcheng-persons.yaml")) };
        upload.Headers.Authorization = new("Bearer", admin);
        var tag = (await ApiHost.Json(await client.SendAsync(upload))).GetProperty("tag").GetString()!;
        var simulation = await Send(client, $"/v1/policies/{tag}/simulations", admin, null);
        var digest = (await ApiHost.Json(simulation)).GetProperty("digest").GetString()!;
        Assert.Equal(HttpStatusCode.Created, (await Send(client, $"/v1/policies/{tag}/sign-offs", second, new { report = digest })).StatusCode);
        (await Send(client, $"/v1/policies/{tag}/activations", admin, null)).EnsureSuccessStatusCode();
        var court = await KeyAsync(client, admin, new { role = "source", name = "intermediate-court", recordTypes = new[] { "judgment-defaulter" } });
        var rail = await KeyAsync(client, admin, new { role = "relying-party", name = "rail", capabilities = new[] { Ticket }, purpose = "tickets" });
        return (court, rail);
    }

    private static async Task<string> KeyAsync(HttpClient client, string admin, object body) =>
        (await ApiHost.Json(await Send(client, "/v1/principals", admin, body))).GetProperty("key").GetString()!;

    internal static async Task<HttpResponseMessage> Send(HttpClient client, string path, string key, object? body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = body is null ? null : ApiHost.JsonBody(body) };
        request.Headers.Authorization = new("Bearer", key);
        return await client.SendAsync(request);
    }

    private static async Task<string> DecideAsync(HttpClient client, string key, string subject)
    {
        var response = await Send(client, "/v1/decisions", key, new { subject, measure = Ticket });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{subject}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await ApiHost.Json(response)).GetProperty("outcome").GetString()!;
    }

    private static async Task<JsonElement> DecisionAsync(ApiHost host, string key)
    {
        var response = await host.PostAsync("/v1/decisions", key, new { subject = ApiHost.Bob, measure = Ticket });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await ApiHost.Json(response);
    }

    /// <summary>A decision's document without what differs between two decisions (its id, instant and ledger place).</summary>
    private static string Comparable(JsonElement decision) =>
        JsonSerializer.Serialize(decision.EnumerateObject()
            .Where(p => p.Name is not ("decisionId" or "decidedAt" or "ledgerIndex" or "links"))
            .ToDictionary(p => p.Name, p => p.Value.GetRawText()));

    /// <summary>How many subject grains the registry's silo holds now.</summary>
    private static async Task<int> ActivationsAsync(RegistryServer server)
    {
        var management = server.App.Services.GetRequiredService<IGrainFactory>().GetGrain<IManagementGrain>(0);
        var local = server.App.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        var statistics = await management.GetSimpleGrainStatistics([local]);
        return statistics.Where(s => s.GrainType.Contains(nameof(SubjectGrain), StringComparison.Ordinal)).Sum(s => s.ActivationCount);
    }

    internal static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
