using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Core.Policies;

/// <summary>
/// A versioned policy: data, not code. Load it with <c>PolicyLoader</c>, which validates it; a
/// <see cref="Policy"/> obtained that way has passed every promise and its profile's rules.
/// </summary>
public sealed record Policy(
    string Id,
    string Version,
    string Title,
    SubjectKind Subjects,
    JurisdictionProfile Profile,
    ScoreScale Scale,
    int MinimumAge,
    bool ConsentRequired,
    int MaxKeyFactors,
    ImmutableArray<RecordType> RecordTypes,
    ImmutableArray<GradeBand> Grades,
    ImmutableArray<ListDefinition> Lists,
    ImmutableArray<Measure> Measures,
    RepairRules Repair,
    DisputeRules Disputes,
    ImmutableArray<CapabilityDefinition> Capabilities = default)
{
    /// <summary>The name every outcome carries, e.g. <c>rongcheng-persons@2026.1</c>.</summary>
    public string VersionTag => $"{Id}@{Version}";

    public RecordType? FindRecordType(string id) => RecordTypes.FirstOrDefault(t => t.Id == id);

    public ListDefinition? FindList(string id) => Lists.FirstOrDefault(l => l.Id == id);

    public Measure? FindMeasure(string id) => Measures.FirstOrDefault(m => m.Id == id);

    public CapabilityDefinition? FindCapability(string id) =>
        Capabilities.IsDefault ? null : Capabilities.FirstOrDefault(c => c.Id == id);

    /// <summary>
    /// The declared kind of <paramref name="capability"/>; a capability the policy does not declare is
    /// an entitlement, so that a grant can never gate something everyone has by default.
    /// </summary>
    public CapabilityKind KindOf(string capability) => FindCapability(capability)?.Kind ?? CapabilityKind.Entitlement;
}
