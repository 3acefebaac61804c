-- Lists of values per organisation, programmes with their groups, cases with a dated
-- status history, and the cost lines of their receipts (kassabonnen). SPEC §4.1, §4.2.

CREATE TABLE value_lists (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  list TEXT NOT NULL,
  code TEXT NOT NULL,
  label TEXT NOT NULL,
  position INTEGER NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  UNIQUE (org_id, list, code),
  UNIQUE (org_id, list, label),
  UNIQUE (org_id, id)
);

CREATE TABLE programmes (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  slug TEXT NOT NULL,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  start_date TEXT NOT NULL,
  team_id INTEGER,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  UNIQUE (org_id, slug),
  UNIQUE (org_id, name),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id)
);

CREATE TABLE programme_groups (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  programme_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  UNIQUE (programme_id, name),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, programme_id) REFERENCES programmes(org_id, id)
);

CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  reference TEXT NOT NULL,
  team_id INTEGER NOT NULL,
  programme_id INTEGER NOT NULL,
  group_id INTEGER,
  owner_user_id INTEGER,
  start_date TEXT NOT NULL,
  plan TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL CHECK (status IN ('lopend', 'zo_goed_als_afgerond', 'afgerond')),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, reference),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id),
  FOREIGN KEY (org_id, programme_id) REFERENCES programmes(org_id, id),
  FOREIGN KEY (org_id, group_id) REFERENCES programme_groups(org_id, id),
  FOREIGN KEY (org_id, owner_user_id) REFERENCES users(org_id, id)
);
CREATE INDEX cases_programme ON cases(org_id, programme_id);
CREATE INDEX cases_team ON cases(org_id, team_id);

CREATE TABLE case_status_history (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  case_id INTEGER NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('lopend', 'zo_goed_als_afgerond', 'afgerond')),
  effective_date TEXT NOT NULL,
  recorded_at BIGINT NOT NULL,
  recorded_by INTEGER,
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id)
);
CREATE INDEX case_status_history_case ON case_status_history(case_id, effective_date, id);

CREATE TABLE cost_lines (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL,
  case_id INTEGER NOT NULL,
  side TEXT NOT NULL CHECK (side IN ('oud', 'nieuw')),
  category_id INTEGER NOT NULL,
  payer_id INTEGER NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
  position INTEGER NOT NULL,
  FOREIGN KEY (org_id, case_id) REFERENCES cases(org_id, id),
  FOREIGN KEY (org_id, category_id) REFERENCES value_lists(org_id, id),
  FOREIGN KEY (org_id, payer_id) REFERENCES value_lists(org_id, id)
);
CREATE INDEX cost_lines_case ON cost_lines(case_id, side, position);
