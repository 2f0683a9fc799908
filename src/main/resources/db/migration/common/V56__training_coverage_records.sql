-- Training: make-up enrolments (补训) for a programme's coverage, hours on trainings recorded by
-- hand, and the yearly-hours requirement per post (the most specific region's setting applies).

-- An enrolment made to cover someone a programme missed; make_up_for_programme_id is that programme.
ALTER TABLE training_enrolment ADD COLUMN make_up BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE training_enrolment ADD COLUMN make_up_for_programme_id BIGINT REFERENCES training_programme (id);
CREATE INDEX ix_training_enrolment_make_up ON training_enrolment (make_up_for_programme_id, person_id);

ALTER TABLE training_external_record ADD COLUMN hours NUMERIC(6, 1) NOT NULL DEFAULT 0;

CREATE TABLE training_hours_requirement (
    region_code  BIGINT        NOT NULL,
    post         VARCHAR(40)   NOT NULL,
    yearly_hours NUMERIC(6, 1) NOT NULL,
    updated_by   VARCHAR(64)   NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (region_code, post)
);
