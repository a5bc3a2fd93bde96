-- Every complaint received on a day adds to the same sums (received that day, that month), and the sum's row stayed
-- locked from the append's upsert of its report rows until its transaction committed: concurrent intakes waited on
-- each other in turn (deploy/benchmark: at full speed an append took 80 ms, 10 ms at half that rate, its backends
-- waiting on the row). Each sum is now kept in eight parts, a complaint's in the part its id falls in, so that two
-- appends wait on each other only when their complaints fall in the same part; a report adds the parts up (it sums
-- rows already). Rows written before this stay in part 0.
ALTER TABLE report_tally ADD COLUMN part smallint NOT NULL DEFAULT 0;
ALTER TABLE report_tally DROP CONSTRAINT report_tally_pkey;
ALTER TABLE report_tally ADD PRIMARY KEY (organisation, procedure, stage, span, day, measure, part);

-- As in V17, with the part: still in key order, so that two appends, or an append and a rebuild, never wait on each
-- other in a circle.
CREATE OR REPLACE FUNCTION report_tally_apply(changed jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_tally AS sums (organisation, procedure, stage, span, day, measure, part, count, amount)
    SELECT changed_row.organisation, changed_row.procedure, tally.stage, span.span,
           CASE span.span WHEN 'D' THEN tally.day ELSE date_trunc('month', tally.day)::date END,
           tally.measure, changed_row.part, sum(changed_row.sign * tally.count),
           sum(changed_row.sign * tally.amount)
    FROM jsonb_to_recordset(changed)
        AS changed_row(organisation text, procedure text, part smallint, tallies jsonb, sign integer)
    CROSS JOIN LATERAL jsonb_to_recordset(changed_row.tallies)
        AS tally(stage text, day date, measure text, count bigint, amount numeric)
    CROSS JOIN (VALUES ('D'), ('M')) AS span(span)
    GROUP BY 1, 2, 3, 4, 5, 6, 7
    HAVING sum(changed_row.sign * tally.count) <> 0 OR sum(changed_row.sign * tally.amount) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6, 7
    ON CONFLICT (organisation, procedure, stage, span, day, measure, part) DO UPDATE
        SET count = sums.count + EXCLUDED.count, amount = sums.amount + EXCLUDED.amount
$$;

-- A complaint's part: the last byte of its id (random in the ids the service makes) modulo eight.
CREATE FUNCTION report_tally_part(complaint_id uuid) RETURNS smallint LANGUAGE sql IMMUTABLE AS $$
    SELECT (get_byte(uuid_send(complaint_id), 15) % 8)::smallint
$$;

CREATE OR REPLACE FUNCTION report_tally_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM report_tally_apply((SELECT jsonb_agg(jsonb_build_object('organisation', organisation,
            'procedure', procedure, 'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', 1))
            FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM report_tally_apply((SELECT jsonb_agg(changed) FROM (
            SELECT jsonb_build_object('organisation', organisation, 'procedure', procedure,
                'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', 1) AS changed FROM new_rows
            UNION ALL
            SELECT jsonb_build_object('organisation', organisation, 'procedure', procedure,
                'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', -1) FROM old_rows)
            AS both_sides));
    ELSE
        PERFORM report_tally_apply((SELECT jsonb_agg(jsonb_build_object('organisation', organisation,
            'procedure', procedure, 'part', report_tally_part(complaint_id), 'tallies', tallies, 'sign', -1))
            FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;
