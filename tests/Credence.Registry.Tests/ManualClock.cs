namespace Credence.Registry.Tests;

/// <summary>A clock the test moves by hand: nothing here depends on real time.</summary>
/// <remarks>
/// A unit of work started with <see cref="ClockHold.Run{T}"/> is held right after its first read of
/// this clock: how tests put units in any order between "took its instant" and "was queued".
/// </remarks>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow()
    {
        var now = new DateTimeOffset(Interlocked.Read(ref ticks), TimeSpan.Zero);
        ClockHold.Reached(now);
        return now;
    }

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref ticks, at.UtcTicks);
}
