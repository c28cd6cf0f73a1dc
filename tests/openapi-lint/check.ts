// Uses the generated client types the way a caller would: named operations, typed bodies,
// string enums, optional fields left out, and the problem catalogue. `tsc --strict` must accept it.
import type { components, operations } from "./generated/credence";

type Schemas = components["schemas"];

// A relying party asks for a decision and reads the answer.
type DecideBody = NonNullable<operations["decide"]["requestBody"]>["content"]["application/json"];
type Decision = operations["decide"]["responses"][201]["content"]["application/json"];
const ask: DecideBody = { subject: "440524188001010014", measure: "rail.g-train.ticket" };

// A subject disputes a record: the evidence is optional.
type DisputeBody = NonNullable<operations["openDispute"]["requestBody"]>["content"]["application/json"];
const dispute: DisputeBody = { source: "intermediate-court", sourceRecordId: "M-1", reason: "not me" };

// Enums are the strings on the wire.
const kind: Schemas["NoticeKind"] = "adverse-decision";
const state: Schemas["DisputeState"] = "resolved-for-subject";

// Numbers are numbers.
const noticeId: Schemas["StoredNotice"]["id"] = 42;

// Every refusal is a Problem whose type is one of the catalogue's.
type Problem = Schemas["Problem"];
const limited: Problem["type"] = "urn:credence:problem:too-many-requests";
type LookupRefused = operations["lookUpOrganisation"]["responses"][429]["content"]["application/problem+json"];
type KeyRefused = operations["readOwnFile"]["responses"][401]["content"]["application/problem+json"];

export function describe(decision: Decision, refused: LookupRefused | KeyRefused): string {
  return `${decision.measure}: ${refused.type} ${refused.status} ${kind} ${state} ${noticeId} ${limited} ${ask.subject} ${dispute.reason}`;
}
