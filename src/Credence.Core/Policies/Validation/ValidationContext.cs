using System.Collections.Immutable;

namespace Credence.Core.Policies.Validation;

/// <summary>The policy under validation, lookups the checks share, and the problems found so far.</summary>
internal sealed class ValidationContext
{
    private readonly PolicySourceMap? _map;
    private readonly List<ValidationFinding> _findings = [];
    private readonly HashSet<(string Rule, string Path)> _seen = [];

    public ValidationContext(Policy policy, PolicySourceMap? map)
    {
        Policy = policy;
        _map = map;
        Types = First(policy.RecordTypes.IsDefault ? [] : policy.RecordTypes, t => t.Id);
        Lists = First(policy.Lists.IsDefault ? [] : policy.Lists, l => l.Id);
        GradeNames = (policy.Grades.IsDefault ? [] : policy.Grades).Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
    }

    public Policy Policy { get; }

    /// <summary>Record types by id (the first of any duplicates, which are reported separately).</summary>
    public IReadOnlyDictionary<string, RecordType> Types { get; }

    /// <summary>Lists by id (the first of any duplicates).</summary>
    public IReadOnlyDictionary<string, ListDefinition> Lists { get; }

    public IReadOnlySet<string> GradeNames { get; }

    public bool IsFcra => Policy.Profile == JurisdictionProfile.Fcra;

    /// <summary>
    /// Records a problem; the same rule at the same path is reported once. <paramref name="about"/>
    /// names the record types elsewhere in the policy that the finding rests on.
    /// </summary>
    public void Report(string rule, string path, string message, IEnumerable<RecordType>? about = null)
    {
        if (!_seen.Add((rule, path)))
        {
            return;
        }

        var location = _map?.Locate(path);
        var problem = new PolicyProblem(rule, message, _map?.File, location?.Line ?? 0, location?.Column ?? 0, path);
        _findings.Add(new ValidationFinding(problem, [.. (about ?? []).Select(t => t.Id)]));
    }

    /// <summary>
    /// Reports every id in <paramref name="ids"/> (at <c>{path}[j]</c>) that <paramref name="exists"/>
    /// does not know.
    /// </summary>
    public void CheckReferences(ImmutableArray<string> ids, string path, string what, string owner, Func<string, bool> exists)
    {
        for (var j = 0; j < (ids.IsDefault ? 0 : ids.Length); j++)
        {
            if (!exists(ids[j]))
            {
                Report(PolicyRules.UnknownReference, $"{path}[{j}]", $"{owner} refers to {what} '{ids[j]}', which the policy does not define");
            }
        }
    }

    /// <summary>Every finding in the order found.</summary>
    public IReadOnlyList<ValidationFinding> Findings => _findings;

    /// <summary>Every problem, ordered by location (stable, so code-built policies keep check order).</summary>
    public ImmutableArray<PolicyProblem> Problems() =>
        [.. _findings.Select((f, i) => (f.Problem, i)).OrderBy(x => x.Problem.Line).ThenBy(x => x.Problem.Column).ThenBy(x => x.i).Select(x => x.Problem)];

    private static Dictionary<string, T> First<T>(IEnumerable<T> items, Func<T, string> key)
    {
        var d = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            d.TryAdd(key(item) ?? string.Empty, item);
        }

        return d;
    }
}
