-- A programme's cases in the order its summary and export list them (by reference): with
-- (org_id, programme_id) alone SQLite walked every case of the organisation in reference
-- order to spare a sort (10 ms against 0.3 ms for 200 cases among 100,000).
DROP INDEX cases_programme;
CREATE INDEX cases_programme ON cases(org_id, programme_id, reference);
