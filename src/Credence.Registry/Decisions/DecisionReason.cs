using System.Collections.Immutable;

namespace Credence.Registry.Decisions;

/// <summary>A reason for a denial: a stable code (e.g. <c>LISTED.court-defaulters</c>), its text and the records behind it.</summary>
public sealed record DecisionReason(string Code, string Text, ImmutableArray<string> Records);
