using Credence.Core.Policies.Validation;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Reads a policy text once as a stream of YAML events, before anything is built from it, and
/// stops at the first thing that is not a readable policy within <see cref="PolicyLimits"/>: a
/// character YAML does not allow, a syntax error, too deep a nesting, too long a value, too many
/// nodes or documents, or an alias. The first such problem is reported with its line and column.
/// </summary>
internal static class YamlPreScan
{
    /// <summary>True when the text may be handed to the node builder; otherwise one problem was reported.</summary>
    public static bool Check(string yaml, LoadContext ctx)
    {
        if (yaml.Length > PolicyLimits.MaxLength)
        {
            ctx.Report(PolicyRules.YamlLimit, string.Empty, Mark.Empty, $"the text is {yaml.Length} characters long; a policy may have at most {PolicyLimits.MaxLength}");
            return false;
        }

        if (YamlCharacters.FindDisallowed(yaml) is { } bad)
        {
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, bad.Mark, bad.Message);
            return false;
        }

        var parser = new Parser(new StringReader(WithoutByteOrderMark(yaml)));
        var last = Mark.Empty;
        var (depth, nodes, documents) = (0, 0, 0);
        try
        {
            while (parser.MoveNext())
            {
                var e = parser.Current!;
                last = e.End;
                string? tooMuch = e switch
                {
                    DocumentStart when ++documents > PolicyLimits.MaxDocuments => "a policy file holds one document; this is a second",
                    AnchorAlias alias => $"the alias '*{alias.Value}' is not part of the policy language (no anchors or aliases); write values out",
                    Scalar s when s.Value.Length > PolicyLimits.MaxScalarLength => $"this value is {s.Value.Length} characters long; a key or value may have at most {PolicyLimits.MaxScalarLength}",
                    NodeEvent when ++nodes > PolicyLimits.MaxNodes => $"the document has more than {PolicyLimits.MaxNodes} keys, values and collections",
                    MappingStart or SequenceStart when ++depth > PolicyLimits.MaxDepth => $"mappings and lists are nested more than {PolicyLimits.MaxDepth} levels deep here",
                    MappingEnd or SequenceEnd => Leave(ref depth),
                    _ => null,
                };
                if (tooMuch is not null)
                {
                    var rule = e is DocumentStart or AnchorAlias ? PolicyRules.YamlSyntax : PolicyRules.YamlLimit;
                    ctx.Report(rule, string.Empty, e.Start, tooMuch);
                    return false;
                }
            }
        }
        catch (YamlException ex)
        {
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, ex.Start, YamlMessages.WithoutMark(ex.Message));
            return false;
        }
        catch (InvalidOperationException)
        {
            // Implementation note: YamlDotNet's scanner throws this (not a YamlException) on some
            // unclosed flow collections, e.g. "a: {b: 1" followed by a block key on the next line.
            ctx.Report(PolicyRules.YamlSyntax, string.Empty, last, "the text cannot be read past here: a '{' or '[' is not closed, or a key follows where a value was expected");
            return false;
        }

        return true;
    }

    /// <summary>The text without the byte order mark it may start with (which YAML readers do not all skip in a string).</summary>
    public static string WithoutByteOrderMark(string yaml) => yaml.StartsWith('\ufeff') ? yaml[1..] : yaml;

    private static string? Leave(ref int depth)
    {
        depth--;
        return null;
    }
}
