-- Kennisbank search on PostgreSQL through a plain inverted index instead of the items'
-- tsvector (docs/modules/kennisbank.md, "Zoeken op schaal"; src/modules/knowledge/
-- term_index.hpp). A common word took half a second to a second at 100,000 items: the
-- planner scanned the table and decompressed every item's 6.7 KB tsvector, twice. Here a
-- phrase is one range of the primary key, read by an index-only scan, and ranked by the
-- same formula as SQLite's wk_rank, so both stores order alike.
--
-- One row per item and term: the term's hits in the title and in the body, `after` the
-- term sorted just before it at the same places ('' for none; a prefix counts a place once),
-- `cell` the item's status · 4 + category (as SQLite's search key). COLLATE "C" orders terms
-- bytewise, so a prefix is a range.
CREATE TABLE knowledge_terms (
  org_id BIGINT NOT NULL,
  term TEXT COLLATE "C" NOT NULL,
  cell SMALLINT NOT NULL CHECK (cell BETWEEN 0 AND 15),
  item_id BIGINT NOT NULL,
  after TEXT COLLATE "C" NOT NULL,
  title_hits INTEGER NOT NULL,
  body_hits INTEGER NOT NULL,
  PRIMARY KEY (org_id, term, cell, item_id, after) INCLUDE (title_hits, body_hits),
  FOREIGN KEY (org_id, item_id) REFERENCES knowledge_items (org_id, id)
);
-- An item's rows, to replace them when it is saved and to move them when its status or
-- category changes.
CREATE INDEX knowledge_terms_item ON knowledge_terms (org_id, item_id);

DROP INDEX knowledge_items_search;
ALTER TABLE knowledge_items DROP COLUMN search;

-- The server fills the table at its next start (repo::reindex_if_tokenizer_changed): the
-- terms come from the application's Dutch tokenizer, which SQL cannot run.
DELETE FROM search_index_version WHERE name = 'knowledge';
