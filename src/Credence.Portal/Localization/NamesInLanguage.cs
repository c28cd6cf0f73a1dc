using Credence.Registry.Public;

namespace Credence.Portal.Localization;

/// <summary>An organisation's name in the viewer's language first (Chinese registered names on a Chinese page), then the other.</summary>
public static class NamesInLanguage
{
    /// <summary>The name to show first, and the other language's name when there is one (null otherwise).</summary>
    public static (string? First, string? FirstLang, string? Other, string? OtherLang) Pick(IEnumerable<OrganisationName> names)
    {
        var byLang = names.ToDictionary(n => n.Language, n => n.Name, StringComparer.Ordinal);
        var (a, b) = PortalCultures.IsChinese ? ("zh", "en") : ("en", "zh");
        var first = byLang.GetValueOrDefault(a) is { } x ? (x, a) : byLang.GetValueOrDefault(b) is { } y ? (y, b) : ((string?)null, (string?)null);
        var otherLang = first.Item2 == a ? b : a;
        var other = first.Item1 is null ? null : byLang.GetValueOrDefault(otherLang);
        return (first.Item1, Html(first.Item2), other, other is null ? null : Html(otherLang));
    }

    private static string? Html(string? lang) => lang switch { "zh" => "zh-CN", null => null, _ => lang };
}
