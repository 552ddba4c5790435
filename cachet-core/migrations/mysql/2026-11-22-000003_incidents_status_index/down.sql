DROP INDEX incidents_status_visible ON incidents;
