//! Embedding cachet-core in a program of your own, on SQLite: create a group, two components and
//! an incident affecting one of them, then print the banner and each component's effective status.
//!
//! The database is `CACHET_DATABASE_URL` when set (any URL the library accepts), otherwise
//! `sqlite://example.db` in a temporary directory that is removed at the end.
//!
//! ```sh
//! cargo run -p cachet-examples --bin embedded
//! ```

use std::process::ExitCode;

use cachet_core::model::{
    AffectedComponent, ComponentStatus, IncidentStatus, NewComponent, NewGroup, NewIncident, Viewer,
};
use cachet_core::{StatusOverview, Store};

fn main() -> ExitCode {
    // Kept alive until the end of `main`, so the default database outlives the store.
    let scratch = match tempfile::tempdir() {
        Ok(dir) => dir,
        Err(e) => {
            eprintln!("error: cannot make a temporary directory: {e}");
            return ExitCode::FAILURE;
        }
    };
    let url = std::env::var("CACHET_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", scratch.path().join("example.db").display()));
    match run(&url) {
        Ok(overview) => {
            print!("{}", render(&overview));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Opens (and migrates) the database, records a small outage and returns what the page would show.
fn run(url: &str) -> cachet_core::Result<StatusOverview> {
    let store = Store::open(url)?;
    println!("Database: {}", store.redacted_url());

    let group = store.create_group(NewGroup { visible: true, ..NewGroup::new("Platform") })?;
    let api = store.create_component(NewComponent {
        group_id: Some(group.id),
        description: "The public REST API".into(),
        ..NewComponent::new("API", ComponentStatus::Operational)
    })?;
    store.create_component(NewComponent {
        group_id: Some(group.id),
        ..NewComponent::new("Website", ComponentStatus::Operational)
    })?;

    // The incident gives the API its status, records the change in the history, and is what keeps
    // the banner from being green until it is resolved.
    let mut incident = NewIncident::new(
        "Elevated API error rate",
        IncidentStatus::Identified,
        "A faulty deploy is being rolled back.",
    );
    incident.components = vec![AffectedComponent { component_id: api.id, status: ComponentStatus::PartialOutage }];
    let incident = store.create_incident(incident)?;
    println!("Opened incident #{}: {} ({})", incident.id, incident.name, incident.status);

    store.status_overview(Viewer::Guest)
}

/// The banner, then each group with its worst status and its components' effective statuses.
fn render(overview: &StatusOverview) -> String {
    let mut out = format!("\n[{}] {}\n", overview.banner.status.as_str(), overview.banner.message);
    for group in &overview.groups {
        let status = group.status.map_or("no components", |s| s.label());
        out.push_str(&format!("\n{} ({status})\n", group.group.name));
        for c in overview.components.iter().filter(|c| c.component.group_id == Some(group.group.id)) {
            out.push_str(&format!("  {}: {}\n", c.component.name, c.effective.label()));
        }
    }
    let ungrouped: Vec<_> = overview.components.iter().filter(|c| c.component.group_id.is_none()).collect();
    if !ungrouped.is_empty() {
        out.push_str("\nOther components\n");
        for c in ungrouped {
            out.push_str(&format!("  {}: {}\n", c.component.name, c.effective.label()));
        }
    }
    out
}
