using System.Collections.Frozen;
using System.Reflection;
using Credence.Registry;

namespace Credence.App.Http;

/// <summary>
/// Every problem <c>type</c> the API answers with: its HTTP status and what it means. The status of
/// an answer and the catalogue in the OpenAPI document both come from here, so they cannot disagree.
/// </summary>
internal static class ApiProblemCatalogue
{
    /// <summary>An answer the HTTP layer gives itself: the client sent too many requests (public lookups) or failed authentication too often.</summary>
    public const string TooManyRequests = "too-many-requests";

    /// <summary>An unexpected failure: a bug; nothing was acknowledged.</summary>
    public const string InternalError = "internal-error";

    private static readonly FrozenDictionary<string, (int Status, string Meaning)> Entries = new Dictionary<string, (int, string)>
    {
        [ProblemTypes.MalformedJson] = (400, "The body is not the JSON (or NDJSON) this operation reads: bad syntax, not UTF-8, a member it does not know, or a value of the wrong JSON type."),
        [ProblemTypes.MalformedCsv] = (400, "The CSV upload is not readable: bad quoting, not UTF-8, or a header without the record fields."),
        [ProblemTypes.MalformedRequest] = (400, "The request breaks HTTP framing (an overflowing or malformed chunk size, a body cut short); nothing of it was kept."),
        [ProblemTypes.MissingField] = (400, "A field the operation needs is absent; `field` names it."),
        [ProblemTypes.PurposeRequired] = (400, "Reviewers and auditors state the purpose of each read (`?purpose=`); relying parties are registered with one."),
        [ProblemTypes.PayloadTooLarge] = (413, "The body is larger than this operation accepts; nothing of it was kept."),
        [ProblemTypes.UnsupportedMediaType] = (415, "The body's content type is not one this operation reads."),
        [ProblemTypes.InvalidIdentifier] = (422, "An identifier fails its standard: GB 11643-1999 resident identity number or GB 32100-2015 Unified Social Credit Code (length, characters, birth date, check character)."),
        [ProblemTypes.BadInstant] = (422, "An instant is not ISO 8601 with an offset, or lies outside what the registry accepts."),
        [ProblemTypes.BeforeSubjectExisted] = (422, "An instant lies before the subject existed: before a person's birth (from the identity number, midnight UTC) or before 1949-10-01 for an organisation."),
        [ProblemTypes.ControlCharacter] = (422, "A field holds a control character (NUL, C0, DEL or C1); `field` names it."),
        [ProblemTypes.InvisibleCharacter] = (422, "An identifier holds an invisible or direction-changing character (zero-width, bidi mark or override, soft hyphen, BOM, noncharacter), or free text a bidi override; `field` names it."),
        [ProblemTypes.FutureInstant] = (422, "An instant lies in the future of the registry's clock."),
        [ProblemTypes.BadValue] = (422, "A value is not one the field takes (a query or path parameter of the wrong type, an unknown role or state, a number out of range, a text longer than its bound)."),
        [ProblemTypes.UnknownRecordType] = (422, "The record type is not in the active policy's catalogue."),
        [ProblemTypes.AreaMismatch] = (422, "The record's area is not the area its type belongs to."),
        [ProblemTypes.MissingLegalBasis] = (422, "The record type needs a legal basis or case reference and none was given."),
        [ProblemTypes.SubjectKindMismatch] = (422, "The record type or measure is for persons and the subject is an organisation, or the other way round."),
        [ProblemTypes.ProtectedMatter] = (422, "The record type, rule or measure concerns a protected matter (political opinion, religion, ethnicity, health, sexual life, trade-union membership, biometric or location tracking, social relationships, other people's conduct) and is refused."),
        [ProblemTypes.Conflict] = (409, "The request contradicts the registry's state (a name taken with another registration, a record id reused with other content, a version out of order)."),
        [ProblemTypes.NotFound] = (404, "There is no such resource, or none that is yours to see: a subject learns nothing about what is not its own."),
        [ProblemTypes.NotPublic] = (404, "The subject or list is not published: persons are never looked up publicly, and only lists the policy publishes are shown."),
        [ProblemTypes.NoActivePolicy] = (409, "No policy is active for the subject's kind at this instant, so nothing can be scored or decided."),
        [ProblemTypes.InvalidPolicy] = (422, "The policy is refused: `errors` lists every problem with its line and column."),
        [ProblemTypes.NoSimulation] = (409, "The policy version has no stored simulation report; simulate it and have another operator sign the report off before activating it."),
        [ProblemTypes.NoSignOff] = (409, "The policy version's newest simulation report has not been signed off by an operator other than its uploader."),
        [ProblemTypes.StaleReport] = (409, "The report named is not the newest simulation of the version (or the sign-off names an older one): sign off the newest report."),
        [ProblemTypes.ReportMismatch] = (409, "The report named simulates another policy version or text."),
        [ProblemTypes.SamePerson] = (403, "The operator who uploaded a policy version may not sign it off, nor may an operator whose key it issued, that issued one of its keys, or that shares such an issuer with it: a second person must."),
        [ProblemTypes.Unauthorized] = (401, "No API key, a malformed one, or a key that is unknown or revoked. Send `Authorization: Bearer cred_...`. Logged in the access log."),
        [ProblemTypes.Forbidden] = (403, "The key is valid but its role or subject may not do this. Logged in the access log."),
        [ProblemTypes.TypeNotPermitted] = (403, "The source is not registered for this record type."),
        [ProblemTypes.MeasureNotPermitted] = (403, "The relying party is not registered for this measure or capability."),
        [ProblemTypes.UnknownMeasure] = (422, "The measure or capability is not in the active policy."),
        [ProblemTypes.ShareNotFound] = (404, "There is no share code like this one."),
        [ProblemTypes.ShareNotForYou] = (403, "The share code was given to another relying party."),
        [ProblemTypes.ShareRevoked] = (410, "The subject revoked the share code."),
        [ProblemTypes.ShareExpired] = (410, "The share code expired."),
        [ProblemTypes.DisputeRefused] = (422, "The dispute step is refused (already disputed, past the deadline, not yours to answer...): `refusals` gives each reason with its stable code."),
        [ProblemTypes.RepairRefused] = (422, "The repair is refused: `refusals` gives each unmet criterion and when time alone will meet it; `caseId` is the refused application, which can be appealed."),
        [ProblemTypes.AppealRefused] = (422, "The appeal step is refused (already appealed, nothing to appeal, already decided): `refusals` gives each reason."),
        [ProblemTypes.EvidenceNotAccepted] = (415, "The evidence file is not a PDF, JPEG or PNG by its own bytes (its name and declared type do not count), is empty, or is also another format (a polyglot, something appended, a PDF with scripts); nothing was stored."),
        [ProblemTypes.EvidenceTooLarge] = (413, "The evidence file is larger than 5 MiB; nothing was stored."),
        [ProblemTypes.EvidenceTooMany] = (409, "The dispute already holds 3 evidence files (or the request sent more); nothing was stored."),
        [ProblemTypes.LedgerUnavailable] = (503, "The ledger could not take the entry, so nothing was stored; retry later."),
        [ProblemTypes.StoreUnavailable] = (503, "The registry's database does not answer (unreachable, cut off, restarting), so nothing was acknowledged; retry, here or at another registry of the cluster. The registry recovers by itself when the database is back."),
        [ProblemTypes.NotReady] = (503, "The registry is not ready to take requests: its store, its writer or its ledger does not answer (`detail` says which). Send traffic elsewhere and probe again."),
        [TooManyRequests] = (429, "Too many requests from this client: public lookups, or failed authentications, over the configured limit. `Retry-After` says when to come back. A client is its network address, never a key, so others' failures never lock a valid key out."),
        [InternalError] = (500, "An unexpected failure (a bug); nothing was acknowledged."),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every problem code the API can answer with: the registry's codes and the HTTP layer's own.</summary>
    public static IReadOnlyList<string> Codes { get; } =
    [
        .. typeof(ProblemTypes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!),
        TooManyRequests,
        InternalError,
    ];

    /// <summary>The HTTP status of a code; 422 (a refused value) for a code not in the catalogue.</summary>
    public static int StatusOf(string code) => Entries.TryGetValue(code, out var entry) ? entry.Status : 422;

    /// <summary>What a code means, or null when the catalogue does not say (a test requires every code to be described).</summary>
    public static string? MeaningOf(string code) => Entries.TryGetValue(code, out var entry) ? entry.Meaning : null;

    /// <summary>The codes answered with <paramref name="status"/>.</summary>
    public static IEnumerable<string> CodesWith(int status) => Codes.Where(c => StatusOf(c) == status);
}
