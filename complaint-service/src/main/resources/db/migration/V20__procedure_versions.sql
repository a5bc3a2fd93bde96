-- Every version of every procedure the service has run, recorded as its policy file changes: a complaint keeps the
-- version it was received under. The engine's process of each version, once deployed, so that a complaint's process
-- can be started again on its own version.
CREATE TABLE procedure_version (
    procedure          text        NOT NULL,
    version            integer     NOT NULL,
    fingerprint        text        NOT NULL,
    policy             text        NOT NULL,
    recorded_at        timestamptz NOT NULL DEFAULT now(),
    engine_process_key bigint,
    PRIMARY KEY (procedure, version)
);
