namespace Credence.App.Http.Documents;

/// <summary>What <c>/healthz/ready</c> answers when the registry is ready: each check and what it found.</summary>
internal sealed record ReadinessDocument(string Status, IReadOnlyList<ReadinessCheck> Checks);
