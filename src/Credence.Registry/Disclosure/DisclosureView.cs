using System.Collections.Immutable;
using Credence.Core.Explanations;
using Credence.Core.Identifiers;
using Credence.Core.Records;
using Credence.Registry.Consent;
using Credence.Registry.Decisions;
using Credence.Registry.DueProcess;
using Credence.Registry.Policies;
using Credence.Registry.Sharing;
using Credence.Registry.Storage;
using Credence.Registry.Subjects;

namespace Credence.Registry.Disclosure;

/// <summary>
/// A subject's whole file, as its free disclosure gives it: every version of every record, the
/// assessment now (with its explanation and path forward), the score history, the listing history,
/// every decision, the consent history, the share codes (never their codes), every notice, its due
/// process (disputes, repair applications, appeals, decisions found affected, case steps) and the
/// whole access log, this download included.
/// </summary>
/// <remarks>
/// Implementation note: nothing is limited, unlike the subject file (which shows the latest notices
/// and case steps): the disclosure is the whole file, and the inbox's paging is for reading it day to day.
/// </remarks>
/// <param name="Policy">The policy version its assessment comes from, with the digest of its exact text and where anyone can read it; null when none is in force.</param>
/// <param name="Policies">Every version that has governed subjects of its kind, so that each past outcome (score history, decisions) can be checked against the text that produced it.</param>
/// <param name="Unassessed">Why there is no assessment (no policy active for the subject's kind), when there is none.</param>
/// <param name="Notices">Every notice in the subject's inbox, newest first.</param>
/// <param name="Disputes">The subject's disputes, oldest first: state, deadline, and the source's answer with its reason.</param>
/// <param name="Repairs">The subject's repair applications, oldest first: granted, or refused with every unmet criterion and when it can be met.</param>
/// <param name="Appeals">The subject's appeals against refused repairs, with the reviewer's reasons.</param>
/// <param name="AffectedDecisions">Decisions found affected by a withdrawn or corrected record, each with the relying party that received it and the corrected outcome.</param>
/// <param name="CaseSteps">Every step of the subject's disputes, repairs and appeals, newest first.</param>
public sealed record DisclosureView(
    SubjectId Subject,
    DateTimeOffset AsOf,
    ImmutableArray<Record> Records,
    Assessment? Assessment,
    string? Unassessed,
    PublishedPolicy? Policy,
    ImmutableArray<PublishedPolicy> Policies,
    ImmutableArray<ScorePoint> ScoreHistory,
    ImmutableArray<ListingRow> Listings,
    ImmutableArray<Decision> Decisions,
    ImmutableArray<ConsentChange> Consent,
    ImmutableArray<Share> Shares,
    ImmutableArray<StoredNotice> Notices,
    ImmutableArray<StoredDispute> Disputes,
    ImmutableArray<RepairApplication> Repairs,
    ImmutableArray<StoredAppeal> Appeals,
    ImmutableArray<DecisionMark> AffectedDecisions,
    ImmutableArray<CaseStep> CaseSteps,
    ImmutableArray<AccessEntry> AccessLog);
