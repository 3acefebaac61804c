-- Kennisbank search at scale (docs/modules/kennisbank.md, "Zoeken op schaal"): the search
-- index's rows are keyed by organisation, status and category and item
-- (src/modules/knowledge/search_key.hpp), so that a search walks only the key ranges it
-- may return, without a join; prefix indexes for words typed up to eight letters long.
-- The index is rebuilt from the text readers see: the published version, else the draft.
DROP TABLE knowledge_fts;
CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, body, tokenize = 'dutch', prefix = '3 4 5 6 7 8');
INSERT INTO knowledge_fts (rowid, title, body)
-- (SQLite's << and | bind equally tight, hence the brackets.)
SELECT (i.org_id << 44)
         | (((CASE i.status WHEN 'gepubliceerd' THEN 0 WHEN 'concept' THEN 1 WHEN 'ter_review' THEN 2 ELSE 3 END) * 4
             + (CASE i.category WHEN 'methodiek' THEN 0 WHEN 'document' THEN 1 WHEN 'procedure' THEN 2 ELSE 3 END)) << 40)
         | i.id,
       v.title, v.body
FROM knowledge_items i
JOIN knowledge_versions v ON v.item_id = i.id AND v.version = COALESCE(i.published_version, i.draft_version)
ORDER BY 1;  -- in key order: FTS5 writes its pending terms out whenever a key is below the last
-- One segment per index instead of the dozens a bulk insert leaves: a search seeks each
-- segment once per query.
INSERT INTO knowledge_fts (knowledge_fts) VALUES ('optimize');
