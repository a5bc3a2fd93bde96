-- A task whose deadline stands while the complainant is asked for information shows since when.
ALTER TABLE task ADD COLUMN paused_since date;
