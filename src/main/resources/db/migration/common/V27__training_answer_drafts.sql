-- Training: a trainee's answers saved on the phone as they are given, before the one submission
-- (so a dropped connection or a switched phone loses nothing); removed when the test is submitted.

CREATE TABLE training_answer_draft (
    test_id     BIGINT        NOT NULL REFERENCES training_test (id),
    person_id   BIGINT        NOT NULL,
    question_id BIGINT        NOT NULL REFERENCES training_question (id),
    response    VARCHAR(2000),
    saved_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (test_id, person_id, question_id)
);
