using System.Collections.Immutable;

namespace Credence.Core.Policies;

/// <summary>Records of <see cref="ForTypes"/> may be repaired once a record of <see cref="FulfilledBy"/> exists.</summary>
public sealed record RepairQualification(ImmutableArray<string> ForTypes, ImmutableArray<string> FulfilledBy);
