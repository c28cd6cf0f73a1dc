using Credence.Core.DueProcess;
using Credence.Registry.Access;
using Credence.Registry.Principals;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests.DueProcess;

/// <summary>The scheduler sleeps on the registry's clock (a fake one here): until the next due instant, a wake-up, or a minute; nothing depends on real time.</summary>
public sealed class SchedulerTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(Start);
    private readonly CredenceRegistry registry;

    public SchedulerTests()
    {
        Directory.CreateDirectory(folder);
        registry = CredenceRegistry.Open(Path.Combine(folder, "registry.db"), clock);
    }

    [Fact]
    public async Task It_sleeps_a_minute_at_most_and_wakes_when_the_fake_clock_gets_there()
    {
        Assert.Equal(DueProcessSchedulerMaxSleep, await registry.Scheduler.DelayAsync());
        var sleeping = registry.Scheduler.SleepAsync(CancellationToken.None);
        Assert.False(sleeping.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(sleeping.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));
        await sleeping.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task It_sleeps_until_the_next_due_instant_and_a_write_wakes_it()
    {
        await SeedAsync();
        var next = (await registry.Scheduler.NextDueAtAsync())!.Value;
        clock.SetUtcNow(next.AddSeconds(-10));
        Assert.Equal(TimeSpan.FromSeconds(10), await registry.Scheduler.DelayAsync());

        var sleeping = registry.Scheduler.SleepAsync(CancellationToken.None);
        Assert.False(sleeping.IsCompleted);
        registry.Wake.Set();
        await sleeping.WaitAsync(TimeSpan.FromMinutes(1));

        clock.SetUtcNow(next);
        Assert.Equal(TimeSpan.Zero, await registry.Scheduler.DelayAsync());
        Assert.True(registry.Scheduler.SleepAsync(CancellationToken.None).IsCompleted);
        Assert.Equal(1, await registry.Scheduler.RunDueAsync());
        Assert.Equal(next, await registry.Scheduler.AfterAsync());
        Assert.True(await registry.Scheduler.NextDueAtAsync() > next);
        Assert.Empty(await registry.Store.ReadAsync(r => r.SubjectListings(Ids.Bob, openOnly: true)));
        Assert.Equal(Core.DueProcess.NoticeKind.Delisted, (await registry.Store.ReadAsync(r => r.SubjectNotices(Ids.Bob, 1)))[0].Kind);
    }

    [Fact]
    public async Task The_loop_stops_when_cancelled()
    {
        using var stop = new CancellationTokenSource();
        var failures = new List<Exception>();
        var loop = registry.Scheduler.RunAsync(failures.Add, stop.Token);
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Empty(failures);
    }

    public async ValueTask DisposeAsync()
    {
        await registry.DisposeAsync();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private static TimeSpan DueProcessSchedulerMaxSleep => Credence.Registry.DueProcess.DueProcessScheduler.MaxSleep;

    /// <summary>The persons policy and a court defaulter, whose term end (and the week before it) are due instants.</summary>
    private async Task SeedAsync()
    {
        var op = Principal.LocalOperator("test-operator");
        var upload = (await registry.Policies.UploadAsync(op, TestRegistry.PolicyText("rongcheng-persons.yaml"), "rongcheng-persons.yaml")).GetValueOrThrow();
        await registry.SignOffAsync(upload.Policy.Tag);
        (await registry.Policies.ActivateAsync(op, upload.Policy.Tag)).GetValueOrThrow();
        var court = (await registry.Principals.CreateKeyAsync(op, new PrincipalRegistration(Role.Source, "intermediate-court", RecordTypes: ["judgment-defaulter"]))).GetValueOrThrow().Principal;
        (await registry.Intake.SubmitAsync(court, Lines.Defaulter(Ids.Bob, "Z-1", "2024-06-05T00:00:00Z"))).GetValueOrThrow();

        // The week-before notice fell before the record was known; the term ends on 2026-06-05.
        Assert.True(new DateTimeOffset(2026, 6, 5, 0, 0, 0, TimeSpan.Zero).AddDays(-Transitions.NoticeDays) < Start);
        Assert.Equal(new DateTimeOffset(2026, 6, 5, 0, 0, 0, TimeSpan.Zero), await registry.Scheduler.NextDueAtAsync());
    }
}
