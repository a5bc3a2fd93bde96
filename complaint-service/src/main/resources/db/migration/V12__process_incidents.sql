-- The engine's incidents the incident watch found (Incidents): the admins' list, and which were retried by whom.
CREATE TABLE process_incident (
    incident_key         bigint      PRIMARY KEY,
    complaint_id         uuid,
    process_instance_key bigint      NOT NULL,
    job_key              bigint,
    element_id           text        NOT NULL,
    error_type           text        NOT NULL,
    error_message        text        NOT NULL,
    raised_at            timestamptz NOT NULL,
    found_at             timestamptz NOT NULL,
    resolved_at          timestamptz,
    retried_by           text
);
CREATE INDEX process_incident_open ON process_incident (found_at) WHERE resolved_at IS NULL;
CREATE INDEX process_incident_by_complaint ON process_incident (complaint_id);
