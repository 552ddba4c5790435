//! Shared server state: the store, the bounded blocking gateway, the response cache and the
//! revision it is valid for.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use cachet_core::{Change, Settings, Store};
use tokio::sync::{broadcast, watch};

use crate::blocking::Blocking;
use crate::cache::ResponseCache;
use crate::client::TrustedProxies;
use crate::config::ServeArgs;
use crate::headers::SecurityHeaders;
use crate::limits::{RateLimits, RateQuotas};
use crate::web::refresh::HotPages;

/// Everything a handler needs. A clone is one reference count: requests clone it several times,
/// and cloning each shared field instead was a third of the CPU time of a cached read under load.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

/// The fields behind [`AppState`].
pub struct Shared {
    /// The database.
    pub store: Store,
    /// Bounded access to the blocking pool.
    pub blocking: Blocking,
    /// Rendered public responses, valid for one revision.
    pub cache: Arc<ResponseCache>,
    /// The newest database revision this process knows of.
    revision: Arc<AtomicI64>,
    /// Changes made through any process, for live updates.
    pub changes: broadcast::Sender<Change>,
    /// Pages visitors asked for lately, kept fresh in the background.
    pub pages: HotPages,
    /// The newest revision whose pages have all been rendered again.
    pub rendered: watch::Sender<i64>,
    /// Configured public URL (else each request's Host).
    pub public_url: Option<String>,
    /// Largest accepted body.
    pub body_limit: u64,
    /// How long a request body may take to arrive without progress.
    pub body_timeout: std::time::Duration,
    /// Proxies whose forwarding headers are believed.
    pub trusted_proxies: TrustedProxies,
    /// Rate limits per client address and per token.
    pub rate_limits: RateLimits,
    /// Headers every answer carries.
    pub security: SecurityHeaders,
    /// Settings as of a revision.
    settings: Arc<std::sync::Mutex<(i64, Arc<Settings>)>>,
}

impl std::ops::Deref for AppState {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.0
    }
}

impl AppState {
    /// State over `store` configured by `args`; the store's change hook keeps the revision and
    /// live updates current.
    pub fn new(store: Store, args: &ServeArgs) -> Self {
        let revision = Arc::new(AtomicI64::new(store.revision().unwrap_or(0)));
        let (changes, _) = broadcast::channel(256);
        let state = AppState(Arc::new(Shared {
            blocking: Blocking::new(args.pool_size),
            cache: Arc::new(ResponseCache::new(crate::cache::DEFAULT_BUDGET)),
            revision: revision.clone(),
            changes: changes.clone(),
            pages: HotPages::default(),
            rendered: watch::Sender::new(i64::MIN),
            public_url: args.public_url.as_ref().map(|u| u.trim_end_matches('/').to_string()),
            body_limit: args.body_limit,
            body_timeout: std::time::Duration::from_secs(args.idle_timeout),
            trusted_proxies: TrustedProxies::new(args.trusted_proxies.clone()),
            rate_limits: RateLimits::new(RateQuotas {
                auth_failures_per_minute: args.rate_limit_auth_failures,
                guest_writes_per_minute: args.rate_limit_guest_writes,
                token_writes_per_second: args.rate_limit_token_writes,
            }),
            security: SecurityHeaders::new(&args.frame_ancestors),
            settings: Arc::new(std::sync::Mutex::new((i64::MIN, Arc::new(Settings::default())))),
            store,
        }));
        state.store.on_change(move |change| {
            revision.fetch_max(change.revision, Ordering::SeqCst);
            let _ = changes.send(*change);
        });
        state
    }

    /// The settings, read again only when the revision moved.
    pub async fn settings(&self) -> Result<Arc<Settings>, crate::api::error::ApiError> {
        let revision = self.revision();
        if let Ok(guard) = self.settings.lock()
            && guard.0 == revision
        {
            return Ok(guard.1.clone());
        }
        let store = self.store.clone();
        let settings = Arc::new(self.blocking.run(move || Ok(store.settings()?)).await?);
        if let Ok(mut guard) = self.settings.lock() {
            *guard = (revision, settings.clone());
        }
        Ok(settings)
    }

    /// The revision caches must match.
    pub fn revision(&self) -> i64 {
        self.revision.load(Ordering::SeqCst)
    }

    /// Waits (at most `limit`) until the pages visitors asked for show `revision`: the
    /// background renderer has made them again after the write that made it. True when they do.
    pub async fn pages_show(&self, revision: i64, limit: std::time::Duration) -> bool {
        let mut rendered = self.rendered.subscribe();
        tokio::time::timeout(limit, rendered.wait_for(|done| *done >= revision)).await.is_ok_and(|r| r.is_ok())
    }

    /// Takes note of the database's revision (polled for writes by other processes); returns
    /// whether it moved.
    pub fn observe_revision(&self, revision: i64) -> bool {
        let before = self.revision.fetch_max(revision, Ordering::SeqCst);
        if revision > before {
            let _ = self.changes.send(Change { resource: cachet_core::Resource::Component, revision });
            true
        } else {
            false
        }
    }

    /// The public base URL for links, without a trailing slash: `--public-url`, else the
    /// `app_domain` setting, else the request's scheme and host as the connection layer left
    /// them (`client::normalize`: forwarding headers believed only from trusted proxies, a
    /// malformed host dropped for `localhost`). Caches of answers holding links key on it.
    pub fn base_url(&self, settings: &Settings, headers: &warp::http::HeaderMap) -> String {
        if let Some(url) = &self.public_url {
            return url.clone();
        }
        if let Some(domain) = settings.app_domain() {
            return domain.trim_end_matches('/').to_string();
        }
        let value = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
        let scheme = if value("x-forwarded-proto") == Some("https") { "https" } else { "http" };
        format!("{scheme}://{}", value("host").unwrap_or("localhost"))
    }
}
