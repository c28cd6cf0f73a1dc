using Credence.Portal.Resources;
using Microsoft.Extensions.Localization;

namespace Credence.Portal.Localization;

/// <summary>
/// The names of policies and of what they declare (record types, lists, measures, capabilities,
/// areas, severities) in the viewer's language. The policy language has one <c>name</c> per element
/// and no field for a translation (docs/policy.md; Core's loader refuses unknown keys), so the portal
/// keeps a map keyed by id in Resources/PolicyNames.resx and PolicyNames.zh-CN.resx
/// (<c>policy:&lt;id&gt;</c>, <c>type:&lt;id&gt;</c>, <c>list:&lt;id&gt;</c>, <c>measure:&lt;id&gt;</c>,
/// <c>capability:&lt;id&gt;</c>, <c>area:&lt;name&gt;</c>, <c>severity:&lt;name&gt;</c>); an id it lacks
/// is shown with the policy's own name.
/// </summary>
public sealed class PolicyNames(IStringLocalizer<Resources.PolicyNames> text)
{
    public string Policy(string id, string fallback) => Name("policy", id, fallback);

    public string RecordType(string id, string fallback) => Name("type", id, fallback);

    public string List(string id, string fallback) => Name("list", id, fallback);

    public string Measure(string id, string fallback) => Name("measure", id, fallback);

    public string Capability(string id, string fallback) => Name("capability", id, fallback);

    public string Area(string name) => Name("area", name, name);

    public string Severity(string name) => Name("severity", name, name);

    private string Name(string kind, string id, string fallback)
    {
        var found = text[kind + ":" + id];
        return found.ResourceNotFound ? fallback : found.Value;
    }
}
