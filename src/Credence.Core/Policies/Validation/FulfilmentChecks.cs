namespace Credence.Core.Policies.Validation;

/// <summary>
/// A listing ends, and a repair opens, only on the subject's own fulfilment of the obligation: a
/// record type in a list's <c>exit.fulfilled-by</c> or a repair rule's <c>fulfilled-by</c> must be
/// marked <c>fulfils-obligation: true</c>, must be about the same matter as the records it answers
/// (in the short form, a type about none of the list's entry matters answers nothing; in a rule,
/// one about none of its <c>for</c> types' matters),
/// must not be a reward (a donation or good deed does not pay a debt) and must not be worded as a
/// favour (a pardon, an exemption, a special approval: <see cref="FavourTerms"/>). Otherwise an
/// office could lift a listing by grace, which is an exemption for some (promise 3) in disguise.
/// </summary>
internal static class FulfilmentChecks
{
    public static void Check(ValidationContext ctx)
    {
        var lists = ctx.Policy.Lists.IsDefault ? [] : ctx.Policy.Lists;
        for (var i = 0; i < lists.Length; i++)
        {
            var l = lists[i];
            // The short form: each type answers the entry types about its own matter, so a type
            // about none of them could end no listing at all, and is refused.
            var fulfilled = l.Exit?.FulfilledBy ?? [];
            Check(ctx, fulfilled, $"lists[{i}].exit.fulfilled-by", $"list '{l.Id}'", "end a listing", RestrictionChecks.EntryTypes(ctx, l));
            var rules = l.Exit is null || l.Exit.Rules.IsDefault ? [] : l.Exit.Rules;
            for (var k = 0; k < rules.Length; k++)
            {
                var answered = (rules[k].For.IsDefault ? [] : rules[k].For).Select(id => ctx.Types.GetValueOrDefault(id)).OfType<RecordType>().ToList();
                Check(ctx, rules[k].By, $"lists[{i}].exit.fulfilled-by[{k}].by", $"list '{l.Id}' (fulfilment rule {k + 1})", "end a listing", answered);
            }
        }

        var qualifying = ctx.Policy.Repair?.Qualifying ?? [];
        for (var i = 0; i < (qualifying.IsDefault ? 0 : qualifying.Length); i++)
        {
            var q = qualifying[i];
            var answered = (q.ForTypes.IsDefault ? [] : q.ForTypes).Select(id => ctx.Types.GetValueOrDefault(id)).OfType<RecordType>().ToList();
            Check(ctx, q.FulfilledBy, $"repair.qualifying[{i}].fulfilled-by", $"repair rule {i + 1}", "open a repair", answered);
        }

        var types = ctx.Policy.RecordTypes.IsDefault ? [] : ctx.Policy.RecordTypes;
        var used = lists.SelectMany(l => l.Exit?.AllFulfilmentTypes ?? [])
            .Concat((qualifying.IsDefault ? [] : qualifying).SelectMany(q => q.FulfilledBy.IsDefault ? [] : q.FulfilledBy))
            .ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < types.Length; i++)
        {
            var t = types[i];
            if (!t.FulfilsObligation && !used.Contains(t.Id))
            {
                continue;
            }

            var at = $"record-types[{i}]";
            if (t.FulfilsObligation && t.IsNegative)
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.fulfils-obligation",
                    $"record type '{t.Id}' is marked fulfils-obligation but its points are negative: a record of an obligation met is not adverse", [t]);
            }

            foreach (var (field, text) in new[] { ("id", t.Id), ("name", t.Name), ("description", t.Description) })
            {
                if (FavourTerms.Find(text) is { } favour)
                {
                    ctx.Report(PolicyRules.ExitNeedsOwnFulfilment, $"{at}.{field}",
                        $"record type '{t.Id}' shows an obligation fulfilled, but its {field} names a favour ('{favour.Term.Trim()}'): a pardon, exemption or special approval granted by an office is not the subject's own fulfilment, and may never end a listing nor open a repair", [t]);
                    break;
                }
            }
        }
    }

    private static void Check(ValidationContext ctx, System.Collections.Immutable.ImmutableArray<string> ids, string path, string owner, string what, List<RecordType> answered)
    {
        // Only adverse records carry an obligation; a non-adverse type in the answered role is reported elsewhere.
        var matters = answered.Where(t => t.IsNegative && Enum.IsDefined(t.Matter)).Select(t => t.Matter).ToHashSet();
        for (var j = 0; j < (ids.IsDefault ? 0 : ids.Length); j++)
        {
            if (!ctx.Types.TryGetValue(ids[j], out var t) || t.IsNegative)
            {
                continue;
            }

            if (!t.FulfilsObligation)
            {
                ctx.Report(PolicyRules.ExitNeedsOwnFulfilment, $"{path}[{j}]",
                    $"{owner} lets record type '{t.Id}' {what}, but the type is not marked fulfils-obligation: true: only a record of the subject's own fulfilment of the obligation (paid, performed, rectified) may, never a favour such as a pardon, an exemption or a special approval", [t]);
            }
            else if (Enum.IsDefined(t.Matter) && Matters.IsReward(t.Matter))
            {
                ctx.Report(PolicyRules.ExitNeedsOwnFulfilment, $"{path}[{j}]",
                    $"{owner} lets record type '{t.Id}' {what}, but it is about the reward matter '{Matters.NameOf(t.Matter)}': a good deed or a donation does not fulfil the obligation the subject was listed for", [t]);
            }
            else if (matters.Count > 0 && Enum.IsDefined(t.Matter) && !matters.Contains(t.Matter))
            {
                ctx.Report(PolicyRules.ExitNeedsOwnFulfilment, $"{path}[{j}]",
                    $"{owner} lets record type '{t.Id}' {what}, but it is about '{Matters.NameOf(t.Matter)}' while the records it answers are about {RestrictionChecks.Names(matters.Select(Matters.NameOf))}: it cannot show that obligation fulfilled", [t]);
            }
        }
    }
}
