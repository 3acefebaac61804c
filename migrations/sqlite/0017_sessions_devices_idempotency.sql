-- Issue 15 (hardening).
--
-- Sessions end for good when a user is deactivated, loses a role or gets a new
-- password: the server deletes them in the same transaction as the change. Sessions of
-- users deactivated before this version are removed here, so that a reactivation
-- cannot bring them back.
DELETE FROM sessions
 WHERE EXISTS (SELECT 1 FROM users u WHERE u.org_id = sessions.org_id AND u.id = sessions.user_id AND u.active = 0);

-- Devices that logged in to an account before (docs/decisions/0010): the browser keeps a
-- random token in an HttpOnly cookie, we keep its hash. Five wrong passwords lock the
-- account for unknown devices only; its owner's browser gets its own count.
CREATE TABLE known_devices (
  token_hash TEXT PRIMARY KEY,
  org_id INTEGER NOT NULL,
  user_id INTEGER NOT NULL,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT NOT NULL,
  FOREIGN KEY (org_id, user_id) REFERENCES users(org_id, id)
);
CREATE INDEX known_devices_user ON known_devices(org_id, user_id);
CREATE INDEX known_devices_age ON known_devices(last_used_at);

-- Idempotency-Key on the creating POSTs: the first answer to a key is kept for 24 hours
-- and given again to a retry with the same key and the same request, instead of
-- creating a second record. status is NULL while the first request is being handled.
-- scope is 'user:<id>' for a logged-in caller and the path for a public form (whose
-- organisation is in the path, so org_id is NULL there).
CREATE TABLE idempotency_keys (
  scope TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  org_id INTEGER REFERENCES organisations(id),
  fingerprint TEXT NOT NULL,
  status INTEGER,
  content_type TEXT,
  headers TEXT,
  body TEXT,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (scope, idempotency_key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys(created_at);
