-- Incident totals by visibility, kept by triggers, so that an unfiltered incident listing reports
-- its total without counting a million rows (COUNT(*) was most of the time of page 1).
CREATE TABLE incident_counts (
  visible BOOLEAN PRIMARY KEY NOT NULL,
  total BIGINT NOT NULL
);
INSERT INTO incident_counts (visible, total) SELECT 0, COUNT(*) FROM incidents WHERE visible = 0;
INSERT INTO incident_counts (visible, total) SELECT 1, COUNT(*) FROM incidents WHERE visible <> 0;
CREATE TRIGGER incident_counts_insert AFTER INSERT ON incidents BEGIN
  UPDATE incident_counts SET total = total + 1 WHERE visible = (NEW.visible <> 0);
END;
CREATE TRIGGER incident_counts_delete AFTER DELETE ON incidents BEGIN
  UPDATE incident_counts SET total = total - 1 WHERE visible = (OLD.visible <> 0);
END;
CREATE TRIGGER incident_counts_update AFTER UPDATE OF visible ON incidents
WHEN (OLD.visible <> 0) <> (NEW.visible <> 0) BEGIN
  UPDATE incident_counts SET total = total + CASE WHEN visible = (NEW.visible <> 0) THEN 1 ELSE -1 END;
END;
