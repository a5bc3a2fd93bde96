-- The reports' sums, kept as rows change: each report row carries what it adds to the counts of the days it names
-- (its tallies, worked out by uk.redress.complaint.report.Tallies), and report_tally holds their sums by day and by
-- calendar month. A year's report then adds up a few hundred sums instead of reading every complaint of the year.
-- Like the tables it sums, it is a read model: emptied and filled again by the reports' rebuild.
ALTER TABLE report_complaint ADD COLUMN tallies jsonb NOT NULL DEFAULT '[]';
ALTER TABLE report_stage ADD COLUMN tallies jsonb NOT NULL DEFAULT '[]';

CREATE TABLE report_tally (
    organisation text          NOT NULL,
    procedure    text          NOT NULL,
    -- Empty for what counts for the complaint as a whole (received, withdrawn, referred).
    stage        text          NOT NULL,
    -- D: the sum of one day; M: of a calendar month, kept under its first day.
    span         char(1)       NOT NULL,
    day          date          NOT NULL,
    measure      text          NOT NULL,
    count        bigint        NOT NULL,
    amount       numeric(14, 2) NOT NULL,
    -- Changes take their rows' locks in this order, whoever makes them: two appends, or an append and a rebuild,
    -- never wait on each other in a circle.
    PRIMARY KEY (organisation, procedure, stage, span, day, measure)
);
CREATE INDEX report_tally_period ON report_tally (organisation, span, day);

-- Adds each changed row's tallies (sign 1) and takes away what it had before (sign -1), summed first so that a change
-- that moves nothing writes nothing; in key order.
CREATE FUNCTION report_tally_apply(changed jsonb) RETURNS void LANGUAGE sql AS $$
    INSERT INTO report_tally AS sums (organisation, procedure, stage, span, day, measure, count, amount)
    SELECT changed_row.organisation, changed_row.procedure, tally.stage, span.span,
           CASE span.span WHEN 'D' THEN tally.day ELSE date_trunc('month', tally.day)::date END,
           tally.measure, sum(changed_row.sign * tally.count), sum(changed_row.sign * tally.amount)
    FROM jsonb_to_recordset(changed) AS changed_row(organisation text, procedure text, tallies jsonb, sign integer)
    CROSS JOIN LATERAL jsonb_to_recordset(changed_row.tallies)
        AS tally(stage text, day date, measure text, count bigint, amount numeric)
    CROSS JOIN (VALUES ('D'), ('M')) AS span(span)
    GROUP BY 1, 2, 3, 4, 5, 6
    HAVING sum(changed_row.sign * tally.count) <> 0 OR sum(changed_row.sign * tally.amount) <> 0
    ORDER BY 1, 2, 3, 4, 5, 6
    ON CONFLICT (organisation, procedure, stage, span, day, measure) DO UPDATE
        SET count = sums.count + EXCLUDED.count, amount = sums.amount + EXCLUDED.amount
$$;

-- One function for the three kinds of change; a statement's rows are summed together (a rebuild writes thousands in
-- one statement). TRUNCATE, which fires none, empties report_tally with the tables it sums.
CREATE FUNCTION report_tally_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM report_tally_apply((SELECT jsonb_agg(jsonb_build_object('organisation', organisation,
            'procedure', procedure, 'tallies', tallies, 'sign', 1)) FROM new_rows));
    ELSIF TG_OP = 'UPDATE' THEN
        PERFORM report_tally_apply((SELECT jsonb_agg(changed) FROM (
            SELECT jsonb_build_object('organisation', organisation, 'procedure', procedure, 'tallies', tallies,
                'sign', 1) AS changed FROM new_rows
            UNION ALL
            SELECT jsonb_build_object('organisation', organisation, 'procedure', procedure, 'tallies', tallies,
                'sign', -1) FROM old_rows) AS both_sides));
    ELSE
        PERFORM report_tally_apply((SELECT jsonb_agg(jsonb_build_object('organisation', organisation,
            'procedure', procedure, 'tallies', tallies, 'sign', -1)) FROM old_rows));
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_complaint_inserted AFTER INSERT ON report_complaint
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tally_changed();
CREATE TRIGGER report_complaint_updated AFTER UPDATE ON report_complaint
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tally_changed();
CREATE TRIGGER report_complaint_deleted AFTER DELETE ON report_complaint
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tally_changed();
CREATE TRIGGER report_stage_inserted AFTER INSERT ON report_stage
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tally_changed();
CREATE TRIGGER report_stage_updated AFTER UPDATE ON report_stage
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tally_changed();
CREATE TRIGGER report_stage_deleted AFTER DELETE ON report_stage
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_tally_changed();

-- What a report reads from the rows themselves, as of the day it runs to: complaints still open at that day (ended
-- after it, or not yet), acknowledgements not sent, and lapses whose step was not done before that day.
CREATE INDEX report_complaint_open ON report_complaint (organisation, (COALESCE(ended_on, 'infinity'::date)))
    WHERE kind = 'COMPLAINT';
CREATE INDEX report_stage_not_acknowledged ON report_stage (organisation, started_on)
    WHERE acknowledged_on IS NULL AND acknowledgement_due IS NOT NULL;
CREATE INDEX report_stage_acknowledgement_lapsed ON report_stage
    (organisation, (COALESCE(acknowledged_on, 'infinity'::date))) WHERE acknowledgement_lapsed_due IS NOT NULL;
CREATE INDEX report_stage_response_lapsed ON report_stage
    (organisation, (COALESCE(responded_on, 'infinity'::date))) WHERE response_lapsed_due IS NOT NULL;

-- The rows written before this have no tallies: the next start folds every complaint again.
TRUNCATE report_complaint, report_stage, report_improvement;
DELETE FROM projection_checkpoint WHERE projection = 'reports';
