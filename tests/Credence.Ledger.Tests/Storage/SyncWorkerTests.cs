using Credence.Ledger.Storage;

namespace Credence.Ledger.Tests.Storage;

public sealed class SyncWorkerTests
{
    [Fact]
    public void RunsWorkOnItsOwnThreadAndRethrowsItsFailure()
    {
        using var worker = new SyncWorker("test worker");
        var caller = Environment.CurrentManagedThreadId;
        var ran = 0;
        worker.Begin(() => ran = Environment.CurrentManagedThreadId);
        worker.End();
        Assert.NotEqual(0, ran);
        Assert.NotEqual(caller, ran);

        worker.Begin(() => throw new IOException("fsync failed"));
        Assert.Equal("fsync failed", Assert.Throws<IOException>(worker.End).Message);

        // A failure does not break the worker.
        worker.Begin(() => ran = -1);
        worker.End();
        Assert.Equal(-1, ran);
    }
}
