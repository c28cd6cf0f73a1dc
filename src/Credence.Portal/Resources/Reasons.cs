namespace Credence.Portal.Resources;

/// <summary>The key of the <c>Reasons</c> strings (Resources/Reasons.resx, English; Reasons.zh-CN.resx, Simplified Chinese), for <c>IStringLocalizer&lt;Reasons&gt;</c>.</summary>
#pragma warning disable CA1052 // A marker type: it names a resource file and is never instantiated.
public sealed class Reasons
#pragma warning restore CA1052
{
    private Reasons()
    {
    }
}
