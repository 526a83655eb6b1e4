-- 005: report facts (electron/reports/reportFacts.ts, docs/reports.md §Speed). What a report counts about
-- each case, kept ready when the case index is refreshed, so that a report does not re-derive it from
-- the case and its latest full screening on every call. Coded values only: no name, date of birth,
-- place below country or free text. Every row here can be rebuilt from `records`.

-- One row per case of the case index, dropped with it. Multi-valued facts are JSON arrays of codes as
-- recorded; '' = not recorded for single-valued ones.
CREATE TABLE report_facts (
  case_rowid             INTEGER PRIMARY KEY REFERENCES case_index (rowid) ON DELETE CASCADE,
  registered_on          TEXT NOT NULL,   -- YYYY-MM-DD
  stage                  TEXT NOT NULL,
  owner_org              TEXT NOT NULL,
  gender                 TEXT NOT NULL,   -- the gender dimension: '' when not specified
  age                    INTEGER,         -- whole years at registration
  scope                  TEXT NOT NULL,   -- international | internal | ''
  citizenship            TEXT NOT NULL,
  countries              TEXT NOT NULL,   -- the country-of-exploitation dimension (exploitation, else identification country)
  exploitation           TEXT NOT NULL,
  labour                 TEXT NOT NULL,
  sex_types              TEXT NOT NULL,
  means                  TEXT NOT NULL,
  recruiter              TEXT NOT NULL,
  exploitation_countries TEXT NOT NULL,   -- as recorded in the events (CTDC)
  identification_country TEXT NOT NULL,
  exploited_from         TEXT,            -- first exploitation event's date (months in exploitation)
  exploited_to           TEXT,            -- latest end date of a dated exploitation event
  exploited_ongoing      INTEGER NOT NULL DEFAULT 0  -- a dated exploitation event has no end date
) STRICT;
CREATE INDEX report_facts_registered ON report_facts (registered_on);

-- How many cases have each category of each dimension, by month of registration, stage and owning
-- organisation (the filters a report takes): a report over whole months reads these rows, not the cases.
-- dimension 'cases' / category '' counts the cases; category '' = nothing recorded; 'age' is in years
-- (bands are chosen per report).
CREATE TABLE report_counts (
  month     TEXT NOT NULL,
  stage     TEXT NOT NULL,
  owner_org TEXT NOT NULL,
  dimension TEXT NOT NULL,
  category  TEXT NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (month, stage, owner_org, dimension, category)
) STRICT, WITHOUT ROWID;

-- Written with the facts by electron/reports/factsStore.ts (one statement per case). A fact row dropped
-- with its case (the cascade from case_index) takes its counts with it here.
CREATE TRIGGER report_facts_uncounted AFTER DELETE ON report_facts BEGIN
  UPDATE report_counts SET n = n - 1
   WHERE month = substr(OLD.registered_on, 1, 7) AND stage = OLD.stage AND owner_org = OLD.owner_org
     AND (dimension, category) IN (
       SELECT 'cases', ''
       UNION ALL SELECT 'gender', OLD.gender
       UNION ALL SELECT 'age', coalesce(CAST(OLD.age AS TEXT), '')
       UNION ALL SELECT 'scope', OLD.scope
       UNION ALL SELECT 'yearOfRegistration', substr(OLD.registered_on, 1, 4)
       UNION ALL SELECT 'citizenship', value FROM json_each(OLD.citizenship)
       UNION ALL SELECT 'citizenship', '' WHERE json_array_length(OLD.citizenship) = 0
       UNION ALL SELECT 'countryOfExploitation', value FROM json_each(OLD.countries)
       UNION ALL SELECT 'countryOfExploitation', '' WHERE json_array_length(OLD.countries) = 0
       UNION ALL SELECT 'exploitationType', value FROM json_each(OLD.exploitation)
       UNION ALL SELECT 'exploitationType', '' WHERE json_array_length(OLD.exploitation) = 0
       UNION ALL SELECT 'labourSector', value FROM json_each(OLD.labour)
       UNION ALL SELECT 'labourSector', '' WHERE json_array_length(OLD.labour) = 0
       UNION ALL SELECT 'meansOfControl', value FROM json_each(OLD.means)
       UNION ALL SELECT 'meansOfControl', '' WHERE json_array_length(OLD.means) = 0
       UNION ALL SELECT 'recruiterRelation', value FROM json_each(OLD.recruiter)
       UNION ALL SELECT 'recruiterRelation', '' WHERE json_array_length(OLD.recruiter) = 0
     );
  DELETE FROM report_counts
   WHERE month = substr(OLD.registered_on, 1, 7) AND stage = OLD.stage AND owner_org = OLD.owner_org AND n = 0;
END;

-- Cross-tabs: cases per month × stage × organisation × the stored values of two dimensions (`pair` =
-- 'rows column|columns column'; lists as stored, age in years, '' = nothing recorded), for the pairs a
-- report has asked for (report_pairs), kept in step with the facts from then on. Dropped whenever a
-- facts row is (a deleted case, a rebuild) and counted again at the next report that asks.
CREATE TABLE report_pairs (
  pair TEXT PRIMARY KEY
) STRICT;
CREATE TABLE report_pair_counts (
  pair      TEXT NOT NULL,
  month     TEXT NOT NULL,
  stage     TEXT NOT NULL,
  owner_org TEXT NOT NULL,
  r         TEXT NOT NULL,
  c         TEXT NOT NULL,
  n         INTEGER NOT NULL,
  PRIMARY KEY (pair, month, stage, owner_org, r, c)
) STRICT, WITHOUT ROWID;
CREATE TRIGGER report_facts_unpaired AFTER DELETE ON report_facts WHEN EXISTS (SELECT 1 FROM report_pairs) BEGIN
  DELETE FROM report_pairs;
  DELETE FROM report_pair_counts;
END;

-- 0 until every case of the index has its facts (a workspace upgraded from migration 4 gets them on
-- its first report).
CREATE TABLE report_facts_state (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  complete INTEGER NOT NULL
) STRICT;
INSERT INTO report_facts_state (id, complete) VALUES (1, 0);
