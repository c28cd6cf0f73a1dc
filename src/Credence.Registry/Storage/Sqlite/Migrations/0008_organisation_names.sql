-- Organisations' registered names, for the public search by name (prefix) or code (prefix). A name is
-- public business-registration data, never a person's; one name per organisation and language.
CREATE TABLE organisation_names (
    code TEXT NOT NULL,
    lang TEXT NOT NULL,
    name TEXT NOT NULL,
    folded TEXT NOT NULL,
    registered_at INTEGER NOT NULL,
    PRIMARY KEY (code, lang)
) STRICT;
CREATE INDEX organisation_names_by_folded ON organisation_names(folded, code);
