-- The release whose processes the engine holds as their latest versions, the ones new complaints start on: an
-- instance of an older release that restarts during a rolling update leaves them in place (ProcessDeployment).
CREATE TABLE process_release (
    id                  integer PRIMARY KEY CHECK (id = 1),
    release             text        NOT NULL,
    -- Deployed by the instance that noticed the engine had lost its state, whichever release it ran: a newer
    -- release still running puts its own processes back.
    restored_after_loss boolean     NOT NULL,
    -- The newest release rolled back from: no instance of a release up to it deploys again unless rolled back to.
    withdrawn_up_to     text,
    deployed_at         timestamptz NOT NULL
);
