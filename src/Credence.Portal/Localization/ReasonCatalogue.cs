using Credence.Portal.Resources;
using Credence.Registry;
using Microsoft.Extensions.Localization;

namespace Credence.Portal.Localization;

/// <summary>
/// The registry's stable codes (problem types, key reasons, score statuses, list kinds) as sentences
/// in the viewer's language, from Resources/Reasons.resx. A page never shows a raw code: a code the
/// catalogue lacks is shown as a general sentence of its family, and a test checks the catalogue
/// covers every problem type in both languages.
/// </summary>
/// <remarks>
/// Key reasons are <c>FAMILY.argument</c> (<c>LISTED.court-defaulters</c>, <c>GRADE.BELOW.B</c>): the
/// family's sentence takes the argument, named in the viewer's language by <see cref="PolicyNames"/>.
/// </remarks>
public sealed class ReasonCatalogue(IStringLocalizer<Reasons> text, PolicyNames names)
{
    /// <summary>A problem the registry answered with, as a sentence (<c>problem.&lt;code&gt;</c>).</summary>
    public string Problem(RegistryProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return Problem(problem.Type);
    }

    /// <summary>A problem code as a sentence.</summary>
    public string Problem(string code)
    {
        var sentence = text["problem." + code];
        return sentence.ResourceNotFound ? text["problem.other"] : sentence;
    }

    /// <summary>A key reason's code as a sentence (<c>reason.&lt;FAMILY&gt;</c> with its argument named).</summary>
    public string Reason(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        foreach (var family in Families)
        {
            if (code.StartsWith(family + ".", StringComparison.Ordinal))
            {
                var argument = code[(family.Length + 1)..];
                var named = family.Contains("LISTED", StringComparison.Ordinal) || family.StartsWith("NEEDS", StringComparison.Ordinal) || family.StartsWith("NEGATIVE", StringComparison.Ordinal)
                    ? names.List(argument, argument)
                    : family == "RECORD" ? names.RecordType(argument, argument) : argument;
                return text["reason." + family, named];
            }
        }

        var whole = text["reason." + code];
        return whole.ResourceNotFound ? text["reason.other"] : whole;
    }

    /// <summary>Families longest first, so <c>GRADE.BELOW</c> wins over a shorter prefix.</summary>
    private static readonly string[] Families =
        ["GRADE.AT-LEAST", "GRADE.AT-MOST", "GRADE.BELOW", "GRADE.ABOVE", "NOT-LISTED", "NEEDS-RECORD", "NEGATIVE-WITHIN", "LISTED", "RECORD"];
}
