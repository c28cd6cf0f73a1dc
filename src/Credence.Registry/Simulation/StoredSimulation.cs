using System.Collections.Immutable;

namespace Credence.Registry.Simulation;

/// <summary>
/// A simulation report as stored: its canonical JSON with subject ids masked (what the digest names)
/// and, apart from it, the sampled subjects' ids in the sample's order, shown only to a reader who
/// states a purpose.
/// </summary>
public sealed record StoredSimulation(
    string Id,
    string PolicyTag,
    string PolicyDigest,
    string? AgainstTag,
    DateTimeOffset AsOf,
    DateTimeOffset CreatedAt,
    string CreatedBy,
    string Digest,
    string Report,
    ImmutableArray<string> SampleSubjects);
