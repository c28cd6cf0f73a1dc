using BenchmarkDotNet.Attributes;
using Credence.Core.Policies;
using Credence.Core.Records;
using Credence.Core.Scoring;
using RulesEngine.Models;

namespace Credence.Bench;

/// <summary>
/// Scoring one subject with ten records under the sample persons policy: Credence's engine, a naive
/// C# loop with string look-ups, and Microsoft RulesEngine 6.0.1 evaluating the same catalogue.
/// </summary>
[MemoryDiagnoser]
public class ScoringBenchmarks
{
    private const int Subjects = 1000;
    private const int SlowSubjects = 20;

    private SubjectFacts[] facts = [];
    private Record[][] records = [];
    private Dictionary<string, RecordType> catalogue = [];
    private RulesEngine.RulesEngine rules = null!;
    private RuleInput[][] ruleInputs = [];
    private long asOfTicks;

    [GlobalSetup]
    public void Setup()
    {
        var policy = BenchData.LoadPersonsPolicy();
        var compiled = CompiledPolicy.Compile(policy);
        records = BenchData.Subjects(policy, Subjects, 10);
        facts = [.. records.Select(r => SubjectFacts.Compile(compiled, SubjectFile.Create(r[0].Subject, r)))];
        catalogue = policy.RecordTypes.ToDictionary(t => t.Id);
        asOfTicks = BenchData.AsOf.UtcTicks;

        // One rule per record type: does this record count now, and for how many points.
        var workflow = new Workflow
        {
            WorkflowName = "catalogue",
            Rules = [.. policy.RecordTypes.Select(t => new Rule
            {
                RuleName = t.Id,
                Expression = $"input1.Type == \"{t.Id}\" && input1.Start <= input1.AsOf && input1.AsOf < input1.End",
                SuccessEvent = t.Points.ToString(System.Globalization.CultureInfo.InvariantCulture),
                RuleExpressionType = RuleExpressionType.LambdaExpression,
            })],
        };
        rules = new RulesEngine.RulesEngine([workflow], new ReSettings());
        ruleInputs = [.. records.Take(SlowSubjects).Select(rs => rs.Select(r => new RuleInput
        {
            Type = r.Type,
            Start = r.OccurredAt.UtcTicks,
            End = catalogue[r.Type].Lasts.AddTo(r.OccurredAt).UtcTicks,
            AsOf = asOfTicks,
        }).ToArray())];
    }

    [Benchmark(OperationsPerInvoke = Subjects, Description = "Credence engine")]
    public int Credence()
    {
        var sum = 0;
        foreach (var subject in facts)
        {
            sum += ScoringEngine.Evaluate(subject, BenchData.AsOf, true).Score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Subjects, Description = "naive C# loop")]
    public int NaiveLoop()
    {
        var sum = 0;
        foreach (var subject in records)
        {
            var score = 1000;
            foreach (var r in subject)
            {
                var type = catalogue[r.Type];
                if (r.OccurredAt <= BenchData.AsOf && BenchData.AsOf < type.Lasts.AddTo(r.OccurredAt))
                {
                    score += type.Points;
                }
            }

            sum += score;
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = SlowSubjects, Description = "RulesEngine 6.0.1")]
    public async Task<int> RulesEngineCatalogue()
    {
        var sum = 0;
        foreach (var subject in ruleInputs)
        {
            var score = 1000;
            foreach (var input in subject)
            {
                var results = await rules.ExecuteAllRulesAsync("catalogue", input);
                foreach (var result in results)
                {
                    if (result.IsSuccess)
                    {
                        score += int.Parse(result.Rule.SuccessEvent, System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }

            sum += score;
        }

        return sum;
    }

    /// <summary>The record shape RulesEngine's expressions read.</summary>
    public sealed class RuleInput
    {
        public string Type { get; set; } = string.Empty;

        public long Start { get; set; }

        public long End { get; set; }

        public long AsOf { get; set; }
    }
}
