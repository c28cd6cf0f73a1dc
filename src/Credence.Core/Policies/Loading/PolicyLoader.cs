using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Credence.Core.Policies.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Loads a policy from its YAML text and validates it. A <see cref="Policy"/> comes back only when
/// there is no problem at all; otherwise every problem found is reported, each with file, line,
/// column, rule and reason. docs/policy.md describes the language.
/// </summary>
public static partial class PolicyLoader
{
    /// <summary>Parses and validates <paramref name="yaml"/>.</summary>
    /// <param name="yaml">The policy text.</param>
    /// <param name="fileName">The name to put in problems, e.g. <c>policies/rongcheng-persons.yaml</c>.</param>
    public static PolicyLoadResult Load(string yaml, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        var ctx = new LoadContext(fileName);
        if (Parse(yaml, ctx) is not { } root)
        {
            return new PolicyLoadResult(null, [.. ctx.Problems], null);
        }

        NodeScan.Scan(root, ctx);
        var policy = PolicyReader.Read(root, ctx);
        var map = ctx.SourceMap();
        var found = policy is null ? [] : ctx.News(PolicyValidator.Check(policy, map).Findings, policy).ToList();
        ImmutableArray<PolicyProblem> problems =
        [
            .. ctx.Problems.Concat(found)
                .Select((p, i) => (p, i))
                .OrderBy(x => x.p.Line).ThenBy(x => x.p.Column).ThenBy(x => x.i)
                .Select(x => x.p),
        ];
        return new PolicyLoadResult(problems.IsEmpty ? policy : null, problems, map);
    }

    /// <summary>Reads the file at <paramref name="path"/> and loads it; I/O errors are thrown as usual.</summary>
    public static PolicyLoadResult LoadFile(string path) => Load(File.ReadAllText(path), path);

    private static YamlNode? Parse(string yaml, LoadContext ctx)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, e.Start, MarkPrefix().Replace(e.Message, string.Empty));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, Mark.Empty, "the file holds no policy");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, stream.Documents[1].RootNode.Start, "a policy file holds one document; this is a second");
            return null;
        }

        return stream.Documents[0].RootNode;
    }

    // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): ";
    // the location is reported separately.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ", RegexOptions.CultureInvariant)]
    private static partial Regex MarkPrefix();
}
