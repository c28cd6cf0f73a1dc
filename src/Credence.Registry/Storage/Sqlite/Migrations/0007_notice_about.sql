-- A notice names what it is about (a decision, listing, dispute, repair, appeal or record), and the
-- inbox is read in the order of the notices' instants (newest first, then by id).
ALTER TABLE notices ADD COLUMN about_kind TEXT;
ALTER TABLE notices ADD COLUMN about_id TEXT;
CREATE INDEX notices_by_subject_at ON notices(subject, at, id);
