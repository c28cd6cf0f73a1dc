using System.Collections.Immutable;

namespace Credence.Core.Policies;

/// <summary>
/// Exit conditions of a record-based list: a qualifying record stops holding a subject on the list
/// when a record of one of <see cref="FulfilledBy"/> occurs after it (the subject met the obligation;
/// each such type is marked <see cref="RecordType.FulfilsObligation"/>), or
/// when <see cref="Term"/> has passed since it occurred, lengthened by <see cref="Extension"/> for
/// each extending record.
/// </summary>
public sealed record ListExit(
    ImmutableArray<string> FulfilledBy,
    PolicyDuration? Term,
    ListExtension? Extension);
