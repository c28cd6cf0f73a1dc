using Credence.Demo.Catalogue;

namespace Credence.Demo.Stories;

/// <summary>What one subject's records add up to, for picking showcase subjects.</summary>
internal sealed class StorySummary
{
    private readonly int[] counts = new int[RecordTypes.All.Count];

    /// <summary>Record versions of any kind.</summary>
    public int Versions { get; private set; }

    /// <summary>Submitted records of negative types.</summary>
    public int Negatives { get; private set; }

    public bool HasCorrection { get; private set; }

    public bool HasWithdrawal { get; private set; }

    /// <summary>When the latest defaulter listing occurred (Unix seconds), or -1.</summary>
    public long LatestListing { get; private set; }

    /// <summary>Submitted records of the type.</summary>
    public int this[TypeId type] => counts[(int)type];

    public void Clear()
    {
        Array.Clear(counts);
        Versions = Negatives = 0;
        HasCorrection = HasWithdrawal = false;
        LatestListing = -1;
    }

    public void Add(in CityEvent e)
    {
        Versions++;
        if (e.Version > 1)
        {
            HasCorrection |= !e.Withdrawn;
            HasWithdrawal |= e.Withdrawn;
            return;
        }

        counts[(int)e.Type]++;
        if (RecordTypes.Get(e.Type).Negative)
        {
            Negatives++;
        }

        if (e.Type == TypeId.JudgmentDefaulter)
        {
            LatestListing = Math.Max(LatestListing, e.Occurred);
        }
    }
}
