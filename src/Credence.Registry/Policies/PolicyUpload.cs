namespace Credence.Registry.Policies;

/// <summary>The outcome of an upload: the stored policy, and whether it is new (false when the same text was uploaded before).</summary>
public sealed record PolicyUpload(StoredPolicy Policy, bool Created);
