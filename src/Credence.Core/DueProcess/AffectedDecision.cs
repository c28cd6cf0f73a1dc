using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Records;

namespace Credence.Core.DueProcess;

/// <summary>A past decision that would have gone the other way had the wrong records not counted.</summary>
/// <param name="Decision">The decision as taken.</param>
/// <param name="Corrected">The decision re-taken as of the same instant without the wrong records.</param>
/// <param name="WrongRecords">The withdrawn or corrected records behind the difference.</param>
public sealed record AffectedDecision(PastDecision Decision, CapabilityDecision Corrected, ImmutableArray<RecordKey> WrongRecords)
{
    /// <summary>The relying party that received the wrong answer and must be told.</summary>
    public string RelyingParty => Decision.RelyingParty;
}
