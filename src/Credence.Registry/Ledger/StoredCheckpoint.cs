namespace Credence.Registry.Ledger;

/// <summary>A signed checkpoint as stored: the tree size and root it signs, the signed note, and when it was signed.</summary>
public sealed record StoredCheckpoint(long Id, long Size, byte[] Root, string Note, DateTimeOffset SignedAt);
