//! The Rust side of the Python overhead figures: calls per second of `list_components` (first
//! page of 20, out of 50 components) and `create_incident` on a temporary SQLite file, the same
//! work `benches/overhead.py` does through the bindings.
//!
//! `cargo run --release -p cachet-py --example overhead [seconds per round]`

use std::time::{Duration, Instant};

use cachet_core::model::{ComponentQuery, ComponentStatus, IncidentStatus, NewComponent, NewIncident, Viewer};
use cachet_core::{Result, Store};

/// Rounds per figure; the best round is reported, as the machine may be busy with other work.
const ROUNDS: u32 = 5;

/// Runs `f` repeatedly for `ROUNDS` rounds of about `budget` and returns the best calls per second.
fn rate(budget: Duration, mut f: impl FnMut() -> Result<()>) -> Result<f64> {
    let mut best = 0.0_f64;
    for _ in 0..ROUNDS {
        let start = Instant::now();
        let mut calls = 0u64;
        while start.elapsed() < budget {
            f()?;
            calls += 1;
        }
        best = best.max(calls as f64 / start.elapsed().as_secs_f64());
    }
    Ok(best)
}

fn main() -> Result<()> {
    let seconds: f64 = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1.0);
    let budget = Duration::from_secs_f64(seconds);
    let dir = std::env::temp_dir().join(format!("cachet-overhead-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| cachet_core::Error::Database(e.to_string()))?;
    let store = Store::open(&format!("sqlite://{}", dir.join("bench.db").display()))?;
    for i in 0..50 {
        store.create_component(NewComponent::new(format!("svc-{i}"), ComponentStatus::Operational))?;
    }
    let query = ComponentQuery { viewer: Viewer::Authenticated, ..ComponentQuery::default() };
    let list = rate(budget, || store.list_components(&query).map(drop))?;
    let create = rate(budget, || {
        store.create_incident(NewIncident::new("Outage", IncidentStatus::Investigating, "Looking into it")).map(drop)
    })?;
    println!("rust components.list   {list:>10.0} calls/s");
    println!("rust incidents.create  {create:>10.0} calls/s");
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}
