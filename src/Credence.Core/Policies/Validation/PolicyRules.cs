namespace Credence.Core.Policies.Validation;

/// <summary>
/// The stable codes of every rule a policy can break. Each refusal names one, so tools, tests and
/// people can tell the reasons apart; docs/policy.md explains each.
/// </summary>
public static class PolicyRules
{
    // Reading the text.
    public const string YamlSyntax = "yaml-syntax";
    public const string YamlLimit = "yaml-limit";
    public const string UnknownKey = "unknown-key";
    public const string MissingKey = "missing-key";
    public const string BadValue = "bad-value";
    public const string DuplicateId = "duplicate-id";
    public const string UnknownReference = "unknown-reference";

    // The promises of shared/DESIGN.md.
    public const string UnknownMatter = "unknown-matter";
    public const string ProtectedMatter = "protected-matter";
    public const string RewardMatterPositiveOnly = "reward-matter-positive-only";
    public const string NoExemptions = "no-exemptions";
    public const string OwnRecordsOnly = "own-records-only";
    public const string NoSubjectByIdentity = "no-subject-by-identity";
    public const string MinimumAge = "minimum-age";
    public const string RestrictionNeedsAdjudicatedList = "restriction-needs-adjudicated-list";
    public const string RestrictionUnrelatedContext = "restriction-unrelated-context";
    public const string GrantOnEntitlement = "grant-on-entitlement";
    public const string RestrictionOnBenefit = "restriction-on-benefit";
    public const string NoMinors = "no-minors";
    public const string ExitNeedsOwnFulfilment = "exit-needs-own-fulfilment";

    // Shape of the numbers.
    public const string Scale = "scale";
    public const string Grades = "grades";
    public const string Limits = "limits";

    // prc-credit-repair.
    public const string PrcPublicationPeriod = "prc-publication-period";
    public const string PrcDefaulterTerm = "prc-defaulter-term";
    public const string PrcRepairMinimum = "prc-repair-minimum";

    // fcra.
    public const string FcraDisputeDeadline = "fcra-dispute-deadline";
    public const string FcraAging = "fcra-aging";
    public const string FcraKeyFactors = "fcra-key-factors";
    public const string FcraPermissiblePurpose = "fcra-permissible-purpose";

    // eu-ai-act.
    public const string EuUnrelatedContext = "eu-unrelated-context";
    public const string EuDisproportionate = "eu-disproportionate";
}
