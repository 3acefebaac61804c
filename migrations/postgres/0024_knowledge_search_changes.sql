-- The kennisbank is searched on PostgreSQL in each server's own SQLite copy of the
-- search index, FTS5 as on the embedded store (docs/decisions/0011): this table says
-- which items changed, in the order their changes were numbered, so that every copy
-- catches up by reading what came after the last change it applied
-- (src/modules/knowledge/search_replica.cpp). `stamp` tells a copy kept across restarts
-- whether it still belongs to this database: after a restore to an earlier point the
-- change it applied last is gone or another.
CREATE TABLE knowledge_search_changes (
  seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  org_id BIGINT NOT NULL,
  item_id BIGINT NOT NULL,
  stamp BIGINT NOT NULL DEFAULT floor(random() * 9007199254740991)::BIGINT
);
INSERT INTO knowledge_search_changes (org_id, item_id) SELECT org_id, id FROM knowledge_items ORDER BY org_id, id;

-- The tsvector and its GIN index are searched no more.
DROP INDEX knowledge_items_search;
ALTER TABLE knowledge_items DROP COLUMN search;
