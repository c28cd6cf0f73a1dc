namespace Credence.Demo.Stories;

/// <summary>
/// Collects the events reported within one time slice, or only counts them, so that a pass over
/// the whole city holds one slice at a time.
/// </summary>
internal sealed class EventBuffer
{
    private CityEvent[] items;
    private long from;
    private long toExclusive = long.MaxValue;
    private bool keep = true;

    /// <summary>A buffer with room for that many events before it grows.</summary>
    public EventBuffer(int capacity = 1024) => items = new CityEvent[Math.Max(16, capacity)];

    /// <summary>Events kept since the last reset.</summary>
    public int Count { get; private set; }

    /// <summary>Events within the slice since the last reset, whether kept or only counted.</summary>
    public long Seen { get; private set; }

    /// <summary>The kept events.</summary>
    public Span<CityEvent> Items => items.AsSpan(0, Count);

    /// <summary>Empties the buffer and sets the slice of reported instants [from, to) it takes.</summary>
    public void Reset(long from, long toExclusive, bool keep)
    {
        this.from = from;
        this.toExclusive = toExclusive;
        this.keep = keep;
        Count = 0;
        Seen = 0;
    }

    public void Add(in CityEvent item)
    {
        if (item.Reported < from || item.Reported >= toExclusive)
        {
            return;
        }

        Seen++;
        if (!keep)
        {
            return;
        }

        if (Count == items.Length)
        {
            Array.Resize(ref items, items.Length * 2);
        }

        items[Count++] = item;
    }

    /// <summary>Puts the kept events in the order they are handed out.</summary>
    public void Sort() => Items.Sort(new EventOrder());
}
