using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace Credence.App.Http.Documents;

/// <summary>A subject disputes its record <paramref name="Source"/>/<paramref name="SourceRecordId"/>, with a reason and an optional evidence note.</summary>
internal sealed record DisputeRequest([property: Required] string? Source, [property: Required] string? SourceRecordId, [property: Required] string? Reason, string? Evidence);

/// <summary>A source answers a dispute: <c>verify</c>, <c>correct</c> (with the corrected version as a record line) or <c>withdraw</c>, with a reason.</summary>
internal sealed record AnswerRequest([property: Required] string? Answer, [property: Required] string? Reason, JsonElement? Record);

/// <summary>A subject applies to repair its record <paramref name="Source"/>/<paramref name="SourceRecordId"/>.</summary>
internal sealed record RepairRequest([property: Required] string? Source, [property: Required] string? SourceRecordId);

/// <summary>A subject appeals a refused repair, with its grounds.</summary>
internal sealed record AppealRequest([property: Required] string? Grounds);

/// <summary>A reviewer's decision on an appeal: grant the repair or uphold the refusal, with a written reason.</summary>
internal sealed record AppealDecisionRequest([property: Required] bool? Grant, [property: Required] string? Reason);

/// <summary>A subject escalates its verified dispute to a reviewer, with its reason.</summary>
internal sealed record EscalationRequest([property: Required] string? Reason);

/// <summary>A reviewer's decision on an escalated dispute: <c>uphold</c> or <c>found-wrong</c>, with a written reason.</summary>
internal sealed record DisputeDecisionRequest([property: Required] string? Decision, [property: Required] string? Reason);
