using Credence.Core.Records;
using Credence.Core.Scoring;
using FsCheck.Xunit;
using static Credence.Core.Tests.Scoring.Sample;

namespace Credence.Core.Tests.Scoring;

/// <summary>
/// Over generated files under the organisations sample: a listing ends only when a record that
/// answers a held record's obligation becomes known, or when a held record's term or effect ends;
/// and records that answer none of a file's violations never change when it is listed.
/// </summary>
public class FulfilmentMatchingProperties
{
    private static readonly CompiledPolicy Policy = FulfilmentMatchingTests.Organisations;

    private static readonly int Violators = Policy.ListIndex("serious-violators");

    private static readonly int Defaulters = Policy.ListIndex("court-defaulters");

    /// <summary>What the sample says answers what, written out by hand rather than read from the engine.</summary>
    private static readonly Dictionary<string, string> Answers = new(StringComparer.Ordinal)
    {
        ["tax-evasion"] = "tax-paid",
        ["food-safety-violation"] = "rectification-completed",
        ["product-quality-violation"] = "rectification-completed",
        ["environmental-penalty"] = "rectification-completed",
        ["judgment-defaulter"] = "judgment-performed",
    };

    private static readonly string[] Types =
    [
        "tax-evasion", "food-safety-violation", "product-quality-violation", "environmental-penalty", "judgment-defaulter",
        "tax-paid", "rectification-completed", "judgment-performed", "defaulter-term-extended", "a-grade-taxpayer", "tax-arrears",
    ];

    private static readonly string[] Fulfilments = ["tax-paid", "rectification-completed", "judgment-performed"];

    /// <summary>A type, a day within three years, and a reporting delay of up to 60 days.</summary>
    private static Record[] Records((int Type, int Day, int Delay)[] spec, string[] types, string prefix) =>
        [.. spec.Select((s, i) =>
        {
            var at = T0.AddDays(Math.Abs(s.Day % 1095)).AddHours(Math.Abs(s.Day % 7));
            return Rec(Acme, types[Math.Abs(s.Type % types.Length)], at, legalBasis: "Hu Shi Jian Fa [2025] No. 1", quantity: 20_000m, source: "gen", id: $"{prefix}{i}", reported: at.AddDays(Math.Abs(s.Delay % 60)));
        })];

    private static bool Listed(SubjectFacts facts, int list, long ticks) =>
        ScoringEngine.Evaluate(facts, new DateTimeOffset(ticks, TimeSpan.Zero), true).IsListed(list);

    private static IEnumerable<long> Instants(IEnumerable<Record> records, long years = 8) =>
        records.SelectMany(r => Enumerable.Range(0, (int)years).SelectMany(y => new[]
        {
            r.OccurredAt.AddYears(y).UtcTicks, r.ReportedAt.AddYears(y).UtcTicks, r.OccurredAt.AddMonths(3).AddYears(y).UtcTicks,
        }));

    [Property(MaxTest = 300)]
    public bool A_listing_ends_only_by_an_answering_fulfilment_or_a_term((int, int, int)[] spec)
    {
        var records = Records(spec, Types, "g");
        var facts = SubjectFacts.Compile(Policy, SubjectFile.Create(Acme, records));
        var entries = records.Where(r => Answers.ContainsKey(r.Type)).ToArray();
        var extensions = records.Count(r => r.Type == "defaulter-term-extended");
        foreach (var t in Instants(records).Distinct())
        {
            foreach (var list in new[] { Violators, Defaulters })
            {
                if (!Listed(facts, list, t - 1) || Listed(facts, list, t))
                {
                    continue;
                }

                // Some held record's obligation was answered at t, or some held record's term or effect ended at t.
                var held = entries.Where(e => (list == Defaulters) == (e.Type == "judgment-defaulter") && e.ReportedAt.UtcTicks < t && e.OccurredAt.UtcTicks < t);
                var explained = held.Any(e =>
                    records.Any(f => f.Type == Answers[e.Type] && f.OccurredAt >= e.OccurredAt && Math.Max(f.OccurredAt.UtcTicks, f.ReportedAt.UtcTicks) == t)
                    || Ends(e, extensions).Contains(t));
                if (!explained)
                {
                    return false;
                }
            }
        }

        return true;
    }

    [Property(MaxTest = 300)]
    public bool Records_that_answer_none_of_the_violations_never_change_the_listing((int, int, int)[] violations, (int, int, int)[] others, int pick)
    {
        // One kind of violation; every fulfilment that does not answer it may be added at will.
        var entry = Answers.Keys.ElementAt(Math.Abs(pick % Answers.Count));
        var unrelated = Fulfilments.Where(f => f != Answers[entry]).ToArray();
        var held = Records(violations, [entry], "v");
        var extra = Records(others, unrelated, "x");
        var list = entry == "judgment-defaulter" ? Defaulters : Violators;
        var without = SubjectFacts.Compile(Policy, SubjectFile.Create(Acme, held));
        var with = SubjectFacts.Compile(Policy, SubjectFile.Create(Acme, [.. held, .. extra]));
        return Instants([.. held, .. extra]).All(t => Listed(without, list, t) == Listed(with, list, t) && Listed(without, list, t - 1) == Listed(with, list, t - 1));
    }

    [Property(MaxTest = 200)]
    public bool An_answering_fulfilment_known_after_every_violation_ends_the_listing_when_it_is_known((int, int, int)[] violations, int pick, int lag)
    {
        var entry = Answers.Keys.ElementAt(Math.Abs(pick % Answers.Count));
        var held = Records(violations, [entry], "v");
        if (held.Length == 0)
        {
            return true;
        }

        var last = held.Max(r => r.OccurredAt);
        var known = held.Max(r => r.ReportedAt).AddDays(1 + Math.Abs(lag % 30));
        var answer = Rec(Acme, Answers[entry], last, legalBasis: null, source: "gen", id: "answer", reported: known);
        var list = entry == "judgment-defaulter" ? Defaulters : Violators;
        var facts = SubjectFacts.Compile(Policy, SubjectFile.Create(Acme, [.. held, answer]));
        return !Listed(facts, list, known.UtcTicks) && !Listed(facts, list, known.AddYears(1).UtcTicks);
    }

    /// <summary>The instants a held record's hold may end by itself: its effect, or its term with up to every extension.</summary>
    private static HashSet<long> Ends(Record e, int extensions)
    {
        var type = Policy.Policy.FindRecordType(e.Type)!;
        var ends = new HashSet<long> { type.Lasts.AddTo(e.OccurredAt).UtcTicks };
        var exit = Policy.Policy.FindList(e.Type == "judgment-defaulter" ? "court-defaulters" : "serious-violators")!.Exit;
        if (exit.Term is { } term)
        {
            var end = term.AddTo(e.OccurredAt);
            ends.Add(end.UtcTicks);
            for (var k = 0; k < extensions; k++)
            {
                end = exit.Extension!.Length.AddTo(end);
                ends.Add(end.UtcTicks);
            }
        }

        return ends;
    }
}
