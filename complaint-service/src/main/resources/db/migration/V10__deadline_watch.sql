-- The deadline watch: for each open complaint, the earliest instant at which a running deadline whose lapse the
-- history does not record yet lapses (Complaint#unlapsedDeadlines). The watch reads the complaints where that instant
-- is past, and records their lapses itself when the engine has not.
ALTER TABLE complaint_summary ADD COLUMN next_unrecorded_lapse_at timestamptz;
CREATE INDEX complaint_summary_unrecorded_lapse ON complaint_summary (next_unrecorded_lapse_at, id)
    WHERE next_unrecorded_lapse_at IS NOT NULL;

-- The new column is filled by folding every complaint again: forgetting the last rebuild makes the next start
-- rebuild the list (ComplaintSummaryRebuild#fillOnFirstStart).
DELETE FROM projection_checkpoint WHERE projection = 'complaint-summary';
