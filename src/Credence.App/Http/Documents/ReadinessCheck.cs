namespace Credence.App.Http.Documents;

/// <summary>One readiness check: <c>store</c> or <c>ledger</c>, <c>ready</c> or <c>not-ready</c>, and what it found.</summary>
internal sealed record ReadinessCheck(string Name, string Status, string Description);
