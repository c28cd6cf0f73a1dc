using Credence.Portal.Resources;
using Microsoft.Extensions.Localization;

namespace Credence.Portal.Components.Pages.Subject;

/// <summary>An access log entry's action and purpose in the viewer's language (the file's reads section and "who read my file").</summary>
internal static class AccessWords
{
    /// <summary>An action as a sentence (<c>access.&lt;action&gt;</c>); a case step (<c>dispute.answered</c>, ...) unknown by itself is named by its case; else "another action".</summary>
    public static string Action(IStringLocalizer<SubjectPages> text, string action)
    {
        var known = text["access." + action];
        if (!known.ResourceNotFound)
        {
            return known;
        }

        var family = text["access." + action.Split('.')[0] + ".*"];
        return family.ResourceNotFound ? text["access.other"] : family;
    }

    /// <summary>A purpose the registry gives its own reads (<c>own file</c>, ...) in the viewer's language; a purpose a reader stated, as stated.</summary>
    public static string Purpose(IStringLocalizer<SubjectPages> text, string? purpose)
    {
        if (string.IsNullOrEmpty(purpose))
        {
            return string.Empty;
        }

        var known = text["purpose." + purpose];
        return known.ResourceNotFound ? purpose : known;
    }
}
