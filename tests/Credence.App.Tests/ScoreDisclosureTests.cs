using System.Text.Json;
using System.Text.Json.Nodes;

namespace Credence.App.Tests;

/// <summary><c>credence score --disclosure</c> on a hand-made disclosure, and on every mangling of it.</summary>
[Collection("console")]
public class ScoreDisclosureTests
{
    private static readonly string Policy = Cli.Path("policies", "rongcheng-persons.yaml");

    /// <summary>A disclosure as the registry writes it (the members the scorer reads): a late utility fee disputed and left unanswered, a card payment repaired, one decision.</summary>
    private const string Disclosure = """
        {
          "subject": "11010519491231002X", "kind": "person", "asOf": "2026-11-01T00:00:00Z",
          "records": [
            {"source":"city-water","sourceRecordId":"W-1","version":1,"action":"submitted","type":"late-utility-fees","area":"social","occurred":"2026-03-01T00:00:00Z","reported":"2026-03-02T00:00:00Z","legalBasis":"notice 1"},
            {"source":"city-water","sourceRecordId":"W-1","version":2,"action":"withdrawn","type":"late-utility-fees","area":"social","occurred":"2026-03-01T00:00:00Z","reported":"2026-04-16T00:00:00Z","legalBasis":"notice 1","note":"dispute d1 unanswered"},
            {"source":"city-bank","sourceRecordId":"C-1","version":1,"action":"submitted","type":"late-credit-card-payment","area":"commercial","occurred":"2026-02-01T00:00:00Z","reported":"2026-02-01T00:00:00Z","legalBasis":"statement"}
          ],
          "disputes": [
            {"id":"d1","subject":"11010519491231002X","record":"city-water/W-1","source":"city-water","sourceRecordId":"W-1","reason":"paid","openedAt":"2026-04-01T00:00:00Z","dueAt":"2026-04-16T00:00:00Z","state":"resolved-for-subject","closedAt":"2026-04-16T00:00:00Z","answerVersion":2,"policyVersion":"rongcheng-persons@2026.1"}
          ],
          "repairs": [
            {"id":"r1","subject":"11010519491231002X","record":"city-bank/C-1","source":"city-bank","sourceRecordId":"C-1","type":"late-credit-card-payment","appliedAt":"2026-06-01T00:00:00Z","outcome":"granted","effectiveAt":"2026-06-01T00:00:00Z","needsOneOf":[],"unmet":[],"policyVersion":"rongcheng-persons@2026.1"}
          ],
          "consent": [],
          "decisions": [
            {"decisionId":"0190f1a2-0000-7000-8000-000000000001","subject":"11010519491231002X","measure":"rail.g-train.ticket","capability":"rail.g-train.ticket","outcome":"allowed","allowed":true,"reasons":[],"measures":["restrict-g-train"],"policyVersion":"rongcheng-persons@2026.1","decidedAt":"2026-04-05T00:00:00Z","relyingParty":"rail"}
          ],
          "policy": {"tag":"rongcheng-persons@2026.1","digest":"sha256:0000","text":"/v1/public/policies/rongcheng-persons/2026.1"}
        }
        """;

    private static string File(string json) => Cli.TempFile(json, ".json");

