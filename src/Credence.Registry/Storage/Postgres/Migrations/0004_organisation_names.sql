-- Credence registry schema for PostgreSQL, version 4: organisations' registered names, for the public
-- search by name (prefix of the folded name) or code (prefix). A name is public business-registration
-- data, never a person's; one name per organisation and language. Text is COLLATE "C" so prefix
-- ranges and order compare code points, as SQLite does.
CREATE TABLE organisation_names (
    code           text COLLATE "C" NOT NULL,
    lang           text COLLATE "C" NOT NULL,
    name           text NOT NULL,
    folded         text COLLATE "C" NOT NULL,
    registered_at  bigint NOT NULL,              -- UTC ticks
    PRIMARY KEY (code, lang)
);
CREATE INDEX organisation_names_by_folded ON organisation_names (folded, code);
