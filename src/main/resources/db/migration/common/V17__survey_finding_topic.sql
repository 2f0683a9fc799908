-- Surveys: a finding is first recorded, then (perhaps) marked as a seminar topic. Findings recorded
-- before this migration were marked when they were made.
ALTER TABLE survey_finding ADD COLUMN topic BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE survey_finding ADD COLUMN marked_by VARCHAR(100);
ALTER TABLE survey_finding ADD COLUMN marked_at TIMESTAMP WITH TIME ZONE;
UPDATE survey_finding SET marked_by = created_by, marked_at = created_at;
