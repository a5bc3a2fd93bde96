-- Each procedure's policy as the service last read it from its file: a procedure whose file is taken away is still
-- known, for the letters of the complaints open under it.
CREATE TABLE notification.procedure_policy (
    procedure text        PRIMARY KEY,
    policy    text        NOT NULL,
    read_at   timestamptz NOT NULL
);
