-- Every complaint belongs to one organisation, and may name the staff it is about (user ids, a JSON array): the lists
-- show a caller only its own organisation's complaints and tasks, and none that name the caller.
-- Rows from before organisations existed belong to none, and no caller reaches them.
ALTER TABLE complaint_summary
    ADD COLUMN organisation    text  NOT NULL DEFAULT '',
    ADD COLUMN staff_concerned jsonb NOT NULL DEFAULT '[]';
ALTER TABLE task
    ADD COLUMN organisation    text  NOT NULL DEFAULT '',
    ADD COLUMN staff_concerned jsonb NOT NULL DEFAULT '[]';

-- Every list is of one organisation: lead the list indexes with it.
DROP INDEX complaint_summary_received;
DROP INDEX complaint_summary_status;
DROP INDEX complaint_summary_procedure_stage;
DROP INDEX complaint_summary_stage;
CREATE INDEX complaint_summary_received ON complaint_summary (organisation, received_on, id);
CREATE INDEX complaint_summary_status ON complaint_summary (organisation, status, received_on, id);
CREATE INDEX complaint_summary_procedure_stage ON complaint_summary (organisation, procedure, stage, received_on, id);
CREATE INDEX complaint_summary_stage ON complaint_summary (organisation, stage, received_on, id);

DROP INDEX task_open_by_due;
DROP INDEX task_open_by_group;
DROP INDEX task_open_by_assignee;
CREATE INDEX task_open_by_due ON task (organisation, COALESCE(lapses_at, 'infinity'), id) WHERE state = 'OPEN';
CREATE INDEX task_open_by_group ON task (organisation, candidate_group, COALESCE(lapses_at, 'infinity'), id)
    WHERE state = 'OPEN';
CREATE INDEX task_open_by_assignee ON task (organisation, assignee, COALESCE(lapses_at, 'infinity'), id)
    WHERE state = 'OPEN';
