-- Training: its own copy of each survey finding marked as a seminar topic (surveys.FindingMarkedAsTopic).

CREATE TABLE training_topic_candidate (
    finding_id       BIGINT       PRIMARY KEY,
    questionnaire_id BIGINT       NOT NULL,
    title            VARCHAR(500) NOT NULL,
    region_code      BIGINT       NOT NULL,
    received_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_training_topic_region ON training_topic_candidate (region_code);
