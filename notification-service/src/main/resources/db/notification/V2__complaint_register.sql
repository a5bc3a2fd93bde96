-- Whose each complaint is, from its received event: the API answers only to the complaint's organisation and never
-- to the staff it is about, and no assignment email about it goes to them.
CREATE TABLE complaint_register (
    complaint_id    text   PRIMARY KEY,
    organisation    text   NOT NULL,
    staff_concerned text[] NOT NULL
);
