using Credence.Core.Policies.Loading;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Promise 4: capabilities are entitlements or benefits. A grant may only give a benefit, a
/// restriction may only withhold an entitlement, so a reward can never be turned into a restriction
/// ("grade below B: no air ticket"). A capability the policy does not declare is an entitlement,
/// and one whose wording names an entitlement and no reward on top of it is one whatever its
/// declaration says (<see cref="EntitlementTerms"/>).
/// </summary>
internal static class CapabilityChecks
{
    private const string Why = "entitlements (travel, tickets, schooling, housing, work, ...) are everyone's unless a restriction resting on adjudicated records triggers, so no grant may gate one";

    public static void Check(ValidationContext ctx)
    {
        var declared = ctx.Policy.Capabilities.IsDefault ? [] : ctx.Policy.Capabilities;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var j = 0; j < declared.Length; j++)
        {
            var c = declared[j];
            var at = $"capabilities[{j}]";
            if (!IdSyntax.IsCapability(c.Id))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.id", $"capability '{c.Id}' must be {IdSyntax.CapabilityRule}");
            }
            else if (!ids.Add(c.Id))
            {
                ctx.Report(PolicyRules.DuplicateId, $"{at}.id", $"capability '{c.Id}' is declared twice: a capability is one kind or the other");
            }

            if (!Enum.IsDefined(c.Kind))
            {
                ctx.Report(PolicyRules.BadValue, $"{at}.kind", $"capability '{c.Id}': kind '{c.Kind}' is not one of {string.Join(", ", PolicyVocabulary.CapabilityKinds.Keys)}");
            }
            else if (c.Kind == CapabilityKind.Benefit && EntitlementWording(c) is { } w)
            {
                ctx.Report(PolicyRules.GrantOnEntitlement, $"{at}.{w.Field}",
                    $"capability '{c.Id}' is declared a benefit, but its {w.Field} names an entitlement ('{w.Match.Term.Trim()}') and no reward on top of it: {Why}; a benefit says what reward it gives (a discount, a fast track, a waived deposit, priority)");
            }
        }

        var measures = ctx.Policy.Measures.IsDefault ? [] : ctx.Policy.Measures;
        for (var i = 0; i < measures.Length; i++)
        {
            var m = measures[i];
            if (string.IsNullOrEmpty(m.Capability))
            {
                continue;
            }

            var at = $"measures[{i}]";
            var declaration = declared.FirstOrDefault(c => c.Id == m.Capability);
            var worded = declaration is { Kind: CapabilityKind.Benefit } ? EntitlementWording(declaration) : null;
            var kind = worded is null ? ctx.Policy.KindOf(m.Capability) : CapabilityKind.Entitlement;
            if (m.Effect == MeasureEffect.Grant && kind == CapabilityKind.Entitlement)
            {
                var because = declaration is null
                    ? "which is an entitlement: a capability the policy does not declare under capabilities is one (declare it with kind: benefit only if a grant alone gives it)"
                    : worded is { } w ? $"whose {w.Field} names an entitlement ('{w.Match.Term.Trim()}')" : "which the policy declares an entitlement";
                ctx.Report(PolicyRules.GrantOnEntitlement, $"{at}.effect",
                    $"grant measure '{m.Id}' gates capability '{m.Capability}', {because}; {Why}: a grant withheld from everyone else would be a restriction resting on a score");
            }
            else if (m.Effect == MeasureEffect.Grant && Wording(("id", m.Id), ("name", m.Name), ("description", m.Description)) is { } g)
            {
                ctx.Report(PolicyRules.GrantOnEntitlement, $"{at}.{g.Field}",
                    $"grant measure '{m.Id}' names an entitlement in its {g.Field} ('{g.Match.Term.Trim()}') and no reward on top of it: {Why}");
            }
            else if (m.Effect == MeasureEffect.Restrict && kind == CapabilityKind.Benefit)
            {
                ctx.Report(PolicyRules.RestrictionOnBenefit, $"{at}.effect",
                    $"restricting measure '{m.Id}' restricts capability '{m.Capability}', which the policy declares a benefit: a benefit is only ever given by a grant, and withholding it is a grant not given, never a restriction; a capability is one kind or the other");
            }
        }
    }

    private static (string Field, TermMatch Match)? EntitlementWording(CapabilityDefinition c) =>
        Wording(("id", c.Id), ("name", c.Name), ("description", c.Description));

    private static (string Field, TermMatch Match)? Wording(params (string Field, string? Text)[] fields)
    {
        foreach (var (field, text) in fields)
        {
            if (EntitlementTerms.Find(text) is { } match)
            {
                return (field, match);
            }
        }

        return null;
    }
}
