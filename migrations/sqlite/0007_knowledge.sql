-- Kennisbank (SPEC §4.4): items with their versions (every version kept), tags, and the
-- search index over the text readers see (the published version, or the draft of an item
-- never published). The index uses the tokenizer `dutch` every connection registers
-- (docs/decisions/0006).
CREATE TABLE knowledge_items (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  category TEXT NOT NULL CHECK (category IN ('methodiek', 'document', 'procedure', 'richtlijn')),
  status TEXT NOT NULL CHECK (status IN ('concept', 'ter_review', 'gepubliceerd', 'gearchiveerd')),
  owner_id INTEGER NOT NULL,
  published_version INTEGER,
  draft_version INTEGER,
  review_by TEXT,
  created_by INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, created_by) REFERENCES users(org_id, id)
);
CREATE INDEX knowledge_items_list ON knowledge_items(org_id, status, category);
CREATE INDEX knowledge_items_owner ON knowledge_items(org_id, owner_id, review_by);

CREATE TABLE knowledge_versions (
  org_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('concept', 'ter_review', 'gepubliceerd', 'vervangen')),
  category TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  tags TEXT NOT NULL,
  author_id INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  submitted_at BIGINT,
  reviewed_by INTEGER,
  reviewed_at BIGINT,
  review_remark TEXT,
  PRIMARY KEY (item_id, version),
  FOREIGN KEY (org_id, item_id) REFERENCES knowledge_items(org_id, id),
  FOREIGN KEY (org_id, author_id) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, reviewed_by) REFERENCES users(org_id, id)
);

-- The tags of the text readers see, for browsing and facets.
CREATE TABLE knowledge_tags (
  org_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (item_id, tag),
  FOREIGN KEY (org_id, item_id) REFERENCES knowledge_items(org_id, id)
);
CREATE INDEX knowledge_tags_tag ON knowledge_tags(org_id, tag);

CREATE VIRTUAL TABLE knowledge_fts USING fts5(title, body, tokenize = 'dutch', prefix = '3');
