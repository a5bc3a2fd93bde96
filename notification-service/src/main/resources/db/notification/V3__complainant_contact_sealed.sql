-- The complainant's name, email and summary are kept sealed, as the received event carries them: opened with this
-- complainant's key (public.personal_data_key, the complaint service's) for each letter, so that destroying the key
-- erases them here too. NULL for a complaint from before complainant ids, whose contact is in the clear.
ALTER TABLE complainant_contact ADD COLUMN complainant_id uuid;
