namespace Credence.Registry.DueProcess.Evidence;

/// <summary>An evidence file with its bytes, as a download gives it.</summary>
public sealed record EvidenceFile(StoredEvidence Evidence, byte[] Content);
