namespace Credence.Portal.Resources;

/// <summary>The key of the <c>Public</c> strings (Resources/Public.resx, English; Public.zh-CN.resx, Simplified Chinese), for <c>IStringLocalizer&lt;Public&gt;</c>.</summary>
#pragma warning disable CA1052 // A marker type: it names a resource file and is never instantiated.
public sealed class Public
#pragma warning restore CA1052
{
    private Public()
    {
    }
}
