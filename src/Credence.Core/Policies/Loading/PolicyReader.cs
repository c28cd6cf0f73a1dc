using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Policies.Validation;
using YamlDotNet.RepresentationModel;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Turns the YAML document into a <see cref="Policy"/>, reporting every problem of shape on the
/// way. Values that cannot be read stand in as placeholders so that the whole document is still
/// read and every problem in it reported.
/// </summary>
internal static class PolicyReader
{
    public static Policy? Read(YamlNode root, LoadContext ctx)
    {
        if (MappingScope.Of(root, string.Empty, ctx) is not { } s)
        {
            return null;
        }

        var id = s.Text("policy", required: true) ?? string.Empty;
        var version = s.Text("version", required: true) ?? string.Empty;
        var title = s.Text("title", required: true) ?? string.Empty;
        var subjects = s.Choice("subjects", PolicyVocabulary.SubjectKinds, required: true) ?? default(SubjectKind);
        var profile = s.Choice("profile", PolicyVocabulary.Profiles, required: true) ?? default(JurisdictionProfile);
        var scale = Scale(s);
        var minimumAge = MinimumAge(s, subjects, ctx);
        // No default: the author must decide whether scoring needs the subject's consent.
        var consent = s.Value("consent-required", required: true) is null ? null : s.Bool("consent-required");

        var keyFactors = s.Int("max-key-factors") ?? HeaderChecks.MaxKeyFactors;
        var disputes = Disputes(s);
        ImmutableArray<RecordType> types = [.. s.Items("record-types", required: true).Select(x => RecordTypeReader.Read(x.Node, x.Path, ctx))];
        ImmutableArray<GradeBand> grades = [.. s.Items("grades", required: true).Select(x => Grade(x.Node, x.Path, ctx))];
        ImmutableArray<ListDefinition> lists = [.. s.Items("lists").Select(x => ListReader.Read(x.Node, x.Path, ctx))];
        ImmutableArray<CapabilityDefinition> capabilities = [.. s.Items("capabilities").Select(x => Capability(x.Node, x.Path, ctx))];
        ImmutableArray<Measure> measures = [.. s.Items("measures").Select(x => MeasureReader.Read(x.Node, x.Path, ctx))];
        var repair = Repair(s, ctx);
        s.Close();
        return new Policy(id, version, title, subjects, profile, scale, minimumAge, consent ?? false, keyFactors,
            types, grades, lists, measures, repair, disputes, capabilities);
    }

    private static ScoreScale Scale(MappingScope s)
    {
        if (s.Map("scale", required: true) is not { } m)
        {
            return new ScoreScale(0, 0, 0);
        }

        var scale = new ScoreScale(m.Int("base", required: true) ?? 0, m.Int("min", required: true) ?? 0, m.Int("max", required: true) ?? 0);
        m.Close();
        return scale;
    }

    // Persons default to adults; organisations have no age, and saying one is a mistake.
    private static int MinimumAge(MappingScope s, SubjectKind subjects, LoadContext ctx)
    {
        var age = s.Int("minimum-age");
        if (subjects == SubjectKind.Organisation && age is not null)
        {
            ctx.Report(PolicyRules.BadValue, "minimum-age", s.Value("minimum-age")!, "minimum-age applies to persons only; remove it from a policy for organisations");
        }

        return subjects == SubjectKind.Person ? age ?? HeaderChecks.AdultAge : 0;
    }

    private static DisputeRules Disputes(MappingScope s)
    {
        if (s.Map("disputes") is not { } d)
        {
            return DisputeRules.Default;
        }

        var rules = new DisputeRules(d.Duration("response-time", required: true) ?? DisputeRules.Default.ResponseTime);
        d.Close();
        return rules;
    }

    private static GradeBand Grade(YamlNode node, string path, LoadContext ctx)
    {
        if (MappingScope.Of(node, path, ctx) is not { } g)
        {
            return new GradeBand(string.Empty, 0);
        }

        var band = new GradeBand(g.Text("name", required: true) ?? string.Empty, g.Int("min", required: true) ?? 0);
        g.Close();
        return band;
    }

    private static CapabilityDefinition Capability(YamlNode node, string path, LoadContext ctx)
    {
        if (MappingScope.Of(node, path, ctx) is not { } c)
        {
            return new CapabilityDefinition(string.Empty, CapabilityKind.Entitlement);
        }

        // An unreadable kind stands in as an entitlement: the safe reading, and the reading problem is reported.
        var capability = new CapabilityDefinition(
            c.Text("id", required: true) ?? string.Empty,
            c.Choice("kind", PolicyVocabulary.CapabilityKinds, required: true) ?? CapabilityKind.Entitlement,
            c.Text("name"),
            c.Text("description"));
        c.Close();
        return capability;
    }

    private static RepairRules Repair(MappingScope s, LoadContext ctx)
    {
        if (s.Map("repair") is not { } r)
        {
            return RepairRules.None;
        }

        var periods = ImmutableDictionary.CreateBuilder<Severity, PolicyDuration>();
        if (r.Map("minimum-period") is { } m)
        {
            foreach (var (name, severity) in PolicyVocabulary.Severities)
            {
                if (m.Duration(name) is { } d)
                {
                    periods[severity] = d;
                }
            }

            m.Close();
        }

        var qualifying = r.Items("qualifying").Select(x => Qualification(x.Node, x.Path, ctx)).ToImmutableArray();
        r.Close();
        return new RepairRules(periods.ToImmutable(), qualifying);
    }

    private static RepairQualification Qualification(YamlNode node, string path, LoadContext ctx)
    {
        if (MappingScope.Of(node, path, ctx) is not { } q)
        {
            return new RepairQualification([], []);
        }

        var rule = new RepairQualification(q.Ids("for", required: true), q.Ids("fulfilled-by", required: true));
        q.Close();
        return rule;
    }
}
