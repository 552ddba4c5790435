CREATE INDEX component_status_changes_component ON component_status_changes (component_id, changed_at);
DROP INDEX component_status_changes_window ON component_status_changes;
CREATE INDEX incidents_stickied ON incidents (stickied);
DROP INDEX incidents_stickied_occurred ON incidents;
