-- Vertelpunt (SPEC §4.3): stories with their self-signification, the answers to extra
-- prompts, and rate-limit events of the public form. Signifier values are lists of
-- values, which now also carry an English label.
ALTER TABLE value_lists ADD COLUMN label_en TEXT NOT NULL DEFAULT '';

CREATE TABLE stories (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  text TEXT NOT NULL,
  story_date TEXT NOT NULL,
  teller_kind TEXT NOT NULL CHECK (teller_kind IN ('medewerker', 'inwoner', 'ketenpartner')),
  team_id INTEGER,
  topic_id INTEGER,
  valuation_id INTEGER,
  signed_by INTEGER,
  status TEXT NOT NULL CHECK (status IN ('published', 'pending', 'rejected')),
  source TEXT NOT NULL CHECK (source IN ('staff', 'public')),
  moderation_decision TEXT,
  moderation_reason TEXT,
  moderated_at BIGINT,
  moderated_by INTEGER,
  created_at BIGINT NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id),
  FOREIGN KEY (org_id, topic_id) REFERENCES value_lists(org_id, id),
  FOREIGN KEY (org_id, valuation_id) REFERENCES value_lists(org_id, id),
  FOREIGN KEY (org_id, signed_by) REFERENCES users(org_id, id)
);
CREATE INDEX stories_period ON stories(org_id, status, story_date);

CREATE TABLE story_archetypes (
  org_id INTEGER NOT NULL,
  story_id INTEGER NOT NULL,
  archetype_id INTEGER NOT NULL,
  PRIMARY KEY (story_id, archetype_id),
  FOREIGN KEY (org_id, story_id) REFERENCES stories(org_id, id),
  FOREIGN KEY (org_id, archetype_id) REFERENCES value_lists(org_id, id)
);

CREATE TABLE story_answers (
  org_id INTEGER NOT NULL,
  story_id INTEGER NOT NULL,
  prompt_id INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (story_id, prompt_id),
  FOREIGN KEY (org_id, story_id) REFERENCES stories(org_id, id),
  FOREIGN KEY (org_id, prompt_id) REFERENCES value_lists(org_id, id)
);

-- Events counted for rate limits of anonymous endpoints (installation-wide: the
-- organisation is the endpoint's, the subject an address). Pruned as they age.
CREATE TABLE rate_events (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX rate_events_lookup ON rate_events(scope, subject, at);
