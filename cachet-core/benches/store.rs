//! The figures issue 2 asks for, measured through the public `Store` API on a fresh database:
//! opening and migrating a new SQLite file, inserting 10,000 incidents one `create_incident` call
//! at a time, and fetching page 1 of the incident list with 1,000,000 incidents present.
//!
//! Runs on SQLite always and on PostgreSQL when `CACHET_TEST_POSTGRES_URL` names a server that may
//! create databases (the same variable as the test suite). The 1,000,000-row setup is bulk-loaded
//! with one `INSERT ... SELECT` per backend (a recursive CTE on SQLite, `generate_series` on
//! PostgreSQL): loading it through the API would take hours and is not what is measured.
//!
//! `cargo bench -p cachet-core --bench store` prints a Markdown table. `CACHET_BENCH_ROWS` changes
//! the number of incidents in the large listing (default 1,000,000).

use std::time::{Duration, Instant};

use cachet_core::db::{ConnectionManager, DatabaseUrl};
use cachet_core::model::{IncidentQuery, IncidentSort, IncidentStatus, NewIncident, PageRequest, SortOrder, Viewer};
use cachet_core::testing::TestDb;
use cachet_core::{Backend, Store};
use diesel::connection::SimpleConnection;

/// Incidents created through the API.
const INSERTS: usize = 10_000;
/// Times each listing query is repeated; the median is reported.
const QUERY_RUNS: usize = 25;
/// Fresh SQLite databases opened and migrated; the median is reported.
const OPEN_RUNS: usize = 20;

/// One row of the result table.
struct Figure {
    backend: &'static str,
    what: String,
    value: String,
}

fn main() {
    // `cargo bench` passes `--bench`; this binary has no options of its own.
    let rows: usize = std::env::var("CACHET_BENCH_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let mut figures = Vec::new();
    figures.push(open_and_migrate_sqlite());
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(db) = TestDb::new(backend) else {
            eprintln!("skipping {}: CACHET_TEST_POSTGRES_URL is not set", backend.name());
            continue;
        };
        let store = db.store();
        figures.extend(inserts_and_listing(&db, &store, rows));
    }
    println!("| backend | measurement | result |");
    println!("| --- | --- | --- |");
    for f in &figures {
        println!("| {} | {} | {} |", f.backend, f.what, f.value);
    }
}

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn open_and_migrate_sqlite() -> Figure {
    let samples = (0..OPEN_RUNS)
        .map(|_| {
            let dir = tempfile::tempdir().expect("temporary directory");
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            let started = Instant::now();
            let store = Store::open(&url).expect("open and migrate");
            let took = started.elapsed();
            assert_eq!(store.migrate().expect("migrate again"), 0);
            took
        })
        .collect();
    Figure {
        backend: "sqlite",
        what: format!("open + migrate a new database (median of {OPEN_RUNS})"),
        value: ms(median(samples)),
    }
}

fn inserts_and_listing(db: &TestDb, store: &Store, rows: usize) -> Vec<Figure> {
    let backend = db.backend().name();
    let mut out = Vec::new();

    let started = Instant::now();
    for i in 0..INSERTS {
        let status = if i % 5 == 0 { IncidentStatus::Investigating } else { IncidentStatus::Fixed };
        store
            .create_incident(NewIncident::new(format!("Incident {i}"), status, "Something happened."))
            .expect("create incident");
    }
    let took = started.elapsed();
    out.push(Figure {
        backend,
        what: format!("insert {INSERTS} incidents with `create_incident`, one transaction each"),
        value: format!("{:.0} incidents/s ({:.2} s)", INSERTS as f64 / took.as_secs_f64(), took.as_secs_f64()),
    });

    let bulk = rows.saturating_sub(INSERTS);
    let started = Instant::now();
    bulk_load(db, bulk);
    eprintln!("{backend}: bulk-loaded {bulk} incidents in {:.1} s", started.elapsed().as_secs_f64());
    let total = store
        .list_incidents(&IncidentQuery { viewer: Viewer::Authenticated, ..Default::default() })
        .expect("list")
        .total;
    assert_eq!(total as usize, rows, "the table holds the intended number of incidents");

    let queries: [(&str, IncidentQuery); 5] = [
        ("default query (guest, by id)", IncidentQuery::default()),
        (
            "`sort=occurred_at&order=desc` (guest)",
            IncidentQuery { sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)), ..Default::default() },
        ),
        (
            "`sort=occurred_at&order=desc` (signed in)",
            IncidentQuery {
                sort: Some((IncidentSort::OccurredAt, SortOrder::Desc)),
                viewer: Viewer::Authenticated,
                ..Default::default()
            },
        ),
        // Filters other than visibility count the matching rows through an index.
        (
            "filtered `is_resolved=0` (guest, 2,000 matches)",
            IncidentQuery { resolved: Some(false), ..Default::default() },
        ),
        (
            "filtered `status=4` (guest, 899,000 matches)",
            IncidentQuery { status: Some(IncidentStatus::Fixed), ..Default::default() },
        ),
    ];
    for (label, query) in queries {
        let query = IncidentQuery { page: PageRequest::new(1, 20), ..query };
        store.list_incidents(&query).expect("warm-up");
        let samples = (0..QUERY_RUNS)
            .map(|_| {
                let started = Instant::now();
                let page = store.list_incidents(&query).expect("list");
                let took = started.elapsed();
                assert_eq!(page.items.len(), 20);
                took
            })
            .collect();
        out.push(Figure {
            backend,
            what: format!("page 1 (per_page 20) of {rows} incidents, {label}, median of {QUERY_RUNS}"),
            value: ms(median(samples)),
        });
    }
    out
}

/// Adds `n` incidents with one statement: every tenth hidden, start times spread over about two
/// years in no particular order, all resolved.
fn bulk_load(db: &TestDb, n: usize) {
    let url = DatabaseUrl::parse(&db.url).expect("url");
    let mut conn = ConnectionManager::new(url).connect().expect("connect");
    let columns = "component_id, name, status, visible, stickied, notify, is_resolved, message, occurred_at, \
                   created_at, updated_at";
    let sql = match db.backend() {
        Backend::Sqlite => format!(
            "INSERT INTO incidents ({columns}) \
             WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < {n}) \
             SELECT 0, 'Bulk incident ' || n, 4, n % 10 <> 0, 0, 0, 1, 'Bulk message', \
             datetime('2024-01-01', '+' || ((n * 7919) % 1000000) || ' minutes'), \
             datetime('now'), datetime('now') FROM s; ANALYZE;"
        ),
        Backend::Postgres => format!(
            "INSERT INTO incidents ({columns}) \
             SELECT 0, 'Bulk incident ' || n, 4, n % 10 <> 0, false, false, true, 'Bulk message', \
             timestamp '2024-01-01' + ((n * 7919) % 1000000) * interval '1 minute', \
             now(), now() FROM generate_series(1::bigint, {n}::bigint) AS n; ANALYZE incidents;"
        ),
        Backend::Mysql => unreachable!("the benchmark covers SQLite and PostgreSQL"),
    };
    conn.batch_execute(&sql).expect("bulk load");
}
