-- The process repair (ProcessRepair): the instance each open task's job came from, and when the engine was last asked
-- whether it still has the job.
ALTER TABLE task ADD COLUMN process_instance_key bigint;
ALTER TABLE task ADD COLUMN job_checked_at timestamptz;
CREATE INDEX task_open_job_check ON task (COALESCE(job_checked_at, job_offered_at)) WHERE state = 'OPEN';

-- Every complaint whose process the service started again because the engine did not hold it where its events say.
CREATE TABLE process_repair (
    id                 bigserial   PRIMARY KEY,
    complaint_id       uuid        NOT NULL,
    found              text        NOT NULL,
    cancelled_instance bigint,
    new_instance       bigint,
    repaired_at        timestamptz NOT NULL
);
CREATE INDEX process_repair_by_complaint ON process_repair (complaint_id, repaired_at);
