-- Surveys: a link's use as a row of its own. A per-person link (or an open-link session) is used
-- once, online or by a bulk import (a paper response carrying its token). Both paths claim the link
-- by inserting its row here; the primary key keeps a link from being used twice, also between an
-- online answer and an import running at the same moment (the second insert waits for the first
-- transaction and then fails). Keeping the use apart from survey_invitation means an import of
-- 339,000 paper responses writes 339,000 narrow rows instead of rewriting every link row with its
-- encrypted token (on H2 that rewrite took 35-44 s of a 52 s import).
-- receipt: the code an online respondent is shown (a repeat submission is answered with it);
-- import_job_id: the import job that used the link (no online receipt then).
CREATE TABLE survey_invitation_use (
    invitation_id BIGINT      NOT NULL REFERENCES survey_invitation (id),
    used_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    receipt       VARCHAR(16),
    import_job_id BIGINT,
    CONSTRAINT pk_survey_invitation_use PRIMARY KEY (invitation_id)
);

INSERT INTO survey_invitation_use (invitation_id, used_at, receipt, import_job_id)
SELECT id, used_at, receipt, import_job_id FROM survey_invitation WHERE used_at IS NOT NULL;

ALTER TABLE survey_invitation DROP COLUMN used_at;
ALTER TABLE survey_invitation DROP COLUMN receipt;
ALTER TABLE survey_invitation DROP COLUMN import_job_id;
