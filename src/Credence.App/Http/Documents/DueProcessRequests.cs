using System.Text.Json;

namespace Credence.App.Http.Documents;

/// <summary>A subject disputes its record <paramref name="Source"/>/<paramref name="SourceRecordId"/>, with a reason and an optional evidence note.</summary>
internal sealed record DisputeRequest(string? Source, string? SourceRecordId, string? Reason, string? Evidence);

/// <summary>A source answers a dispute: <c>verify</c>, <c>correct</c> (with the corrected version as a record line) or <c>withdraw</c>, with a reason.</summary>
internal sealed record AnswerRequest(string? Answer, string? Reason, JsonElement? Record);

/// <summary>A subject applies to repair its record <paramref name="Source"/>/<paramref name="SourceRecordId"/>.</summary>
internal sealed record RepairRequest(string? Source, string? SourceRecordId);

/// <summary>A subject appeals a refused repair, with its grounds.</summary>
internal sealed record AppealRequest(string? Grounds);

/// <summary>A reviewer's decision on an appeal: grant the repair or uphold the refusal, with a written reason.</summary>
internal sealed record AppealDecisionRequest(bool? Grant, string? Reason);

/// <summary>A subject escalates its verified dispute to a reviewer, with its reason.</summary>
internal sealed record EscalationRequest(string? Reason);

/// <summary>A reviewer's decision on an escalated dispute: <c>uphold</c> or <c>found-wrong</c>, with a written reason.</summary>
internal sealed record DisputeDecisionRequest(string? Decision, string? Reason);
