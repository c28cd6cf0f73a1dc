using Credence.Demo.Catalogue;
using Credence.Demo.Stories;

namespace Credence.Demo.Output;

/// <summary>The reason a source gives when it corrects or withdraws a record, in the source's own terms.</summary>
internal static class RevisionNotes
{
    private static readonly string[] Clerical =
    [
        "Withdrawn: recorded against the wrong subject.",
        "Withdrawn: duplicate of an earlier record.",
        "Withdrawn: recorded in error.",
    ];

    public static string? Of(in CityEvent e)
    {
        if (e.Version == 1)
        {
            return null;
        }

        if (!e.Withdrawn)
        {
            return e.Quantity >= 0 ? "Corrected: amount revised after review." : "Corrected: date of the fact revised after review.";
        }

        int pick = (int)((uint)e.Ordinal % 4);
        return (e.Source, e.Type) switch
        {
            (SourceId.Court, TypeId.JudgmentDefaulter) => "Withdrawn: listing revoked as wrongful.",
            (SourceId.Court, _) => "Withdrawn: judgment set aside on appeal.",
            (SourceId.TaxBureau or SourceId.MarketRegulator or SourceId.TransitAuthority or SourceId.EnvironmentalRegulator, _) when pick == 0 =>
                "Withdrawn: the decision was revoked on administrative review.",
            _ => Clerical[pick % Clerical.Length],
        };
    }
}
