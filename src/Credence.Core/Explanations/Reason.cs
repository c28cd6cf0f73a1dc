using System.Collections.Immutable;
using Credence.Core.Records;

namespace Credence.Core.Explanations;

/// <summary>
/// A key reason for an adverse outcome. Codes are stable: <c>LISTED.&lt;list&gt;</c>,
/// <c>RECORD.&lt;type&gt;</c>, <c>GRADE.BELOW.&lt;grade&gt;</c>, <c>GRADE.ABOVE.&lt;grade&gt;</c>, <c>NOT-LISTED.&lt;list&gt;</c>,
/// <c>NEEDS-RECORD.&lt;list&gt;</c>, <c>NEGATIVE-WITHIN.&lt;list&gt;</c>,
/// <c>GRADE.AT-LEAST.&lt;grade&gt;</c> and <c>GRADE.AT-MOST.&lt;grade&gt;</c> (a restriction that also needs a grade), <c>NO-CONSENT</c>, <c>UNDER-AGE</c>, <c>NOT-COVERED</c>.
/// </summary>
/// <param name="Impact">Points the reason costs (negative), or 0 for reasons that are not points.</param>
public sealed record Reason(string Code, string Text, int Impact, ImmutableArray<RecordKey> Records);
