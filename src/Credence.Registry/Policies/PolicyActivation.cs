using Credence.Core.Identifiers;

namespace Credence.Registry.Policies;

/// <summary>
/// An explicit, dated activation: from <see cref="EffectiveFrom"/> on, <see cref="Tag"/> governs
/// subjects of its kind, until a later activation takes effect.
/// </summary>
public sealed record PolicyActivation(
    long Id,
    string Tag,
    SubjectKind Subjects,
    DateTimeOffset EffectiveFrom,
    DateTimeOffset ActivatedAt,
    string ActivatedBy);
