-- An upsert (INSERT ... ON CONFLICT DO UPDATE) fires its statement's INSERT and UPDATE triggers both, whichever it did
-- to its rows, and the one with no rows still ran the sums' statement, on nothing: two of the four sums' statements
-- of each append that writes a complaint's report rows (pg_stat_statements over intake at full speed, deploy/benchmark:
-- 0.4 ms each). As in V22, but a statement that changed no rows adds nothing and returns at once.
CREATE OR REPLACE FUNCTION report_tally_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        IF NOT EXISTS (SELECT FROM new_rows) THEN
            RETURN NULL;
        END IF;
        PERFORM report_tally_apply((SELECT jsonb_agg(jsonb_build_object('organisation', organisation,
            'procedure', procedure, 'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', 1))
            FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        IF NOT EXISTS (SELECT FROM new_rows) THEN
            RETURN NULL;
        END IF;
        PERFORM report_tally_apply((SELECT jsonb_agg(changed) FROM (
            SELECT jsonb_build_object('organisation', organisation, 'procedure', procedure,
                'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', 1) AS changed FROM new_rows
            UNION ALL
            SELECT jsonb_build_object('organisation', organisation, 'procedure', procedure,
                'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', -1) FROM old_rows)
            AS both_sides));
    ELSE
        IF NOT EXISTS (SELECT FROM old_rows) THEN
            RETURN NULL;
        END IF;
        PERFORM report_tally_apply((SELECT jsonb_agg(jsonb_build_object('organisation', organisation,
            'procedure', procedure, 'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', -1))
            FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;
