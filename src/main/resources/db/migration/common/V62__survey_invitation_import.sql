-- A per-person link can be used by a bulk import (a paper response carrying its token) instead of
-- online: used_at is set as for an online answer, and import_job_id names the import job, so the
-- answering page tells the respondent it was answered already (there is no online receipt).
ALTER TABLE survey_invitation ADD COLUMN import_job_id BIGINT;
