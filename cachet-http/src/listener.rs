//! The connection layer: accepts TCP connections and serves HTTP/1.1 on them with hyper, under
//! limits that keep idle and slow clients from starving real ones.
//!
//! - A client has `header_timeout` to send a request's headers; hyper starts that clock whenever
//!   it waits for a request, so a kept-alive connection without a next request closes then too.
//! - A connection that makes no progress writing an answer for `idle_timeout` is closed (a
//!   client that stopped reading); request bodies have the same deadline (`api::request`).
//! - At most `max_connections` are open, and at most `max_per_ip` from one address (trusted
//!   proxies exempt). At the total cap, the oldest connection that has not sent a request yet
//!   makes room for the new one, so a flood of half-open connections cannot lock visitors out.
//! - Shutdown stops accepting, closes the connections that never sent a request, lets in-flight
//!   requests finish until a deadline, then returns even while connections are still open.
//!
//! A client going away is normal on the internet: it is logged at debug level.

use std::collections::{BTreeMap, HashMap};
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::pin::pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use hyper::server::conn::http1;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, OwnedSemaphorePermit, Semaphore};
use tokio_io_timeout::TimeoutStream;
use tower_service::Service;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use crate::client::{Client, TrustedProxies};

/// Largest request head (request line and headers); more is answered 431 by hyper.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// The limits of the connection layer.
#[derive(Debug, Clone)]
pub struct ConnLimits {
    /// Time to send a request's headers (and to start the next one on a kept-alive connection).
    pub header_timeout: Duration,
    /// Time a connection may make no progress writing.
    pub idle_timeout: Duration,
    /// Open connections in total.
    pub max_connections: usize,
    /// Open connections per client address; 0 for no limit.
    pub max_per_ip: usize,
    /// How long shutdown waits for in-flight requests.
    pub shutdown_timeout: Duration,
    /// Peers exempt from the per-address cap (they speak for many clients).
    pub trusted: TrustedProxies,
}

/// Raises the soft limit on open files to the hard limit and returns it (how many connections
/// the process can hold at most).
pub fn raise_open_file_limit() -> u64 {
    match rlimit::increase_nofile_limit(u64::MAX) {
        Ok(limit) => limit,
        Err(e) => {
            tracing::warn!(error = %e, "could not raise the open-file limit");
            rlimit::getrlimit(rlimit::Resource::NOFILE).map_or(1024, |(soft, _)| soft)
        }
    }
}

/// The default cap on open connections for a process that may hold `file_limit` files: three
/// quarters, leaving room for database connections, log files and the listener.
pub fn default_max_connections(file_limit: u64) -> usize {
    usize::try_from(file_limit.saturating_mul(3) / 4).unwrap_or(usize::MAX).max(16)
}

/// Serves `app` on `listener` until `shutdown` resolves, then drains within the deadline.
pub async fn serve(
    listener: TcpListener,
    app: BoxedFilter<(Response,)>,
    limits: ConnLimits,
    shutdown: impl Future<Output = ()>,
) {
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let per_ip = Arc::new(PerAddress::new(limits.max_per_ip));
    let waiting = Arc::new(Waiting::default());
    let mut shutdown = pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                Err(e) => {
                    // Out of file descriptors or a connection reset before accept: wait a little
                    // instead of spinning, and keep serving the connections we have.
                    tracing::debug!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let exempt = limits.trusted.contains(peer.ip());
        let Some(address_slot) = (if exempt { Some(None) } else { per_ip.enter(peer.ip()).map(Some) }) else {
            tracing::debug!(%peer, "too many connections from this address; closed");
            continue;
        };
        let Some(slot) = take_slot(&slots, &waiting).await else {
            tracing::debug!(%peer, "connection cap reached; closed");
            continue;
        };
        let conn = waiting.register(peer);
        let watcher = graceful.watcher();
        let app = app.clone();
        let limits = limits.clone();
        tokio::spawn(async move {
            let _slots = (slot, address_slot);
            serve_connection(stream, conn, app, &limits, watcher).await;
        });
    }
    drop(listener);
    // Connections that never sent a request have nothing in flight: close them now rather than
    // wait for their header timeout.
    while waiting.evict_oldest() {}
    let open = limits.max_connections.max(1) - slots.available_permits();
    tracing::info!(open, "stopped accepting; finishing in-flight requests");
    if tokio::time::timeout(limits.shutdown_timeout, graceful.shutdown()).await.is_err() {
        let open = limits.max_connections.max(1) - slots.available_permits();
        tracing::warn!(open, "shutdown deadline reached; closing the remaining connections");
    }
}

