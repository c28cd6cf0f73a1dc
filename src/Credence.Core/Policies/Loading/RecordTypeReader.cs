using Credence.Core.Records;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>Reads one entry of <c>record-types</c>.</summary>
internal static class RecordTypeReader
{
    public static RecordType Read(YamlNode node, string path, LoadContext ctx)
    {
        if (MappingScope.Of(node, path, ctx) is not { } s)
        {
            return new RecordType(string.Empty, string.Empty, null, default, default, 0, null, PolicyDuration.Zero, false, null, default, false);
        }

        var id = s.Text("id", required: true) ?? string.Empty;
        var matterNode = s.Value("matter", required: true);
        var matter = matterNode is null
            ? null
            : MatterNames.Read(s.Text("matter"), s.Join("matter"), matterNode, ctx, $"record type '{id}'");
        var type = new RecordType(
            id,
            s.Text("name", required: true) ?? string.Empty,
            s.Text("description"),
            s.Choice("area", PolicyVocabulary.Areas, required: true) ?? default(Area),
            matter ?? default,
            s.Int("points") ?? 0,
            PerUnit(s),
            s.Duration("lasts", required: true) ?? PolicyDuration.Zero,
            s.Bool("decays") ?? false,
            Cap(s),
            s.Choice("severity", PolicyVocabulary.Severities, required: true) ?? default(Severity),
            s.Bool("counts-while-disputed") ?? false,
            s.Bool("bankruptcy") ?? false,
            s.Bool("fulfils-obligation") ?? false);
        s.Close();
        return type;
    }

    private static PerUnitPoints? PerUnit(MappingScope s)
    {
        if (s.Map("per-unit") is not { } u)
        {
            return null;
        }

        var perUnit = new PerUnitPoints(
            u.Int("points", required: true) ?? 0,
            u.Decimal("per", required: true) ?? 1,
            u.Text("unit", required: true) ?? string.Empty,
            u.Int("max-steps"));
        u.Close();
        return perUnit;
    }

    private static PointCap? Cap(MappingScope s)
    {
        if (s.Map("cap") is not { } c)
        {
            return null;
        }

        var cap = new PointCap(c.Int("points", required: true) ?? 0, c.Duration("window", required: true) ?? PolicyDuration.Zero);
        c.Close();
        return cap;
    }
}
