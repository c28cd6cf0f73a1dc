using System.Collections.Immutable;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// Checks a policy against the promises of shared/DESIGN.md and its jurisdiction profile's rules.
/// <see cref="Loading.PolicyLoader"/> runs it on every loaded policy; call it directly on policies
/// built in code (uploaded, generated or in tests).
/// </summary>
public static class PolicyValidator
{
    /// <summary>
    /// Every problem found, ordered by location when <paramref name="sourceMap"/> is given.
    /// An empty result means the policy may be activated.
    /// </summary>
    /// <param name="policy">The policy to check.</param>
    /// <param name="sourceMap">Where each part was written, so problems carry file, line and column.</param>
    public static ImmutableArray<PolicyProblem> Validate(Policy policy, PolicySourceMap? sourceMap = null) =>
        Check(policy, sourceMap).Problems();

    /// <summary>True when <paramref name="policy"/> has no problems.</summary>
    public static bool IsValid(Policy policy) => Validate(policy).IsEmpty;

    internal static ValidationContext Check(Policy policy, PolicySourceMap? sourceMap)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var ctx = new ValidationContext(policy, sourceMap);
        HeaderChecks.Check(ctx);
        RecordTypeChecks.Check(ctx);
        ListChecks.Check(ctx);
        MeasureChecks.Check(ctx);
        RepairChecks.Check(ctx);
        TextChecks.Check(ctx);
        RestrictionChecks.Check(ctx);
        CapabilityChecks.Check(ctx);
        FulfilmentChecks.Check(ctx);
        switch (policy.Profile)
        {
            case JurisdictionProfile.PrcCreditRepair:
                PrcCreditRepairChecks.Check(ctx);
                break;
            case JurisdictionProfile.Fcra:
                FcraChecks.Check(ctx);
                break;
            case JurisdictionProfile.EuAiAct:
                EuAiActChecks.Check(ctx);
                break;
        }

        return ctx;
    }
}