/// A slot for a new connection: a free one, else one made by closing the oldest connection
/// still waiting for its first request.
async fn take_slot(slots: &Arc<Semaphore>, waiting: &Waiting) -> Option<OwnedSemaphorePermit> {
    if let Ok(slot) = slots.clone().try_acquire_owned() {
        return Some(slot);
    }
    if !waiting.evict_oldest() {
        return None;
    }
    // The evicted connection gives its slot back as soon as its task ends.
    tokio::time::timeout(Duration::from_millis(100), slots.clone().acquire_owned()).await.ok()?.ok()
}

/// What one connection task knows of itself.
struct Connection {
    id: u64,
    peer: SocketAddr,
    /// Told when the connection is closed to make room.
    evicted: Arc<Notify>,
    waiting: Arc<Waiting>,
}

async fn serve_connection(
    stream: TcpStream,
    conn: Connection,
    app: BoxedFilter<(Response,)>,
    limits: &ConnLimits,
    watcher: hyper_util::server::graceful::Watcher,
) {
    let _ = stream.set_nodelay(true);
    let mut stream = TimeoutStream::new(stream);
    stream.set_write_timeout(Some(limits.idle_timeout));
    let io = TokioIo::new(Box::pin(stream));
    let Connection { id, peer, evicted, waiting } = conn;
    let requested = waiting.clone();
    let trusted = limits.trusted.clone();
    let service = hyper::service::service_fn(move |mut request: hyper::Request<hyper::body::Incoming>| {
        // It sent a request: no longer a candidate for eviction.
        requested.remove(id);
        let client = Client::of(Some(peer), request.headers(), &trusted);
        client.normalize(request.headers_mut());
        request.extensions_mut().insert(client);
        warp::service(app.clone()).call(request)
    });
    let mut builder = http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true)
        .max_buf_size(MAX_HEAD_BYTES)
        .max_headers(100);
    tokio::select! {
        served = watcher.watch(builder.serve_connection(io, service)) => {
            if let Err(e) = served {
                tracing::debug!(%peer, error = %e, "connection ended");
            }
        }
        () = evicted.notified() => tracing::debug!(%peer, "closed to make room for a new connection"),
    }
    waiting.remove(id);
}

/// Open connections per client address (IPv6 per /64).
struct PerAddress {
    max: usize,
    counts: Mutex<HashMap<IpAddr, usize>>,
}

/// One connection counted for an address; dropping it uncounts.
struct AddressSlot {
    key: IpAddr,
    owner: Arc<PerAddress>,
}

impl PerAddress {
    fn new(max: usize) -> Self {
        PerAddress { max, counts: Mutex::new(HashMap::new()) }
    }

    /// Counts a connection from `ip`, unless the address already has its maximum.
    fn enter(self: &Arc<Self>, ip: IpAddr) -> Option<AddressSlot> {
        let key = Client::limit_key(ip);
        if self.max == 0 {
            return Some(AddressSlot { key, owner: self.clone() });
        }
        let mut counts = self.counts.lock().ok()?;
        let count = counts.entry(key).or_insert(0);
        if *count >= self.max {
            return None;
        }
        *count += 1;
        Some(AddressSlot { key, owner: self.clone() })
    }
}

impl Drop for AddressSlot {
    fn drop(&mut self) {
        if self.owner.max == 0 {
            return;
        }
        if let Ok(mut counts) = self.owner.counts.lock()
            && let Some(count) = counts.get_mut(&self.key)
        {
            *count -= 1;
            if *count == 0 {
                counts.remove(&self.key);
            }
        }
    }
}

/// Connections that have not sent a request yet, oldest first (ids grow with age): the ones
/// to close when the cap is reached.
#[derive(Default)]
struct Waiting {
    ids: AtomicU64,
    open: Mutex<BTreeMap<u64, Arc<Notify>>>,
}

impl Waiting {
    /// Registers a new connection from `peer` (before its task starts, so that its first
    /// request always finds it).
    fn register(self: &Arc<Self>, peer: SocketAddr) -> Connection {
        let id = self.ids.fetch_add(1, Ordering::Relaxed);
        let evicted = Arc::new(Notify::new());
        if let Ok(mut open) = self.open.lock() {
            open.insert(id, evicted.clone());
        }
        Connection { id, peer, evicted, waiting: self.clone() }
    }

    fn remove(&self, id: u64) {
        if let Ok(mut open) = self.open.lock() {
            open.remove(&id);
        }
    }

    /// Closes the oldest waiting connection; false when there is none.
    fn evict_oldest(&self) -> bool {
        let Ok(mut open) = self.open.lock() else { return false };
        match open.pop_first() {
            Some((_, evicted)) => {
                evicted.notify_one();
                true
            }
            None => false,
        }
    }
}
