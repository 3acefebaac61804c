-- The story list pages by keyset (issue 15): newest first by (story_date, id), the page
-- after a story starts below it. With id right after the date in the index the order is
-- the index's own (no sort of ties), and the filter columns after it are still checked
-- in the index, before a table row is read; the dashboard's counts keep their covering
-- index. A team's list walks its own index.
DROP INDEX stories_period;
CREATE INDEX stories_period ON stories(org_id, status, story_date, id, team_id, teller_kind, topic_id, valuation_id);
CREATE INDEX stories_team ON stories(org_id, status, team_id, story_date, id);
