//! The `Cachet` handle: opens the store from a URL, hands out the resource collections, and
//! answers the page-wide questions (the status banner, daily uptime).

use std::sync::RwLock;
use std::time::Duration;

use cachet_core::model::Viewer;
use cachet_core::{Store, StoreOptions};
use chrono::NaiveDate;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyType};

use crate::convert::enum_out;
use crate::error::{CoreError, closed, invalid};
use crate::record::record;

/// A connection pool on one Cachet database (`sqlite:///abs/path.db`, `sqlite://relative.db`,
/// `postgres://…`, `mysql://…` or `mariadb://…`), migrated on open. Safe to share between
/// threads; use it as a context manager or call `close()`.
#[pyclass(frozen, module = "cachet")]
pub struct Cachet {
    store: RwLock<Option<Store>>,
    url: String,
}

impl Cachet {
    /// The open store, or `CachetError` once closed.
    pub fn store(&self, py: Python<'_>) -> PyResult<Store> {
        match self.store.read() {
            Ok(guard) => guard.clone().ok_or_else(|| closed(py)),
            Err(_) => Err(closed(py)),
        }
    }
}

/// Runs one store call with the interpreter detached, so other Python threads keep running.
pub fn run<T: Send>(
    py: Python<'_>,
    client: &Py<Cachet>,
    f: impl FnOnce(&Store) -> cachet_core::Result<T> + Send,
) -> PyResult<T> {
    let store = client.get().store(py)?;
    py.detach(move || f(&store)).map_err(|e| CoreError(e).into())
}

