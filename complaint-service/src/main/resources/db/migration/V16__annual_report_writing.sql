-- What a council writes into its annual complaints report, per organisation and reporting year (the year it starts
-- in): its self-assessment against the Ombudsman's Code, and its own statements. Written by managers, not by a
-- complaint: kept as a document with a version, so that of two people editing at once the second is told, not lost.
CREATE TABLE code_self_assessment (
    organisation text        NOT NULL,
    year         integer     NOT NULL,
    sections     jsonb       NOT NULL,
    version      integer     NOT NULL,
    updated_by   text        NOT NULL,
    updated_at   timestamptz NOT NULL,
    PRIMARY KEY (organisation, year)
);

CREATE TABLE annual_statements (
    organisation            text        NOT NULL,
    year                    integer     NOT NULL,
    commentary              text        NOT NULL,
    non_compliance          text        NOT NULL,
    ombudsman_letter        text        NOT NULL,
    governing_body_response text        NOT NULL,
    version                 integer     NOT NULL,
    updated_by              text        NOT NULL,
    updated_at              timestamptz NOT NULL,
    PRIMARY KEY (organisation, year)
);
