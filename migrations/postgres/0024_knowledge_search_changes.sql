-- The kennisbank is searched on PostgreSQL in each server's own SQLite copy of the
-- search index, FTS5 as on the embedded store (docs/decisions/0011): this table says
-- which items changed, so that every copy catches up before a search
-- (src/modules/knowledge/search_replica.cpp). A copy reads the changes numbered after the
-- last it applied and those whose transaction its previous snapshot did not yet see
-- (`xid`, by pg_visible_in_snapshot): a number taken by a transaction that commits after
-- a higher one is not lost. `stamp` tells a copy whether the change it applied last is
-- still this database's (not after a restore to an earlier point, nor in another database).
CREATE TABLE knowledge_search_changes (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id BIGINT NOT NULL,
  item_id BIGINT NOT NULL,
  xid xid8 NOT NULL DEFAULT pg_current_xact_id(),
  stamp BIGINT NOT NULL DEFAULT floor(random() * 9007199254740991)::BIGINT
);
CREATE INDEX knowledge_search_changes_xid ON knowledge_search_changes (xid);
INSERT INTO knowledge_search_changes (org_id, item_id) SELECT org_id, id FROM knowledge_items ORDER BY org_id, id;

-- The tsvector and its GIN index are searched no more.
DROP INDEX knowledge_items_search;
ALTER TABLE knowledge_items DROP COLUMN search;
