-- Personal data in the immutable event log, made erasable: each complainant's key, sealed with the master key that
-- only the services hold. Destroying the key (wrapped_key NULL) erases every personal field sealed with it.
CREATE TABLE personal_data_key (
    complainant_id uuid        PRIMARY KEY,
    -- The organisation whose complaints the complainant made: another cannot name them.
    organisation   text        NOT NULL,
    wrapped_key    text,
    created_at     timestamptz NOT NULL,
    erased_at      timestamptz,
    erased_by      text,
    erasure_reason text
);

-- Whose key seals each event's personal fields; null for events from before complainants had ids.
ALTER TABLE complaint_event ADD COLUMN complainant_id uuid;
CREATE INDEX complaint_event_complainant ON complaint_event (complainant_id) WHERE complainant_id IS NOT NULL;

-- The retention rule finds complainants whose complaints all closed long ago.
ALTER TABLE complaint_summary ADD COLUMN complainant_id uuid;
CREATE INDEX complaint_summary_complainant ON complaint_summary (complainant_id);

-- Every read of a complaint's personal data: who, when, what.
CREATE TABLE personal_data_read (
    id             bigserial   PRIMARY KEY,
    read_at        timestamptz NOT NULL,
    reader         text        NOT NULL,
    organisation   text        NOT NULL,
    complaint_id   uuid        NOT NULL,
    complainant_id uuid,
    purpose        text        NOT NULL
);
CREATE INDEX personal_data_read_complainant ON personal_data_read (organisation, complainant_id, read_at);
CREATE INDEX personal_data_read_complaint ON personal_data_read (organisation, complaint_id, read_at);
CREATE INDEX personal_data_read_reader ON personal_data_read (organisation, reader, read_at);
