namespace Credence.Registry;

/// <summary>
/// The stable problem codes of the registry. The HTTP layer turns each into an RFC 9457
/// <c>type</c> (<c>urn:credence:problem:&lt;code&gt;</c>) and a status; the CLI prints them first.
/// Codes never change meaning once published.
/// </summary>
public static class ProblemTypes
{
    // Body and wire format.
    public const string MalformedJson = "malformed-json";
    public const string MalformedCsv = "malformed-csv";
    public const string MissingField = "missing-field";
    public const string PayloadTooLarge = "payload-too-large";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string MalformedRequest = "malformed-request";

    // Record fields (from Core's parser and intake rules).
    public const string InvalidIdentifier = "invalid-identifier";
    public const string BadInstant = "bad-instant";
    public const string FutureInstant = "future-instant";
    public const string BadValue = "bad-value";
    public const string UnknownRecordType = "unknown-record-type";
    public const string AreaMismatch = "area-mismatch";
    public const string MissingLegalBasis = "missing-legal-basis";
    public const string SubjectKindMismatch = "subject-kind-mismatch";
    public const string ProtectedMatter = "protected-matter";
    public const string ControlCharacter = "control-character";
    public const string InvisibleCharacter = "invisible-character";
    public const string BeforeSubjectExisted = "before-subject-existed";

    // State.
    public const string Conflict = "conflict";
    public const string NotFound = "not-found";
    public const string NotPublic = "not-public";
    public const string NoActivePolicy = "no-active-policy";
    public const string InvalidPolicy = "invalid-policy";

    // Policy simulation and the two-person rule (issue 15).
    public const string NoSimulation = "no-simulation";
    public const string NoSignOff = "no-sign-off";
    public const string StaleReport = "stale-report";
    public const string ReportMismatch = "report-mismatch";
    public const string SamePerson = "same-person";

    // Access.
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string TypeNotPermitted = "type-not-permitted";
    public const string MeasureNotPermitted = "measure-not-permitted";
    public const string UnknownMeasure = "unknown-measure";
    public const string PurposeRequired = "purpose-required";

    // Share codes (sharing a grade by consent).
    public const string ShareNotFound = "share-not-found";
    public const string ShareNotForYou = "share-not-for-you";
    public const string ShareRevoked = "share-revoked";
    public const string ShareExpired = "share-expired";

    // Due process: each carries the Core refusals (stable codes such as already-disputed,
    // past-deadline, minimum-period-not-served, already-appealed) in its errors and refusals.
    public const string DisputeRefused = "dispute-refused";
    public const string RepairRefused = "repair-refused";
    public const string AppealRefused = "appeal-refused";

    // A dispute's evidence files (see DueProcess/Evidence/EvidenceRules.cs).
    public const string EvidenceNotAccepted = "evidence-not-accepted";
    public const string EvidenceTooLarge = "evidence-too-large";
    public const string EvidenceTooMany = "evidence-too-many";

    // Ledger.
    public const string LedgerUnavailable = "ledger-unavailable";

    // Operations.
    public const string NotReady = "not-ready";

    /// <summary>The store (the database) does not answer: the request was not acknowledged; retry.</summary>
    public const string StoreUnavailable = "store-unavailable";
}
