-- The audit log is read newest first by the time of the change, not by id: demo data
-- and imports write entries dated in the past after newer ones. One index per way the
-- administrator narrows it (all, by person, by kind of record), each ending in (at, id)
-- so that a page is a range of the index whatever the log's size.
CREATE INDEX audit_log_time ON audit_log(org_id, at, id);
CREATE INDEX audit_log_actor_time ON audit_log(org_id, actor_user_id, at, id);
CREATE INDEX audit_log_entity_time ON audit_log(org_id, entity, at, id);
