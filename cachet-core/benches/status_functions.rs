//! Criterion micro-benchmarks of the pure functions every status page render calls: the overall
//! banner, 90 days of uptime for one component, an incident template render and metric bucketing
//! for each chart view. They need no database, so they measure the rules alone.
//!
//! `cargo bench -p cachet-core --bench status_functions -- --warm-up-time 1 --measurement-time 2`

use std::hint::black_box;

use cachet_core::model::{ComponentStatus, MetricCalcType, MetricView};
use cachet_core::status::{banner, bucket_points, daily_uptime, view_edges};
use cachet_core::template::render;
use chrono::{Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::json;

fn statuses(n: usize) -> Vec<ComponentStatus> {
    (0..n)
        .map(|i| match i % 50 {
            7 => ComponentStatus::PerformanceIssues,
            23 => ComponentStatus::PartialOutage,
            41 => ComponentStatus::MajorOutage,
            _ => ComponentStatus::Operational,
        })
        .collect()
}

fn bench_banner(c: &mut Criterion) {
    for n in [50, 1000] {
        let s = statuses(n);
        c.bench_function(&format!("banner/{n} components"), |b| b.iter(|| banner(black_box(&s), true, 0.25)));
    }
}

fn bench_uptime(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    let tz = chrono_tz::Europe::Berlin;
    let to = now.with_timezone(&tz).date_naive();
    let from = to - Duration::days(89);
    let start = now - Duration::days(90);
    for per_day in [0_i64, 2, 24] {
        let changes: Vec<_> = (0..90 * per_day)
            .map(|i| {
                let status = if i % 2 == 0 { ComponentStatus::PartialOutage } else { ComponentStatus::Operational };
                (start + Duration::minutes(i * (24 * 60 / per_day.max(1)) + 7), status)
            })
            .collect();
        c.bench_function(&format!("daily_uptime/90 days, {} changes", changes.len()), |b| {
            b.iter(|| daily_uptime(Some(ComponentStatus::Operational), black_box(&changes), from, to, tz, now))
        });
    }
}

fn bench_template(c: &mut Criterion) {
    let template = "We are investigating {{ incident.name }} affecting {{ component.name | upper }}.\n\n\
                    Started at {{ incident.occurred_at }}; next update by {{ next | escape }}. {{ missing.value }}";
    let values = json!({
        "incident": {"name": "Elevated API errors", "occurred_at": "2026-11-22 12:00"},
        "component": {"name": "Public API"},
        "next": "<13:00 UTC>",
    });
    c.bench_function("template::render/5 placeholders", |b| b.iter(|| render(black_box(template), black_box(&values))));
}

fn bench_bucketing(c: &mut Criterion) {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 34, 56).unwrap();
    let tz = chrono_tz::Europe::Berlin;
    for (view, span, label) in [
        (MetricView::LastHour, Duration::hours(1), "last hour"),
        (MetricView::Last12Hours, Duration::hours(12), "last 12 hours"),
        (MetricView::LastMonth, Duration::days(30), "last month"),
    ] {
        let n = 10_000_i64;
        let step = span.num_seconds() / n;
        let points: Vec<_> = (0..n).map(|i| (now - Duration::seconds(i * step), (i % 100) as f64, 1)).collect();
        c.bench_function(&format!("metric buckets/{label}, {n} points"), |b| {
            b.iter(|| {
                let edges = view_edges(view, now, tz);
                bucket_points(black_box(&points), MetricCalcType::Average, 0.0, &edges)
            })
        });
    }
}

criterion_group!(benches, bench_banner, bench_uptime, bench_template, bench_bucketing);
criterion_main!(benches);
