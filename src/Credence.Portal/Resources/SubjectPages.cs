namespace Credence.Portal.Resources;

/// <summary>The key of the subject's pages' strings (Resources/SubjectPages.resx, English; SubjectPages.zh-CN.resx, Simplified Chinese).</summary>
#pragma warning disable CA1052 // A marker type: it names a resource file and is never instantiated.
public sealed class SubjectPages
#pragma warning restore CA1052
{
    private SubjectPages()
    {
    }
}
