using System.Collections.Immutable;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// A problem and the ids of the record types it rests on, so that the loader can drop findings
/// that only follow from a record type it could not read.
/// </summary>
internal sealed record ValidationFinding(PolicyProblem Problem, ImmutableArray<string> About);
