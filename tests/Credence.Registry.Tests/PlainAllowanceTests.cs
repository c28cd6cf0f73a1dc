using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Intake;
using Credence.Core.Policies.Loading;
using Credence.Core.Records;
using Credence.Core.Scoring;
using Credence.Registry.Decisions;
using Credence.Registry.Policies;

namespace Credence.Registry.Tests;

public class PlainAllowanceTests
{
    [Theory]
    [InlineData("rongcheng-persons.yaml", false)]
    [InlineData("sesame-persons.yaml", false)]
    [InlineData("sesame-persons.yaml", true)]
    public void The_fast_allowance_agrees_with_the_Decider_for_every_capability_subject_and_instant(string file, bool consent)
    {
        var policy = PolicyLoader.Load(TestRegistry.PolicyText(file)).EnsureValid();
        var active = new ActivePolicy(new PolicyActivation(1, policy.VersionTag, SubjectKind.Person, DateTimeOffset.MinValue, DateTimeOffset.MinValue, "test"), CompiledPolicy.Compile(policy));
        var now = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var files = new[]
        {
            Array.Empty<RecordLine>(),
            [Lines.Defaulter(Ids.Bob, "d")],
            [Lines.Defaulter(Ids.Bob, "d"), Lines.Performed(Ids.Bob, "p")],
            [.. Enumerable.Range(0, 6).Select(i => Lines.Volunteering(Ids.Bob, "v" + i, $"2026-0{(i % 5) + 1}-01T00:00:00Z")), new RecordLine(Ids.Bob, "heroic-act", "social", "2026-03-01T00:00:00Z", null, null, "h", null, null, null, null, null)],
            [Lines.LateCard(Ids.Bob, "c1"), Lines.LateCard(Ids.Bob, "c2", "2026-04-02T00:00:00Z")],
        };
        var capabilities = policy.Measures.Select(m => m.Capability).Distinct().Append("unknown.capability").ToList();
        var checkedAllowances = 0;
        foreach (var lines in files)
        {
            var records = lines.Select(l => RecordLineParser.ToRecord(l, now, out _, "court", now)!).Where(r => policy.FindRecordType(r.Type) is not null).ToList();
            var facts = SubjectFacts.Compile(active.Compiled, SubjectFile.Create(SubjectIdentifiers.Parse(Ids.Bob, DateOnly.MaxValue), records));
            foreach (var at in new[] { now, now.AddDays(200), now.AddYears(3) })
            {
                foreach (var capability in capabilities)
                {
                    var fast = DecisionService.PlainAllowance(active, facts, capability, at, consent);
                    var full = Decider.Decide(Explainer.Assess(facts, at, consent), policy, capability);
                    if (fast is null)
                    {
                        Assert.True(full is null || !full.Allowed, $"{capability} at {at:u}: the fast path declined an allowance");
                    }
                    else
                    {
                        checkedAllowances++;
                        Assert.NotNull(full);
                        Assert.Equal((full.Allowed, full.Capability, full.PolicyVersion), (fast.Allowed, fast.Capability, fast.PolicyVersion));
                        Assert.Equal(full.Measures.ToArray(), fast.Measures.ToArray());
                        Assert.Empty(full.Reasons);
                    }
                }
            }
        }

        Assert.True(checkedAllowances > (policy.ConsentRequired ? 5 : 20), $"{checkedAllowances} allowances checked");
    }
}
