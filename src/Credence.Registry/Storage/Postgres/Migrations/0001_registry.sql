-- Credence registry schema for PostgreSQL, version 1: everything but the ledger (the SQLite schema
-- up to its version 7, in PostgreSQL's own types).
-- Instants are bigint UTC ticks (100 ns since 0001-01-01), as in the SQLite store: comparisons,
-- range scans and the ledger's digests see the exact value, with no time zone or precision rule of
-- the server in between (timestamptz keeps microseconds only). Enumerations are integer codes of
-- the Core enums; lists of words are text[]; a record's quantity is its exact decimal text.
-- Subjects are text COLLATE "C": keyset paging and list order compare bytes, as SQLite does, whatever
-- locale the database was created with.

CREATE TABLE principals (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name          text    NOT NULL UNIQUE,
    role          text    NOT NULL,
    subject       text COLLATE "C",
    purpose       text,
    record_types  text[]  NOT NULL,
    capabilities  text[]  NOT NULL,
    created_at    bigint  NOT NULL
);

CREATE TABLE api_keys (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    principal_id  bigint  NOT NULL REFERENCES principals(id),
    key_hash      bytea   NOT NULL UNIQUE,     -- SHA-256 of the key; the key itself is never stored
    created_at    bigint  NOT NULL,
    revoked_at    bigint
);

CREATE TABLE policies (
    tag           text    PRIMARY KEY,         -- id@version
    policy_id     text    NOT NULL,
    version       text    NOT NULL,
    subjects      integer NOT NULL,
    yaml          text    NOT NULL,
    uploaded_at   bigint  NOT NULL,
    uploaded_by   text    NOT NULL
);

CREATE TABLE policy_activations (
    id             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    tag            text    NOT NULL REFERENCES policies(tag),
    subjects       integer NOT NULL,
    effective_from bigint  NOT NULL,
    activated_at   bigint  NOT NULL,
    activated_by   text    NOT NULL
);

CREATE TABLE records (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    source           text    NOT NULL,
    source_record_id text    NOT NULL,
    version          integer NOT NULL,
    action           integer NOT NULL,
    subject          text COLLATE "C" NOT NULL,
    type             text    NOT NULL,
    area             integer NOT NULL,
    occurred_at      bigint  NOT NULL,
    reported_at      bigint  NOT NULL,
    legal_basis      text,
    quantity         text,                     -- decimal, invariant culture, digit for digit
    note             text,
    UNIQUE (source, source_record_id, version)
);
CREATE INDEX records_by_subject ON records(subject);

CREATE TABLE subject_state (
    subject       text COLLATE "C" PRIMARY KEY,
    kind          integer NOT NULL,
    policy_tag    text    NOT NULL,
    status        integer NOT NULL,
    score         integer,
    grade         text,
    lists         text[]  NOT NULL,
    evaluated_at  bigint  NOT NULL,
    review_at     bigint  NOT NULL
);
CREATE INDEX subject_state_by_review ON subject_state(review_at);
CREATE INDEX subject_state_by_kind ON subject_state(kind, subject);

CREATE TABLE listings (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject       text COLLATE "C" NOT NULL,
    list          text    NOT NULL,
    policy_tag    text    NOT NULL,
    published     boolean NOT NULL,
    since         bigint,
    until         bigint,
    ended_at      bigint
);
CREATE INDEX listings_by_subject ON listings(subject);
CREATE INDEX listings_open_by_list ON listings(list, since, subject) WHERE ended_at IS NULL;

CREATE TABLE materialised_policies (
    kind          integer PRIMARY KEY,
    policy_tag    text    NOT NULL
);

CREATE TABLE decisions (
    id            uuid    PRIMARY KEY,         -- GUID v7: time-ordered, so inserts append
    subject       text COLLATE "C" NOT NULL,
    principal_id  bigint  NOT NULL,
    relying_party text    NOT NULL,
    purpose       text,
    measure       text    NOT NULL,
    capability    text    NOT NULL,
    allowed       boolean NOT NULL,
    reasons       text    NOT NULL,            -- JSON, kept as the text the registry wrote
    measures      text[]  NOT NULL,
    policy_tag    text    NOT NULL,
    decided_at    bigint  NOT NULL
);
CREATE INDEX decisions_by_subject ON decisions(subject, decided_at);

CREATE TABLE access_log (
    id            bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at            bigint  NOT NULL,
    principal_id  bigint,
    principal     text    NOT NULL,
    role          text,
    action        text    NOT NULL,
    subject       text COLLATE "C",
    purpose       text,
    outcome       integer NOT NULL,
    detail        text
);
CREATE INDEX access_log_by_subject ON access_log(subject, at) WHERE subject IS NOT NULL;
CREATE INDEX access_log_by_subject_action ON access_log(subject, action, at) WHERE subject IS NOT NULL AND outcome = 1;

-- Due process: current-state tables for queries; every step is also an immutable case_steps row.
CREATE TABLE disputes (
    id                text    PRIMARY KEY,     -- GUID v7
    subject           text COLLATE "C" NOT NULL,
    source            text    NOT NULL,        -- the record's source: the one that must answer
    source_record_id  text    NOT NULL,
    reason            text    NOT NULL,
    evidence          text,
    opened_at         bigint  NOT NULL,
    due_at            bigint  NOT NULL,        -- the first instant at which an answer is too late
    state             integer NOT NULL,        -- Core DisputeState
    answer            integer,                 -- Core DisputeAnswerKind
    answer_reason     text,
    answer_version    integer,
    closed_at         bigint,
    policy_tag        text    NOT NULL,
    escalation_reason text,
    escalated_at      bigint,
    reviewer          text,
    finding           integer,                 -- Core DisputeFinding
    finding_reason    text,
    decided_at        bigint
);
CREATE INDEX disputes_by_subject ON disputes(subject);
CREATE INDEX disputes_by_source ON disputes(source, state, due_at);
CREATE INDEX disputes_escalated ON disputes(escalated_at) WHERE state = 6;

CREATE TABLE repairs (
    id               text    PRIMARY KEY,      -- GUID v7
    subject          text COLLATE "C" NOT NULL,
    source           text    NOT NULL,
    source_record_id text    NOT NULL,
    applied_at       bigint  NOT NULL,
    policy_tag       text    NOT NULL,
    type             text,
    opens_at         bigint,
    needs_one_of     text[]  NOT NULL,
    fulfilled_by     text,                     -- record key source/id
    unmet            text    NOT NULL,         -- JSON array of Core refusals
    effective_at     bigint                    -- set when granted (at once or on appeal)
);
CREATE INDEX repairs_by_subject ON repairs(subject);
CREATE INDEX repairs_granted ON repairs(subject) WHERE effective_at IS NOT NULL;

CREATE TABLE appeals (
    id               text    PRIMARY KEY,      -- GUID v7
    repair_id        text    NOT NULL UNIQUE REFERENCES repairs(id),   -- one appeal per refusal
    subject          text COLLATE "C" NOT NULL,
    grounds          text    NOT NULL,
    filed_at         bigint  NOT NULL,
    state            integer NOT NULL,         -- Core AppealState
    reviewer         text,
    reason           text,
    decided_at       bigint
);
CREATE INDEX appeals_by_subject ON appeals(subject);
CREATE INDEX appeals_pending ON appeals(filed_at) WHERE state = 1;

CREATE TABLE case_steps (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at               bigint  NOT NULL,
    case_id          text    NOT NULL,
    case_kind        text    NOT NULL,         -- dispute | repair | appeal
    step             text    NOT NULL,
    actor_id         bigint,
    actor            text    NOT NULL,
    subject          text COLLATE "C" NOT NULL,
    record           text    NOT NULL,
    detail           text    NOT NULL         -- JSON object, kept as written
);
CREATE INDEX case_steps_by_subject ON case_steps(subject, id);
CREATE INDEX case_steps_by_case ON case_steps(case_id, id);

CREATE TABLE notices (
    id               bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject          text COLLATE "C" NOT NULL,
    at               bigint  NOT NULL,
    kind             integer NOT NULL,         -- Core NoticeKind
    policy_tag       text    NOT NULL,
    title            text    NOT NULL,
    reasons          text    NOT NULL,         -- JSON array of {code, text}
    next_steps       text    NOT NULL,         -- JSON array of {action, text, from?, until?}
    about_kind       text,
    about_id         text
);
CREATE INDEX notices_by_subject_at ON notices(subject, at, id);

CREATE TABLE decision_marks (
    decision_id      uuid    PRIMARY KEY REFERENCES decisions(id),
    subject          text COLLATE "C" NOT NULL,
    marked_at        bigint  NOT NULL,
    cause            text    NOT NULL,
    relying_party    text    NOT NULL,
    corrected        boolean NOT NULL,         -- true when the decision, re-taken, is allowed
    wrong_records    text[]  NOT NULL
);
CREATE INDEX decision_marks_by_subject ON decision_marks(subject);
CREATE INDEX decision_marks_by_relying_party ON decision_marks(relying_party, marked_at);

CREATE TABLE scheduler_checkpoint (
    id               integer PRIMARY KEY CHECK (id = 1),
    after            bigint  NOT NULL
);

-- Consent: each change, append-only; the consent in force at an instant is the latest change at or
-- before it (ties: the later row); no row means no consent.
CREATE TABLE consents (
    id        bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject   text COLLATE "C" NOT NULL,
    given     boolean NOT NULL,
    at        bigint  NOT NULL,
    by        text    NOT NULL
);
CREATE INDEX consents_by_subject ON consents(subject, at, id);

-- Share codes; the code itself is never stored, only its SHA-256.
CREATE TABLE shares (
    id             bigint  GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subject        text COLLATE "C" NOT NULL,
    code_hash      bytea   NOT NULL UNIQUE,
    relying_party  text,
    purpose        text,
    created_at     bigint  NOT NULL,
    expires_at     bigint  NOT NULL,
    revoked_at     bigint,
    uses           bigint  NOT NULL DEFAULT 0,
    last_used_at   bigint
);
CREATE INDEX shares_by_subject ON shares(subject, id);
