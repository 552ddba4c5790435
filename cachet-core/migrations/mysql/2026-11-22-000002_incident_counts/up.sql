-- Incident totals by visibility, kept by triggers, so that an unfiltered incident listing reports
-- its total without counting a million rows (COUNT(*) was most of the time of page 1).
CREATE TABLE incident_counts (
  visible BOOLEAN NOT NULL PRIMARY KEY,
  total BIGINT NOT NULL
) ENGINE=InnoDB;
INSERT INTO incident_counts (visible, total) SELECT 0, COUNT(*) FROM incidents WHERE visible = 0;
INSERT INTO incident_counts (visible, total) SELECT 1, COUNT(*) FROM incidents WHERE visible <> 0;
CREATE TRIGGER incident_counts_insert AFTER INSERT ON incidents FOR EACH ROW
  UPDATE incident_counts SET total = total + 1 WHERE visible = (NEW.visible <> 0);
CREATE TRIGGER incident_counts_delete AFTER DELETE ON incidents FOR EACH ROW
  UPDATE incident_counts SET total = total - 1 WHERE visible = (OLD.visible <> 0);
CREATE TRIGGER incident_counts_update AFTER UPDATE ON incidents FOR EACH ROW
  UPDATE incident_counts SET total = total + CASE WHEN visible = (NEW.visible <> 0) THEN 1 ELSE -1 END
  WHERE (OLD.visible <> 0) <> (NEW.visible <> 0);
