-- The tasklist: one row per user task a complaint has waited for. A task opens when the complaint's events say a step
-- is due (the same step the process's user task stands for) and closes when they say it was done, in the append's
-- transaction; the engine's job for it is recorded when the job arrives. Read model only.
CREATE TABLE task (
    id              uuid        PRIMARY KEY,
    complaint_id    uuid        NOT NULL,
    reference       text        NOT NULL,
    procedure       text        NOT NULL,
    summary         text        NOT NULL,
    -- Absent for a comment or compliment, which has no stage.
    stage           text,
    step            text        NOT NULL,
    -- The BPMN user task, for example Stage1AcknowledgeTask.
    element_id      text        NOT NULL,
    name            text        NOT NULL,
    -- What completes it: the complaint action (acknowledgement, stage-decision, steps, response, closure).
    action          text        NOT NULL,
    candidate_group text        NOT NULL,
    assignee        text,
    clock           text,
    due_date        date,
    lapses_at       timestamptz,
    state           text        NOT NULL CHECK (state IN ('OPEN', 'DONE')),
    -- The engine's job for the user task, once the engine has offered it.
    job_key         bigint,
    -- When the engine last offered that job: again after the job's timeout, with the same key.
    job_offered_at  timestamptz,
    opened_at       timestamptz NOT NULL,
    done_at         timestamptz,
    -- The complaint's version last applied: an older state never overwrites a newer one.
    version         integer     NOT NULL
);

CREATE INDEX task_open_by_due ON task (COALESCE(lapses_at, 'infinity'), id) WHERE state = 'OPEN';
CREATE INDEX task_open_by_group ON task (candidate_group, COALESCE(lapses_at, 'infinity'), id) WHERE state = 'OPEN';
CREATE INDEX task_open_by_assignee ON task (assignee, COALESCE(lapses_at, 'infinity'), id) WHERE state = 'OPEN';
CREATE INDEX task_by_complaint ON task (complaint_id) WHERE state = 'OPEN';
