namespace Credence.Registry.Consent;

/// <summary>One change of a subject's consent to scoring, as stored (append-only).</summary>
/// <param name="Id">Store id (0 before it is stored).</param>
/// <param name="Subject">The subject's canonical identifier.</param>
/// <param name="Given">True when consent was given, false when withdrawn.</param>
/// <param name="At">When, by the registry's clock; the change is in force from this instant.</param>
/// <param name="By">The principal that made the change (the subject's key).</param>
public sealed record ConsentChange(long Id, string Subject, bool Given, DateTimeOffset At, string By);
