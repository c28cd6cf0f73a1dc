namespace Credence.Demo.Stories;

/// <summary>
/// The order records come out in: by reported instant, then occurred instant, then subject and the
/// subject's own order. It is total, so a sort gives one answer.
/// </summary>
internal readonly struct EventOrder : IComparer<CityEvent>
{
    public int Compare(CityEvent x, CityEvent y)
    {
        int c = x.Reported.CompareTo(y.Reported);
        if (c != 0)
        {
            return c;
        }

        c = x.Occurred.CompareTo(y.Occurred);
        if (c != 0)
        {
            return c;
        }

        c = x.IsOrganisation.CompareTo(y.IsOrganisation);
        if (c != 0)
        {
            return c;
        }

        c = x.Subject.CompareTo(y.Subject);
        if (c != 0)
        {
            return c;
        }

        c = x.Ordinal.CompareTo(y.Ordinal);
        return c != 0 ? c : x.Version.CompareTo(y.Version);
    }
}
