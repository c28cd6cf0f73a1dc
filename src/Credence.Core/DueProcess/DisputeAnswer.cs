namespace Credence.Core.DueProcess;

/// <summary>A source's answer to a dispute.</summary>
/// <param name="Kind">Verify, correct or withdraw.</param>
/// <param name="Reason">Why, in the source's words; required.</param>
/// <param name="NewVersion">For a correction or withdrawal: the record version that does it (same key, next version, matching action).</param>
public sealed record DisputeAnswer(DisputeAnswerKind Kind, string Reason, Records.Record? NewVersion = null);
