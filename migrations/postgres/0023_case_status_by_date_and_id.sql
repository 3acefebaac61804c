-- A case's status on a date is its newest history entry by (effective_date, id)
-- (modules/cases, kStatusOnDate). Without the id in the index PostgreSQL read the case's
-- entries from the table and sorted them, for every case of a receipts summary: about
-- 380 ms of the summary's 1.2 s at 100,000 cases (bench/receipts.sh; SQLite's index
-- carries the row id). With it, the newest entry is the first the index gives.
DROP INDEX case_status_history_case;
CREATE INDEX case_status_history_case ON case_status_history (org_id, case_id, effective_date, id) INCLUDE (status);
