-- The narrative paragraphs of the annual report, per organisation, year and chapter.
CREATE TABLE report_texts (
  org_id INTEGER NOT NULL REFERENCES organisations(id),
  year INTEGER NOT NULL,
  chapter TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  updated_by INTEGER,
  PRIMARY KEY (org_id, year, chapter)
);
