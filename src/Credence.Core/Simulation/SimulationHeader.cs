namespace Credence.Core.Simulation;

/// <summary>What a simulation compared, when and by whom: the head of its report.</summary>
public sealed record SimulationHeader(
    string Id,
    Policies.Policy Draft,
    string DraftDigest,
    Policies.Policy? Against,
    string? AgainstDigest,
    DateTimeOffset AsOf,
    DateTimeOffset CreatedAt,
    string CreatedBy);
