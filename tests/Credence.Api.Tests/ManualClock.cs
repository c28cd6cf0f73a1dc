namespace Credence.Api.Tests;

/// <summary>A clock the test moves by hand: nothing here depends on real time.</summary>
/// <remarks>
/// With a <see cref="Tick"/>, every read moves it on by that much first: concurrent requests then
/// read distinct, increasing instants in the order they read them, as a real clock gives, while
/// the instants stay a function of the reads alone.
/// </remarks>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;

    /// <summary>How far each read moves the clock on (zero by default: the clock stands still).</summary>
    public TimeSpan Tick { get; set; }

    public override DateTimeOffset GetUtcNow() =>
        new(Tick == TimeSpan.Zero ? Interlocked.Read(ref ticks) : Interlocked.Add(ref ticks, Tick.Ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);

    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref ticks, at.UtcTicks);
}
