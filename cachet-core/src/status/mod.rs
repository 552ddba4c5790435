//! Status rules as pure functions: the overall banner, group and effective component status,
//! incident resolution, maintenance windows and daily uptime. The store feeds them; nothing here
//! touches a database, so every rule is table-tested on its own.

mod banner;
mod metrics;
mod rules;
mod uptime;

pub use banner::{Banner, BannerLevel, banner};
pub use metrics::{MetricBucket, bucket_points, view_edges};
pub use rules::{effective_status, group_status, incident_is_resolved, schedule_is_active};
pub use uptime::{DayUptime, daily_uptime, local_midnight, uptime_percent};
