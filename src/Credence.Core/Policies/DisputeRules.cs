namespace Credence.Core.Policies;

/// <summary>How long a source has to answer a dispute before it is resolved for the subject.</summary>
public sealed record DisputeRules(PolicyDuration ResponseTime)
{
    public static DisputeRules Default { get; } = new(PolicyDuration.FromDays(30));
}
