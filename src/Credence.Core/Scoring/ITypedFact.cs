namespace Credence.Core.Scoring;

/// <summary>A compiled fact's record type, as a cap looks back over the facts of one type.</summary>
/// <remarks>
/// Implementation note: the facts are structs, so a method generic over this interface is compiled
/// once per fact kind with the property inlined: one cap rule for both kinds, at no cost.
/// </remarks>
internal interface ITypedFact
{
    /// <summary>The index of the fact's record type in its policy.</summary>
    ushort TypeIndex { get; }
}
