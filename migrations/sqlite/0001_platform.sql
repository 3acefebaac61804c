-- Platform: organisations, districts, teams, users, roles, memberships, sessions,
-- log-in throttling and the append-only audit log.
-- Times are BIGINT milliseconds since the epoch (UTC); booleans are 0/1 integers.
-- Composite foreign keys (org_id, id) make a cross-organisation reference impossible
-- even if a service forgot to check.

CREATE TABLE organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  slug TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE districts (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  name TEXT NOT NULL,
  UNIQUE (org_id, name),
  UNIQUE (org_id, id)
);

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  district_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  UNIQUE (org_id, name),
  UNIQUE (org_id, id),
  FOREIGN KEY (org_id, district_id) REFERENCES districts(org_id, id)
);

CREATE TABLE team_neighbourhoods (
  org_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  code TEXT NOT NULL,
  PRIMARY KEY (team_id, code),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id)
);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  last_login_at BIGINT,
  UNIQUE (org_id, id)
);
CREATE INDEX users_org ON users(org_id, name);

CREATE TABLE user_roles (
  org_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, role),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);

CREATE TABLE team_members (
  org_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  team_id INTEGER NOT NULL,
  PRIMARY KEY (user_id, team_id),
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id),
  FOREIGN KEY (org_id, team_id) REFERENCES teams(org_id, id)
);
CREATE INDEX team_members_team ON team_members(team_id);

-- The session token itself is never stored, only its hash.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  org_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  address TEXT NOT NULL,
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Failed log-ins, before anyone is known: per account (e-mail) and per address.
-- Installation-wide on purpose: at this point there is no organisation yet.
CREATE TABLE login_failures (
  id INTEGER PRIMARY KEY,
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  at BIGINT NOT NULL
);
CREATE INDEX login_failures_lookup ON login_failures(scope, subject, at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  at BIGINT NOT NULL,
  actor_user_id INTEGER,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_org ON audit_log(org_id, id);
CREATE INDEX audit_log_entity ON audit_log(org_id, entity, entity_id, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
