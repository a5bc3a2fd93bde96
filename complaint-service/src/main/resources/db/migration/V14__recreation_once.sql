-- One process per complaint on a new engine (ProcessRecovery), also for the complaints the relay handed events to
-- between the engine's loss and the service noticing it, and for a recreation cut short after the engine took it.

-- When the engine was last seen holding its state: an event handed over after that may have started a process on an
-- engine that had already lost it.
ALTER TABLE engine_generation ADD COLUMN confirmed_at timestamptz;

-- Whether the new engine may already hold a process of the complaint (its events were handed over after the engine was
-- last seen holding its state), and the attempts at its recreation: a recreation that finds either first cancels what
-- the engine has of the complaint.
ALTER TABLE process_recreation ADD COLUMN sent_after_loss boolean NOT NULL DEFAULT false;
ALTER TABLE process_recreation ADD COLUMN attempts integer NOT NULL DEFAULT 0;
ALTER TABLE process_recreation ADD COLUMN attempted_at timestamptz;
