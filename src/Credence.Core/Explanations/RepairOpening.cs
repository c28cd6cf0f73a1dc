using System.Collections.Immutable;
using Credence.Core.Policies;
using Credence.Core.Records;

namespace Credence.Core.Explanations;

/// <summary>
/// When a negative record may be repaired, and what it needs: the minimum period for its severity
/// served (<paramref name="OpensAt"/>) and a record of one of <paramref name="NeedsOneOf"/> showing
/// the obligation fulfilled. Both criteria are facts; neither depends on anyone's judgment.
/// </summary>
public sealed record RepairOpening(
    RecordKey Record,
    string Type,
    Severity Severity,
    DateTimeOffset OpensAt,
    ImmutableArray<string> NeedsOneOf,
    RecordKey? FulfilledBy,
    bool AvailableNow);
