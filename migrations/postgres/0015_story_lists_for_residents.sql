-- The vertelpunt's lists for residents: each value says who is offered it on the forms
-- (all, staff, public) and may carry the words residents see. One list per signifier,
-- so that staff's and residents' stories stay comparable in the statistics. The
-- defaults of the existing organisations get the words of new ones.
ALTER TABLE value_lists ADD COLUMN audience TEXT NOT NULL DEFAULT 'all';
ALTER TABLE value_lists ADD COLUMN public_label TEXT NOT NULL DEFAULT '';
UPDATE value_lists SET audience = 'staff' WHERE list = 'story_archetype';
UPDATE value_lists SET audience = 'staff' WHERE list = 'story_topic' AND code = 'interne_organisatiekwesties';
UPDATE value_lists SET public_label = 'Geld en rondkomen' WHERE list = 'story_topic' AND code = 'financiele_kwesties';
UPDATE value_lists SET public_label = 'Gezondheid' WHERE list = 'story_topic' AND code = 'gezondheid';
UPDATE value_lists SET public_label = 'Hoe het met mij gaat' WHERE list = 'story_topic' AND code = 'kwaliteit_persoonlijke_situatie';
UPDATE value_lists SET public_label = 'Meedoen in de buurt' WHERE list = 'story_topic' AND code = 'meedoen_in_de_wijk_samenleving';
UPDATE value_lists SET public_label = 'School en leren' WHERE list = 'story_topic' AND code = 'onderwijs_en_ontwikkeling';
UPDATE value_lists SET public_label = 'Schulden' WHERE list = 'story_topic' AND code = 'schulden';
UPDATE value_lists SET public_label = 'Veiligheid' WHERE list = 'story_topic' AND code = 'veiligheid';
UPDATE value_lists SET public_label = 'Werk' WHERE list = 'story_topic' AND code = 'werk';
UPDATE value_lists SET public_label = 'Hulp van andere instanties' WHERE list = 'story_topic' AND code = 'werk_van_andere_instanties_of_samenwerking_daarmee';
UPDATE value_lists SET public_label = 'Wonen' WHERE list = 'story_topic' AND code = 'wonen_en_bescherming';
UPDATE value_lists SET public_label = 'Zorg en ondersteuning' WHERE list = 'story_topic' AND code = 'zorg_en_ondersteuning';
-- What an organisation tells residents on the public form about their privacy (who
-- reads a story, how long it is kept); empty: the application's own text.
ALTER TABLE organisations ADD COLUMN public_privacy_note TEXT NOT NULL DEFAULT '';
-- The organisation's logo, shown at the top of the public story form.
CREATE TABLE organisation_logos (
  org_id BIGINT PRIMARY KEY REFERENCES organisations(id),
  content_type TEXT NOT NULL,
  data BYTEA NOT NULL,
  updated_at BIGINT NOT NULL
);
