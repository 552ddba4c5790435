//! Metrics and their points, with Cachet's counter de-duplication and 30-second rounding.

use chrono::{DateTime, Duration, DurationRound, NaiveDateTime, TimeZone, Utc};
use diesel::prelude::*;

use super::components::sorted;
use super::rows::{Db, enum_value, naive, utc};
use super::{Resource, Store, validate};
use crate::db::schema::{metric_points as points, metrics};
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{
    Metric, MetricCalcType, MetricPatch, MetricPoint, MetricQuery, MetricSort, MetricView, MetricVisibility, NewMetric,
    Page, PageRequest,
};

#[derive(Queryable, Selectable)]
#[diesel(table_name = metrics)]
struct MetricRow {
    id: i64,
    name: String,
    suffix: String,
    description: String,
    default_value: f64,
    calc_type: i16,
    display_chart: bool,
    places: i16,
    default_view: i16,
    threshold: i32,
    position: i32,
    visible: i16,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

impl MetricRow {
    fn into_metric(self) -> Result<Metric> {
        Ok(Metric {
            id: self.id,
            name: self.name,
            suffix: self.suffix,
            description: self.description,
            default_value: self.default_value,
            calc_type: enum_value(self.calc_type, MetricCalcType::from_value)?,
            display_chart: self.display_chart,
            places: self.places,
            default_view: enum_value(self.default_view, MetricView::from_value)?,
            threshold: self.threshold,
            order: self.position,
            visible: enum_value(self.visible, MetricVisibility::from_value)?,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        })
    }
}

type PointRow = (i64, i64, f64, i32, NaiveDateTime, NaiveDateTime);

fn to_point((id, metric_id, value, counter, created_at, updated_at): PointRow) -> MetricPoint {
    MetricPoint { id, metric_id, value, counter, created_at: utc(created_at), updated_at: utc(updated_at) }
}

pub(super) fn load(c: &mut AnyConnection, id: i64) -> Result<Metric> {
    metrics::table
        .find(id)
        .select(MetricRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| Error::not_found("metric", id))?
        .into_metric()
}

fn load_point(c: &mut AnyConnection, metric_id: i64, id: i64) -> Result<MetricPoint> {
    points::table
        .find(id)
        .filter(points::metric_id.eq(metric_id))
        .first::<PointRow>(c)
        .optional()?
        .map(to_point)
        .ok_or_else(|| Error::not_found("metric point", id))
}

/// The metrics a listing covers: guests get public ones only ([`crate::model::Viewer::sees_metric`]).
fn filtered(q: &MetricQuery) -> metrics::BoxedQuery<'_, Db> {
    let query = metrics::table.into_boxed();
    if q.viewer.sees_private() { query } else { query.filter(metrics::visible.eq(MetricVisibility::Public.value())) }
}

pub(super) fn check_places(places: i16) -> Result<i16> {
    if (0..=4).contains(&places) { Ok(places) } else { Err(Error::invalid("places", "must be from 0 to 4")) }
}

pub(super) fn check_threshold(threshold: i32) -> Result<i32> {
    if threshold > 0 && 60 % threshold == 0 {
        Ok(threshold)
    } else {
        Err(Error::invalid("threshold", "must divide 60 (1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30 or 60)"))
    }
}

/// Cachet keeps three decimals; rounding here makes equal readings compare equal on every backend.
fn point_value(value: f64) -> Result<f64> {
    let value = validate::finite("value", value)?;
    if value.abs() >= 1e12 {
        return Err(Error::invalid("value", "is too large"));
    }
    Ok((value * 1000.0).round() / 1000.0)
}

/// Cachet rounds a point's time to the nearest 30 seconds.
pub fn round_point_time(at: DateTime<Utc>) -> DateTime<Utc> {
    let secs = at.timestamp();
    let rounded = (secs as f64 / 30.0).round() as i64 * 30;
    Utc.timestamp_opt(rounded, 0).single().unwrap_or(at)
}

