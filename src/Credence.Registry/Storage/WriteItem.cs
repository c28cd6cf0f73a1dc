namespace Credence.Registry.Storage;

/// <summary>A unit of work waiting for a store's writer (<see cref="GroupCommitWriter{TSession}"/>), and the task its caller awaits.</summary>
internal abstract class WriteItem
{
    /// <summary>The subject whose file the unit reads and does not change (see <see cref="IRegistryStore.WriteAsync{T}(Core.Identifiers.SubjectId, Func{IRegistryWriter, T}, CancellationToken)"/>); null for any other unit.</summary>
    public Core.Identifiers.SubjectId? Reads { get; init; }

    /// <summary>Whether the unit already holds the file of <see cref="Reads"/> (see <see cref="IRegistryStore.WriteHoldingAsync{T}"/>): nothing is read ahead for it.</summary>
    public bool Holds { get; init; }

    /// <summary>Whether the unit was queued as deferring (see <see cref="IRegistryStore.WriteDeferringAsync{T}"/>): its deferred work may wait for the next unit's.</summary>
    public bool Defers { get; init; }

    /// <summary>Completes the task as cancelled when the caller gave up before the work ran.</summary>
    public abstract bool TryCancel();

    public abstract void Run(IRegistryWriter writer);

    /// <summary>Acknowledges: called only after the transaction that ran the work committed.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <summary>A unit of work with a result.</summary>
internal sealed class WriteItem<T>(Func<IRegistryWriter, T> work, CancellationToken cancellationToken) : WriteItem
{
    private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T? result;

    public Task<T> Task => completion.Task;

    public override bool TryCancel() => cancellationToken.IsCancellationRequested && completion.TrySetCanceled(cancellationToken);

    public override void Run(IRegistryWriter writer) => result = work(writer);

    public override void Complete() => completion.TrySetResult(result!);

    public override void Fail(Exception exception) => completion.TrySetException(exception);
}
