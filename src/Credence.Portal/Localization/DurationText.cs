using Credence.Core.Policies;
using Credence.Portal.Resources;
using Microsoft.Extensions.Localization;

namespace Credence.Portal.Localization;

/// <summary>A policy's calendar length (<c>2y</c>, <c>3mo</c>, <c>90d</c>) in the viewer's words.</summary>
public sealed class DurationText(IStringLocalizer<Public> text)
{
    public string Format(PolicyDuration d)
    {
        var parts = new List<string>();
        if (d.Years != 0)
        {
            parts.Add(text[d.Years == 1 ? "duration.year" : "duration.years", d.Years]);
        }

        if (d.Months != 0)
        {
            parts.Add(text[d.Months == 1 ? "duration.month" : "duration.months", d.Months]);
        }

        if (d.Days != 0 || parts.Count == 0)
        {
            parts.Add(text[d.Days == 1 ? "duration.day" : "duration.days", d.Days]);
        }

        return string.Join(text["duration.join"], parts);
    }
}
