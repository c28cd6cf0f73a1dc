using Credence.Core.Identifiers;

namespace Credence.Core.Policies.Validation;

/// <summary>
/// The <c>fcra</c> profile: disputes answered within 30 days, negative items age out after 7 years
/// (bankruptcy 10), at most 4 key factors (see <see cref="HeaderChecks"/>), and access only for a
/// permissible purpose, so no list of persons is published.
/// </summary>
internal static class FcraChecks
{
    private static readonly PolicyDuration DisputeDeadline = PolicyDuration.FromDays(30);
    private static readonly PolicyDuration NegativeAge = PolicyDuration.FromYears(7);
    private static readonly PolicyDuration BankruptcyAge = PolicyDuration.FromYears(10);

    public static void Check(ValidationContext ctx)
    {
        var p = ctx.Policy;
        if (p.Disputes is { } d && d.ResponseTime > DisputeDeadline)
        {
            ctx.Report(PolicyRules.FcraDisputeDeadline, "disputes.response-time",
                $"disputes may take {d.ResponseTime} to answer; the profile requires an answer within {DisputeDeadline}");
        }

        var types = p.RecordTypes.IsDefault ? [] : p.RecordTypes;
        for (var i = 0; i < types.Length; i++)
        {
            var t = types[i];
            var limit = t.Bankruptcy ? BankruptcyAge : NegativeAge;
            if (t.IsNegative && t.Lasts > limit)
            {
                var kind = t.Bankruptcy ? "a bankruptcy" : "a negative item";
                ctx.Report(PolicyRules.FcraAging, $"record-types[{i}].lasts",
                    $"record type '{t.Id}' lasts {t.Lasts}; {kind} must age out within {limit.Years} years");
            }
        }

        var lists = p.Lists.IsDefault ? [] : p.Lists;
        for (var i = 0; i < lists.Length; i++)
        {
            if (p.Subjects == SubjectKind.Person && lists[i].Published)
            {
                ctx.Report(PolicyRules.FcraPermissiblePurpose, $"lists[{i}].published",
                    $"list '{lists[i].Id}' is published: under the profile a consumer's file is disclosed only for a permissible purpose, never to the public");
            }
        }
    }
}
