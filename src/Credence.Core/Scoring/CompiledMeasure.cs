using Credence.Core.Policies;

namespace Credence.Core.Scoring;

/// <summary>A measure's trigger resolved to a list index or grade indices.</summary>
internal sealed class CompiledMeasure
{
    public CompiledMeasure(Measure definition, Func<string, int> listIndex, Func<string, int> gradeIndex)
    {
        Definition = definition;
        List = definition.Trigger.List is { } l ? listIndex(l) : -1;
        GradeAtLeast = definition.Trigger.GradeAtLeast is { } g1 ? gradeIndex(g1) : -1;
        GradeAtMost = definition.Trigger.GradeAtMost is { } g2 ? gradeIndex(g2) : -1;
    }

    public Measure Definition { get; }

    public int List { get; }

    public int GradeAtLeast { get; }

    public int GradeAtMost { get; }

    public bool IsGrant => Definition.Effect == MeasureEffect.Grant;
}
