using System.Text.RegularExpressions;
using Credence.Core.Policies.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// State of one load: the problems found while reading, where each part was written, and which
/// parts could not be read faithfully (so that the validator's findings about their placeholder
/// values are not reported on top of the reading problem).
/// </summary>
internal sealed partial class LoadContext(string? file)
{
    private readonly Dictionary<string, PolicyLocation> _locations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tainted = new(StringComparer.Ordinal);

    public string? File { get; } = file;

    public List<PolicyProblem> Problems { get; } = [];

    public static PolicyLocation At(Mark mark) => new(checked((int)mark.Line), checked((int)mark.Column));

    /// <summary>Remembers where <paramref name="path"/> was written.</summary>
    public void Map(string path, YamlNode node) => _locations.TryAdd(path, At(node.Start));

    /// <summary>
    /// Records a problem at <paramref name="mark"/>. With <paramref name="taints"/> the value at
    /// <paramref name="path"/> could not be read and stands in the model as a placeholder, so the
    /// validator's findings at or below that path are dropped as consequences of this one.
    /// </summary>
    public void Report(string rule, string path, Mark mark, string message, bool taints = true)
    {
        var at = At(mark);
        Problems.Add(new PolicyProblem(rule, message, File, at.Line, at.Column, path));
        if (taints)
        {
            _tainted.Add(path);
        }
    }

    public void Report(string rule, string path, YamlNode node, string message, bool taints = true) =>
        Report(rule, path, node.Start, message, taints);

    public PolicySourceMap SourceMap() => new(File, _locations);

    /// <summary>
    /// The validator's findings that are news: not one the reader already reported (the same rule
    /// at the same path), not at or below a path the reader could not read, and not resting on a
    /// record type the reader could not read in full.
    /// </summary>
    public IEnumerable<PolicyProblem> News(IEnumerable<ValidationFinding> findings, Policy policy)
    {
        var unreadTypes = _tainted
            .Select(t => TypeIndex().Match(t))
            .Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(i => i < policy.RecordTypes.Length)
            .Select(i => policy.RecordTypes[i].Id)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (problem, about) in findings)
        {
            var known = Problems.Any(p => p.Rule == problem.Rule && p.Path == problem.Path);
            var below = _tainted.Any(t => problem.Path == t
                || problem.Path.StartsWith(t + ".", StringComparison.Ordinal)
                || problem.Path.StartsWith(t + "[", StringComparison.Ordinal));
            if (!known && !below && !about.Any(unreadTypes.Contains))
            {
                yield return problem;
            }
        }
    }

    [GeneratedRegex(@"^record-types\[([0-9]{1,9})\]", RegexOptions.CultureInvariant)]
    private static partial Regex TypeIndex();
}
