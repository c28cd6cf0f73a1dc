namespace Credence.App.Http.Documents;

/// <summary>
/// A simulation of a stored version: the baseline version (`against`; the one in force by default),
/// the instant whose records are read (`asOf`, an ISO 8601 instant with offset; now by default,
/// never in the future), and a `purpose` to see the sampled subjects' ids (logged as a read of each).
/// </summary>
internal sealed record SimulationRequest(string? Against, string? AsOf, string? Purpose);
