-- Credence registry schema for PostgreSQL, version 7: the summary's counts kept by the store (as SQLite's
-- version 12). The tallies are changed by statement-level triggers (one change per statement, from its
-- transition tables, so a COPY-fed INSERT ... SELECT of many rows costs one update of each tally it moves)
-- in the same transaction as the rows they count, whatever writes them, so a read of them is exactly the
-- count of the rows it sees. Nothing else writes them; a row whose count fell to 0 is kept (readers skip it).
CREATE TABLE summary_tallies (
    name  text    PRIMARY KEY,                 -- subjects, records, decisions, appeals, marks, notices, dispute.<state>, repairs.granted, repairs.refused
    n     bigint  NOT NULL
);

-- Subjects by the policy, status and grade of their stored state ('' for no grade).
CREATE TABLE grade_tallies (
    policy_tag  text    NOT NULL,
    status      integer NOT NULL,
    grade       text    NOT NULL,
    n           bigint  NOT NULL,
    PRIMARY KEY (policy_tag, status, grade)
);

-- Open listings (ended_at IS NULL) by policy and list; a reader takes off those whose term has passed.
CREATE TABLE list_tallies (
    policy_tag  text    NOT NULL,
    list        text    NOT NULL,
    n           bigint  NOT NULL,
    PRIMARY KEY (policy_tag, list)
);

-- The open listings whose term has passed, at any instant: an index range, not a scan of the listings.
CREATE INDEX listings_open_by_until ON listings(until, policy_tag, list) WHERE ended_at IS NULL AND until IS NOT NULL;

INSERT INTO summary_tallies (name, n) SELECT 'subjects', COUNT(*) FROM subject_state;
INSERT INTO summary_tallies (name, n) SELECT 'records', COUNT(*) FROM records;
INSERT INTO summary_tallies (name, n) SELECT 'decisions', COUNT(*) FROM decisions;
INSERT INTO summary_tallies (name, n) SELECT 'appeals', COUNT(*) FROM appeals;
INSERT INTO summary_tallies (name, n) SELECT 'marks', COUNT(*) FROM decision_marks;
INSERT INTO summary_tallies (name, n) SELECT 'notices', COUNT(*) FROM notices;
INSERT INTO summary_tallies (name, n) SELECT 'dispute.' || state, COUNT(*) FROM disputes GROUP BY state;
INSERT INTO summary_tallies (name, n) SELECT 'repairs.granted', COUNT(*) FROM repairs WHERE effective_at IS NOT NULL;
INSERT INTO summary_tallies (name, n) SELECT 'repairs.refused', COUNT(*) FROM repairs WHERE effective_at IS NULL;
INSERT INTO grade_tallies (policy_tag, status, grade, n) SELECT policy_tag, status, COALESCE(grade, ''), COUNT(*) FROM subject_state GROUP BY 1, 2, 3;
INSERT INTO list_tallies (policy_tag, list, n) SELECT policy_tag, list, COUNT(*) FROM listings WHERE ended_at IS NULL GROUP BY 1, 2;

-- Adds a change to a named tally (creating it at the change when it is new).
CREATE FUNCTION credence_tally_add(tally text, change bigint) RETURNS void LANGUAGE sql AS $$
    INSERT INTO summary_tallies (name, n) SELECT tally, change WHERE change <> 0
        ON CONFLICT (name) DO UPDATE SET n = summary_tallies.n + excluded.n;
$$;

