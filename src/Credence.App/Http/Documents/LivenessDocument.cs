namespace Credence.App.Http.Documents;

/// <summary>What <c>/healthz/live</c> answers.</summary>
internal sealed record LivenessDocument(string Status);
