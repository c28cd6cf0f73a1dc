namespace Credence.Ledger.Checkpoints;

/// <summary>The outcome of checking a signed checkpoint.</summary>
/// <param name="IsValid">True when the note is well formed, signed by the key, and holds a checkpoint.</param>
/// <param name="Reason">One line saying why it was refused; null when valid.</param>
/// <param name="Checkpoint">The verified checkpoint; null when refused.</param>
public sealed record CheckpointVerification(bool IsValid, string? Reason, Checkpoint? Checkpoint)
{
    internal static CheckpointVerification Valid(Checkpoint checkpoint) => new(true, null, checkpoint);

    internal static CheckpointVerification Refused(string reason) => new(false, reason, null);
}
