namespace Credence.Api.Tests;

/// <summary>A clock the test moves by hand: nothing here depends on real time.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref ticks, at.UtcTicks);
}
