namespace Credence.Portal.Resources;

/// <summary>The key of the <c>Common</c> strings (Resources/Common.resx, English; Common.zh-CN.resx, Simplified Chinese), for <c>IStringLocalizer&lt;Common&gt;</c>.</summary>
#pragma warning disable CA1052 // A marker type: it names a resource file and is never instantiated.
public sealed class Common
#pragma warning restore CA1052
{
    private Common()
    {
    }
}
