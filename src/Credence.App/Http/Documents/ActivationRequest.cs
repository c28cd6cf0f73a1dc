namespace Credence.App.Http.Documents;

/// <summary>When an activation takes effect: an ISO 8601 instant with offset; now when absent.</summary>
internal sealed record ActivationRequest(string? EffectiveFrom);
