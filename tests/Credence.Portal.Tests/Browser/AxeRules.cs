using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;

namespace Credence.Portal.Tests.Browser;

/// <summary>
/// The axe rules a page check leaves out: those whose impact is fixed at minor or moderate in the axe the tests
/// run. A page check fails only on serious and critical violations, so these could never fail it.
/// </summary>
/// <remarks>
/// Implementation note: axe gives every check of a rule that carries an impact that same impact before it
/// aggregates the rule's result (its finalizeRuleResult), so a rule marked moderate never reports a serious
/// violation, whatever its checks say. Running those rules cost the browser time (<c>region</c> walks every element of
/// the page) for results the tests threw away. The list is written out, not worked out at run time, so that what is
/// checked is visible here; <c>AxeRulesTests</c> fails when the bundled axe's rules and impacts no longer match it
/// (an axe upgrade), including a rule made serious that this list would wrongly leave out.
/// </remarks>
internal static partial class AxeRules
{
    /// <summary>Rule ids whose impact is minor or moderate in axe 4.14 (Deque.AxeCore.Commons).</summary>
    public static readonly IReadOnlySet<string> AtMostModerate = new HashSet<string>(StringComparer.Ordinal)
    {
        "aria-allowed-role", "aria-deprecated-role", "duplicate-id", "empty-heading", "empty-table-header",
        "focus-order-semantics", "form-field-multiple-labels", "heading-order", "hidden-content",
        "html-xml-lang-mismatch", "identical-links-same-purpose", "image-redundant-alt",
        "landmark-banner-is-top-level", "landmark-complementary-is-top-level", "landmark-contentinfo-is-top-level",
        "landmark-main-is-top-level", "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo",
        "landmark-no-duplicate-main", "landmark-one-main", "landmark-unique", "meta-refresh-no-exceptions",
        "meta-viewport", "meta-viewport-large", "no-autoplay-audio", "page-has-heading-one",
        "presentation-role-conflict", "region", "scope-attr-valid", "server-side-image-map", "skip-link",
        "table-duplicate-name",
    };

    /// <summary>The run options of a page check: violations only, every rule but <see cref="AtMostModerate"/>.</summary>
    public static AxeRunOptions SeriousOrCritical() => new()
    {
        ResultTypes = [ResultType.Violations],
        Rules = AtMostModerate.ToDictionary(id => id, _ => new RuleOptions { Enabled = false }, StringComparer.Ordinal),
    };

    /// <summary>
    /// Each rule of the axe bundled with Deque.AxeCore.Commons and the impact it is declared with (empty when the
    /// rule has none and takes its checks' impacts), read from the script itself.
    /// </summary>
    public static IReadOnlyDictionary<string, string> BundledImpacts()
    {
        var script = new BundledAxeScriptProvider().GetScript();
        var impacts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match rule in RuleSpec().Matches(script))
        {
            impacts.TryAdd(rule.Groups["id"].Value, rule.Groups["impact"].Value);
        }

        return impacts;
    }

    /// <summary>The start of a rule's definition in axe's minified script: its id, then its impact if it has one, then one of a rule's own keys.</summary>
    [GeneratedRegex("""\{id:"(?<id>[a-z0-9-]+)",(?:impact:"(?<impact>[a-z]+)",)?(?:selector|matches|excludeHidden|tags|enabled|reviewOnFail|pageLevel):""")]
    private static partial Regex RuleSpec();
}
