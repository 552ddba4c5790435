//! Starting, serving and stopping the server.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use anyhow::Context;
use cachet_core::{Store, StoreOptions};
use tokio::sync::oneshot;
use warp::Filter;
use warp::Reply;
use warp::filters::BoxedFilter;
use warp::http::{HeaderValue, StatusCode, header};
use warp::path::FullPath;
use warp::reply::Response;

use crate::config::{LogFormat, ServeArgs};
use crate::listener::{self, ConnLimits};
use crate::state::AppState;
use crate::{api, health, web};

/// The whole application filter for `state`, with Cachet-style errors and one log line per
/// request.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let log = warp::log::custom(|info| {
        tracing::info!(
            target: "cachet_http::request",
            method = %info.method(),
            path = info.path(),
            status = info.status().as_u16(),
            latency_ms = info.elapsed().as_secs_f64() * 1000.0,
            "request"
        );
    });
    let options = {
        let state = state.clone();
        warp::options().and(warp::path::full()).and(warp::header::headers_cloned()).map(
            move |path: FullPath, headers: warp::http::HeaderMap| {
                state
                    .security
                    .options(path.as_str(), &headers)
                    .unwrap_or_else(|| api::error::ApiError::not_found().into_response())
            },
        )
    };
    let app = options
        .or(health::routes(state.clone()))
        .unify()
        .or(web::routes(state.clone()))
        .unify()
        .or(api::routes(state.clone()))
        .unify()
        .recover(crate::limits::recover)
        .unify();
    warp::method()
        .and(warp::path::full())
        .and(warp::header::headers_cloned())
        .and(app)
        .map(move |method: warp::http::Method, path: FullPath, headers: warp::http::HeaderMap, response: Response| {
            let mut response = answer_wrong_method(path.as_str(), response);
            state.security.apply(&method, path.as_str(), &headers, &mut response);
            response
        })
        .with(log)
        .map(warp::Reply::into_response)
        .boxed()
}

/// Every route the server answers (API, health probes and public pages) as
/// `(method, path template)`, from each module's `ROUTES`.
pub fn route_table() -> Vec<(&'static str, &'static str)> {
    [api::route_table(), web::route_table()].concat()
}

/// The methods the route table serves `path` with, in a fixed order (`GET`, `HEAD`, `POST`,
/// `PUT`, `PATCH`, `DELETE`); empty when no route has this path. Paths are compared the way warp
/// matches them: one leading and one trailing `/` are ignored, literal segments match exactly, a
/// `{date}` segment matches `YYYY-MM-DD` and any other `{name}` an integer (the routes' `i64`
/// parameters). `HEAD` comes with every `GET` (`respond::get_or_head`).
pub fn allowed_methods(path: &str) -> Vec<&'static str> {
    const ORDER: [&str; 6] = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];
    let wanted = split_path(path);
    let mut methods: Vec<&'static str> = route_table()
        .into_iter()
        .filter(|(_, template)| {
            let template = split_path(template);
            template.len() == wanted.len()
                && template.iter().zip(&wanted).all(|(t, w)| match *t {
                    "{date}" => chrono::NaiveDate::parse_from_str(w, "%Y-%m-%d").is_ok(),
                    t if t.starts_with('{') && t.ends_with('}') => w.parse::<i64>().is_ok(),
                    t => t == *w,
                })
        })
        .map(|(method, _)| method)
        .collect();
    // Every GET route answers HEAD too (`respond::get_or_head`).
    if methods.contains(&"GET") {
        methods.push("HEAD");
    }
    methods.sort_by_key(|m| ORDER.iter().position(|o| o == m).unwrap_or(ORDER.len()));
    methods.dedup();
    methods
}

fn split_path(path: &str) -> Vec<&str> {
    let path = path.strip_prefix('/').unwrap_or(path);
    let path = path.strip_suffix('/').unwrap_or(path);
    path.split('/').collect()
}

/// A 405 from warp means some route has this path but not this method: the answer lists the
/// methods in `Allow` (RFC 9110 §15.5.6). When the route table has no route for the path at all
/// (warp can report 405 when a route sharing a prefix rejected on method), it is a 404.
fn answer_wrong_method(path: &str, mut response: Response) -> Response {
    if response.status() != StatusCode::METHOD_NOT_ALLOWED || response.headers().contains_key(header::ALLOW) {
        return response;
    }
    let methods = allowed_methods(path);
    if methods.is_empty() {
        return api::error::ApiError::not_found().into_response();
    }
    if let Ok(value) = HeaderValue::from_str(&methods.join(", ")) {
        response.headers_mut().insert(header::ALLOW, value);
    }
    response
}

