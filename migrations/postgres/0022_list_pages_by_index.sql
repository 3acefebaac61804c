-- A list page's ids come from an index before its rows are read (src/core/paging.hpp): on
-- PostgreSQL an OFFSET computed every skipped row's columns (bench/lists.sh, a million
-- rows, offset 9,000: cases 21 ms, sense-making sessions 80 ms, SQLite 2-3 ms). These
-- indexes hold the order, the id and the columns the lists filter on, so the ids of any
-- page are read by an index-only scan.
DROP INDEX sensemaking_sessions_date;
CREATE INDEX sensemaking_sessions_date ON sensemaking_sessions (org_id, session_date, id) INCLUDE (status);
DROP INDEX knowledge_items_updated;
CREATE INDEX knowledge_items_updated ON knowledge_items (org_id, updated_at, id)
  INCLUDE (status, category, owner_id, draft_version);
CREATE INDEX cases_list ON cases (org_id, reference) INCLUDE (id, team_id, programme_id, status);
