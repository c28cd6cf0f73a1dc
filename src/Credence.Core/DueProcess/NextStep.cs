namespace Credence.Core.DueProcess;

/// <summary>Something the subject can do next, and when.</summary>
/// <param name="Action">A stable code: <c>dispute</c>, <c>escalate</c>, <c>apply-for-repair</c>, <c>appeal</c>,
/// <c>fulfil-obligation</c>, <c>earn-points</c>, <c>obtain-record</c>, <c>give-consent</c>, <c>wait</c> (for a dated change that comes by itself),
/// or <c>none</c> (only on a notice that is not adverse: nothing is needed).</param>
/// <param name="Text">What to do, in plain language.</param>
/// <param name="From">The earliest instant the step is possible, if later than the notice.</param>
/// <param name="Until">The instant by which it must be done, if any.</param>
public sealed record NextStep(string Action, string Text, DateTimeOffset? From = null, DateTimeOffset? Until = null);
