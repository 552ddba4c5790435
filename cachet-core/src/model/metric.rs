//! Metrics and their points.

use chrono::{DateTime, Utc};
use serde::Serialize;

use super::{MetricCalcType, MetricView, MetricVisibility, PageRequest, SortOrder, Viewer, list::sort_keys};

/// A measured quantity charted on the page.
#[derive(Debug, Clone, PartialEq, Serialize)]
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
    /// How a bucket's points combine.
    pub calc_type: MetricCalcType,
    /// Shown as a chart on the page.
    pub display_chart: bool,
    /// Decimal places shown, 0-4.
    pub places: i16,
    /// The period charted by default.
    pub default_view: MetricView,
    /// Minutes within which equal values are counted on one point; divides 60.
    pub threshold: i32,
    /// Position among metrics.
    pub order: i32,
    /// Who may see it.
    pub visible: MetricVisibility,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Input for a new metric.
#[derive(Debug, Clone, PartialEq)]
pub struct NewMetric {
    /// Required, non-empty.
    pub name: String,
    /// Required unit.
    pub suffix: String,
    /// Free text.
    pub description: String,
    /// Value of empty buckets.
    pub default_value: f64,
    /// Defaults to sum.
    pub calc_type: MetricCalcType,
    /// Defaults to `true`.
    pub display_chart: bool,
    /// 0-4, defaults to 2.
    pub places: i16,
    /// Defaults to the last 12 hours.
    pub default_view: MetricView,
    /// Defaults to 5; must divide 60.
    pub threshold: i32,
    /// Position.
    pub order: i32,
    /// Defaults to public.
    pub visible: MetricVisibility,
}

impl NewMetric {
    /// A metric with Cachet's defaults for everything but name and suffix.
    pub fn new(name: impl Into<String>, suffix: impl Into<String>) -> Self {
        NewMetric {
            name: name.into(),
            suffix: suffix.into(),
            description: String::new(),
            default_value: 0.0,
            calc_type: MetricCalcType::Sum,
            display_chart: true,
            places: 2,
            default_view: MetricView::Last12Hours,
            threshold: 5,
            order: 0,
            visible: MetricVisibility::Public,
        }
    }
}

/// A partial update of a metric.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MetricPatch {
    /// New name.
    pub name: Option<String>,
    /// New unit.
    pub suffix: Option<String>,
    /// New description.
    pub description: Option<String>,
    /// New default value.
    pub default_value: Option<f64>,
    /// New calculation.
    pub calc_type: Option<MetricCalcType>,
    /// Chart or not.
    pub display_chart: Option<bool>,
    /// New decimal places.
    pub places: Option<i16>,
    /// New default view.
    pub default_view: Option<MetricView>,
    /// New threshold.
    pub threshold: Option<i32>,
    /// New position.
    pub order: Option<i32>,
    /// New visibility.
    pub visible: Option<MetricVisibility>,
}

sort_keys! {
    /// Columns a metric listing can be sorted by.
    MetricSort {
        Id => "id",
        Name => "name",
        DisplayChart => "display_chart",
        DefaultValue => "default_value",
        CalcType => "calc_type",
        Order => "order",
        Visible => "visible",
    }
}

/// Sort and page of a metric listing.
#[derive(Debug, Clone, Default)]
pub struct MetricQuery {
    /// Sort column and direction; default by id.
    pub sort: Option<(MetricSort, SortOrder)>,
    /// Which page.
    pub page: PageRequest,
    /// Guests get public metrics only.
    pub viewer: Viewer,
}

/// One measurement; equal values within the metric's threshold share a point and bump its counter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricPoint {
    /// Row id.
    pub id: i64,
    /// The metric.
    pub metric_id: i64,
    /// The measured value.
    pub value: f64,
    /// How many times this value was reported within the threshold.
    pub counter: i32,
    /// When (rounded to 30 seconds).
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

impl MetricPoint {
    /// value × counter, as Cachet's `calculated_value`.
    pub fn calculated_value(&self) -> f64 {
        self.value * f64::from(self.counter)
    }
}
