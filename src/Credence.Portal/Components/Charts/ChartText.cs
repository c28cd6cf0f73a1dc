using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;

namespace Credence.Portal.Components.Charts;

/// <summary>
/// What the server-drawn charts share: their hatchings, numbers written invariantly, and text measured
/// well enough, without a browser, to leave room for it.
/// </summary>
/// <remarks>
/// Implementation note: the server cannot measure a font, so a label's width is estimated per character
/// (a wide East Asian character is about one em, a Latin one about 0.58 em on average for the system sans
/// fonts) and the label column is made as wide as the widest label needs, up to <see cref="MaxLabelWidth"/>;
/// a longer label is cut with an ellipsis in the drawing (its whole text stays in the table and in the
/// label's tooltip). A fixed label column clipped long labels on the left (issue 14).
/// </remarks>
public static class ChartText
{
    public const int FontSize = 13;

    /// <summary>The widest label column, in pixels.</summary>
    public const int MaxLabelWidth = 340;

    /// <summary>Diagonal, cross, horizontal, vertical, dots, back-diagonal: told apart without colour.</summary>
    public static readonly string[] Patterns = ["M0,8 L8,0", "M0,0 L8,8 M0,8 L8,0", "M0,4 L8,4", "M4,0 L4,8", "M3,3 h2 v2 h-2 z", "M0,0 L8,8"];

    /// <summary>The estimated width of <paramref name="text"/> at <paramref name="fontSize"/>, in pixels.</summary>
    public static double Width(string text, int fontSize = FontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        var em = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            em += IsWide(rune.Value) ? 1.0 : 0.58;
        }

        return em * fontSize;
    }

    /// <summary>The label column's width for these labels: the widest label and a margin, between 40 and <see cref="MaxLabelWidth"/> pixels.</summary>
    public static int LabelColumn(IEnumerable<string> labels) =>
        (int)Math.Ceiling(Math.Clamp(labels.Select(l => Width(l)).DefaultIfEmpty(0).Max() + 16, 40, MaxLabelWidth));

    /// <summary><paramref name="text"/> cut with an ellipsis to fit <paramref name="width"/> pixels.</summary>
    public static string Fit(string text, double width)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Width(text) <= width)
        {
            return text;
        }

        var runes = text.EnumerateRunes().ToList();
        while (runes.Count > 0 && Width(string.Concat(runes.Select(r => r.ToString())) + "…") > width)
        {
            runes.RemoveAt(runes.Count - 1);
        }

        return string.Concat(runes.Select(r => r.ToString())) + "…";
    }

    // Implementation note: Razor reserves <text> for its own use, so the SVG text elements are written as markup (the text encoded).

    /// <summary>An SVG text element; a label cut to fit carries its whole text as a tooltip.</summary>
    public static MarkupString Svg(double x, double y, string text, string anchor, double? fitWidth = null, int fontSize = FontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        var shown = fitWidth is { } w ? Fit(text, w) : text;
        var tooltip = shown == text ? string.Empty : $"<title>{WebUtility.HtmlEncode(text)}</title>";
        return new($"<text x=\"{F(x)}\" y=\"{F(y)}\" text-anchor=\"{anchor}\" font-size=\"{fontSize}\" fill=\"#1b1b1b\">{tooltip}{WebUtility.HtmlEncode(shown)}</text>");
    }

    public static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);

    public static string Number(double v) => v.ToString(v == Math.Floor(v) ? "#,0" : "#,0.0", CultureInfo.InvariantCulture);

    private static bool IsWide(int code) =>
        code is >= 0x1100 and <= 0x115F or >= 0x2E80 and <= 0xA4CF or >= 0xAC00 and <= 0xD7A3 or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F or >= 0xFF00 and <= 0xFF60 or >= 0xFFE0 and <= 0xFFE6 or >= 0x20000 and <= 0x3FFFD;
}
