using System.Collections.Immutable;
using Credence.Core.Policies.Validation;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>Reads one entry of <c>lists</c>.</summary>
internal static class ListReader
{
    private static readonly ListExit NoExit = new([], null, null);

    public static ListDefinition Read(YamlNode node, string path, LoadContext ctx)
    {
        if (MappingScope.Of(node, path, ctx) is not { } s)
        {
            return new ListDefinition(string.Empty, string.Empty, null, default, false, new ListEntry([], null, null, null), NoExit);
        }

        var list = new ListDefinition(
            s.Text("id", required: true) ?? string.Empty,
            s.Text("name", required: true) ?? string.Empty,
            s.Text("description"),
            s.Choice("kind", PolicyVocabulary.ListKinds, required: true) ?? default(ListKind),
            s.Bool("published") ?? false,
            Entry(s),
            Exit(s, ctx));
        s.Close();
        return list;
    }

    private static ListEntry Entry(MappingScope s)
    {
        if (s.Map("entry", required: true) is not { } e)
        {
            return new ListEntry([], null, null, null);
        }

        var entry = new ListEntry(
            e.Ids("active-record-of"),
            e.Text("grade-at-least"),
            e.Text("grade-at-most"),
            e.Duration("no-negative-record-within"));
        e.Close();
        return entry;
    }

    private static ListExit Exit(MappingScope s, LoadContext ctx)
    {
        if (s.Map("exit") is not { } x)
        {
            return NoExit;
        }

        ListExtension? extension = null;
        if (x.Map("extension") is { } ext)
        {
            extension = new ListExtension(ext.Ids("by", required: true), ext.Duration("length", required: true) ?? PolicyDuration.Zero);
            ext.Close();
        }

        var (ids, rules) = Fulfilments(x, ctx);
        var exit = new ListExit(ids, x.Duration("term"), extension) { Rules = rules };
        x.Close();
        return exit;
    }

    /// <summary>
    /// <c>fulfilled-by</c> is either a list of ids (the short form) or a list of
    /// <c>{ for, by }</c> rules (the explicit form), never a mixture.
    /// </summary>
    private static (ImmutableArray<string> Ids, ImmutableArray<ExitFulfilment> Rules) Fulfilments(MappingScope x, LoadContext ctx)
    {
        if (x.Value("fulfilled-by") is not YamlSequenceNode seq || !seq.Children.Any(c => c is YamlMappingNode))
        {
            return (x.Ids("fulfilled-by"), []);
        }

        var rules = ImmutableArray.CreateBuilder<ExitFulfilment>();
        foreach (var (node, path) in x.Items("fulfilled-by"))
        {
            if (node is not YamlMappingNode)
            {
                ctx.Report(PolicyRules.BadValue, path, node, $"'{path}': write every item of fulfilled-by as an id, or every item as a rule {{ for: [entry types], by: [fulfilment types] }}, not both");
                continue;
            }

            var r = MappingScope.Of(node, path, ctx)!;
            rules.Add(new ExitFulfilment(r.Ids("for", required: true), r.Ids("by", required: true)));
            r.Close();
        }

        return ([], rules.ToImmutable());
    }
}
