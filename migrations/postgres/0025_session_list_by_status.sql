-- The sense-making sessions by status (open or closed) in date order, for the list's
-- `status` filter: without it the count of the open sessions walked every session of the
-- organisation in sensemaking_sessions_date (bench/lists.sh, 100,000 sessions: 36 ms a page).
CREATE INDEX sensemaking_sessions_status ON sensemaking_sessions (org_id, status, session_date, id);
