using Credence.Core.Policies;

namespace Credence.Core.Scoring;

/// <summary>The per-type numbers the scoring loop reads, packed for cache locality.</summary>
internal readonly struct CompiledRecordType
{
    public readonly int AreaSlot;
    public readonly int CapPoints;
    public readonly bool Decays;
    public readonly bool Capped;
    public readonly bool Negative;
    public readonly bool CountsWhileDisputed;

    /// <summary>Bit i set when this type's active records can put a subject on list i.</summary>
    public readonly ulong EntersLists;

    public CompiledRecordType(RecordType type, ulong entersLists)
    {
        AreaSlot = (int)type.Area - 1;
        Capped = type.Cap is not null;
        CapPoints = type.Cap?.Points ?? 0;
        Decays = type.Decays;
        Negative = type.IsNegative;
        CountsWhileDisputed = type.CountsWhileDisputed;
        EntersLists = entersLists;
    }
}
