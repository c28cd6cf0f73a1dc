using Credence.Core.Records;

namespace Credence.Core.Explanations;

/// <summary>One record's effect on the score at the as-of instant.</summary>
/// <param name="Points">The points the record carries by the catalogue.</param>
/// <param name="Counted">The points it counts for now, after decay and caps.</param>
/// <param name="CountsUntil">The first instant at which it no longer counts, if nothing changes.</param>
/// <param name="Disputed">True when the record is under dispute and still counts (its type counts while disputed).</param>
public sealed record Contribution(
    RecordKey Record,
    int Version,
    string Type,
    Area Area,
    int Points,
    int Counted,
    DateTimeOffset OccurredAt,
    DateTimeOffset CountsUntil,
    bool Decayed,
    bool Capped,
    bool Disputed);
