using Credence.Core.Policies;
using Credence.Core.Policies.Loading;

namespace Credence.Rescore.Bench;

/// <summary>The draft both sides score under: the sample persons policy with an analyst's changes.</summary>
internal static class DraftPolicy
{
    public static Policy Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "policies", "rongcheng-persons.yaml");
        var loaded = PolicyLoader.LoadFile(path);
        var active = loaded.Policy ?? throw new InvalidOperationException(string.Join(Environment.NewLine, loaded.Problems));
        return Draft(active);
    }

    /// <summary>
    /// Late card payments cost more under a higher cap, volunteering earns more under a higher cap,
    /// traffic violations fade over six months instead of three, blood donations count for eighteen
    /// months, the court defaulter term is three years, and the honest-citizens list looks back six
    /// months for adverse records instead of a year: every feature of the catalogue (fixed and per-unit
    /// points, decay, caps, disputes, lists with terms, extensions, fulfilment and blocks, grade-triggered
    /// measures) stays in play.
    /// </summary>
    private static Policy Draft(Policy active)
    {
        RecordType Change(RecordType t) => t.Id switch
        {
            "late-credit-card-payment" => t with { Points = -15, Cap = new PointCap(45, PolicyDuration.FromYears(1)) },
            "volunteering" => t with { Points = 8, Cap = new PointCap(40, PolicyDuration.FromYears(1)) },
            "traffic-violation" => t with { Lasts = PolicyDuration.FromMonths(6) },
            "blood-donation" => t with { Lasts = PolicyDuration.FromMonths(18) },
            _ => t,
        };

        ListDefinition Lists(ListDefinition l) => l.Id switch
        {
            "court-defaulters" => l with { Exit = l.Exit with { Term = PolicyDuration.FromYears(3) } },
            "honest-citizens" => l with { Entry = l.Entry with { NoNegativeRecordWithin = PolicyDuration.FromMonths(6) } },
            _ => l,
        };

        return active with
        {
            Version = "2026.2-draft",
            RecordTypes = [.. active.RecordTypes.Select(Change)],
            Lists = [.. active.Lists.Select(Lists)],
        };
    }
}