/// Sets up tracing from the flags (once per process; later calls are ignored). A filter that
/// does not parse was refused by [`ServeArgs::validate`] already; `info` stands in for it here.
pub fn init_logging(args: &ServeArgs) {
    let filter = tracing_subscriber::EnvFilter::try_new(&args.log_level)
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let ansi = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_ansi(ansi).with_writer(std::io::stderr);
    let _ = match args.log_format {
        LogFormat::Json => builder.json().try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// A server running in the background.
pub struct RunningServer {
    /// The address it listens on.
    pub addr: SocketAddr,
    /// The state it serves.
    pub state: AppState,
    shutdown: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

impl RunningServer {
    /// `http://addr`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting, lets in-flight requests finish (until the shutdown deadline), and
    /// waits.
    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        let _ = self.task.await;
    }
}

/// Opens the database (migrating it), makes the first admin token when there is none (logged
/// once), binds and serves in the background.
pub async fn start(args: ServeArgs) -> anyhow::Result<RunningServer> {
    let started = Instant::now();
    args.validate()?;
    let options = StoreOptions {
        pool_size: args.pool_size,
        connect_timeout: std::time::Duration::from_secs(args.pool_timeout.max(1)),
        migrate: true,
    };
    let url = args.database_url.clone();
    let store = tokio::task::spawn_blocking(move || Store::open_with(&url, options))
        .await
        .context("opening the database")??;
    let first_token = {
        let store = store.clone();
        // Race-free: of several processes starting on one empty database, one makes it.
        tokio::task::spawn_blocking(move || {
            let name = format!("admin-{}", store.now().format("%Y%m%d%H%M%S"));
            store.create_first_token(&name)
        })
        .await??
    };
    if let Some(secret) = first_token {
        tracing::warn!(token = %secret, "created the first API token; keep it, it is shown only once");
    }
    let state = AppState::new(store, &args);
    let listener = tokio::net::TcpListener::bind(args.bind)
        .await
        .with_context(|| format!("--bind (CACHET_BIND) {}: cannot listen there", args.bind))?;
    let addr = listener.local_addr()?;
    let file_limit = listener::raise_open_file_limit();
    let limits = ConnLimits {
        header_timeout: Duration::from_secs(args.header_timeout),
        idle_timeout: Duration::from_secs(args.idle_timeout),
        max_connections: args.max_connections.unwrap_or_else(|| listener::default_max_connections(file_limit)),
        max_per_ip: args.max_connections_per_ip,
        shutdown_timeout: Duration::from_secs(args.shutdown_timeout),
        trusted: state.trusted_proxies.clone(),
    };
    let background = [
        tokio::spawn(poll_revision(state.clone(), args.revision_poll())),
        tokio::spawn(forget_idle_rate_limits(state.clone())),
        tokio::spawn(web::refresh::run(state.clone())),
    ];
    let (tx, rx) = oneshot::channel::<()>();
    tracing::info!(
        %addr,
        database = %state.store.redacted_url(),
        max_connections = limits.max_connections,
        open_file_limit = file_limit,
        startup_ms = started.elapsed().as_millis() as u64,
        "cachet-server listening"
    );
    let app = routes(state.clone());
    let task = tokio::spawn(async move {
        listener::serve(listener, app, limits, async move {
            let _ = rx.await;
        })
        .await;
        for job in background {
            job.abort();
        }
    });
    Ok(RunningServer { addr, state, shutdown: Some(tx), task })
}

/// Drops rate-limit state of clients that have been quiet, every minute.
async fn forget_idle_rate_limits(state: AppState) {
    let mut ticker = tokio::time::interval(Duration::from_secs(60));
    loop {
        ticker.tick().await;
        state.rate_limits.forget_idle();
    }
}

/// Notices writes made by other processes on the same database.
async fn poll_revision(state: AppState, every: std::time::Duration) {
    let mut ticker = tokio::time::interval(every);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        let store = state.store.clone();
        if let Ok(revision) = state.blocking.run(move || Ok(store.revision()?)).await {
            state.observe_revision(revision);
        }
    }
}

/// Serves until SIGINT or SIGTERM, then drains in-flight requests.
pub async fn run(args: ServeArgs) -> anyhow::Result<()> {
    let server = start(args).await?;
    shutdown_signal().await;
    tracing::info!("shutting down; finishing in-flight requests");
    server.stop().await;
    Ok(())
}

/// [`run`] on a new multi-threaded runtime (for `cachet serve`).
pub fn run_blocking(args: ServeArgs) -> anyhow::Result<()> {
    args.validate()?;
    init_logging(&args);
    tokio::runtime::Builder::new_multi_thread().enable_all().build()?.block_on(run(args))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
