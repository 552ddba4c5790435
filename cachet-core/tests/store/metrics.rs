//! Metrics and their points: defaults, validation, Cachet's de-duplication and 30-second rounding,
//! order of points and deletion.

use cachet_core::model::*;

use crate::util::{assert_invalid, assert_not_found, at, count_rows, store_at};

fn metric(store: &cachet_core::Store) -> Metric {
    store.create_metric(NewMetric::new("Response time", "ms")).unwrap()
}

cachet_core::backend_tests! {
    fn a_metric_is_created_with_cachet_defaults(store: &Store) {
        let m = metric(store);
        assert_eq!((m.name.as_str(), m.suffix.as_str()), ("Response time", "ms"));
        assert_eq!((m.places, m.threshold, m.order), (2, 5, 0));
        assert_eq!((m.calc_type, m.default_view, m.visible), (MetricCalcType::Sum, MetricView::Last12Hours, MetricVisibility::Public));
        assert!(m.display_chart);
        assert_eq!(m.default_value, 0.0);
        assert_eq!(store.metric(m.id).unwrap(), m);
        assert_eq!(store.find_metric("Response time").unwrap().id, m.id);
    }

    fn metric_places_and_threshold_are_validated(store: &Store) {
        let mut input = NewMetric::new("Load", "");
        input.places = 5;
        assert_invalid(store.create_metric(input), "places");
        let mut input = NewMetric::new("Load", "");
        input.threshold = 7;
        assert_invalid(store.create_metric(input), "threshold");
        let mut input = NewMetric::new("Load", "");
        input.default_value = f64::NAN;
        assert_invalid(store.create_metric(input), "default_value");
        assert_invalid(store.create_metric(NewMetric::new(" ", "ms")), "name");
        let m = metric(store);
        assert_invalid(store.update_metric(m.id, MetricPatch { threshold: Some(0), ..Default::default() }), "threshold");
        assert_invalid(store.update_metric(m.id, MetricPatch { places: Some(-1), ..Default::default() }), "places");
        let u = store.update_metric(m.id, MetricPatch { threshold: Some(15), ..Default::default() }).unwrap();
        assert_eq!((u.threshold, u.places, u.name.as_str()), (15, 2, "Response time"));
        assert_eq!(store.list_metrics(&MetricQuery::default()).unwrap().total, 1);
    }

    fn an_equal_value_within_the_threshold_bumps_the_counter(store: &Store) {
        let m = metric(store);
        let first = store.add_metric_point(m.id, 10.0, Some(at("2026-01-01T12:00:00Z"))).unwrap();
        let again = store.add_metric_point(m.id, 10.0, Some(at("2026-01-01T12:03:50Z"))).unwrap();
        assert_eq!(again.id, first.id);
        assert_eq!(again.counter, 2);
        assert_eq!(again.created_at, first.created_at, "the point keeps its time");
        assert_eq!(again.calculated_value(), 20.0);
        let other_value = store.add_metric_point(m.id, 11.0, Some(at("2026-01-01T12:01:00Z"))).unwrap();
        assert_ne!(other_value.id, first.id, "a different value is a new point");
        assert_eq!(store.list_metric_points(m.id, PageRequest::default()).unwrap().total, 2);
    }

    fn an_equal_value_outside_the_threshold_is_a_new_point(store: &Store) {
        let m = metric(store);
        let first = store.add_metric_point(m.id, 10.0, Some(at("2026-01-01T12:00:00Z"))).unwrap();
        // Threshold 5: a point counts from the start of the minute 4 minutes earlier (12:06 here).
        let later = store.add_metric_point(m.id, 10.0, Some(at("2026-01-01T12:10:00Z"))).unwrap();
        assert_ne!(later.id, first.id);
        assert_eq!((later.counter, store.metric_point(m.id, first.id).unwrap().counter), (1, 1));
    }

    fn point_times_are_rounded_to_30_seconds(store: &Store) {
        let m = metric(store);
        let down = store.add_metric_point(m.id, 1.0, Some(at("2026-01-01T12:00:14Z"))).unwrap();
        assert_eq!(down.created_at, at("2026-01-01T12:00:00Z"));
        let up = store.add_metric_point(m.id, 2.0, Some(at("2026-01-01T12:00:16Z"))).unwrap();
        assert_eq!(up.created_at, at("2026-01-01T12:00:30Z"));
        let now = store_at(store, "2026-01-01T13:00:44Z").add_metric_point(m.id, 3.0, None).unwrap();
        assert_eq!(now.created_at, at("2026-01-01T13:00:30Z"), "no time means the store's now, rounded");
    }

    fn point_values_are_validated(store: &Store) {
        let m = metric(store);
        assert_invalid(store.add_metric_point(m.id, f64::INFINITY, None), "value");
        assert_invalid(store.add_metric_point(m.id, 1e13, None), "value");
        assert_not_found(store.add_metric_point(9999, 1.0, None));
        assert_eq!(store.list_metric_points(m.id, PageRequest::default()).unwrap().total, 0);
    }

    fn points_are_listed_newest_first(store: &Store) {
        let m = metric(store);
        let ids: Vec<i64> = ["2026-01-01T12:00:00Z", "2026-01-01T14:00:00Z", "2026-01-01T13:00:00Z"]
            .into_iter()
            .enumerate()
            .map(|(i, t)| store.add_metric_point(m.id, i as f64, Some(at(t))).unwrap().id)
            .collect();
        let page = store.list_metric_points(m.id, PageRequest::default()).unwrap();
        assert_eq!(page.items.iter().map(|p| p.id).collect::<Vec<_>>(), [ids[1], ids[2], ids[0]]);
        let between = store.metric_points_between(m.id, at("2026-01-01T12:30:00Z"), at("2026-01-01T14:00:00Z")).unwrap();
        assert_eq!(between.iter().map(|p| p.id).collect::<Vec<_>>(), [ids[2]], "oldest first, end exclusive");
    }

    fn points_are_edited_and_deleted_within_their_metric(store: &Store) {
        let (m, other) = (metric(store), store.create_metric(NewMetric::new("Other", "")).unwrap());
        let p = store.add_metric_point(m.id, 1.0, Some(at("2026-01-01T12:00:00Z"))).unwrap();
        let u = store.update_metric_point(m.id, p.id, Some(2.5), Some(at("2026-01-01T12:01:10Z"))).unwrap();
        assert_eq!((u.value, u.created_at), (2.5, at("2026-01-01T12:01:00Z")));
        assert_not_found(store.metric_point(other.id, p.id));
        assert_not_found(store.delete_metric_point(other.id, p.id));
        store.delete_metric_point(m.id, p.id).unwrap();
        assert_not_found(store.metric_point(m.id, p.id));
    }

    fn deleting_a_metric_deletes_its_points(store: &Store) {
        let (m, other) = (metric(store), store.create_metric(NewMetric::new("Other", "")).unwrap());
        store.add_metric_point(m.id, 1.0, Some(at("2026-01-01T12:00:00Z"))).unwrap();
        store.add_metric_point(m.id, 2.0, Some(at("2026-01-01T12:00:00Z"))).unwrap();
        store.add_metric_point(other.id, 3.0, Some(at("2026-01-01T12:00:00Z"))).unwrap();
        store.delete_metric(m.id).unwrap();
        assert_not_found(store.metric(m.id));
        assert_not_found(store.list_metric_points(m.id, PageRequest::default()));
        assert_eq!(count_rows(store, "metric_points"), 1, "only the other metric's point is left");
        assert_not_found(store.delete_metric(m.id));
    }

    fn metrics_are_listed_and_sorted(store: &Store) {
        for (name, order) in [("b", 2), ("a", 1)] {
            store.create_metric(NewMetric { order, ..NewMetric::new(name, "") }).unwrap();
        }
        let names = |q: MetricQuery| store.list_metrics(&q).unwrap().items.into_iter().map(|m| m.name).collect::<Vec<_>>();
        assert_eq!(names(MetricQuery::default()), ["b", "a"]);
        assert_eq!(names(MetricQuery { sort: Some((MetricSort::Order, SortOrder::Asc)), ..Default::default() }), ["a", "b"]);
    }
}
