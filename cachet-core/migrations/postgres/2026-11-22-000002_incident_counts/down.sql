DROP TRIGGER incident_counts_update ON incidents;
DROP TRIGGER incident_counts_delete ON incidents;
DROP TRIGGER incident_counts_insert ON incidents;
DROP FUNCTION incident_counts_apply();
DROP TABLE incident_counts;
