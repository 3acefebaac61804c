-- Every list reads the names, roles and teams of its organisation's users. user_roles and
-- team_members are keyed by (user_id, …), so "the roles of organisation X, by user" made
-- SQLite walk that key over every organisation's rows: at a million users elsewhere in
-- the installation, 90 ms on every page of every list (bench/lists.sh; 3 ms with these).
CREATE INDEX user_roles_org ON user_roles(org_id, user_id, role);
CREATE INDEX team_members_org_user ON team_members(org_id, user_id);
