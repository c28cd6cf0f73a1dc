namespace Credence.Registry.Simulation;

/// <summary>An operator's sign-off of a policy version, naming the digest of the simulation report it read.</summary>
public sealed record PolicySignOff(long Id, string PolicyTag, string ReportDigest, string SignedBy, DateTimeOffset SignedAt);
