namespace Credence.App.Demo;

/// <summary>
/// The demo's clock while it replays three years of history: set forward week by week, so that the
/// registry stamps each record as reported in its own week; afterwards it follows the real clock.
/// </summary>
internal sealed class DemoClock(DateTimeOffset start, TimeProvider real) : TimeProvider
{
    private long ticks = start.UtcTicks;
    private bool live;

    public override DateTimeOffset GetUtcNow() => Volatile.Read(ref live) ? real.GetUtcNow() : new DateTimeOffset(Interlocked.Read(ref ticks), TimeSpan.Zero);

    /// <summary>Moves the replay clock forward (never back).</summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        if (instant.UtcTicks > Interlocked.Read(ref ticks))
        {
            Interlocked.Exchange(ref ticks, instant.UtcTicks);
        }
    }

    /// <summary>From now on, read the real clock.</summary>
    public void GoLive() => Volatile.Write(ref live, true);
}
