-- Relying parties read the decisions of theirs that were found affected, oldest mark first.
CREATE INDEX decision_marks_by_relying_party ON decision_marks(relying_party, marked_at);
