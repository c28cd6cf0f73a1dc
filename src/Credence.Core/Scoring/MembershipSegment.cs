namespace Credence.Core.Scoring;

/// <summary>
/// From <see cref="From"/> until the next segment's start, the record-based lists a subject is on
/// and the lists a negative record blocks, as bit sets over the policy's lists.
/// </summary>
internal readonly record struct MembershipSegment(long From, ulong Listed, ulong Blocked);
