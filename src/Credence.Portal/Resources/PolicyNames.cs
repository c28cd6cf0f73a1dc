namespace Credence.Portal.Resources;

/// <summary>The key of the <c>PolicyNames</c> strings (Resources/PolicyNames.resx, English; PolicyNames.zh-CN.resx, Simplified Chinese), for <c>IStringLocalizer&lt;PolicyNames&gt;</c>.</summary>
#pragma warning disable CA1052 // A marker type: it names a resource file and is never instantiated.
public sealed class PolicyNames
#pragma warning restore CA1052
{
    private PolicyNames()
    {
    }
}
