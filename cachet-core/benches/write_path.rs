//! The library side of the write-path benchmark (`bench/write-path.sh`): the same inserts the API
//! does for `POST /api/v1/incidents` and `POST /api/v1/metrics/{id}/points`, made directly through
//! `Store::create_incident` and `Store::add_metric_point` from 16 threads sharing one store, so the
//! script can report how much of the API's write throughput the HTTP layer keeps.
//!
//! Configured by environment (the script sets it): `CACHET_BENCH_URL` (an existing, migrated
//! database), `CACHET_BENCH_METRIC` (a metric id, default 1), `CACHET_BENCH_THREADS` (default 16),
//! `CACHET_BENCH_SECONDS` per operation (default 10), `CACHET_BENCH_POOL` (pool size, default 8 like
//! the server). Prints one line per operation: `<operation> <count> <seconds> <per second>`.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use cachet_core::model::{IncidentStatus, NewIncident};
use cachet_core::{Store, StoreOptions};

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Runs `op` from `threads` threads for `seconds`, returning successful calls and elapsed time.
fn hammer(
    threads: usize,
    seconds: u64,
    op: impl Fn(&Store) -> bool + Send + Sync + 'static,
    store: &Store,
) -> (u64, f64) {
    let op = Arc::new(op);
    let stop = Arc::new(AtomicBool::new(false));
    let done = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let start = Instant::now();
    let handles: Vec<_> = (0..threads)
        .map(|_| {
            let (op, stop, done, failed, store) =
                (op.clone(), stop.clone(), done.clone(), failed.clone(), store.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    if op(&store) {
                        done.fetch_add(1, Ordering::Relaxed);
                    } else {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_secs(seconds));
    stop.store(true, Ordering::Relaxed);
    for h in handles {
        let _ = h.join();
    }
    let elapsed = start.elapsed().as_secs_f64();
    let failed = failed.load(Ordering::Relaxed);
    if failed > 0 {
        eprintln!("{failed} calls failed");
    }
    (done.load(Ordering::Relaxed), elapsed)
}

fn main() {
    let Ok(url) = std::env::var("CACHET_BENCH_URL") else {
        eprintln!("set CACHET_BENCH_URL to a database URL (bench/write-path.sh does)");
        return;
    };
    let metric: i64 = env_or("CACHET_BENCH_METRIC", 1);
    let threads: usize = env_or("CACHET_BENCH_THREADS", 16);
    let seconds: u64 = env_or("CACHET_BENCH_SECONDS", 10);
    let pool_size: u32 = env_or("CACHET_BENCH_POOL", 8);
    let store = match Store::open_with(&url, StoreOptions { pool_size, ..StoreOptions::default() }) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("cannot open {url}: {e}");
            std::process::exit(1);
        }
    };
    let (n, secs) = hammer(
        threads,
        seconds,
        |s| {
            let input =
                NewIncident::new("Library write", IncidentStatus::Investigating, "Written by the write-path bench.");
            s.create_incident(input).is_ok()
        },
        &store,
    );
    println!("create_incident {n} {secs:.2} {:.0}", n as f64 / secs);
    let (n, secs) = hammer(threads, seconds, move |s| s.add_metric_point(metric, 1.5, None).is_ok(), &store);
    println!("add_metric_point {n} {secs:.2} {:.0}", n as f64 / secs);
}
