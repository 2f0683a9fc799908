-- Reports waiting for review, one row each until the review is recorded: a coordinator's desk reads
-- its mechanisms' waiting reports here instead of searching every report ever filed for one without
-- a review (600,000 reports at the benchmark's scale).
CREATE TABLE measure_review_queue (
    report_id     BIGINT  NOT NULL PRIMARY KEY REFERENCES measure_report (id),
    mechanism_id  BIGINT  NOT NULL REFERENCES measure_mechanism (id),
    submitted_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_measure_review_queue_mechanism ON measure_review_queue (mechanism_id, submitted_at);

INSERT INTO measure_review_queue (report_id, mechanism_id, submitted_at)
SELECT r.id, m.mechanism_id, r.submitted_at FROM measure_report r JOIN measure m ON m.id = r.measure_id
WHERE NOT EXISTS (SELECT 1 FROM measure_report_review v WHERE v.report_id = r.id);

-- Coordination requests are few among the reports: found through this index, not a scan.
CREATE INDEX ix_measure_report_coordination ON measure_report (needs_coordination, measure_id);
