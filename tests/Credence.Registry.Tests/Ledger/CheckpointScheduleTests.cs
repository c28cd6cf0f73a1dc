using Credence.Ledger.Checkpoints;
using Credence.Ledger.Receipts;
using Credence.Registry.Access;
using Credence.Registry.Ledger;
using Microsoft.Extensions.Time.Testing;

namespace Credence.Registry.Tests.Ledger;

/// <summary>The checkpoint schedule sleeps on the registry's clock (a fake one here): it signs every interval when the ledger grew, and never otherwise.</summary>
public sealed class CheckpointScheduleTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(60);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "credence-tests", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider clock = new(Start);
    private readonly CheckpointKeyPair key = CheckpointSigner.GenerateKey("credence/registry.db");
    private readonly CheckpointSigner signer;
    private readonly CredenceRegistry registry;
    private readonly LedgerService ledger;

    public CheckpointScheduleTests()
    {
        Directory.CreateDirectory(folder);
        registry = CredenceRegistry.Open(Path.Combine(folder, "registry.db"), clock);
        signer = CheckpointSigner.FromPrivateKey(key.PrivateKey);
        ledger = new LedgerService(registry.Store, clock, signer, "credence/registry.db", Interval, registry.Access);
    }

    [Fact]
    public async Task An_empty_ledger_gets_no_checkpoint_and_a_grown_one_gets_one_at_start()
    {
        var schedule = new CheckpointSchedule(ledger, clock);
        Assert.Null(await schedule.StartAsync(CancellationToken.None));
        Assert.Empty(await ledger.HistoryAsync(0, 10));

        await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new Principals.PrincipalRegistration(Role.Subject, "bob", Subject: Ids.Bob));
        var first = await schedule.StartAsync(CancellationToken.None);
        Assert.Equal(await ledger.SizeAsync(), first!.Size);
        Assert.Equal(Start + Interval, ledger.NextScheduledAt);
    }

    [Fact]
    public async Task It_signs_when_the_fake_clock_reaches_the_interval_and_only_if_the_ledger_grew()
    {
        var bob = (await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new Principals.PrincipalRegistration(Role.Subject, "bob", Subject: Ids.Bob))).GetValueOrThrow();
        var bobPrincipal = (await registry.Principals.AuthenticateAsync("Bearer " + bob.Key, "test", null)).GetValueOrThrow();
        var schedule = new CheckpointSchedule(ledger, clock);
        var first = (await schedule.StartAsync(CancellationToken.None))!;

        var runs = System.Threading.Channels.Channel.CreateUnbounded<StoredCheckpoint?>();
        using var stop = new CancellationTokenSource();
        var loop = schedule.RunAsync(e => Assert.Fail(e.ToString()), stop.Token, c => runs.Writer.TryWrite(c));

        // The ledger grows; receipts for the new entry wait, and asking signs nothing.
        var read = (await registry.Subjects.ReadOwnAsync(bobPrincipal)).GetValueOrThrow();
        var index = (await ledger.IndexOfAccessEventAsync(read.ReadEventId))!.Value;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(Start + Interval, (await ledger.ReceiptAsync(bobPrincipal, index)).Value!.ComeBackAt);
        }

        clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Assert.False(runs.Reader.TryRead(out _));
        Assert.Single(await ledger.HistoryAsync(0, 10));

        clock.Advance(TimeSpan.FromSeconds(1));
        var second = await runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(second);
        Assert.True(second.Size > index);
        Assert.Equal(Start + Interval + Interval, ledger.NextScheduledAt);
        var receipt = (await ledger.ReceiptAsync(bobPrincipal, index)).GetValueOrThrow().Receipt!;
        Assert.Equal(second.Note, receipt.CheckpointNote);
        Assert.True(ReceiptVerifier.Verify(receipt.ToJson(), key.VerifierKey).IsValid);

        // Nothing new by the next tick: nothing signed.
        clock.Advance(Interval);
        Assert.Null(await runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal([first.Id, second.Id], (await ledger.HistoryAsync(0, 10)).Select(c => c.Id));

        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task It_signs_on_schedule_when_no_one_listens_to_its_runs_as_serve_runs_it()
    {
        await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new Principals.PrincipalRegistration(Role.Subject, "bob", Subject: Ids.Bob));
        var schedule = new CheckpointSchedule(ledger, clock);
        var first = (await schedule.StartAsync(CancellationToken.None))!;
        await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new Principals.PrincipalRegistration(Role.Subject, "alice", Subject: Ids.Alice));
        using var stop = new CancellationTokenSource();
        var loop = schedule.RunAsync(e => Assert.Fail(e.ToString()), stop.Token);

        try
        {
            clock.Advance(Interval);

            // The run happens on the thread pool: wait (bounded) for what it stores, not for a callback.
            using var patience = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            while ((await ledger.HistoryAsync(0, 10)).Count < 2)
            {
                await Task.Delay(10, patience.Token);
            }

            var history = await ledger.HistoryAsync(0, 10);
            Assert.Equal(first.Id, history[0].Id);
            Assert.Equal(await ledger.SizeAsync(), history[1].Size);
            while (ledger.NextScheduledAt != Start + Interval + Interval)
            {
                await Task.Delay(10, patience.Token);
            }
        }
        finally
        {
            // Stops the loop whatever happened (before the fix it spun until cancelled).
            await stop.CancelAsync();
        }

        await loop;
    }

    [Fact]
    public async Task A_graceful_stop_signs_once_when_the_ledger_grew_and_never_otherwise()
    {
        var schedule = new CheckpointSchedule(ledger, clock);
        Assert.Null(await schedule.StopAsync(CancellationToken.None));
        await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new Principals.PrincipalRegistration(Role.Subject, "bob", Subject: Ids.Bob));
        var last = await schedule.StopAsync(CancellationToken.None);
        Assert.Equal(await ledger.SizeAsync(), last!.Size);
        Assert.Null(await schedule.StopAsync(CancellationToken.None));
        Assert.Single(await ledger.HistoryAsync(0, 10));
    }

    [Fact]
    public async Task A_clock_set_back_does_not_put_the_schedule_to_sleep_for_longer_than_an_interval()
    {
        await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new Principals.PrincipalRegistration(Role.Subject, "bob", Subject: Ids.Bob));
        var schedule = new CheckpointSchedule(ledger, clock);
        await schedule.StartAsync(CancellationToken.None);
        clock.AdjustTime(Start - TimeSpan.FromDays(400));
        await registry.Principals.CreateKeyAsync(Principal.LocalOperator(), new Principals.PrincipalRegistration(Role.Subject, "alice", Subject: Ids.Alice));

        var runs = System.Threading.Channels.Channel.CreateUnbounded<StoredCheckpoint?>();
        using var stop = new CancellationTokenSource();
        var loop = schedule.RunAsync(e => Assert.Fail(e.ToString()), stop.Token, c => runs.Writer.TryWrite(c));
        clock.Advance(Interval);
        Assert.NotNull(await runs.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1)));
        await stop.CancelAsync();
        await loop.WaitAsync(TimeSpan.FromMinutes(1));
    }

    public async ValueTask DisposeAsync()
    {
        signer.Dispose();
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
}
