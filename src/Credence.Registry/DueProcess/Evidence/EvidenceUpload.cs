namespace Credence.Registry.DueProcess.Evidence;

/// <summary>A file a subject sends as evidence for a dispute, as it arrived: its name as the client gave it, and its bytes.</summary>
/// <param name="Name">The file's name from the client; only shown, never trusted for its type.</param>
/// <param name="Content">The file's bytes.</param>
public sealed record EvidenceUpload(string? Name, ReadOnlyMemory<byte> Content);
