-- Vertelpunt, part 2 (SPEC §4.3): sense-making sessions with the stories they looked
-- at, their themes and actions; stories promoted to best practice; and how often the
-- module is opened, per organisation and month.
CREATE TABLE sensemaking_sessions (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  title TEXT NOT NULL,
  session_date TEXT NOT NULL,
  facilitator_id INTEGER NOT NULL,
  other_participants TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  selection TEXT NOT NULL CHECK (selection IN ('filter', 'hand_picked')),
  story_filter TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  conclusion TEXT,
  closed_at BIGINT,
  closed_by INTEGER,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, facilitator_id) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, closed_by) REFERENCES users(org_id, id)
);
CREATE INDEX sensemaking_sessions_date ON sensemaking_sessions(org_id, session_date);

CREATE TABLE sensemaking_participants (
  org_id INTEGER NOT NULL,
  session_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  PRIMARY KEY (session_id, user_id),
  FOREIGN KEY (org_id, session_id) REFERENCES sensemaking_sessions(org_id, id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);

-- Hand-picked stories, or the stories a saved filter matched when the session closed.
CREATE TABLE sensemaking_stories (
  org_id INTEGER NOT NULL,
  session_id INTEGER NOT NULL,
  story_id INTEGER NOT NULL,
  PRIMARY KEY (session_id, story_id),
  FOREIGN KEY (org_id, session_id) REFERENCES sensemaking_sessions(org_id, id),
  FOREIGN KEY (org_id, story_id) REFERENCES stories(org_id, id)
);
CREATE INDEX sensemaking_stories_story ON sensemaking_stories(org_id, story_id);

CREATE TABLE sensemaking_themes (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  session_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at BIGINT NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, session_id) REFERENCES sensemaking_sessions(org_id, id)
);
CREATE INDEX sensemaking_themes_session ON sensemaking_themes(org_id, session_id);

CREATE TABLE sensemaking_theme_stories (
  org_id INTEGER NOT NULL,
  theme_id INTEGER NOT NULL,
  story_id INTEGER NOT NULL,
  PRIMARY KEY (theme_id, story_id),
  FOREIGN KEY (org_id, theme_id) REFERENCES sensemaking_themes(org_id, id),
  FOREIGN KEY (org_id, story_id) REFERENCES stories(org_id, id)
);

CREATE TABLE sensemaking_actions (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  session_id INTEGER NOT NULL,
  theme_id INTEGER,
  description TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'done', 'dropped')),
  outcome_kind TEXT CHECK (outcome_kind IN ('method', 'procedure', 'training', 'other')),
  outcome TEXT NOT NULL DEFAULT '',
  closed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, session_id) REFERENCES sensemaking_sessions(org_id, id),
  FOREIGN KEY (org_id, theme_id) REFERENCES sensemaking_themes(org_id, id),
  FOREIGN KEY (org_id, owner_id) REFERENCES users(org_id, id)
);
CREATE INDEX sensemaking_actions_session ON sensemaking_actions(org_id, session_id);
CREATE INDEX sensemaking_actions_owner ON sensemaking_actions(org_id, owner_id, status);

-- A story promoted to best practice; the knowledge base takes these over as drafts.
CREATE TABLE best_practices (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  story_id INTEGER NOT NULL,
  session_id INTEGER,
  title TEXT NOT NULL,
  summary TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('concept')),
  created_by INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (org_id, id),
  UNIQUE (org_id, story_id),
  FOREIGN KEY (org_id, story_id) REFERENCES stories(org_id, id),
  FOREIGN KEY (org_id, session_id) REFERENCES sensemaking_sessions(org_id, id),
  FOREIGN KEY (org_id, created_by) REFERENCES users(org_id, id)
);

CREATE TABLE module_views (
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  module TEXT NOT NULL,
  month TEXT NOT NULL,
  views BIGINT NOT NULL,
  PRIMARY KEY (org_id, module, month)
);

-- Pruning old rate-limit events looks them up by scope and age, not by subject.
CREATE INDEX rate_events_age ON rate_events(scope, at);

-- The dashboard counts a year of stories by signifier (SPEC §4.3; 200,000 stories a
-- year in a large organisation): a covering index lets one scan of the index answer
-- the topic and valuation counts, and the archetype choices carry their story's date,
-- status, team and teller kind so that their counts need no join either. A story's
-- status changes only by moderation, which updates both.
ALTER TABLE story_archetypes ADD COLUMN status TEXT NOT NULL DEFAULT 'published';
ALTER TABLE story_archetypes ADD COLUMN story_date TEXT NOT NULL DEFAULT '';
ALTER TABLE story_archetypes ADD COLUMN team_id INTEGER;
ALTER TABLE story_archetypes ADD COLUMN teller_kind TEXT NOT NULL DEFAULT 'medewerker';
UPDATE story_archetypes SET
  status = (SELECT s.status FROM stories s WHERE s.org_id = story_archetypes.org_id AND s.id = story_archetypes.story_id),
  story_date = (SELECT s.story_date FROM stories s WHERE s.org_id = story_archetypes.org_id AND s.id = story_archetypes.story_id),
  team_id = (SELECT s.team_id FROM stories s WHERE s.org_id = story_archetypes.org_id AND s.id = story_archetypes.story_id),
  teller_kind = (SELECT s.teller_kind FROM stories s WHERE s.org_id = story_archetypes.org_id AND s.id = story_archetypes.story_id);
CREATE INDEX story_archetypes_period ON story_archetypes(org_id, status, story_date, team_id, teller_kind, archetype_id);
DROP INDEX stories_period;
CREATE INDEX stories_period ON stories(org_id, status, story_date, team_id, teller_kind, topic_id, valuation_id);
