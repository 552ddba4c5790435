//! Metrics and their points.

use cachet_core::model::{self as core, MetricPatch, MetricQuery, MetricSort, NewMetric, Viewer};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::{Enum, UtcTime, enum_out, opt, opt_time, page_request, small, sort_by};
use crate::error::invalid;
use crate::page::Page;
use crate::record::record;

record! {
    /// A measured quantity charted on the page.
    pub struct Metric {
        /// Row id.
        pub id: i64,
        /// Display name.
        pub name: String,
        /// Unit shown after values.
        pub suffix: String,
        /// Free text.
        pub description: String,
        /// Value of a bucket with no points.
        pub default_value: f64,
        /// How a bucket's points combine (a `MetricCalcType`).
        pub calc_type: Py<PyAny>,
        /// Shown as a chart on the page.
        pub display_chart: bool,
        /// Decimal places shown, 0-4.
        pub places: i16,
        /// The period charted by default (a `MetricView`).
        pub default_view: Py<PyAny>,
        /// Minutes within which equal values share one point.
        pub threshold: i32,
        /// Position among metrics.
        pub order: i32,
        /// Who may see it (a `MetricVisibility`).
        pub visible: Py<PyAny>,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, name, suffix, calc_type)
}

record! {
    /// One measurement; equal values within the metric's threshold share a point.
    pub struct MetricPoint {
        /// Row id.
        pub id: i64,
        /// The metric.
        pub metric_id: i64,
        /// The measured value.
        pub value: f64,
        /// How many times this value was reported within the threshold.
        pub counter: i32,
        /// value × counter, as Cachet's `calculated_value`.
        pub calculated_value: f64,
        /// When (UTC, rounded to 30 seconds).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, metric_id, value, counter, created_at)
}

impl Metric {
    fn from_core(py: Python<'_>, m: core::Metric) -> PyResult<Py<Metric>> {
        let record = Metric {
            id: m.id,
            name: m.name,
            suffix: m.suffix,
            description: m.description,
            default_value: m.default_value,
            calc_type: enum_out(py, m.calc_type)?,
            display_chart: m.display_chart,
            places: m.places,
            default_view: enum_out(py, m.default_view)?,
            threshold: m.threshold,
            order: m.order,
            visible: enum_out(py, m.visible)?,
            created_at: m.created_at,
            updated_at: m.updated_at,
        };
        Py::new(py, record)
    }
}

impl MetricPoint {
    fn from_core(py: Python<'_>, p: core::MetricPoint) -> PyResult<Py<MetricPoint>> {
        let record = MetricPoint {
            id: p.id,
            metric_id: p.metric_id,
            value: p.value,
            counter: p.counter,
            calculated_value: p.calculated_value(),
            created_at: p.created_at,
            updated_at: p.updated_at,
        };
        Py::new(py, record)
    }
}

fn places(n: i64) -> PyResult<i16> {
    i16::try_from(n).map_err(|_| invalid("places", "must be from 0 to 4"))
}

collection! {
    /// Metrics (`cachet.Cachet.metrics`).
    Metrics, "Metrics"
}

#[pymethods]
impl Metrics {
    /// Adds a metric measured in `suffix` units.
    #[pyo3(signature = (name, suffix, *, description = String::new(), default_value = 0.0, calc_type = Enum(core::MetricCalcType::Sum), display_chart = true, places = 2, default_view = Enum(core::MetricView::Last12Hours), threshold = 5, order = 0, visible = Enum(core::MetricVisibility::Public)))]
    #[allow(clippy::too_many_arguments)]
    fn create(
        &self,
        py: Python<'_>,
        name: String,
        suffix: String,
        description: String,
        default_value: f64,
        calc_type: Enum<core::MetricCalcType>,
        display_chart: bool,
        places: i64,
        default_view: Enum<core::MetricView>,
        threshold: i64,
        order: i64,
        visible: Enum<core::MetricVisibility>,
    ) -> PyResult<Py<Metric>> {
        let input = NewMetric {
            name,
            suffix,
            description,
            default_value,
            calc_type: calc_type.0,
            display_chart,
            places: self::places(places)?,
            default_view: default_view.0,
            threshold: small("threshold", threshold)?,
            order: small("order", order)?,
            visible: visible.0,
        };
        let m = run(py, &self.client, |s| s.create_metric(input))?;
        Metric::from_core(py, m)
    }

    /// The metric with this id; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, id: i64) -> PyResult<Py<Metric>> {
        let m = run(py, &self.client, |s| s.metric(id))?;
        Metric::from_core(py, m)
    }