-- Plain counts: the tally named by the trigger's argument moves by the statement's rows.
CREATE FUNCTION credence_tally_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM credence_tally_add(TG_ARGV[0], (SELECT COUNT(*) FROM new_rows));
    ELSE
        PERFORM credence_tally_add(TG_ARGV[0], -(SELECT COUNT(*) FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tally_records_insert AFTER INSERT ON records REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('records');
CREATE TRIGGER tally_records_delete AFTER DELETE ON records REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('records');
CREATE TRIGGER tally_decisions_insert AFTER INSERT ON decisions REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('decisions');
CREATE TRIGGER tally_decisions_delete AFTER DELETE ON decisions REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('decisions');
CREATE TRIGGER tally_appeals_insert AFTER INSERT ON appeals REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('appeals');
CREATE TRIGGER tally_appeals_delete AFTER DELETE ON appeals REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('appeals');
CREATE TRIGGER tally_marks_insert AFTER INSERT ON decision_marks REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('marks');
CREATE TRIGGER tally_marks_delete AFTER DELETE ON decision_marks REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('marks');
CREATE TRIGGER tally_notices_insert AFTER INSERT ON notices REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('notices');
CREATE TRIGGER tally_notices_delete AFTER DELETE ON notices REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_rows('notices');

-- Subjects, and subjects by policy, status and grade: +1 for each new row, -1 for each old one.
CREATE FUNCTION credence_tally_states() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM credence_tally_add('subjects', (SELECT COUNT(*) FROM new_rows));
        INSERT INTO grade_tallies (policy_tag, status, grade, n)
            SELECT policy_tag, status, COALESCE(grade, ''), COUNT(*) FROM new_rows GROUP BY 1, 2, 3
            ON CONFLICT (policy_tag, status, grade) DO UPDATE SET n = grade_tallies.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM credence_tally_add('subjects', -(SELECT COUNT(*) FROM old_rows));
        INSERT INTO grade_tallies (policy_tag, status, grade, n)
            SELECT policy_tag, status, COALESCE(grade, ''), -COUNT(*) FROM old_rows GROUP BY 1, 2, 3
            ON CONFLICT (policy_tag, status, grade) DO UPDATE SET n = grade_tallies.n + excluded.n;
    ELSE
        INSERT INTO grade_tallies (policy_tag, status, grade, n)
            SELECT policy_tag, status, grade, SUM(d) FROM (
                SELECT policy_tag, status, COALESCE(grade, '') AS grade, 1 AS d FROM new_rows
                UNION ALL SELECT policy_tag, status, COALESCE(grade, ''), -1 FROM old_rows) AS changes
            GROUP BY 1, 2, 3 HAVING SUM(d) <> 0
            ON CONFLICT (policy_tag, status, grade) DO UPDATE SET n = grade_tallies.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tally_states_insert AFTER INSERT ON subject_state REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_states();
CREATE TRIGGER tally_states_update AFTER UPDATE ON subject_state REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_states();
CREATE TRIGGER tally_states_delete AFTER DELETE ON subject_state REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_states();

-- Open listings by policy and list.
CREATE FUNCTION credence_tally_listings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO list_tallies (policy_tag, list, n)
            SELECT policy_tag, list, COUNT(*) FROM new_rows WHERE ended_at IS NULL GROUP BY 1, 2
            ON CONFLICT (policy_tag, list) DO UPDATE SET n = list_tallies.n + excluded.n;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO list_tallies (policy_tag, list, n)
            SELECT policy_tag, list, -COUNT(*) FROM old_rows WHERE ended_at IS NULL GROUP BY 1, 2
            ON CONFLICT (policy_tag, list) DO UPDATE SET n = list_tallies.n + excluded.n;
    ELSE
        INSERT INTO list_tallies (policy_tag, list, n)
            SELECT policy_tag, list, SUM(d) FROM (
                SELECT policy_tag, list, 1 AS d FROM new_rows WHERE ended_at IS NULL
                UNION ALL SELECT policy_tag, list, -1 FROM old_rows WHERE ended_at IS NULL) AS changes
            GROUP BY 1, 2 HAVING SUM(d) <> 0
            ON CONFLICT (policy_tag, list) DO UPDATE SET n = list_tallies.n + excluded.n;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tally_listings_insert AFTER INSERT ON listings REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_listings();
CREATE TRIGGER tally_listings_update AFTER UPDATE ON listings REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_listings();
CREATE TRIGGER tally_listings_delete AFTER DELETE ON listings REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_listings();

-- Disputes by state, and repair applications granted (in effect) or not: named tallies.
CREATE FUNCTION credence_tally_named(names_new text[], names_old text[]) RETURNS void LANGUAGE sql AS $$
    INSERT INTO summary_tallies (name, n)
        SELECT name, SUM(d) FROM (
            SELECT unnest(names_new) AS name, 1 AS d
            UNION ALL SELECT unnest(names_old), -1) AS changes
        GROUP BY 1 HAVING SUM(d) <> 0
        ON CONFLICT (name) DO UPDATE SET n = summary_tallies.n + excluded.n;
$$;

CREATE FUNCTION credence_tally_disputes() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM credence_tally_named(ARRAY(SELECT 'dispute.' || state FROM new_rows), '{}');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM credence_tally_named('{}', ARRAY(SELECT 'dispute.' || state FROM old_rows));
    ELSE
        PERFORM credence_tally_named(ARRAY(SELECT 'dispute.' || state FROM new_rows), ARRAY(SELECT 'dispute.' || state FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tally_disputes_insert AFTER INSERT ON disputes REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_disputes();
CREATE TRIGGER tally_disputes_update AFTER UPDATE ON disputes REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_disputes();
CREATE TRIGGER tally_disputes_delete AFTER DELETE ON disputes REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_disputes();

CREATE FUNCTION credence_tally_repairs() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM credence_tally_named(ARRAY(SELECT CASE WHEN effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END FROM new_rows), '{}');
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM credence_tally_named('{}', ARRAY(SELECT CASE WHEN effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END FROM old_rows));
    ELSE
        PERFORM credence_tally_named(
            ARRAY(SELECT CASE WHEN effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END FROM new_rows),
            ARRAY(SELECT CASE WHEN effective_at IS NULL THEN 'repairs.refused' ELSE 'repairs.granted' END FROM old_rows));
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER tally_repairs_insert AFTER INSERT ON repairs REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_repairs();
CREATE TRIGGER tally_repairs_update AFTER UPDATE ON repairs REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_repairs();
CREATE TRIGGER tally_repairs_delete AFTER DELETE ON repairs REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_tally_repairs();

-- Each organisation's first name (the least of its folded names), for the search by a code prefix (as
-- SQLite's version 12): a short prefix matches every organisation, whose page is the first ones by this
-- key, walked in its index instead of grouping and sorting every match. Kept by triggers as names are put.
CREATE TABLE organisation_keys (
    code   text COLLATE "C" NOT NULL PRIMARY KEY,
    first  text COLLATE "C" NOT NULL
);
CREATE INDEX organisation_keys_by_first ON organisation_keys(first, code);
INSERT INTO organisation_keys (code, first) SELECT code, MIN(folded) FROM organisation_names GROUP BY code;

CREATE FUNCTION credence_organisation_keys() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    touched text[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        touched := ARRAY(SELECT DISTINCT code FROM new_rows);
    ELSIF TG_OP = 'DELETE' THEN
        touched := ARRAY(SELECT DISTINCT code FROM old_rows);
    ELSE
        touched := ARRAY(SELECT code FROM new_rows UNION SELECT code FROM old_rows);
    END IF;
    DELETE FROM organisation_keys k WHERE k.code = ANY (touched) AND NOT EXISTS (SELECT 1 FROM organisation_names n WHERE n.code = k.code);
    INSERT INTO organisation_keys (code, first)
        SELECT code, MIN(folded) FROM organisation_names WHERE code = ANY (touched) GROUP BY code
        ON CONFLICT (code) DO UPDATE SET first = excluded.first;
    RETURN NULL;
END $$;

CREATE TRIGGER organisation_keys_insert AFTER INSERT ON organisation_names REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_organisation_keys();
CREATE TRIGGER organisation_keys_update AFTER UPDATE ON organisation_names REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_organisation_keys();
CREATE TRIGGER organisation_keys_delete AFTER DELETE ON organisation_names REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION credence_organisation_keys();
