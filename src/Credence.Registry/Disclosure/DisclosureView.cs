using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.Sharing;
using Credence.Registry.Storage;
using Credence.Registry.Subjects;

namespace Credence.Registry.Disclosure;

/// <summary>
/// A subject's whole file, as its free disclosure gives it: every version of every record, the
/// assessment now (with its explanation and path forward), the score history, the listing history,
/// every decision, the consent history, the share codes (never their codes) and the whole access
/// log, this download included.
/// </summary>
/// <remarks>
/// Implementation note: notices are not here yet: they belong to the due-process branch, and the
/// lead adds them (a <c>Notices</c> member after <see cref="Shares"/>) when merging both.
/// </remarks>
/// <param name="Unassessed">Why there is no assessment (no policy active for the subject's kind), when there is none.</param>
public sealed record DisclosureView(
    SubjectId Subject,
    DateTimeOffset AsOf,
    ImmutableArray<Record> Records,
    Assessment? Assessment,
    string? Unassessed,
    ImmutableArray<ScorePoint> ScoreHistory,
    ImmutableArray<ListingRow> Listings,
    ImmutableArray<Decision> Decisions,
    ImmutableArray<ConsentChange> Consent,
    ImmutableArray<Share> Shares,
    ImmutableArray<AccessEntry> AccessLog);
