namespace Credence.Core.Policies;

/// <summary>Whether a measure grants a reward or restricts a capability.</summary>
public enum MeasureEffect
{
    Grant = 1,
    Restrict = 2,
}