impl Store {
    /// Creates a metric.
    pub fn create_metric(&self, input: NewMetric) -> Result<Metric> {
        let name = validate::name("name", &input.name)?;
        let suffix = validate::short("suffix", input.suffix.trim())?;
        let description = validate::text("description", &input.description)?;
        let default_value = validate::finite("default_value", input.default_value)?;
        let places = check_places(input.places)?;
        let threshold = check_threshold(input.threshold)?;
        let now = naive(self.now());
        self.write(Resource::Metric, |c| {
            diesel::insert_into(metrics::table)
                .values((
                    metrics::name.eq(&name),
                    metrics::suffix.eq(&suffix),
                    metrics::description.eq(&description),
                    metrics::default_value.eq(default_value),
                    metrics::calc_type.eq(input.calc_type.value()),
                    metrics::display_chart.eq(input.display_chart),
                    metrics::places.eq(places),
                    metrics::default_view.eq(input.default_view.value()),
                    metrics::threshold.eq(threshold),
                    metrics::position.eq(input.order),
                    metrics::visible.eq(input.visible.value()),
                    metrics::created_at.eq(now),
                    metrics::updated_at.eq(now),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            load(c, id)
        })
    }

    /// One metric by id.
    pub fn metric(&self, id: i64) -> Result<Metric> {
        self.read(|c| load(c, id))
    }

    /// One metric by id, or else by exact name.
    pub fn find_metric(&self, id_or_name: &str) -> Result<Metric> {
        let id_or_name = id_or_name.trim();
        if let Ok(id) = id_or_name.parse::<i64>() {
            return self.metric(id);
        }
        self.read(|c| {
            metrics::table
                .filter(metrics::name.eq(id_or_name))
                .order(metrics::id)
                .select(MetricRow::as_select())
                .first(c)
                .optional()?
                .ok_or_else(|| Error::not_found("metric", format!("{id_or_name:?}")))?
                .into_metric()
        })
    }

    /// A page of metrics.
    pub fn list_metrics(&self, q: &MetricQuery) -> Result<Page<Metric>> {
        self.read(|c| {
            let total: i64 = filtered(q).count().get_result(c)?;
            let query = filtered(q).select(MetricRow::as_select());
            let query = match q.sort {
                None => query.order_by(metrics::id.asc()),
                Some((key, order)) => match key {
                    MetricSort::Id => sorted!(query, metrics::id, order),
                    MetricSort::Name => sorted!(query, metrics::name, order),
                    MetricSort::DisplayChart => sorted!(query, metrics::display_chart, order),
                    MetricSort::DefaultValue => sorted!(query, metrics::default_value, order),
                    MetricSort::CalcType => sorted!(query, metrics::calc_type, order),
                    MetricSort::Order => sorted!(query, metrics::position, order),
                    MetricSort::Visible => sorted!(query, metrics::visible, order),
                }
                .then_order_by(metrics::id.asc()),
            };
            let rows = query.offset(q.page.offset()).limit(q.page.limit()).load(c)?;
            Ok(Page {
                items: rows.into_iter().map(MetricRow::into_metric).collect::<Result<_>>()?,
                total: total as u64,
                page: q.page.page.max(1),
                per_page: q.page.limit() as u32,
            })
        })
    }

    /// Changes the given fields of a metric.
    pub fn update_metric(&self, id: i64, patch: MetricPatch) -> Result<Metric> {
        let name = patch.name.as_deref().map(|n| validate::name("name", n)).transpose()?;
        let suffix = patch.suffix.as_deref().map(|s| validate::short("suffix", s.trim())).transpose()?;
        let description = patch.description.as_deref().map(|d| validate::text("description", d)).transpose()?;
        let default_value = patch.default_value.map(|v| validate::finite("default_value", v)).transpose()?;
        let places = patch.places.map(check_places).transpose()?;
        let threshold = patch.threshold.map(check_threshold).transpose()?;
        let now = naive(self.now());
        self.write(Resource::Metric, |c| {
            load(c, id)?;
            let target = metrics::table.find(id);
            if let Some(v) = name {
                diesel::update(target).set(metrics::name.eq(v)).execute(c)?;
            }
            if let Some(v) = suffix {
                diesel::update(target).set(metrics::suffix.eq(v)).execute(c)?;
            }
            if let Some(v) = description {
                diesel::update(target).set(metrics::description.eq(v)).execute(c)?;
            }
            if let Some(v) = default_value {
                diesel::update(target).set(metrics::default_value.eq(v)).execute(c)?;
            }
            if let Some(v) = patch.calc_type {
                diesel::update(target).set(metrics::calc_type.eq(v.value())).execute(c)?;
            }
            if let Some(v) = patch.display_chart {
                diesel::update(target).set(metrics::display_chart.eq(v)).execute(c)?;
            }
            if let Some(v) = places {
                diesel::update(target).set(metrics::places.eq(v)).execute(c)?;
            }
            if let Some(v) = patch.default_view {
                diesel::update(target).set(metrics::default_view.eq(v.value())).execute(c)?;
            }
            if let Some(v) = threshold {
                diesel::update(target).set(metrics::threshold.eq(v)).execute(c)?;
            }
            if let Some(v) = patch.order {
                diesel::update(target).set(metrics::position.eq(v)).execute(c)?;
            }
            if let Some(v) = patch.visible {
                diesel::update(target).set(metrics::visible.eq(v.value())).execute(c)?;
            }
            diesel::update(target).set(metrics::updated_at.eq(now)).execute(c)?;
            load(c, id)
        })
    }

    /// Deletes a metric and all its points.
    pub fn delete_metric(&self, id: i64) -> Result<()> {
        self.write(Resource::Metric, |c| {
            load(c, id)?;
            diesel::delete(points::table.filter(points::metric_id.eq(id))).execute(c)?;
            diesel::delete(metrics::table.find(id)).execute(c)?;
            Ok(())
        })
    }

    /// Records a reading at `at` (default now), rounded to 30 seconds. When a point with the same
    /// value exists since the start of the minute `threshold - 1` minutes earlier, its counter goes
    /// up instead of a new point being added (Cachet's de-duplication).
    pub fn add_metric_point(&self, metric_id: i64, value: f64, at: Option<DateTime<Utc>>) -> Result<MetricPoint> {
        let value = point_value(value)?;
        let at = validate::optional_time("timestamp", at)?;
        let now = self.now();
        let at = round_point_time(at.unwrap_or(now));
        self.write(Resource::Metric, |c| {
            let metric = load(c, metric_id)?;
            let window = Duration::minutes(i64::from(metric.threshold - 1));
            let since = (at - window).duration_trunc(Duration::minutes(1)).unwrap_or(at - window);
            let existing: Option<i64> = points::table
                .filter(points::metric_id.eq(metric_id))
                .filter(points::value.eq(value))
                .filter(points::created_at.ge(naive(since)))
                .filter(points::created_at.le(naive(at)))
                .order(points::created_at.desc())
                .select(points::id)
                .first(c)
                .optional()?;
            let id = match existing {
                Some(id) => {
                    diesel::update(points::table.find(id))
                        .set((points::counter.eq(points::counter + 1), points::updated_at.eq(naive(now))))
                        .execute(c)?;
                    id
                }
                None => {
                    diesel::insert_into(points::table)
                        .values((
                            points::metric_id.eq(metric_id),
                            points::value.eq(value),
                            points::counter.eq(1),
                            points::created_at.eq(naive(at)),
                            points::updated_at.eq(naive(now)),
                        ))
                        .execute(c)?;
                    last_insert_id(c)?
                }
            };
            load_point(c, metric_id, id)
        })
    }

    /// One point of a metric.
    pub fn metric_point(&self, metric_id: i64, id: i64) -> Result<MetricPoint> {
        self.read(|c| {
            load(c, metric_id)?;
            load_point(c, metric_id, id)
        })
    }

    /// A page of a metric's points, newest first.
    pub fn list_metric_points(&self, metric_id: i64, page: PageRequest) -> Result<Page<MetricPoint>> {
        self.read(|c| {
            load(c, metric_id)?;
            let total: i64 = points::table.filter(points::metric_id.eq(metric_id)).count().get_result(c)?;
            let rows: Vec<PointRow> = points::table
                .filter(points::metric_id.eq(metric_id))
                .order((points::created_at.desc(), points::id.desc()))
                .offset(page.offset())
                .limit(page.limit())
                .load(c)?;
            Ok(Page {
                items: rows.into_iter().map(to_point).collect(),
                total: total as u64,
                page: page.page.max(1),
                per_page: page.limit() as u32,
            })
        })
    }

    /// A metric's points in `[from, to)`, oldest first (for charts).
    pub fn metric_points_between(
        &self,
        metric_id: i64,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<MetricPoint>> {
        self.read(|c| {
            load(c, metric_id)?;
            let rows: Vec<PointRow> = points::table
                .filter(points::metric_id.eq(metric_id))
                .filter(points::created_at.ge(naive(from)))
                .filter(points::created_at.lt(naive(to)))
                .order((points::created_at.asc(), points::id.asc()))
                .load(c)?;
            Ok(rows.into_iter().map(to_point).collect())
        })
    }

    /// Changes a point's value or time (rounded to 30 seconds).
    pub fn update_metric_point(
        &self,
        metric_id: i64,
        id: i64,
        value: Option<f64>,
        at: Option<DateTime<Utc>>,
    ) -> Result<MetricPoint> {
        let value = value.map(point_value).transpose()?;
        let at = validate::optional_time("timestamp", at)?;
        let now = naive(self.now());
        self.write(Resource::Metric, |c| {
            load_point(c, metric_id, id)?;
            let target = points::table.find(id);
            if let Some(value) = value {
                diesel::update(target).set(points::value.eq(value)).execute(c)?;
            }
            if let Some(at) = at {
                diesel::update(target).set(points::created_at.eq(naive(round_point_time(at)))).execute(c)?;
            }
            diesel::update(target).set(points::updated_at.eq(now)).execute(c)?;
            load_point(c, metric_id, id)
        })
    }

    /// Deletes a point.
    pub fn delete_metric_point(&self, metric_id: i64, id: i64) -> Result<()> {
        self.write(Resource::Metric, |c| {
            load_point(c, metric_id, id)?;
            diesel::delete(points::table.find(id)).execute(c)?;
            Ok(())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn point_times_round_to_the_nearest_30_seconds() {
        let t = |s| Utc.timestamp_opt(s, 0).unwrap();
        assert_eq!(round_point_time(t(1_434_369_116)), t(1_434_369_120));
        assert_eq!(round_point_time(t(1_434_369_104)), t(1_434_369_090));
        assert_eq!(round_point_time(t(1_434_369_105)), t(1_434_369_120));
    }

    #[test]
    fn thresholds_must_divide_an_hour() {
        assert!(check_threshold(5).is_ok());
        assert!(check_threshold(60).is_ok());
        assert!(check_threshold(7).is_err());
        assert!(check_threshold(0).is_err());
    }
}
