namespace Credence.Ledger.Checkpoints;

/// <summary>The outcome of checking that two signed checkpoints are consistent.</summary>
/// <param name="IsValid">True when both are validly signed and the proof shows the older tree is a prefix of the newer.</param>
/// <param name="Reason">One line saying why it was refused; null when valid.</param>
/// <param name="Older">The older checkpoint, when its signature checked out.</param>
/// <param name="Newer">The newer checkpoint, when its signature checked out.</param>
public sealed record ConsistencyVerification(bool IsValid, string? Reason, Checkpoint? Older, Checkpoint? Newer);