/// Declares a resource collection class: a thin handle on the `Cachet` it came from.
macro_rules! collection {
    ($(#[$doc:meta])* $name:ident, $py_name:literal) => {
        $(#[$doc])*
        #[pyclass(frozen, module = "cachet", name = $py_name)]
        pub struct $name {
            pub(crate) client: Py<$crate::client::Cachet>,
        }
    };
}
pub(crate) use collection;

record! {
    /// The page's overall status banner, as Cachet shows it to visitors.
    pub struct Status {
        /// `success`, `info` or `danger`.
        pub status: String,
        /// Cachet's message, e.g. "All systems are operational".
        pub message: String,
        /// Whether a maintenance window is in progress.
        pub under_maintenance: bool,
    }
    repr(status, message, under_maintenance)
}

record! {
    /// One local day of a component's uptime.
    pub struct DayUptime {
        /// The calendar day in the requested time zone.
        pub date: NaiveDate,
        /// Percentage of known time that was up (Operational or Performance Issues), or None.
        pub uptime: Option<f64>,
        /// Seconds spent in each status, keyed by `ComponentStatus`.
        pub seconds: Py<PyDict>,
        /// The worst status seen that day, or None.
        pub worst: Option<Py<PyAny>>,
    }
    repr(date, uptime, worst)
}

#[pymethods]
impl Cachet {
    #[new]
    #[pyo3(signature = (url, *, pool_size = 8, timeout = 5.0, migrate = true))]
    fn new(py: Python<'_>, url: String, pool_size: u32, timeout: f64, migrate: bool) -> PyResult<Self> {
        if pool_size == 0 {
            return Err(invalid("pool_size", "must be 1 or more"));
        }
        if !(timeout.is_finite() && timeout > 0.0) {
            return Err(invalid("timeout", "must be a positive number of seconds"));
        }
        let options = StoreOptions { pool_size, connect_timeout: Duration::from_secs_f64(timeout), migrate };
        let store = py.detach(|| Store::open_with(&url, options)).map_err(CoreError)?;
        let url = store.redacted_url();
        Ok(Cachet { store: RwLock::new(Some(store)), url })
    }

    /// The database URL with any password hidden.
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }

    /// `sqlite`, `postgres` or `mysql`.
    #[getter]
    fn backend(&self, py: Python<'_>) -> PyResult<&'static str> {
        Ok(self.store(py)?.backend().name())
    }

    /// Whether `close()` has been called.
    #[getter]
    fn closed(&self) -> bool {
        self.store.read().map(|s| s.is_none()).unwrap_or(true)
    }

    /// Releases the connection pool; later calls raise `CachetError`. Calling it twice is fine.
    fn close(&self, py: Python<'_>) {
        let store = match self.store.write() {
            Ok(mut guard) => guard.take(),
            Err(_) => None,
        };
        // Closing connections may wait on the network: let other threads run meanwhile.
        py.detach(move || drop(store));
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (_exc_type = None, _exc = None, _tb = None))]
    fn __exit__(
        &self,
        py: Python<'_>,
        _exc_type: Option<&Bound<'_, PyType>>,
        _exc: Option<&Bound<'_, PyAny>>,
        _tb: Option<&Bound<'_, PyAny>>,
    ) -> bool {
        self.close(py);
        false
    }

    fn __repr__(&self) -> String {
        format!("Cachet({:?})", self.url)
    }

    /// Checks that the database answers; raises `DatabaseError` otherwise.
    fn ping(slf: &Bound<'_, Self>) -> PyResult<()> {
        run(slf.py(), &slf.clone().unbind(), |s| s.ping())
    }

    /// The change counter, bumped by every write from any process on this database.
    fn revision(slf: &Bound<'_, Self>) -> PyResult<i64> {
        run(slf.py(), &slf.clone().unbind(), |s| s.revision())
    }

    /// The status banner visitors see: level, message and whether maintenance is under way.
    fn status(slf: &Bound<'_, Self>) -> PyResult<Status> {
        let overview = run(slf.py(), &slf.clone().unbind(), |s| s.status_overview(Viewer::Guest))?;
        Ok(Status {
            status: overview.banner.status.as_str().to_string(),
            message: overview.banner.message.to_string(),
            under_maintenance: overview.under_maintenance,
        })
    }

    /// Daily uptime of `component` from `start` to `end` (dates, inclusive) in time zone `tz`.
    #[pyo3(signature = (component, start, end, tz = "UTC"))]
    fn uptime(
        slf: &Bound<'_, Self>,
        component: i64,
        start: NaiveDate,
        end: NaiveDate,
        tz: &str,
    ) -> PyResult<Vec<DayUptime>> {
        let py = slf.py();
        let zone: chrono_tz::Tz = tz
            .parse()
            .map_err(|_| invalid("tz", format!("unknown time zone {tz:?} (use an IANA name such as Europe/Paris)")))?;
        let days = run(py, &slf.clone().unbind(), |s| s.uptime(component, start, end, zone))?;
        days.into_iter()
            .map(|day| {
                let seconds = PyDict::new(py);
                for (value, secs) in day.seconds.iter().enumerate() {
                    let status = cachet_core::model::ComponentStatus::from_value(value as i64).map_err(CoreError)?;
                    seconds.set_item(enum_out(py, status)?, secs)?;
                }
                Ok(DayUptime {
                    date: day.date,
                    uptime: day.uptime,
                    seconds: seconds.unbind(),
                    worst: day.worst.map(|w| enum_out(py, w)).transpose()?,
                })
            })
            .collect()
    }

    /// Components: create, get, list, update, set_status, delete.
    #[getter]
    fn components(slf: &Bound<'_, Self>) -> crate::components::Components {
        crate::components::Components { client: slf.clone().unbind() }
    }

    /// Component groups.
    #[getter]
    fn groups(slf: &Bound<'_, Self>) -> crate::groups::Groups {
        crate::groups::Groups { client: slf.clone().unbind() }
    }

    /// Incidents: create, update (adds an update), resolve, edit, list, delete.
    #[getter]
    fn incidents(slf: &Bound<'_, Self>) -> crate::incidents::Incidents {
        crate::incidents::Incidents { client: slf.clone().unbind() }
    }

    /// The updates of incidents.
    #[getter]
    fn incident_updates(slf: &Bound<'_, Self>) -> crate::updates::IncidentUpdates {
        crate::updates::IncidentUpdates { client: slf.clone().unbind() }
    }

    /// Maintenance windows: create, start, complete, list, delete.
    #[getter]
    fn schedules(slf: &Bound<'_, Self>) -> crate::schedules::Schedules {
        crate::schedules::Schedules { client: slf.clone().unbind() }
    }

    /// Metrics.
    #[getter]
    fn metrics(slf: &Bound<'_, Self>) -> crate::metrics::Metrics {
        crate::metrics::Metrics { client: slf.clone().unbind() }
    }

    /// The points of metrics.
    #[getter]
    fn metric_points(slf: &Bound<'_, Self>) -> crate::metrics::MetricPoints {
        crate::metrics::MetricPoints { client: slf.clone().unbind() }
    }

    /// Subscribers.
    #[getter]
    fn subscribers(slf: &Bound<'_, Self>) -> crate::subscribers::Subscribers {
        crate::subscribers::Subscribers { client: slf.clone().unbind() }
    }

    /// Settings: get, set, list, delete.
    #[getter]
    fn settings(slf: &Bound<'_, Self>) -> crate::settings::SettingsCollection {
        crate::settings::SettingsCollection { client: slf.clone().unbind() }
    }

    /// Incident templates.
    #[getter]
    fn templates(slf: &Bound<'_, Self>) -> crate::templates::Templates {
        crate::templates::Templates { client: slf.clone().unbind() }
    }

    /// API tokens: create, list, revoke, authenticate.
    #[getter]
    fn tokens(slf: &Bound<'_, Self>) -> crate::tokens::Tokens {
        crate::tokens::Tokens { client: slf.clone().unbind() }
    }
}
