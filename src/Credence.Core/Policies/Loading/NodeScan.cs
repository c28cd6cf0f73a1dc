using Credence.Core.Policies.Validation;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Walks every node of the document, known keys or not: no scalar anywhere may look like a subject
/// identifier, and the document is plain data (no tags, which YAML uses to construct objects, and
/// no anchors or aliases).
/// </summary>
internal static class NodeScan
{
    public static void Scan(YamlNode root, LoadContext ctx) => Visit(root, string.Empty, ctx, new HashSet<YamlNode>(ReferenceEqualityComparer.Instance));

    private static void Visit(YamlNode node, string path, LoadContext ctx, HashSet<YamlNode> seen)
    {
        // An alias is the anchored node again: visiting it once keeps a crafted document from
        // expanding exponentially.
        if (!seen.Add(node))
        {
            return;
        }

        var where = MappingScope.Describe(path);
        if (!node.Anchor.IsEmpty)
        {
            ctx.Report(PolicyRules.YamlSyntax, path, node, $"{where} carries the anchor '&{node.Anchor}': anchors and aliases are not part of the policy language; write values out", taints: false);
        }

        if (!node.Tag.IsEmpty && !node.Tag.IsNonSpecific)
        {
            ctx.Report(PolicyRules.BadValue, path, node, $"{where} carries the tag '{node.Tag}': a policy is plain data, with no types, expressions or code", taints: false);
        }

        switch (node)
        {
            case YamlScalarNode scalar:
                if (IdentifierShape.Find(scalar.Value) is { } shape)
                {
                    ctx.Report(PolicyRules.NoSubjectByIdentity, path, node, TextChecks.Message(where, "value", shape), taints: false);
                }

                break;
            case YamlSequenceNode seq:
                for (var i = 0; i < seq.Children.Count; i++)
                {
                    Visit(seq.Children[i], $"{path}[{i}]", ctx, seen);
                }

                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (IdentifierShape.Find(name) is { } keyShape)
                    {
                        ctx.Report(PolicyRules.NoSubjectByIdentity, child, key, TextChecks.Message($"the key '{child}'", "name", keyShape), taints: false);
                    }

                    Visit(value, child, ctx, seen);
                }

                break;
        }
    }
}