    private static JsonElement Score(string json, params string[] more)
    {
        var (exit, output, error) = Cli.Run(["score", "--policy", Policy, "--disclosure", File(json), "--json", .. more]);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    private static string Named(string digest) =>
        JsonNode.Parse(Disclosure)!.AsObject().Also(o => o["policy"]!["digest"] = digest).ToJsonString();

    [Fact]
    public void A_disclosure_is_reproduced_at_its_instant_and_before_with_its_disputes_repairs_and_decisions()
    {
        var digest = Core.Policies.PolicyDigest.Of(System.IO.File.ReadAllBytes(Policy));
        var json = Named(digest);
        var now = Score(json);
        Assert.Equal(1000, now.GetProperty("assessment").GetProperty("score").GetInt32());
        Assert.Equal(digest, now.GetProperty("policies")[0].GetProperty("named").GetString());
        Assert.Equal("rongcheng-persons@2026.1", now.GetProperty("policy").GetString());
        var decision = Assert.Single(now.GetProperty("decisions").EnumerateArray());
        Assert.True(decision.GetProperty("matches").GetBoolean());

        // While the dispute was open the fee did not count (it does not count while disputed); the card payment counted until its repair.
        var open = Score(json, "--as-of", "2026-04-10T00:00:00Z");
        var before = Score(json, "--as-of", "2026-03-31T00:00:00Z");
        Assert.Equal(before.GetProperty("assessment").GetProperty("score").GetInt32() + 20, open.GetProperty("assessment").GetProperty("score").GetInt32());
        var states = open.GetProperty("dueProcess").EnumerateArray().Select(c => (c.GetProperty("record").GetString(), c.TryGetProperty("disputeState", out var s) ? s.GetString() : null)).ToList();
        Assert.Equal([("city-water/W-1", "open")], states);
        var repaired = Score(json, "--as-of", "2026-06-01T00:00:00Z").GetProperty("dueProcess").EnumerateArray().Single(c => c.GetProperty("record").GetString() == "city-bank/C-1");
        Assert.Equal(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero), repaired.GetProperty("repairedFrom").GetDateTimeOffset());
        Assert.True(Score(json, "--as-of", "2026-06-01T00:00:00Z").GetProperty("assessment").GetProperty("score").GetInt32() > Score(json, "--as-of", "2026-05-31T00:00:00Z").GetProperty("assessment").GetProperty("score").GetInt32());

        // A decision recorded with another answer is shown as differing, never silently matched.
        var wrong = JsonNode.Parse(json)!.AsObject().Also(o => o["decisions"]![0]!["allowed"] = false).ToJsonString();
        Assert.False(Score(wrong).GetProperty("decisions")[0].GetProperty("matches").GetBoolean());
    }

    [Fact]
    public void A_policy_whose_digest_differs_from_the_one_the_file_names_is_refused_and_one_the_file_does_not_name_is_scored_unchecked()
    {
        var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--disclosure", File(Disclosure));
        Assert.Equal((1, string.Empty), (exit, output));
        Assert.Contains("digest-mismatch", error, StringComparison.Ordinal);

        var unnamed = JsonNode.Parse(Disclosure)!.AsObject().Also(o => o.Remove("policy")).ToJsonString();
        var (ok, _, note) = Cli.Run("score", "--policy", Policy, "--disclosure", File(unnamed));
        Assert.Equal(0, ok);
        Assert.Contains("not checked", note, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_member_of_every_fact_removed_nulled_or_of_another_kind_is_refused_with_one_line_or_scored_never_a_crash()
    {
        var json = Named(Core.Policies.PolicyDigest.Of(System.IO.File.ReadAllBytes(Policy)));
        var root = JsonNode.Parse(json)!.AsObject();
        var variants = new List<(string What, string Json)>();
        foreach (var (name, _) in root.ToList())
        {
            variants.Add(($"no {name}", Copy(json, o => o.Remove(name))));
            variants.Add(($"{name} null", Copy(json, o => o[name] = null)));
            variants.Add(($"{name} 7", Copy(json, o => o[name] = 7)));
            variants.Add(($"{name} {{}}", Copy(json, o => o[name] = new JsonObject())));
            if (root[name] is JsonArray list && list.Count > 0)
            {
                foreach (var (member, _) in list[0]!.AsObject().ToList())
                {
                    variants.Add(($"{name}[0] no {member}", Copy(json, o => o[name]![0]!.AsObject().Remove(member))));
                    variants.Add(($"{name}[0].{member} null", Copy(json, o => o[name]![0]![member] = null)));
                    variants.Add(($"{name}[0].{member} 99", Copy(json, o => o[name]![0]![member] = 99)));
                    variants.Add(($"{name}[0].{member} text", Copy(json, o => o[name]![0]![member] = "٢٠٢٦-04-01T00:00:00Z")));
                }
            }
        }

        Assert.True(variants.Count > 150);
        foreach (var (what, variant) in variants)
        {
            var (exit, output, error) = Cli.Run("score", "--policy", Policy, "--disclosure", File(variant), "--json");
            Assert.True(exit is 0 or 1, $"{what}: exit {exit}");
            Assert.True(exit == 0 ? output.Length > 0 : output.Length == 0 && error.Trim().Split('\n').Length == 1, $"{what}: {error}");
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
    }

    private static string Copy(string json, Action<JsonObject> change)
    {
        var o = JsonNode.Parse(json)!.AsObject();
        change(o);
        return o.ToJsonString();
    }
}

internal static class JsonNodeExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
