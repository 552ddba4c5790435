//! The [`Store`]: a cheap-to-clone, thread-safe handle over a connection pool, with one module
//! per resource. Every write runs in one transaction, bumps the revision counter and then tells
//! the change listeners.

mod components;
mod groups;
mod history;
mod incidents;
mod metrics;
mod rows;
mod schedules;
pub mod seed;
mod settings;
mod status;
mod subscribers;
mod templates;
mod tokens;
pub mod transfer;
mod updates;
mod uptime_memo;
pub(crate) mod validate;
mod view;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Duration;

use chrono::{DateTime, SubsecRound, Utc};
use diesel::prelude::*;

use crate::db::{self, AnyConnection, Backend, ConnectionManager, DatabaseUrl, schema::revisions};
use crate::error::{Error, Result};

pub use status::{ComponentOverview, GroupOverview, StatusOverview};
pub use view::View;

/// How a [`Store`] connects.
#[derive(Debug, Clone)]
pub struct StoreOptions {
    /// Most connections the pool holds (SQLite in-memory databases always use one).
    pub pool_size: u32,
    /// How long a call waits for a free connection before failing.
    pub connect_timeout: Duration,
    /// Apply pending migrations on open.
    pub migrate: bool,
}

impl Default for StoreOptions {
    fn default() -> Self {
        StoreOptions { pool_size: 8, connect_timeout: Duration::from_secs(5), migrate: true }
    }
}

/// The kind of data a write changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Resource {
    /// Components (including their status).
    Component,
    /// Component groups.
    Group,
    /// Incidents and their updates.
    Incident,
    /// Incident templates.
    Template,
    /// Maintenance windows.
    Schedule,
    /// Metrics and their points.
    Metric,
    /// Subscribers and subscriptions.
    Subscriber,
    /// Settings.
    Setting,
    /// API tokens.
    Token,
}

/// What listeners hear after a write commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Change {
    /// What changed.
    pub resource: Resource,
    /// The database revision after the change.
    pub revision: i64,
}

type Listener = Box<dyn Fn(&Change) + Send + Sync>;
type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

struct Inner {
    pool: r2d2::Pool<ConnectionManager>,
    url: DatabaseUrl,
    listeners: RwLock<Vec<Listener>>,
    uptime_memo: uptime_memo::UptimeMemo,
    /// When this process last tried to record each token's use (see [`Store::authenticate`]).
    token_stamps: Mutex<HashMap<i64, DateTime<Utc>>>,
}

/// The handle every frontend uses. Clones share one pool.
#[derive(Clone)]
pub struct Store {
    inner: Arc<Inner>,
    clock: Clock,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("url", &self.inner.url.redacted()).finish()
    }
}

impl Store {
    /// Opens (and migrates) the database at `url` with default options.
    pub fn open(url: &str) -> Result<Store> {
        Store::open_with(url, StoreOptions::default())
    }

    /// Opens the database at `url`. A wrong password or an unreachable host fails here, at once,
    /// with the driver's reason.
    pub fn open_with(url: &str, options: StoreOptions) -> Result<Store> {
        let url = DatabaseUrl::parse(url)?;
        let manager = ConnectionManager::new(url.clone());
        let mut first = manager.connect()?;
        if options.migrate {
            db::run_migrations(&mut first)?;
        }
        let in_memory = url.backend == Backend::Sqlite && url.target.contains(":memory:");
        let size = if in_memory { 1 } else { options.pool_size.max(1) };
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .min_idle(Some(if in_memory { 1 } else { 0 }))
            .connection_timeout(options.connect_timeout)
            .build(manager)
            .map_err(|e| Error::Connect(format!("{e} ({})", url.redacted())))?;
        Ok(Store {
            inner: Arc::new(Inner {
                pool,
                url,
                listeners: RwLock::new(Vec::new()),
                uptime_memo: Default::default(),
                token_stamps: Mutex::default(),
            }),
            clock: Arc::new(Utc::now),
        })
    }

    /// Applies pending migrations; returns how many ran (0 when the schema is current).
    pub fn migrate(&self) -> Result<usize> {
        db::run_migrations(&mut *self.conn()?)
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.inner.url.backend
    }

    /// The database URL with its password hidden.
    pub fn redacted_url(&self) -> String {
        self.inner.url.redacted()
    }

    /// The current time by this store's clock, at the microsecond precision every backend keeps.
    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)().trunc_subsecs(6)
    }

    /// A handle on the same database whose notion of "now" comes from `clock` (for imports,
    /// demo data and tests that need history at chosen times).
    pub fn with_clock(&self, clock: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Store {
        Store { inner: self.inner.clone(), clock: Arc::new(clock) }
    }

    /// Registers a listener called after every committed write. Listeners must be quick; a
    /// server forwards the change to a channel.
    pub fn on_change(&self, listener: impl Fn(&Change) + Send + Sync + 'static) {
        if let Ok(mut listeners) = self.inner.listeners.write() {
            listeners.push(Box::new(listener));
        }
    }

    /// The revision counter, bumped by every write from any process on this database: a cache
    /// built at revision `r` is current while this still returns `r`.
    pub fn revision(&self) -> Result<i64> {
        self.read(|c| Ok(revisions::table.select(revisions::value).find(1).first(c)?))
    }

    /// Checks that the database answers.
    pub fn ping(&self) -> Result<()> {
        self.read(|c| {
            diesel::select(diesel::dsl::sql::<diesel::sql_types::Integer>("1")).execute(c)?;
            Ok(())
        })
    }

    fn conn(&self) -> Result<r2d2::PooledConnection<ConnectionManager>> {
        self.inner.pool.get().map_err(|e| Error::Pool(format!("{e} ({})", self.inner.url.redacted())))
    }

    /// Runs read-only work on a pooled connection.
    fn read<T>(&self, f: impl FnOnce(&mut AnyConnection) -> Result<T>) -> Result<T> {
        f(&mut *self.conn()?)
    }

    /// Runs `f` in a transaction that also bumps the revision, then tells the listeners.
    /// The revision is bumped first: on SQLite the first statement of a transaction being a write
    /// makes concurrent writers queue on the lock instead of failing.
    fn write<T>(&self, resource: Resource, f: impl FnOnce(&mut AnyConnection) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let (value, revision) = conn
            .transaction::<_, Error, _>(|c| {
                diesel::update(revisions::table.find(1)).set(revisions::value.eq(revisions::value + 1)).execute(c)?;
                let revision = revisions::table.select(revisions::value).find(1).first(c)?;
                Ok((f(c)?, revision))
            })
            .map_err(|e| e.in_write_of(resource))?;
        drop(conn);
        if let Ok(listeners) = self.inner.listeners.read() {
            let change = Change { resource, revision };
            for listener in listeners.iter() {
                listener(&change);
            }
        }
        Ok(value)
    }
}
