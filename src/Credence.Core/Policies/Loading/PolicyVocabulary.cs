using System.Collections.Frozen;
using Credence.Core.Identifiers;
using Credence.Core.Records;

namespace Credence.Core.Policies.Loading;

/// <summary>
/// The policy-language names of the closed vocabularies (matters are in <see cref="Matters"/>).
/// The loader accepts nothing else; messages and docs use the same names.
/// </summary>
public static class PolicyVocabulary
{
    public static IReadOnlyDictionary<string, SubjectKind> SubjectKinds { get; } = Table(
        ("persons", SubjectKind.Person), ("organisations", SubjectKind.Organisation));

    public static IReadOnlyDictionary<string, JurisdictionProfile> Profiles { get; } = Table(
        ("prc-credit-repair", JurisdictionProfile.PrcCreditRepair),
        ("fcra", JurisdictionProfile.Fcra),
        ("eu-ai-act", JurisdictionProfile.EuAiAct));

    public static IReadOnlyDictionary<string, Area> Areas { get; } = Table(
        ("administrative", Area.Administrative),
        ("commercial", Area.Commercial),
        ("social", Area.Social),
        ("judicial", Area.Judicial));

    public static IReadOnlyDictionary<string, Severity> Severities { get; } = Table(
        ("minor", Severity.Minor), ("general", Severity.General), ("serious", Severity.Serious));

    public static IReadOnlyDictionary<string, ListKind> ListKinds { get; } = Table(
        ("redlist", ListKind.Redlist), ("blacklist", ListKind.Blacklist));

    public static IReadOnlyDictionary<string, MeasureEffect> MeasureEffects { get; } = Table(
        ("grant", MeasureEffect.Grant), ("restrict", MeasureEffect.Restrict));

    public static IReadOnlyDictionary<string, CapabilityKind> CapabilityKinds { get; } = Table(
        ("entitlement", CapabilityKind.Entitlement), ("benefit", CapabilityKind.Benefit));

    public static string NameOf(SubjectKind value) => Name(SubjectKinds, value);

    public static string NameOf(JurisdictionProfile value) => Name(Profiles, value);

    public static string NameOf(Area value) => Name(Areas, value);

    public static string NameOf(Severity value) => Name(Severities, value);

    public static string NameOf(ListKind value) => Name(ListKinds, value);

    public static string NameOf(MeasureEffect value) => Name(MeasureEffects, value);

    public static string NameOf(CapabilityKind value) => Name(CapabilityKinds, value);

    private static FrozenDictionary<string, T> Table<T>(params (string Name, T Value)[] entries)
        where T : struct, Enum =>
        entries.ToFrozenDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);

    // Values outside the enum (a code-built policy can cast any int) print as their number.
    private static string Name<T>(IReadOnlyDictionary<string, T> table, T value)
        where T : struct, Enum =>
        table.FirstOrDefault(kv => EqualityComparer<T>.Default.Equals(kv.Value, value)).Key ?? value.ToString();
}
