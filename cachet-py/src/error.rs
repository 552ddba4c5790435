//! `cachet_core::Error` as Python exceptions. The exception classes are defined in Python
//! (`cachet/__init__.py`), so they can also derive from `LookupError`/`ValueError`; this module
//! looks them up once and raises them with their structured fields.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyType;

/// A core error on its way to Python: `?` turns it into the matching `cachet` exception.
pub struct CoreError(pub cachet_core::Error);

impl From<cachet_core::Error> for CoreError {
    fn from(e: cachet_core::Error) -> Self {
        CoreError(e)
    }
}

impl From<CoreError> for PyErr {
    fn from(e: CoreError) -> PyErr {
        Python::attach(|py| to_py_err(py, e.0))
    }
}

static NOT_FOUND: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static VALIDATION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static CONFLICT: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static AUTHENTICATION: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static DATABASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static BASE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// Instantiates `cachet.<name>` with `args` and returns it as an error to raise.
fn raise<'py>(
    py: Python<'py>,
    cell: &PyOnceLock<Py<PyType>>,
    name: &str,
    args: impl pyo3::call::PyCallArgs<'py>,
) -> PyErr {
    let made = cell.import(py, "cachet", name).and_then(|class| class.call1(args));
    match made {
        Ok(instance) => PyErr::from_value(instance),
        Err(e) => PyRuntimeError::new_err(format!("cannot raise cachet.{name}: {e}")),
    }
}

/// The exception for a core error.
pub fn to_py_err(py: Python<'_>, e: cachet_core::Error) -> PyErr {
    use cachet_core::Error as E;
    let message = e.to_string();
    match e {
        E::NotFound { resource, id } => raise(py, &NOT_FOUND, "NotFoundError", (message, resource, id)),
        E::Invalid { field, reason } => raise(py, &VALIDATION, "ValidationError", (message, field, reason)),
        E::Conflict(_) => raise(py, &CONFLICT, "ConflictError", (message,)),
        E::Unauthorized => raise(py, &AUTHENTICATION, "AuthenticationError", (message,)),
        _ => raise(py, &DATABASE, "DatabaseError", (message,)),
    }
}

/// A `cachet.ValidationError` for `field`, for input rejected at the boundary.
pub fn invalid(field: &str, reason: impl Into<String>) -> PyErr {
    CoreError(cachet_core::Error::invalid(field, reason)).into()
}

/// The error for a call on a closed `Cachet`.
pub fn closed(py: Python<'_>) -> PyErr {
    raise(py, &BASE, "CachetError", ("this Cachet handle is closed",))
}
