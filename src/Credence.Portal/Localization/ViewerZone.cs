namespace Credence.Portal.Localization;

/// <summary>
/// The time zone instants are shown in: the viewer's choice (the <see cref="CookieName"/> cookie, set
/// on the preferences page), else Asia/Shanghai for a Chinese page and UTC otherwise. Every instant is
/// also given in UTC (the <c>title</c> and <c>datetime</c> of its <c>&lt;time&gt;</c> element).
/// </summary>
public sealed class ViewerZone(IHttpContextAccessor http)
{
    public const string CookieName = "credence.zone";

    /// <summary>The zones offered on the preferences page (IANA ids).</summary>
    public static IReadOnlyList<string> Offered { get; } =
        ["UTC", "Asia/Shanghai", "Asia/Hong_Kong", "Asia/Taipei", "Asia/Tokyo", "Asia/Singapore", "Europe/London", "Europe/Berlin", "America/New_York", "America/Los_Angeles"];

    private TimeZoneInfo? zone;

    /// <summary>The zone in use for this request.</summary>
    public TimeZoneInfo Zone => zone ??= Resolve(http.HttpContext?.Request.Cookies[CookieName]);

    /// <summary>The zone's id as chosen, or the default for the language.</summary>
    public string Id => Zone.Id;

    /// <summary>An instant in the viewer's zone, to the minute, with the zone's offset (<c>2026-05-01 16:00 UTC+8</c>).</summary>
    public string Format(DateTimeOffset instant, bool withTime = true)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone);
        var offset = local.Offset;
        var zoneText = offset == TimeSpan.Zero ? "UTC" : $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset.Duration():h\\:mm}".Replace(":00", string.Empty, StringComparison.Ordinal);
        return withTime
            ? local.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " " + zoneText
            : local.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The instant in UTC to the second, as the hover text shows it.</summary>
    public static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The machine-readable instant of the <c>datetime</c> attribute.</summary>
    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Sets the viewer's zone cookie; an id not offered is ignored.</summary>
    public static bool Choose(HttpContext context, string? id)
    {
        if (id is null || !Offered.Contains(id, StringComparer.Ordinal))
        {
            return false;
        }

        context.Response.Cookies.Append(CookieName, id, PortalCultures.Cookie(context));
        return true;
    }

    private static TimeZoneInfo Resolve(string? chosen)
    {
        var id = chosen is not null && Offered.Contains(chosen, StringComparer.Ordinal)
            ? chosen
            : PortalCultures.IsChinese ? "Asia/Shanghai" : "UTC";
        return id == "UTC" ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(id);
    }
}
