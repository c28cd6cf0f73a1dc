using System.Collections.Immutable;
using Credence.Core.Identifiers;

namespace Credence.Registry.Disclosure;

/// <summary>One page of the reads of a subject's file, newest first, with how many there are of each kind of reader.</summary>
/// <param name="Kind">The kind of reader asked for; null for every kind.</param>
/// <param name="Total">How many reads there are of <paramref name="Kind"/> (all pages).</param>
/// <param name="Counts">How many reads there are of each kind of reader, whatever the filter.</param>
public sealed record FileReadsPage(
    SubjectId Subject,
    DateTimeOffset AsOf,
    ReaderKind? Kind,
    int Page,
    int PageSize,
    int Total,
    ImmutableArray<FileRead> Reads,
    ImmutableDictionary<ReaderKind, int> Counts);
