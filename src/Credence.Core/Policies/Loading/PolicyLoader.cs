using System.Collections.Immutable;
using Credence.Core.Policies.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Loads a policy from its YAML text and validates it. A <see cref="Policy"/> comes back only when
/// there is no problem at all; otherwise every problem found is reported, each with file, line,
/// column, rule and reason. docs/policy.md describes the language.
/// </summary>
public static class PolicyLoader
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
        if (problems.Length > PolicyLimits.MaxProblems)
        {
            var more = problems.Length - PolicyLimits.MaxProblems;
            problems = [.. problems.Take(PolicyLimits.MaxProblems), new PolicyProblem(PolicyRules.YamlLimit, $"and {more} more problem{(more == 1 ? string.Empty : "s")} not listed: the first {PolicyLimits.MaxProblems} are", fileName, problems[^1].Line, problems[^1].Column, string.Empty)];
        }

        return new PolicyLoadResult(problems.IsEmpty ? policy : null, problems, map);
    }

    /// <summary>Decodes <paramref name="utf8"/> strictly (see <see cref="PolicyText"/>) and loads the text.</summary>
    public static PolicyLoadResult Load(ReadOnlySpan<byte> utf8, string? fileName = null)
    {
        var (text, problem) = PolicyText.Decode(utf8, fileName);
        return text is null ? new PolicyLoadResult(null, [problem!], null) : Load(text, fileName);
    }

    /// <summary>
    /// Reads the file at <paramref name="path"/> (see <see cref="PolicyText.ReadFile"/>) and loads
    /// it; I/O errors are thrown as usual.
    /// </summary>
    public static PolicyLoadResult LoadFile(string path)
    {
        var (text, problem) = PolicyText.ReadFile(path);
        return text is null ? new PolicyLoadResult(null, [problem!], null) : Load(text, path);
    }

    private static YamlNode? Parse(string yaml, LoadContext ctx)
    {
        if (!YamlPreScan.Check(yaml, ctx))
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(PolicyText.WithoutMark(yaml)));
        }
        catch (YamlException e)
        {
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, e.Start, YamlMessages.WithoutMark(e.Message));
            return null;
        }
        catch (ArgumentException)
        {
            // Implementation note: YamlDotNet's node model throws ArgumentException, not YamlException, for an
            // event it cannot place (an anchor left dangling before a key's colon, found by the mutation property);
            // it is still malformed input, so it is a problem reported, never an exception out of the loader.
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, Mark.Empty, "the YAML has a node the parser cannot place (a stray anchor, tag or indicator)");
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
}
