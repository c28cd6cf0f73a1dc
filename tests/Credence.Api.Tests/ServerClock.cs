namespace Credence.Api.Tests;

/// <summary>
/// The server's clock in the API tests: the test's <see cref="Microsoft.Extensions.Time.Testing.FakeTimeProvider"/>
/// for every instant it reads, the system's for its timers.
/// </summary>
/// <remarks>
/// Implementation note: a fake clock fires the server's background timers (the checkpoint schedule,
/// the due-process scheduler) inside the test's own SetUtcNow/Advance call, and a test that moves the
/// clock two years on then contends with the schedule's re-armed timers without end. The API tests
/// run those loops' work explicitly (<c>RunDueAsync</c>, <c>SignDueAsync</c>) at the instants they
/// choose; the loops on the clock's timers are tested with a fake clock in the registry's tests.
/// </remarks>
internal sealed class ServerClock(TimeProvider instants) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => instants.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => instants.LocalTimeZone;
}
