using Credence.Core.Policies.Loading;

namespace Credence.Core.Policies.Validation;

/// <summary>Lists: ids, entry and exit conditions, and what a redlist or blacklist may rest on.</summary>
internal static class ListChecks
{
    public static void Check(ValidationContext ctx)
    {
        var lists = ctx.Policy.Lists.IsDefault ? [] : ctx.Policy.Lists;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < lists.Length; i++)
        {
            var l = lists[i];
            var at = $"lists[{i}]";
            var what = $"list '{l.Id}'";
            if (!IdSyntax.IsId(l.Id))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.id", $"{what}: the id is not an id: use {IdSyntax.IdRule}");
            }
            else if (!ids.Add(l.Id))
            {
                ctx.Report(PolicyRules.DuplicateId, $"{at}.id", $"list '{l.Id}' is declared twice");
            }

            if (string.IsNullOrWhiteSpace(l.Name))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.name", $"{what} needs a name");
            }

            if (!Enum.IsDefined(l.Kind))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.kind", $"{what}: kind '{l.Kind}' is not one of {string.Join(", ", PolicyVocabulary.ListKinds.Keys)}");
            }

            CheckEntry(ctx, l, at, what);
            CheckExit(ctx, l, at, what);
        }
    }

    private static void CheckEntry(ValidationContext ctx, ListDefinition l, string at, string what)
    {
        var e = l.Entry;
        if (e is null || (!e.RestsOnRecords && e.GradeAtLeast is null && e.GradeAtMost is null && e.NoNegativeRecordWithin is null))
        {
            ctx.Report(PolicyRules.MissingKey, $"{at}.entry", $"{what} has no entry condition: every subject would be on it");
            return;
        }

        var records = e.ActiveRecordOf.IsDefault ? [] : e.ActiveRecordOf;
        ctx.CheckReferences(records, $"{at}.entry.active-record-of", "record type", what, ctx.Types.ContainsKey);
        GradeReference(ctx, e.GradeAtLeast, $"{at}.entry.grade-at-least", what);
        GradeReference(ctx, e.GradeAtMost, $"{at}.entry.grade-at-most", what);
        if (e.NoNegativeRecordWithin is { IsZero: true })
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.entry.no-negative-record-within", $"{what}: no-negative-record-within must be longer than 0d");
        }

        if (l.Kind == ListKind.Blacklist && !e.RestsOnRecords)
        {
            ctx.Report(PolicyRules.RestrictionNeedsAdjudicatedList, $"{at}.entry",
                $"blacklist '{l.Id}' does not rest on a record: a blacklist marks adverse conduct, which only an active record with a legal basis can establish; a score or grade alone can only withhold a reward");
        }

        for (var j = 0; j < records.Length; j++)
        {
            if (!ctx.Types.TryGetValue(records[j], out var t))
            {
                continue;
            }

            if (l.Kind == ListKind.Blacklist && !t.IsNegative)
            {
                ctx.Report(PolicyRules.RestrictionNeedsAdjudicatedList, $"{at}.entry.active-record-of[{j}]",
                    $"blacklist '{l.Id}' is entered by record type '{t.Id}', which is not adverse: a blacklist rests on negative records, which need a legal basis", [t]);
            }
            else if (l.Kind == ListKind.Redlist && t.IsNegative)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.entry.active-record-of[{j}]",
                    $"redlist '{l.Id}' is entered by the adverse record type '{t.Id}': a redlist rewards, so its records must not be negative", [t]);
            }
        }
    }

    private static void CheckExit(ValidationContext ctx, ListDefinition l, string at, string what)
    {
        var x = l.Exit;
        if (x is null)
        {
            return;
        }

        var fulfilled = x.FulfilledBy.IsDefault ? [] : x.FulfilledBy;
        var rules = x.Rules.IsDefault ? [] : x.Rules;
        var hasExit = !fulfilled.IsEmpty || !rules.IsEmpty || x.Term is not null || x.Extension is not null;
        if (hasExit && l.Entry is { RestsOnRecords: false })
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.exit",
                $"{what}: exit conditions end a qualifying record's hold on a subject, so they need an entry on active-record-of");
        }

        ctx.CheckReferences(fulfilled, $"{at}.exit.fulfilled-by", "record type", what, ctx.Types.ContainsKey);
        NonNegative(ctx, fulfilled, $"{at}.exit.fulfilled-by", what);
        if (!fulfilled.IsEmpty && !rules.IsEmpty)
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.exit.fulfilled-by",
                $"{what}: write fulfilled-by as a list of ids or as a list of {{ for, by }} rules, not both");
        }

        var entry = l.Entry is null || l.Entry.ActiveRecordOf.IsDefault ? [] : l.Entry.ActiveRecordOf;
        for (var k = 0; k < rules.Length; k++)
        {
            var rule = rules[k];
            var path = $"{at}.exit.fulfilled-by[{k}]";
            var forTypes = rule.For.IsDefault ? [] : rule.For;
            var by = rule.By.IsDefault ? [] : rule.By;
            if (forTypes.IsEmpty)
            {
                ctx.Report(PolicyRules.MissingKey, $"{path}.for", $"{what}: a fulfilment rule names the entry types whose obligation it answers");
            }

            if (by.IsEmpty)
            {
                ctx.Report(PolicyRules.MissingKey, $"{path}.by", $"{what}: a fulfilment rule names the record types that show the obligation met");
            }

            ctx.CheckReferences(forTypes, $"{path}.for", "record type", what, ctx.Types.ContainsKey);
            ctx.CheckReferences(by, $"{path}.by", "record type", what, ctx.Types.ContainsKey);
            NonNegative(ctx, by, $"{path}.by", what);
            for (var j = 0; j < forTypes.Length; j++)
            {
                if (ctx.Types.ContainsKey(forTypes[j]) && !entry.Contains(forTypes[j], StringComparer.Ordinal))
                {
                    ctx.Report(PolicyRules.BadValue, $"{path}.for[{j}]",
                        $"{what}: fulfilment rule {k + 1} answers record type '{forTypes[j]}', but the list is not entered by it (active-record-of): a fulfilment ends only the hold of a record that listed the subject");
                }
            }
        }
        if (x.Term is { IsZero: true })
        {
            ctx.Report(PolicyRules.BadValue, $"{at}.exit.term", $"{what}: the exit term must be longer than 0d");
        }

        if (x.Extension is { } ext)
        {
            if (x.Term is null)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.exit.extension", $"{what}: an extension lengthens the term, so the exit needs a term");
            }

            var by = ext.By.IsDefault ? [] : ext.By;
            if (by.IsEmpty)
            {
                ctx.Report(PolicyRules.MissingKey, $"{at}.exit.extension.by", $"{what}: an extension names the record types that extend the term");
            }

            ctx.CheckReferences(by, $"{at}.exit.extension.by", "record type", what, ctx.Types.ContainsKey);
            if (ext.Length.IsZero)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.exit.extension.length", $"{what}: an extension must be longer than 0d");
            }
        }
    }

    /// <summary>Types that show an obligation fulfilled must not themselves be adverse.</summary>
    internal static void NonNegative(ValidationContext ctx, System.Collections.Immutable.ImmutableArray<string> ids, string path, string owner)
    {
        for (var j = 0; j < ids.Length; j++)
        {
            if (ctx.Types.TryGetValue(ids[j], out var t) && t.IsNegative)
            {
                ctx.Report(PolicyRules.BadValue, $"{path}[{j}]",
                    $"{owner}: record type '{t.Id}' shows an obligation fulfilled, so it must not be adverse, but its points are negative", [t]);
            }
        }
    }

    internal static void GradeReference(ValidationContext ctx, string? grade, string path, string owner)
    {
        if (grade is not null && !ctx.GradeNames.Contains(grade))
        {
            ctx.Report(PolicyRules.UnknownReference, path, $"{owner} refers to grade '{grade}', which the policy does not define");
        }
    }
}
