using System.Collections.Immutable;
using Credence.Core.Records;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>Reads one entry of <c>measures</c>.</summary>
internal static class MeasureReader
{
    public static Measure Read(YamlNode node, string path, LoadContext ctx)
    {
        if (MappingScope.Of(node, path, ctx) is not { } s)
        {
            return new Measure(string.Empty, string.Empty, null, default, string.Empty, new MeasureTrigger(null, null, null), [], []);
        }

        var id = s.Text("id", required: true) ?? string.Empty;
        var name = s.Text("name", required: true) ?? string.Empty;
        var description = s.Text("description");
        var effect = s.Choice("effect", PolicyVocabulary.MeasureEffects, required: true) ?? default(MeasureEffect);
        var capability = s.Text("capability", required: true) ?? string.Empty;
        var trigger = new MeasureTrigger(null, null, null);
        if (s.Map("when", required: true) is { } w)
        {
            trigger = new MeasureTrigger(w.Text("list"), w.Text("grade-at-least"), w.Text("grade-at-most"));
            w.Close();
        }

        ImmutableArray<Area> areas = [];
        ImmutableArray<Matter> matters = [];
        if (s.Map("relates-to") is { } r)
        {
            // A value that cannot be read stays in place as an undefined placeholder, so that the
            // validator's paths keep pointing at the right items.
            areas = [.. r.Items("areas").Select(x => Area(x.Node, x.Path, ctx) ?? default)];
            matters = [.. r.Items("matters").Select(x => MatterOf(x.Node, x.Path, ctx, $"measure '{id}'") ?? default)];
            r.Close();
        }

        s.Close();
        return new Measure(id, name, description, effect, capability, trigger, areas, matters);
    }

    private static Area? Area(YamlNode node, string path, LoadContext ctx)
    {
        if (node is YamlScalarNode { Value: { } text } && PolicyVocabulary.Areas.TryGetValue(text, out var area))
        {
            return area;
        }

        ctx.Report(Validation.PolicyRules.BadValue, path, node,
            $"'{path}': '{(node as YamlScalarNode)?.Value}' is not one of {string.Join(", ", PolicyVocabulary.Areas.Keys)}");
        return null;
    }

    private static Matter? MatterOf(YamlNode node, string path, LoadContext ctx, string owner)
    {
        if (node is YamlScalarNode { Value: { } text })
        {
            return MatterNames.Read(text, path, node, ctx, owner);
        }

        ctx.Report(Validation.PolicyRules.BadValue, path, node, $"'{path}' must be a matter name");
        return null;
    }
}
