-- Incident totals by visibility, kept by statement-level triggers, so that an unfiltered incident
-- listing reports its total without counting a million rows (COUNT(*) was most of the time of
-- page 1). Statement-level triggers with transition tables keep bulk inserts cheap.
CREATE TABLE incident_counts (
  visible BOOLEAN PRIMARY KEY NOT NULL,
  total BIGINT NOT NULL
);
INSERT INTO incident_counts (visible, total)
  SELECT v, (SELECT COUNT(*) FROM incidents WHERE visible = v) FROM (VALUES (FALSE), (TRUE)) AS t(v);

CREATE FUNCTION incident_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    UPDATE incident_counts c SET total = c.total + d.n
      FROM (SELECT visible, COUNT(*) AS n FROM new_rows GROUP BY visible) d WHERE c.visible = d.visible;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE incident_counts c SET total = c.total - d.n
      FROM (SELECT visible, COUNT(*) AS n FROM old_rows GROUP BY visible) d WHERE c.visible = d.visible;
  ELSE
    UPDATE incident_counts c SET total = c.total + d.n
      FROM (
        SELECT visible, SUM(n) AS n FROM (
          SELECT visible, 1 AS n FROM new_rows UNION ALL SELECT visible, -1 AS n FROM old_rows
        ) x GROUP BY visible
      ) d
      WHERE c.visible = d.visible AND d.n <> 0;
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER incident_counts_insert AFTER INSERT ON incidents
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_apply();
CREATE TRIGGER incident_counts_delete AFTER DELETE ON incidents
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_apply();
CREATE TRIGGER incident_counts_update AFTER UPDATE ON incidents
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION incident_counts_apply();
