-- The case list pages by keyset on the reference (issue 15): a team's cases walk their
-- own index in reference order, as a programme's do (cases_programme, 0011) and all of
-- an organisation's do (its unique (org_id, reference)).
DROP INDEX cases_team;
CREATE INDEX cases_team ON cases(org_id, team_id, reference);
