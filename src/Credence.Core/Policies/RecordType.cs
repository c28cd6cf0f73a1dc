using Credence.Core.Records;

namespace Credence.Core.Policies;

/// <summary>One entry of a policy's record-type catalogue.</summary>
/// <param name="Id">Stable id sources use when they submit, e.g. <c>late-credit-card-payment</c>.</param>
/// <param name="Name">Readable name.</param>
/// <param name="Description">What the type means, in a sentence.</param>
/// <param name="Area">The area the records belong to.</param>
/// <param name="Matter">The matter from the closed allow-list.</param>
/// <param name="Points">Fixed points each record adds (negative for adverse types).</param>
/// <param name="PerUnit">Optional points per unit of the record's quantity, added to <paramref name="Points"/>.</param>
/// <param name="Lasts">How long a record's effect lasts from its occurrence (the publication period).</param>
/// <param name="Decays">When true the effect falls linearly to zero over <paramref name="Lasts"/>.</param>
/// <param name="Cap">Optional cap per time window.</param>
/// <param name="Severity">Severity class (minor, general, serious).</param>
/// <param name="CountsWhileDisputed">Whether a disputed record keeps counting until the dispute ends.</param>
/// <param name="Bankruptcy">Marks bankruptcy records, which some profiles let age out later.</param>
/// <param name="FulfilsObligation">
/// The record shows the subject's own fulfilment of an obligation (paid, performed, rectified). Only
/// such types may end a listing or open a repair; a favour granted by an office (a pardon, an
/// exemption, a special approval) is never one.
/// </param>
public sealed record RecordType(
    string Id,
    string Name,
    string? Description,
    Area Area,
    Matter Matter,
    int Points,
    PerUnitPoints? PerUnit,
    PolicyDuration Lasts,
    bool Decays,
    PointCap? Cap,
    Severity Severity,
    bool CountsWhileDisputed,
    bool Bankruptcy = false,
    bool FulfilsObligation = false)
{
    /// <summary>An adverse type: it can lower a score, so its records need a legal basis.</summary>
    public bool IsNegative => Points < 0 || PerUnit?.Points < 0;

    /// <summary>A rewarding type: it can raise a score.</summary>
    public bool IsPositive => Points > 0 || PerUnit?.Points > 0;
}
