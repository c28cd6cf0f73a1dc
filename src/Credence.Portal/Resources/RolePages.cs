namespace Credence.Portal.Resources;

/// <summary>The key of the <c>RolePages</c> strings (Resources/RolePages.resx, English; RolePages.zh-CN.resx, Simplified Chinese), for <c>IStringLocalizer&lt;RolePages&gt;</c>.</summary>
#pragma warning disable CA1052 // A marker type: it names a resource file and is never instantiated.
public sealed class RolePages
#pragma warning restore CA1052
{
    private RolePages()
    {
    }
}
