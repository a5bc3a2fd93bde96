-- The figures reports count, kept by every append like the complaint list: one row per complaint and one per stage it
-- entered. A read model only, with no personal data: it can be dropped and rebuilt from complaint_event at any time
-- (POST /api/v1/admin/projections/reports/rebuild); the first start after this migration fills it once.
CREATE TABLE report_complaint (
    complaint_id          uuid    PRIMARY KEY,
    organisation          text    NOT NULL,
    procedure             text    NOT NULL,
    kind                  text    NOT NULL,
    status                text    NOT NULL,
    received_on           date    NOT NULL,
    -- The day it was closed or withdrawn.
    ended_on              date,
    ombudsman_referred_on date,
    ombudsman_decision    text,
    ombudsman_decided_on  date,
    -- What it is about and who brought it: names from the organisation's lists; themes a line each.
    service_area          text,
    themes                text    NOT NULL,
    complainant_role      text,
    advocacy              text,
    -- The version of the last event folded in: an older state never overwrites a newer one.
    version               integer NOT NULL
);
CREATE INDEX report_complaint_organisation ON report_complaint (organisation, received_on);

-- Each stage's two promises, where its procedure makes them: the acknowledgement and the response. A due date as it
-- was first promised (_original) and as it stands after agreed extensions; the day the step was done; the due date
-- whose lapse the history records, if any.
CREATE TABLE report_stage (
    complaint_id                   uuid      NOT NULL,
    stage                          text      NOT NULL,
    organisation                   text      NOT NULL,
    procedure                      text      NOT NULL,
    started_on                     date      NOT NULL,
    acknowledgement_due_original   date,
    acknowledgement_due            date,
    acknowledged_on                date,
    acknowledgement_extensions     integer   NOT NULL,
    acknowledgement_lapsed_due     date,
    response_due_original          date,
    response_due                   date,
    responded_on                   date,
    response_extensions            integer   NOT NULL,
    response_lapsed_due            date,
    outcome                        text,
    -- The remedies offered, a code a line.
    remedies                       text      NOT NULL,
    escalated                      boolean   NOT NULL,
    -- What the response paid, in pounds.
    payment                        numeric(12, 2),
    version                        integer   NOT NULL,
    PRIMARY KEY (complaint_id, stage)
);
CREATE INDEX report_stage_organisation ON report_stage (organisation, started_on);

-- The service improvements agreed because of complaints: the learning the annual report lists.
CREATE TABLE report_improvement (
    complaint_id uuid    NOT NULL,
    number       integer NOT NULL,
    organisation text    NOT NULL,
    procedure    text    NOT NULL,
    reference    text    NOT NULL,
    action       text    NOT NULL,
    owner        text    NOT NULL,
    agreed_on    date    NOT NULL,
    due_on       date    NOT NULL,
    completed_on date,
    version      integer NOT NULL,
    PRIMARY KEY (complaint_id, number)
);
CREATE INDEX report_improvement_organisation ON report_improvement (organisation, due_on);
