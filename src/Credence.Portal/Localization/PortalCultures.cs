using System.Globalization;
using Microsoft.AspNetCore.Localization;
using StringWithQualityHeaderValue = Microsoft.Net.Http.Headers.StringWithQualityHeaderValue;

namespace Credence.Portal.Localization;

/// <summary>
/// The portal's languages: English (the default) and Simplified Chinese. The language is the one
/// the viewer chose (the <see cref="CookieName"/> cookie, set by the switch in the header and the
/// preferences page), else the first of the browser's <c>Accept-Language</c> that the portal speaks.
/// </summary>
/// <remarks>
/// Implementation note: every Chinese tag (<c>zh</c>, <c>zh-Hans</c>, <c>zh-TW</c>, <c>zh-HK</c>) is
/// served Simplified Chinese, the only Chinese the portal has: a reader of Traditional Chinese reads
/// it more easily than English. The registry runs with invariant globalization, so these cultures
/// carry names (for resources) and no ICU data; dates and numbers are formatted by the portal itself.
/// </remarks>
public static class PortalCultures
{
    public const string English = "en";

    public const string Chinese = "zh-CN";

    /// <summary>The cookie that holds the viewer's chosen language (<c>c=zh-CN|uic=zh-CN</c>).</summary>
    public const string CookieName = "credence.culture";

    public static IReadOnlyList<string> All { get; } = [English, Chinese];

    /// <summary>The portal culture a language tag asks for, or null when the portal does not speak it.</summary>
    public static string? Match(string? tag)
    {
        if (string.IsNullOrWhiteSpace(tag))
        {
            return null;
        }

        var t = tag.Trim();
        if (t.Equals("zh", StringComparison.OrdinalIgnoreCase) || t.StartsWith("zh-", StringComparison.OrdinalIgnoreCase))
        {
            return Chinese;
        }

        return t.Equals("en", StringComparison.OrdinalIgnoreCase) || t.StartsWith("en-", StringComparison.OrdinalIgnoreCase) ? English : null;
    }

    /// <summary>True when the current UI culture is Chinese.</summary>
    public static bool IsChinese => CultureInfo.CurrentUICulture.Name == Chinese;

    public static RequestLocalizationOptions Options()
    {
        var cultures = All.Select(c => new CultureInfo(c)).ToList();
        var options = new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(English),
            SupportedCultures = cultures,
            SupportedUICultures = cultures,
            FallBackToParentCultures = false,
            FallBackToParentUICultures = false,
        };
        options.RequestCultureProviders.Clear();
        options.RequestCultureProviders.Add(new CookieRequestCultureProvider { CookieName = CookieName });
        options.RequestCultureProviders.Add(new CustomRequestCultureProvider(context => Task.FromResult(FromAcceptLanguage(context.Request.Headers.AcceptLanguage.ToString()))));
        return options;
    }

    /// <summary>The first portal language among an <c>Accept-Language</c> value's tags, by quality (ties in order).</summary>
    public static ProviderCultureResult? FromAcceptLanguage(string header)
    {
        if (!StringWithQualityHeaderValue.TryParseList(header.Split(','), out var values))
        {
            return null;
        }

        var chosen = values
            .Select((v, i) => (Culture: Match(v.Value.Value), Quality: v.Quality ?? 1, Order: i))
            .Where(v => v.Culture is not null && v.Quality > 0)
            .OrderByDescending(v => v.Quality)
            .ThenBy(v => v.Order)
            .Select(v => v.Culture)
            .FirstOrDefault();
        return chosen is null ? null : new ProviderCultureResult(chosen);
    }

    /// <summary>Sets the chosen language's cookie (a year; HttpOnly, SameSite=Lax, Secure over HTTPS).</summary>
    public static void Choose(HttpContext context, string culture) =>
        context.Response.Cookies.Append(
            CookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            Cookie(context));

    /// <summary>The options of every preference cookie the portal sets.</summary>
    public static CookieOptions Cookie(HttpContext context) => new()
    {
        Expires = DateTimeOffset.UtcNow.AddYears(1),
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        IsEssential = true,
        Path = "/",
    };
}
