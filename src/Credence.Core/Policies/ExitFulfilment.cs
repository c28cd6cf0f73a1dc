using System.Collections.Immutable;

namespace Credence.Core.Policies;

/// <summary>
/// One rule of a list exit's explicit form: a record of one of <see cref="By"/> ends the hold of a
/// qualifying record of one of <see cref="For"/> (each of which must be an entry type of the list),
/// and of no other.
/// </summary>
/// <param name="For">The entry types whose obligation the fulfilment answers.</param>
/// <param name="By">The types that show that obligation met; each marked <see cref="RecordType.FulfilsObligation"/>.</param>
public sealed record ExitFulfilment(ImmutableArray<string> For, ImmutableArray<string> By);
