-- Kennisbank part 2 (SPEC §4.4): verification as an event of its own, ratings per person
-- per version, views per item and month, attachments, best practices arriving as drafts
-- (their source), and whether coaches of the organisation write items.
ALTER TABLE organisations ADD COLUMN knowledge_coach_authors INTEGER NOT NULL DEFAULT 0;

-- Where a draft came from: {"story":{"id","title"},"session":{"id","title"} or null},
-- as it was when the best practice was promoted.
ALTER TABLE knowledge_items ADD COLUMN source TEXT;
-- When the item was archived, for the report's figures on a reference date.
ALTER TABLE knowledge_items ADD COLUMN archived_at BIGINT;
ALTER TABLE best_practices ADD COLUMN knowledge_item_id INTEGER;

-- AUTOINCREMENT: an id is never given again, so the audit log's entries stay about one record.
CREATE TABLE knowledge_verifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  verified_by INTEGER NOT NULL,
  verified_at BIGINT NOT NULL,
  remark TEXT,
  review_by_before TEXT,
  review_by_after TEXT NOT NULL,
  FOREIGN KEY (org_id, item_id) REFERENCES knowledge_items(org_id, id),
  FOREIGN KEY (org_id, verified_by) REFERENCES users(org_id, id)
);
CREATE INDEX knowledge_verifications_item ON knowledge_verifications(org_id, item_id, verified_at);
CREATE INDEX knowledge_verifications_at ON knowledge_verifications(org_id, verified_at);

CREATE TABLE knowledge_ratings (
  org_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  version INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  juistheid INTEGER NOT NULL CHECK (juistheid BETWEEN 1 AND 5),
  volledigheid INTEGER NOT NULL CHECK (volledigheid BETWEEN 1 AND 5),
  remark TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (item_id, version, user_id),
  FOREIGN KEY (org_id, item_id) REFERENCES knowledge_items(org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);

-- One row per item and month (YYYY-MM); a view adds one. No user is stored.
CREATE TABLE knowledge_views (
  org_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  month TEXT NOT NULL,
  views BIGINT NOT NULL,
  PRIMARY KEY (item_id, month),
  FOREIGN KEY (org_id, item_id) REFERENCES knowledge_items(org_id, id)
);
CREATE INDEX knowledge_views_month ON knowledge_views(org_id, month);

-- Files are kept in the database, so a backup of the database holds them too; they are
-- never written to disk under a name a user chose.
CREATE TABLE knowledge_attachments (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  org_id INTEGER NOT NULL,
  item_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes BIGINT NOT NULL,
  sha256 TEXT NOT NULL,
  data BLOB NOT NULL,
  uploaded_by INTEGER NOT NULL,
  uploaded_at BIGINT NOT NULL,
  FOREIGN KEY (org_id, item_id) REFERENCES knowledge_items(org_id, id),
  FOREIGN KEY (org_id, uploaded_by) REFERENCES users(org_id, id)
);
CREATE INDEX knowledge_attachments_item ON knowledge_attachments(org_id, item_id);
