using System.Globalization;
using Credence.Core.Intake;
using Credence.Demo.Catalogue;
using Credence.Demo.Population;
using Credence.Demo.Stories;

namespace Credence.Demo.Output;

/// <summary>
/// Turns events, taken in time order, into the wire form: the subject's identifier, instants as text,
/// the legal basis, and each source's own record ids (CT-0000001, CT-0000002, ...) in the order the
/// source reported them.
/// </summary>
/// <remarks>
/// Implementation note: a correction or withdrawal must carry the id of the record it revises. Ids are
/// handed out in time order, so the id of a record that will be revised is kept until its revision
/// comes out (about one record in two hundred; the dictionary is only looked up, never iterated).
/// </remarks>
internal sealed class LineWriter(People people, Organisations organisations, LegalBasis legalBasis)
{
    private readonly int[] counters = new int[Sources.All.Count];
    private readonly Dictionary<long, string> awaitingRevision = [];

    public CityRecord Write(in CityEvent e)
    {
        string subject;
        Region region;
        if (e.IsOrganisation)
        {
            (region, _) = organisations.Sketch(e.Subject);
            subject = organisations.CodeOf(e.Subject, region);
        }
        else
        {
            var sketch = people.Sketch(e.Subject);
            region = sketch.Region;
            subject = People.IdOf(sketch);
        }

        string recordId;
        if (e.Version == 1)
        {
            int number = ++counters[(int)e.Source];
            recordId = string.Create(CultureInfo.InvariantCulture, $"{Sources.RecordIdPrefixes[(int)e.Source]}-{number:D7}");
            if (e.Revised)
            {
                awaitingRevision.Add(e.ChainKey, recordId);
            }
        }
        else if (!awaitingRevision.Remove(e.ChainKey, out recordId!))
        {
            throw new InvalidOperationException($"A revision of {e.Source} record {e.ChainKey} came out before its submission.");
        }

        var type = RecordTypes.Get(e.Type);
        var source = Sources.Get(e.Source);
        var line = new RecordLine(
            subject,
            type.Id,
            type.AreaText,
            IsoInstant.Format(e.Occurred),
            IsoInstant.Format(e.Reported),
            source.Id,
            recordId,
            legalBasis.Of(e, region),
            e.Quantity >= 0 ? e.Quantity : null,
            e.Version,
            e.Version == 1 ? "submitted" : e.Withdrawn ? "withdrawn" : "corrected",
            RevisionNotes.Of(e));
        return new CityRecord(source.Id, line);
    }
}
