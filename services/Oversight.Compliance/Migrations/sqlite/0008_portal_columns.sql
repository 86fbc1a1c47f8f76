-- Where each body publishes: its portal columns (list pages) per report type, as "type=address" entries separated by
-- spaces. The watcher reads them through ListRegistry; an import without the column leaves them as they are.
ALTER TABLE bodies ADD COLUMN portal_columns TEXT NOT NULL DEFAULT '';
