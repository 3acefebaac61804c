-- The sense-making sessions by status (open or closed) in date order, for the list's
-- `status` filter: without it SQLite read every session of the organisation, row by row,
-- to find and count the open ones (bench/lists.sh, 100,000 sessions: 162 ms a page).
CREATE INDEX sensemaking_sessions_status ON sensemaking_sessions (org_id, status, session_date, id);
