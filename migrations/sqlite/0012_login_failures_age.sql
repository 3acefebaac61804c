-- Every successful login prunes the failed attempts older than the lockout window
-- (auth::repo::prune_failures, `WHERE at < ?`). Without an index on `at` that scanned the
-- whole table, which grows fastest exactly while someone is guessing passwords.
CREATE INDEX login_failures_age ON login_failures(at);
