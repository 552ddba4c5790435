//! What guests may not see is not found on every route that takes an id, as for an id never
//! used: a disabled component, a component of a hidden group, a hidden group, a metric that is not
//! public, a hidden incident. A valid token sees them all.

use cachet_core::model::{
    AffectedComponent, ComponentStatus, IncidentStatus, MetricVisibility, NewComponent, NewGroup, NewIncident,
    NewMetric,
};
use reqwest::{Method, StatusCode};

/// Ids of what guests may see and what they may not.
struct Arranged {
    public: Vec<String>,
    private: Vec<String>,
    page_public: Vec<String>,
    page_private: Vec<String>,
    incident_with_hidden_members: i64,
}

async fn arrange(api: &crate::support::Api) -> Arranged {
    api.with_store(|s| {
        let shown = s.create_group(NewGroup { visible: true, ..NewGroup::new("Shown group") }).unwrap().id;
        let hidden = s.create_group(NewGroup { visible: false, ..NewGroup::new("Hidden group") }).unwrap().id;
        let component = |name: &str, group: Option<i64>, enabled: bool| {
            s.create_component(NewComponent {
                group_id: group,
                enabled,
                ..NewComponent::new(name, ComponentStatus::Operational)
            })
            .unwrap()
            .id
        };
        let in_shown = component("In shown group", Some(shown), true);
        let ungrouped = component("Ungrouped", None, true);
        let in_hidden = component("In hidden group", Some(hidden), true);
        let disabled = component("Disabled", None, false);
        let metric = |name: &str, visible| {
            let id = s.create_metric(NewMetric { visible, ..NewMetric::new(name, "ms") }).unwrap().id;
            s.add_metric_point(id, 1.0, None).unwrap();
            id
        };
        let public_metric = metric("Public", MetricVisibility::Public);
        let signed_in_metric = metric("Signed in", MetricVisibility::Authenticated);
        let hidden_metric = metric("Hidden", MetricVisibility::Hidden);
        let hidden_incident = s
            .create_incident(NewIncident {
                visible: false,
                ..NewIncident::new("Internal", IncidentStatus::Investigating, "m")
            })
            .unwrap()
            .id;
        let affected = |id| AffectedComponent { component_id: id, status: ComponentStatus::PartialOutage };
        let incident = s
            .create_incident(NewIncident {
                components: vec![affected(in_shown), affected(in_hidden), affected(disabled)],
                ..NewIncident::new("Public incident", IncidentStatus::Investigating, "m")
            })
            .unwrap()
            .id;
        let component_routes =
            |id: i64| vec![format!("/api/v1/components/{id}"), format!("/api/v1/components/{id}/uptime")];
        let metric_routes = |id: i64| vec![format!("/api/v1/metrics/{id}"), format!("/api/v1/metrics/{id}/points")];
        let mut public =
            [component_routes(in_shown), component_routes(ungrouped), metric_routes(public_metric)].concat();
        public.push(format!("/api/v1/components/groups/{shown}"));
        public.push(format!("/api/v1/incidents/{incident}"));
        let mut private = [
            component_routes(in_hidden),
            component_routes(disabled),
            metric_routes(signed_in_metric),
            metric_routes(hidden_metric),
        ]
        .concat();
        private.push(format!("/api/v1/components/groups/{hidden}"));
        private.push(format!("/api/v1/incidents/{hidden_incident}"));
        private.push(format!("/api/v1/incidents/{hidden_incident}/updates"));
        Arranged {
            public,
            private,
            page_public: vec![
                format!("/components/{in_shown}/badge.svg"),
                format!("/components/{ungrouped}/badge.svg"),
                format!("/groups/{shown}"),
            ],
            page_private: vec![
                format!("/groups/{hidden}"),
                format!("/components/{in_hidden}/badge.svg"),
                format!("/components/{disabled}/badge.svg"),
                format!("/incidents/{hidden_incident}"),
            ],
            incident_with_hidden_members: incident,
        }
    })
    .await
}

crate::api_tests! {
    async fn guests_get_404_by_id_for_what_they_may_not_see_and_a_token_gets_200(api: &Api) {
        let arranged = arrange(api).await;
        for path in &arranged.private {
            let (status, body) = api.get(path).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "guest GET {path}: {body}");
            let (status, body) = api.send(api.anon(Method::GET, path).header("X-Cachet-Token", "not-a-token")).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "GET {path} with an invalid token reads as a guest: {body}");
            let (status, body) = api.get_authed(path).await;
            assert_eq!(status, StatusCode::OK, "GET {path} with a token: {body}");
        }
        for path in &arranged.public {
            let (status, body) = api.get(path).await;
            assert_eq!(status, StatusCode::OK, "guest GET {path}: {body}");
        }
    }

    async fn the_page_has_no_badge_or_page_for_what_guests_may_not_see(api: &Api) {
        let arranged = arrange(api).await;
        for path in &arranged.page_private {
            assert_eq!(api.anon(Method::GET, path).send().await.unwrap().status(), StatusCode::NOT_FOUND, "{path}");
        }
        for path in &arranged.page_public {
            assert_eq!(api.anon(Method::GET, path).send().await.unwrap().status(), StatusCode::OK, "{path}");
        }
        let path = format!("/incidents/{}", arranged.incident_with_hidden_members);
        let html = api.anon(Method::GET, &path).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("In shown group"), "{html}");
        for hidden in ["In hidden group", "Disabled"] {
            assert!(!html.contains(hidden), "{path} names {hidden}");
        }
    }

    async fn guest_listings_leave_out_what_guests_may_not_see_by_id(api: &Api) {
        arrange(api).await;
        let names = |body: &serde_json::Value| -> Vec<String> {
            body["data"].as_array().unwrap().iter().map(|x| x["name"].as_str().unwrap().to_string()).collect()
        };
        let (_, guest) = api.get("/api/v1/components").await;
        assert_eq!(names(&guest), ["In shown group", "Ungrouped"]);
        let (_, signed_in) = api.get_authed("/api/v1/components").await;
        assert_eq!(names(&signed_in).len(), 4);
        let (_, guest) = api.get("/api/v1/metrics").await;
        assert_eq!(names(&guest), ["Public"]);
        let (_, signed_in) = api.get_authed("/api/v1/metrics").await;
        assert_eq!(names(&signed_in), ["Public", "Signed in", "Hidden"]);
    }
}
