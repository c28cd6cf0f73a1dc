using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests;

/// <summary>
/// The test registry's <see cref="FakeTimeProvider"/>, with one addition: a unit of work started with
/// <see cref="ClockHold.Run{T}"/> is held right after its first read of the clock, which is how tests
/// put units in any order between "took its instant" and "was queued".
/// </summary>
internal sealed class HoldableClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    public override DateTimeOffset GetUtcNow()
    {
        var now = base.GetUtcNow();
        ClockHold.Reached(now);
        return now;
    }
}
