using System.Collections.Immutable;
using Credence.Core.Identifiers;
using Credence.Core.Scoring;

namespace Credence.Registry.Policies;

/// <summary>
/// The activations a registry knows at one moment, with every activated version's compiled form at
/// hand: which policy governs a kind of subject at an instant, answered without reading the store.
/// Obtained from <see cref="PolicyService.CurrentAsync"/>.
/// </summary>
/// <remarks>
/// Implementation note: reads are asynchronous, but a unit of work and a score history choose a
/// policy synchronously, in the middle of work that cannot await. They take this schedule before
/// they start, so the choice is made from committed activations read on a read connection (as
/// before reads became asynchronous), never from a unit's uncommitted writes.
/// </remarks>
public sealed class PolicySchedule
{
    private readonly Func<string, CompiledPolicy> compile;

    internal PolicySchedule(ImmutableArray<PolicyActivation> activations, Func<string, CompiledPolicy> compile)
    {
        Activations = activations;
        this.compile = compile;
    }

    /// <summary>Every activation, in the order they were made.</summary>
    public ImmutableArray<PolicyActivation> Activations { get; }

    /// <summary>The policy governing subjects of <paramref name="kind"/> at <paramref name="at"/>, or null when none is active.</summary>
    public ActivePolicy? ActiveAt(SubjectKind kind, DateTimeOffset at)
    {
        PolicyActivation? chosen = null;
        foreach (var a in Activations)
        {
            if (a.Subjects == kind && a.EffectiveFrom <= at && (chosen is null || a.EffectiveFrom >= chosen.EffectiveFrom))
            {
                chosen = a;
            }
        }

        return chosen is null ? null : new ActivePolicy(chosen, Compiled(chosen.Tag));
    }

    /// <summary>The policies governing each kind of subject at <paramref name="at"/>.</summary>
    public IReadOnlyList<ActivePolicy> ActiveAll(DateTimeOffset at) =>
        [.. Enum.GetValues<SubjectKind>().Select(k => ActiveAt(k, at)).OfType<ActivePolicy>()];

    /// <summary>The compiled form of an activated version (compiled once per registry, on first use).</summary>
    /// <exception cref="InvalidOperationException">The version was never activated.</exception>
    public CompiledPolicy Compiled(string tag) => compile(tag);
}
