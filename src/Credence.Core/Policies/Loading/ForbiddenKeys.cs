using System.Collections.Frozen;
using Credence.Core.Policies.Validation;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// Explains why an unknown key is refused when it reaches for something the language leaves out on
/// purpose: an exemption (promise 3), minors (promise 4), another subject's records (promise 1) or
/// a subject named by identity. Any other unknown key is just <c>unknown-key</c>.
/// </summary>
internal static class ForbiddenKeys
{
    private static readonly FrozenSet<string> Exemption = FrozenSet.ToFrozenSet(
    [
        "exempt", "exempts", "exempted", "exemption", "exemptions", "override", "overrides", "whitelist", "whitelisted",
        "allowlist", "allow", "except", "exception", "exceptions", "excluding", "exclude", "excluded", "vip", "vips",
        "privilege", "privileges", "privileged", "immunity", "immune", "waive", "waiver", "bypass", "unless",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> OtherSubjects = FrozenSet.ToFrozenSet(
    [
        "relative", "relatives", "family", "families", "household", "households", "spouse", "spouses", "employer",
        "employers", "employee", "employees", "associate", "associates", "guarantor", "guarantors", "linked", "other",
        "others", "kin", "parents", "children", "shareholder", "shareholders", "representative", "affiliate",
        "affiliates", "friends", "contacts", "members", "related", "parent", "mother", "mothers", "father", "fathers", "son",
        "sons", "daughter", "daughters", "child", "sibling", "siblings", "brother", "brothers", "sister", "sisters", "husband",
        "husbands", "wife", "wives", "director", "directors", "landlord", "landlords", "tenant", "tenants", "subsidiary",
        "subsidiaries", "guardian", "guardians", "kids", "offspring",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Minors = FrozenSet.ToFrozenSet(
    [
        "minor", "minors", "juvenile", "juveniles", "pupil", "pupils", "student", "students", "underage", "teen", "teens",
        "teenager", "teenagers", "school", "schools", "schooling",
    ], StringComparer.Ordinal);

    private static readonly FrozenSet<string> Identity = FrozenSet.ToFrozenSet(
    [
        "subject", "identity", "identifier", "identifiers", "id-number", "uscc", "resident", "citizen", "person", "organisation",
    ], StringComparer.Ordinal);

    /// <summary>The rule an unknown key breaks, and why (null for a plain unknown key).</summary>
    public static (string Rule, string? Why) Classify(string key)
    {
        var words = key.ToLowerInvariant().Split(['-', '_', '.', ' '], StringSplitOptions.RemoveEmptyEntries);
        if (words.Any(Exemption.Contains))
        {
            return (PolicyRules.NoExemptions, "the same rules apply to everyone, and no policy may exempt or privilege anyone");
        }

        if (words.Any(Minors.Contains))
        {
            return (PolicyRules.NoMinors, "no measure may name or target minors, pupils or the children of listed persons");
        }

        if (words.Any(OtherSubjects.Contains))
        {
            return (PolicyRules.OwnRecordsOnly, "a score or decision rests on the subject's own records only, never on another subject's");
        }

        if (words.Any(Identity.Contains) || key.Equals("id-number", StringComparison.OrdinalIgnoreCase))
        {
            return (PolicyRules.NoSubjectByIdentity, "a policy applies the same rules to everyone and may never name a subject");
        }

        return (PolicyRules.UnknownKey, null);
    }
}
