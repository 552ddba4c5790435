CREATE TABLE component_groups (
  id BIGSERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  collapsed SMALLINT NOT NULL DEFAULT 0,
  visible BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX component_groups_position ON component_groups (position, id);

CREATE TABLE components (
  id BIGSERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  link TEXT,
  status SMALLINT NOT NULL,
  position INTEGER NOT NULL DEFAULT 0,
  group_id BIGINT,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  meta TEXT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX components_group ON components (group_id, position);
CREATE INDEX components_name ON components (name);

CREATE TABLE component_tags (
  component_id BIGINT NOT NULL REFERENCES components (id) ON DELETE CASCADE,
  slug VARCHAR(255) NOT NULL,
  name VARCHAR(255) NOT NULL,
  PRIMARY KEY (component_id, slug)
);
CREATE INDEX component_tags_slug ON component_tags (slug);

CREATE TABLE component_status_changes (
  id BIGSERIAL PRIMARY KEY,
  component_id BIGINT NOT NULL REFERENCES components (id) ON DELETE CASCADE,
  old_status SMALLINT,
  new_status SMALLINT NOT NULL,
  reason VARCHAR(255) NOT NULL,
  changed_at TIMESTAMP NOT NULL
);
CREATE INDEX component_status_changes_component ON component_status_changes (component_id, changed_at);

CREATE TABLE incidents (
  id BIGSERIAL PRIMARY KEY,
  user_id BIGINT,
  component_id BIGINT NOT NULL DEFAULT 0,
  name VARCHAR(255) NOT NULL,
  status SMALLINT NOT NULL,
  visible BOOLEAN NOT NULL DEFAULT TRUE,
  stickied BOOLEAN NOT NULL DEFAULT FALSE,
  notify BOOLEAN NOT NULL DEFAULT TRUE,
  is_resolved BOOLEAN NOT NULL DEFAULT FALSE,
  message TEXT NOT NULL,
  meta TEXT,
  occurred_at TIMESTAMP NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX incidents_occurred ON incidents (occurred_at);
CREATE INDEX incidents_visible_occurred ON incidents (visible, occurred_at);
CREATE INDEX incidents_unresolved ON incidents (is_resolved);
CREATE INDEX incidents_stickied ON incidents (stickied);
CREATE INDEX incidents_component ON incidents (component_id);

CREATE TABLE incident_components (
  incident_id BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  component_id BIGINT NOT NULL REFERENCES components (id) ON DELETE CASCADE,
  status SMALLINT NOT NULL,
  PRIMARY KEY (incident_id, component_id)
);
CREATE INDEX incident_components_component ON incident_components (component_id);

CREATE TABLE incident_updates (
  id BIGSERIAL PRIMARY KEY,
  incident_id BIGINT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  status SMALLINT NOT NULL,
  message TEXT NOT NULL,
  user_id BIGINT,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX incident_updates_incident ON incident_updates (incident_id, id);

CREATE TABLE incident_templates (
  id BIGSERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  slug VARCHAR(255) NOT NULL UNIQUE,
  template TEXT NOT NULL,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE schedules (
  id BIGSERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  message TEXT NOT NULL DEFAULT '',
  status SMALLINT NOT NULL DEFAULT 0,
  scheduled_at TIMESTAMP NOT NULL,
  completed_at TIMESTAMP,
  notify BOOLEAN NOT NULL DEFAULT FALSE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX schedules_status ON schedules (status, scheduled_at);

CREATE TABLE schedule_components (
  schedule_id BIGINT NOT NULL REFERENCES schedules (id) ON DELETE CASCADE,
  component_id BIGINT NOT NULL REFERENCES components (id) ON DELETE CASCADE,
  PRIMARY KEY (schedule_id, component_id)
);
CREATE INDEX schedule_components_component ON schedule_components (component_id);

CREATE TABLE metrics (
  id BIGSERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL,
  suffix VARCHAR(255) NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  default_value DOUBLE PRECISION NOT NULL DEFAULT 0,
  calc_type SMALLINT NOT NULL DEFAULT 0,
  display_chart BOOLEAN NOT NULL DEFAULT TRUE,
  places SMALLINT NOT NULL DEFAULT 2,
  default_view SMALLINT NOT NULL DEFAULT 1,
  threshold INTEGER NOT NULL DEFAULT 5,
  position INTEGER NOT NULL DEFAULT 0,
  visible SMALLINT NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE metric_points (
  id BIGSERIAL PRIMARY KEY,
  metric_id BIGINT NOT NULL REFERENCES metrics (id) ON DELETE CASCADE,
  value DOUBLE PRECISION NOT NULL,
  counter INTEGER NOT NULL DEFAULT 1,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);
CREATE INDEX metric_points_metric_created ON metric_points (metric_id, created_at);

CREATE TABLE subscribers (
  id BIGSERIAL PRIMARY KEY,
  email VARCHAR(255) NOT NULL UNIQUE,
  verify_code VARCHAR(64) NOT NULL,
  phone_number VARCHAR(255),
  slack_webhook_url TEXT,
  verified_at TIMESTAMP,
  global BOOLEAN NOT NULL DEFAULT TRUE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL
);

CREATE TABLE subscriptions (
  id BIGSERIAL PRIMARY KEY,
  subscriber_id BIGINT NOT NULL REFERENCES subscribers (id) ON DELETE CASCADE,
  component_id BIGINT NOT NULL REFERENCES components (id) ON DELETE CASCADE,
  created_at TIMESTAMP NOT NULL,
  updated_at TIMESTAMP NOT NULL,
  UNIQUE (subscriber_id, component_id)
);
CREATE INDEX subscriptions_component ON subscriptions (component_id);

CREATE TABLE settings (
  name VARCHAR(255) NOT NULL PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE api_tokens (
  id BIGSERIAL PRIMARY KEY,
  name VARCHAR(255) NOT NULL UNIQUE,
  token_hash VARCHAR(64) NOT NULL UNIQUE,
  created_at TIMESTAMP NOT NULL,
  last_used_at TIMESTAMP,
  revoked_at TIMESTAMP
);

-- One row, bumped by every write, so several processes can tell cheaply whether their caches are stale.
CREATE TABLE revisions (
  id INTEGER NOT NULL PRIMARY KEY,
  value BIGINT NOT NULL
);
INSERT INTO revisions (id, value) VALUES (1, 0);