    /// A page of metrics. `sort` is one of id, name, display_chart, default_value, calc_type,
    /// order, visible.
    #[pyo3(signature = (*, sort = None, order = "asc".to_string(), page = 1, per_page = 20))]
    fn list(&self, py: Python<'_>, sort: Option<String>, order: String, page: i64, per_page: i64) -> PyResult<Page> {
        let query = MetricQuery {
            sort: sort_by(sort.as_deref(), &order, MetricSort::parse, MetricSort::ALL, MetricSort::key)?,
            page: page_request(page, per_page)?,
            viewer: Viewer::Authenticated,
        };
        let found = run(py, &self.client, |s| s.list_metrics(&query))?;
        Page::new(py, found, |m| Ok(Metric::from_core(py, m)?.into_any()))
    }

    /// Changes the given fields; others stay.
    #[pyo3(signature = (id, *, name = None, suffix = None, description = None, default_value = None, calc_type = None, display_chart = None, places = None, default_view = None, threshold = None, order = None, visible = None))]
    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        py: Python<'_>,
        id: i64,
        name: Option<String>,
        suffix: Option<String>,
        description: Option<String>,
        default_value: Option<f64>,
        calc_type: Option<Enum<core::MetricCalcType>>,
        display_chart: Option<bool>,
        places: Option<i64>,
        default_view: Option<Enum<core::MetricView>>,
        threshold: Option<i64>,
        order: Option<i64>,
        visible: Option<Enum<core::MetricVisibility>>,
    ) -> PyResult<Py<Metric>> {
        let patch = MetricPatch {
            name,
            suffix,
            description,
            default_value,
            calc_type: opt(calc_type),
            display_chart,
            places: places.map(self::places).transpose()?,
            default_view: opt(default_view),
            threshold: threshold.map(|t| small("threshold", t)).transpose()?,
            order: order.map(|o| small("order", o)).transpose()?,
            visible: opt(visible),
        };
        let m = run(py, &self.client, |s| s.update_metric(id, patch))?;
        Metric::from_core(py, m)
    }

    /// Deletes the metric and its points.
    fn delete(&self, py: Python<'_>, id: i64) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_metric(id))
    }
}

collection! {
    /// The points of metrics (`cachet.Cachet.metric_points`).
    MetricPoints, "MetricPoints"
}

#[pymethods]
impl MetricPoints {
    /// Records `value` for the metric at `at` (default now); an equal value within the metric's
    /// threshold bumps that point's counter instead of adding a point.
    #[pyo3(signature = (metric, value, at = None))]
    fn create(&self, py: Python<'_>, metric: i64, value: f64, at: Option<UtcTime>) -> PyResult<Py<MetricPoint>> {
        let at = opt_time(at);
        let p = run(py, &self.client, |s| s.add_metric_point(metric, value, at))?;
        MetricPoint::from_core(py, p)
    }

    /// One point of a metric; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, metric: i64, id: i64) -> PyResult<Py<MetricPoint>> {
        let p = run(py, &self.client, |s| s.metric_point(metric, id))?;
        MetricPoint::from_core(py, p)
    }

    /// A page of a metric's points.
    #[pyo3(signature = (metric, *, page = 1, per_page = 20))]
    fn list(&self, py: Python<'_>, metric: i64, page: i64, per_page: i64) -> PyResult<Page> {
        let page = page_request(page, per_page)?;
        let found = run(py, &self.client, |s| s.list_metric_points(metric, page))?;
        Page::new(py, found, |p| Ok(MetricPoint::from_core(py, p)?.into_any()))
    }

    /// A metric's points in `[start, end)`, oldest first (for charts).
    fn between(&self, py: Python<'_>, metric: i64, start: UtcTime, end: UtcTime) -> PyResult<Vec<Py<MetricPoint>>> {
        let points = run(py, &self.client, |s| s.metric_points_between(metric, start.0, end.0))?;
        points.into_iter().map(|p| MetricPoint::from_core(py, p)).collect()
    }

    /// Changes a point's value or time.
    #[pyo3(signature = (metric, id, *, value = None, at = None))]
    fn update(
        &self,
        py: Python<'_>,
        metric: i64,
        id: i64,
        value: Option<f64>,
        at: Option<UtcTime>,
    ) -> PyResult<Py<MetricPoint>> {
        let at = opt_time(at);
        let p = run(py, &self.client, |s| s.update_metric_point(metric, id, value, at))?;
        MetricPoint::from_core(py, p)
    }

    /// Deletes a point.
    fn delete(&self, py: Python<'_>, metric: i64, id: i64) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_metric_point(metric, id))
    }
}
