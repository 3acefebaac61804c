-- The report's year list starts at the organisation's first data: the earliest case
-- start and the earliest knowledge item are read from the first entry of an index
-- instead of a scan of every case or item.
CREATE INDEX cases_start ON cases(org_id, start_date);
CREATE INDEX knowledge_items_created ON knowledge_items(org_id, created_at);
