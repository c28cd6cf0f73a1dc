namespace Credence.App.Http.Documents;

/// <summary>What <c>/healthz</c> answers: the store's schema version, the active policies' tags and the registry's clock.</summary>
internal sealed record HealthDocument(string Status, int Schema, IReadOnlyList<string> ActivePolicies, DateTimeOffset AsOf);
