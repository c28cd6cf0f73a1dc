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
            Exit(s));
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

    private static ListExit Exit(MappingScope s)
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

        var exit = new ListExit(x.Ids("fulfilled-by"), x.Duration("term"), extension);
        x.Close();
        return exit;
    }
}
