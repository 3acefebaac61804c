-- Which tokenizer made each search index (docs/decisions/0009): the Dutch tokenizer now
-- indexes the parts of compound words, found in Debian's word list. At start-up the
-- server compares the version it runs (rules and word list) with the one recorded here
-- and, when they differ (or none is recorded, as after this migration), rebuilds the
-- index once: FTS5's 'rebuild' on SQLite, every item's tsvector on PostgreSQL.
CREATE TABLE search_index_version (
  name TEXT PRIMARY KEY,
  version TEXT NOT NULL
);
