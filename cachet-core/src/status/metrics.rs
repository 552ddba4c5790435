//! Metric charts as numbers: the buckets a chart view covers and each bucket's value from the
//! points that fall in it. Pure, so the page, the API and any other frontend chart the same data.
//!
//! A view ends at the bucket holding `now`: the last hour per minute, the last 12 hours per hour,
//! the last week (7 days) and month (30 days) per calendar day in the page's time zone. A bucket
//! without points takes the metric's default value, as in Cachet.

use chrono::{DateTime, Days, Duration, DurationRound, NaiveDate, TimeZone, Utc};
use chrono_tz::Tz;

use crate::model::{MetricCalcType, MetricView};

/// One bucket of a chart: where it starts and the value it shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct MetricBucket {
    /// First instant of the bucket.
    pub start: DateTime<Utc>,
    /// The combined value of the bucket's points, or the metric's default.
    pub value: f64,
}

/// The edges of the buckets `view` covers at `now`: `n + 1` instants for `n` buckets, oldest
/// first; the last edge is the end of the bucket holding `now`.
pub fn view_edges(view: MetricView, now: DateTime<Utc>, tz: Tz) -> Vec<DateTime<Utc>> {
    match view {
        MetricView::LastHour => fixed_edges(now, Duration::minutes(1), 60),
        MetricView::Last12Hours => fixed_edges(now, Duration::hours(1), 12),
        MetricView::LastWeek => day_edges(now, tz, 7),
        MetricView::LastMonth => day_edges(now, tz, 30),
    }
}

fn fixed_edges(now: DateTime<Utc>, step: Duration, count: i32) -> Vec<DateTime<Utc>> {
    let end = now.duration_trunc(step).unwrap_or(now) + step;
    (0..=count).rev().map(|i| end - step * i).collect()
}

fn day_edges(now: DateTime<Utc>, tz: Tz, count: u64) -> Vec<DateTime<Utc>> {
    let today = now.with_timezone(&tz).date_naive();
    let first = today.checked_sub_days(Days::new(count - 1)).unwrap_or(today);
    (0..=count).filter_map(|i| first.checked_add_days(Days::new(i))).map(|d| local_midnight(d, tz)).collect()
}

/// The first instant of a local day (the first that exists when midnight is skipped).
fn local_midnight(day: NaiveDate, tz: Tz) -> DateTime<Utc> {
    let mut t = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    for _ in 0..4 {
        if let Some(dt) = tz.from_local_datetime(&t).earliest() {
            return dt.with_timezone(&Utc);
        }
        t += Duration::minutes(30);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(0, 0, 0).unwrap_or_default())
}

/// Combines `points` (time, value, counter; in any order) into the buckets between consecutive
/// `edges`. [`MetricCalcType::Sum`] adds value × counter; [`MetricCalcType::Average`] is the mean
/// value weighted by counter (a counter says how many equal reports a point stands for). Buckets
/// without points take `default_value`; points outside the edges are ignored.
pub fn bucket_points(
    points: &[(DateTime<Utc>, f64, i32)],
    calc: MetricCalcType,
    default_value: f64,
    edges: &[DateTime<Utc>],
) -> Vec<MetricBucket> {
    let n = edges.len().saturating_sub(1);
    let mut sums = vec![0.0_f64; n];
    let mut counts = vec![0_i64; n];
    for &(at, value, counter) in points {
        // The bucket is the last edge at or before `at`, if `at` is before the final edge.
        let i = edges.partition_point(|e| *e <= at);
        if i == 0 || i > n {
            continue;
        }
        let counter = i64::from(counter.max(1));
        sums[i - 1] += value * counter as f64;
        counts[i - 1] += counter;
    }
    (0..n)
        .map(|i| {
            let value = match (counts[i], calc) {
                (0, _) => default_value,
                (_, MetricCalcType::Sum) => sums[i],
                (c, MetricCalcType::Average) => sums[i] / c as f64,
            };
            MetricBucket { start: edges[i], value }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 10, h, m, s).unwrap()
    }

    #[test]
    fn last_hour_has_sixty_minute_buckets_ending_with_the_current_minute() {
        let edges = view_edges(MetricView::LastHour, t(12, 30, 15), Tz::UTC);
        assert_eq!(edges.len(), 61);
        assert_eq!(edges[0], t(11, 31, 0));
        assert_eq!(edges[60], t(12, 31, 0));
    }

    #[test]
    fn last_twelve_hours_has_hourly_buckets() {
        let edges = view_edges(MetricView::Last12Hours, t(12, 30, 0), Tz::UTC);
        assert_eq!(edges.len(), 13);
        assert_eq!(edges[0], t(1, 0, 0));
        assert_eq!(edges[12], t(13, 0, 0));
    }

    #[test]
    fn week_buckets_are_local_days() {
        let paris: Tz = "Europe/Paris".parse().unwrap();
        let edges = view_edges(MetricView::LastWeek, t(23, 30, 0), paris);
        assert_eq!(edges.len(), 8);
        // 23:30 UTC is already the 11th in Paris: the last bucket is the 11th, from 23:00 UTC on the 10th.
        assert_eq!(edges[7], Utc.with_ymd_and_hms(2026, 3, 11, 23, 0, 0).unwrap());
        assert_eq!(edges[6], t(23, 0, 0));
        assert_eq!(view_edges(MetricView::LastMonth, t(12, 0, 0), Tz::UTC).len(), 31);
    }

    #[test]
    fn sum_adds_value_times_counter_per_bucket() {
        let edges = [t(12, 0, 0), t(12, 1, 0), t(12, 2, 0)];
        let points = [(t(12, 0, 0), 2.0, 3), (t(12, 0, 30), 1.0, 1)];
        let buckets = bucket_points(&points, MetricCalcType::Sum, 0.0, &edges);
        assert_eq!(buckets.iter().map(|b| b.value).collect::<Vec<_>>(), vec![7.0, 0.0]);
        assert_eq!(buckets[1].start, t(12, 1, 0));
    }

    #[test]
    fn average_weights_values_by_counter() {
        let edges = [t(12, 0, 0), t(12, 1, 0)];
        let points = [(t(12, 0, 0), 10.0, 3), (t(12, 0, 30), 20.0, 1)];
        let buckets = bucket_points(&points, MetricCalcType::Average, 0.0, &edges);
        assert_eq!(buckets[0].value, 12.5);
    }

    #[test]
    fn empty_buckets_take_the_default_value() {
        let edges = [t(12, 0, 0), t(12, 1, 0), t(12, 2, 0)];
        let points = [(t(12, 1, 30), 4.0, 1)];
        let buckets = bucket_points(&points, MetricCalcType::Average, 1.5, &edges);
        assert_eq!(buckets.iter().map(|b| b.value).collect::<Vec<_>>(), vec![1.5, 4.0]);
    }

    #[test]
    fn points_outside_the_view_are_ignored() {
        let edges = [t(12, 0, 0), t(12, 1, 0)];
        let points = [(t(11, 59, 59), 5.0, 1), (t(12, 1, 0), 5.0, 1)];
        let buckets = bucket_points(&points, MetricCalcType::Sum, 0.0, &edges);
        assert_eq!(buckets[0].value, 0.0);
    }
}
