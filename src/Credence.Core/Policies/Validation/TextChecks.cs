namespace Credence.Core.Policies.Validation;

/// <summary>
/// Looks through every id, name, description, capability and unit for protected matters
/// (promise 2), other subjects (promise 1), exemptions and identifiers (promise 3), and through
/// every measure and capability for minors and children (promise 4).
/// </summary>
internal static class TextChecks
{
    public static void Check(ValidationContext ctx)
    {
        var p = ctx.Policy;
        var self = $"policy '{p.Id}'";
        Text(ctx, "policy", self, "id", p.Id, exemptions: false);
        Text(ctx, "title", self, "title", p.Title, exemptions: false);
        Identity(ctx, "version", self, "version", p.Version);
        var grades = p.Grades.IsDefault ? [] : p.Grades;
        for (var i = 0; i < grades.Length; i++)
        {
            Text(ctx, $"grades[{i}].name", $"grade '{grades[i].Name}'", "name", grades[i].Name, exemptions: true);
        }

        var types = p.RecordTypes.IsDefault ? [] : p.RecordTypes;
        for (var i = 0; i < types.Length; i++)
        {
            var t = types[i];
            var (at, what) = ($"record-types[{i}]", $"record type '{t.Id}'");
            Text(ctx, $"{at}.id", what, "id", t.Id, exemptions: false);
            Text(ctx, $"{at}.name", what, "name", t.Name, exemptions: false);
            Text(ctx, $"{at}.description", what, "description", t.Description, exemptions: false);
            Text(ctx, $"{at}.per-unit.unit", what, "unit", t.PerUnit?.Unit, exemptions: false);
        }

        var lists = p.Lists.IsDefault ? [] : p.Lists;
        for (var i = 0; i < lists.Length; i++)
        {
            var l = lists[i];
            var (at, what) = ($"lists[{i}]", $"list '{l.Id}'");
            Text(ctx, $"{at}.id", what, "id", l.Id, exemptions: true);
            Text(ctx, $"{at}.name", what, "name", l.Name, exemptions: true);
            Text(ctx, $"{at}.description", what, "description", l.Description, exemptions: true);
            References(ctx, $"{at}.entry.active-record-of", what, l.Entry?.ActiveRecordOf);
            References(ctx, $"{at}.exit.fulfilled-by", what, l.Exit?.FulfilledBy);
            var rules = l.Exit is null || l.Exit.Rules.IsDefault ? [] : l.Exit.Rules;
            for (var k = 0; k < rules.Length; k++)
            {
                References(ctx, $"{at}.exit.fulfilled-by[{k}].for", what, rules[k].For);
                References(ctx, $"{at}.exit.fulfilled-by[{k}].by", what, rules[k].By);
            }

            References(ctx, $"{at}.exit.extension.by", what, l.Exit?.Extension?.By);
        }

        var measures = p.Measures.IsDefault ? [] : p.Measures;
        for (var i = 0; i < measures.Length; i++)
        {
            var m = measures[i];
            var (at, what) = ($"measures[{i}]", $"measure '{m.Id}'");
            Text(ctx, $"{at}.id", what, "id", m.Id, exemptions: true);
            Text(ctx, $"{at}.name", what, "name", m.Name, exemptions: true);
            Text(ctx, $"{at}.description", what, "description", m.Description, exemptions: true);
            Text(ctx, $"{at}.capability", what, "capability", m.Capability, exemptions: true);
            Identity(ctx, $"{at}.when.list", what, "trigger", m.Trigger?.List);
            Minors(ctx, at, what, ("id", m.Id), ("name", m.Name), ("description", m.Description), ("capability", m.Capability));
        }

        var capabilities = p.Capabilities.IsDefault ? [] : p.Capabilities;
        for (var i = 0; i < capabilities.Length; i++)
        {
            var c = capabilities[i];
            var (at, what) = ($"capabilities[{i}]", $"capability '{c.Id}'");
            Text(ctx, $"{at}.id", what, "id", c.Id, exemptions: true);
            Text(ctx, $"{at}.name", what, "name", c.Name, exemptions: true);
            Text(ctx, $"{at}.description", what, "description", c.Description, exemptions: true);
            Minors(ctx, at, what, ("id", c.Id), ("name", c.Name), ("description", c.Description));
        }

        var qualifying = p.Repair?.Qualifying ?? [];
        for (var i = 0; i < (qualifying.IsDefault ? 0 : qualifying.Length); i++)
        {
            References(ctx, $"repair.qualifying[{i}].for", $"repair rule {i + 1}", qualifying[i].ForTypes);
            References(ctx, $"repair.qualifying[{i}].fulfilled-by", $"repair rule {i + 1}", qualifying[i].FulfilledBy);
        }
    }

    private static void Text(ValidationContext ctx, string path, string owner, string field, string? text, bool exemptions)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        if (ProtectedMatters.Find(text) is { } p)
        {
            ctx.Report(PolicyRules.ProtectedMatter, path,
                $"{owner} uses the term '{p.Term.Trim()}' in its {field} ({p.Category}); a policy may not score, list or restrict on {p.Category}");
        }

        if (OtherSubjectTerms.Find(text, ctx.Policy.Subjects) is { } o)
        {
            ctx.Report(PolicyRules.OwnRecordsOnly, path,
                $"{owner} uses the term '{o.Term.Trim()}' in its {field}, which refers to another subject; only a subject's own records may count");
        }

        if (exemptions && ExemptionTerms.Find(text) is { } e)
        {
            ctx.Report(PolicyRules.NoExemptions, path,
                $"{owner} uses the term '{e.Term.Trim()}' in its {field}; the same rules apply to everyone, and no policy may exempt or privilege anyone");
        }

        Identity(ctx, path, owner, field, text);
    }

    // Whatever minimum-age says: a measure reaches a minor through its wording as much as through an age.
    private static void Minors(ValidationContext ctx, string at, string owner, params (string Field, string? Text)[] fields)
    {
        foreach (var (field, text) in fields)
        {
            if (MinorTerms.Find(text) is { } m)
            {
                ctx.Report(PolicyRules.NoMinors, $"{at}.{field}",
                    $"{owner} uses the term '{m.Term.Trim()}' in its {field}: no measure may name or target minors, pupils or the children of listed persons, whatever the policy's minimum-age");
            }
        }
    }

    private static void References(ValidationContext ctx, string path, string owner, System.Collections.Immutable.ImmutableArray<string>? ids)
    {
        if (ids is not { IsDefault: false } refs)
        {
            return;
        }

        for (var j = 0; j < refs.Length; j++)
        {
            Identity(ctx, $"{path}[{j}]", owner, "reference", refs[j]);
        }
    }

    internal static void Identity(ValidationContext ctx, string path, string owner, string field, string? text)
    {
        if (IdentifierShape.Find(text) is { } shape)
        {
            ctx.Report(PolicyRules.NoSubjectByIdentity, path, Message(owner, field, shape));
        }
    }

    internal static string Message(string owner, string field, string shape) =>
        $"{owner}: its {field} contains what looks like {shape}; a policy applies the same rules to everyone and may never name a subject";
}
