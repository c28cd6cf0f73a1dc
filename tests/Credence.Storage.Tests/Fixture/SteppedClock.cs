using Microsoft.Extensions.Time.Testing;

namespace Credence.Storage.Tests.Fixture;

/// <summary>
/// A <see cref="FakeTimeProvider"/> whose reading can also be stepped back, as a machine's clock is
/// when it is corrected: <see cref="FakeTimeProvider"/> itself only moves forward.
/// </summary>
public sealed class SteppedClock(FakeTimeProvider inner) : TimeProvider
{
    private long stepTicks;

    /// <summary>How far this clock reads from the fake one (negative: behind it).</summary>
    public TimeSpan Step
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref stepTicks));
        set => Interlocked.Exchange(ref stepTicks, value.Ticks);
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow() + Step;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        inner.CreateTimer(callback, state, dueTime, period);

    /// <summary>Sets this clock to read <paramref name="at"/>, before or after what it read.</summary>
    public void Set(DateTimeOffset at) => Step = at - inner.GetUtcNow();
}
