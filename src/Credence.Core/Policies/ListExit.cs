using System.Collections.Immutable;

namespace Credence.Core.Policies;

/// <summary>
/// Exit conditions of a record-based list: a qualifying record stops holding a subject on the list
/// when a record that answers its obligation occurs after it (the subject met the obligation; each
/// such type is marked <see cref="RecordType.FulfilsObligation"/>), or when <see cref="Term"/> has
/// passed since it occurred, lengthened by <see cref="Extension"/> for each extending record.
/// </summary>
/// <remarks>
/// A fulfilment answers only the obligation that listed the subject (docs/policy.md, "Which
/// fulfilment answers which record"). In the short form, <see cref="FulfilledBy"/>, each type
/// answers the entry types about its own matter (tax paid answers tax evasion, never a food-safety
/// violation). In the explicit form, <see cref="Rules"/>, each rule says which entry types its
/// types answer. A policy uses one form or the other.
/// </remarks>
/// <param name="FulfilledBy">The short form: types that answer the entry types about their own matter.</param>
/// <param name="Term">How long a qualifying record holds the subject at most.</param>
/// <param name="Extension">What lengthens the term.</param>
public sealed record ListExit(
    ImmutableArray<string> FulfilledBy,
    PolicyDuration? Term,
    ListExtension? Extension)
{
    /// <summary>The explicit form: which types answer which entry types.</summary>
    public ImmutableArray<ExitFulfilment> Rules { get; init; } = [];

    /// <summary>Every type that may end a hold, in either form, in the order written, without repeats.</summary>
    public ImmutableArray<string> AllFulfilmentTypes =>
        [.. (FulfilledBy.IsDefault ? [] : FulfilledBy)
            .Concat((Rules.IsDefault ? [] : Rules).SelectMany(r => r.By.IsDefault ? [] : r.By))
            .Distinct(StringComparer.Ordinal)];
}
