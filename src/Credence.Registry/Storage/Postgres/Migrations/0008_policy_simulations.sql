-- Credence registry schema for PostgreSQL, version 8: policy simulations and sign-offs (as SQLite's version 13).
CREATE TABLE simulation_reports (
    id              text    PRIMARY KEY,
    policy_tag      text    NOT NULL,
    policy_digest   text    NOT NULL,
    against_tag     text,
    as_of           bigint  NOT NULL,          -- UTC ticks
    created_at      bigint  NOT NULL,
    created_by      text    NOT NULL,
    digest          text    NOT NULL UNIQUE,
    report          text    NOT NULL,
    sample_subjects text    NOT NULL
);
CREATE INDEX simulation_reports_by_policy ON simulation_reports (policy_tag, created_at);

CREATE TABLE policy_sign_offs (
    id            bigserial PRIMARY KEY,
    policy_tag    text    NOT NULL,
    report_digest text    NOT NULL,
    signed_by     text    NOT NULL,
    signed_at     bigint  NOT NULL
);
CREATE INDEX policy_sign_offs_by_policy ON policy_sign_offs (policy_tag, id);
