//! Values crossing the boundary: Cachet's enums (Python `IntEnum`s defined in `cachet/__init__.py`;
//! plain ints are accepted), timezone-aware datetimes, JSON objects, sorting and paging arguments.

use cachet_core::model::{
    ComponentStatus, GroupCollapsed, IncidentStatus, MetricCalcType, MetricView, MetricVisibility, PageRequest,
    ScheduleStatus, SortOrder,
};
use chrono::{DateTime, Utc};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple, PyType, PyTzInfoAccess};

use crate::error::{CoreError, invalid};

/// A core enum with a Python `IntEnum` counterpart of the same name in the `cachet` package.
pub trait PyEnum: Sized + Copy + Send {
    /// The class name in `cachet`.
    const NAME: &'static str;
    /// The cached class.
    fn class_cell() -> &'static PyOnceLock<Py<PyType>>;
    /// The Cachet integer.
    fn to_value(self) -> i16;
    /// The variant for an integer, or a core validation error naming the field.
    fn parse(n: i64) -> cachet_core::Result<Self>;
}

macro_rules! py_enum {
    ($($ty:ident),+) => {$(
        impl PyEnum for $ty {
            const NAME: &'static str = stringify!($ty);
            fn class_cell() -> &'static PyOnceLock<Py<PyType>> {
                static CELL: PyOnceLock<Py<PyType>> = PyOnceLock::new();
                &CELL
            }
            fn to_value(self) -> i16 {
                self.value()
            }
            fn parse(n: i64) -> cachet_core::Result<Self> {
                $ty::from_value(n)
            }
        }
    )+};
}
py_enum!(ComponentStatus, IncidentStatus, ScheduleStatus, GroupCollapsed, MetricCalcType, MetricView, MetricVisibility);

/// The Python enum member for a core value.
pub fn enum_out<E: PyEnum>(py: Python<'_>, value: E) -> PyResult<Py<PyAny>> {
    let class = E::class_cell().import(py, "cachet", E::NAME)?;
    Ok(class.call1((value.to_value(),))?.unbind())
}

/// An enum argument: a member of the Python enum or a plain int. Other types raise `TypeError`;
/// an int outside Cachet's numbering raises `cachet.ValidationError` (a `ValueError`).
pub struct Enum<E>(pub E);

impl<'a, 'py, E: PyEnum> FromPyObject<'a, 'py> for Enum<E> {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if ob.is_instance_of::<PyBool>() || !ob.is_instance_of::<PyInt>() {
            return Err(PyTypeError::new_err(format!(
                "expected a cachet.{} or an int, not {}",
                E::NAME,
                ob.get_type().name()?
            )));
        }
        let n: i64 = ob.extract()?;
        E::parse(n).map(Enum).map_err(|e| CoreError(e).into())
    }
}

/// Unwraps an optional enum argument.
pub fn opt<E>(v: Option<Enum<E>>) -> Option<E> {
    v.map(|Enum(e)| e)
}

/// A timezone-aware `datetime` argument, converted to UTC. A naive datetime raises `ValueError`:
/// it could mean any zone.
pub struct UtcTime(pub DateTime<Utc>);

impl<'a, 'py> FromPyObject<'a, 'py> for UtcTime {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let Ok(dt) = ob.cast::<PyDateTime>() else {
            return Err(PyTypeError::new_err(format!("expected a datetime, not {}", ob.get_type().name()?)));
        };
        if dt.get_tzinfo().is_none() {
            return Err(PyValueError::new_err(
                "expected a timezone-aware datetime (for example datetime.now(timezone.utc)), got a naive one",
            ));
        }
        let py = ob.py();
        let utc = pyo3::types::PyTzInfo::utc(py)?;
        let in_utc = dt.call_method1("astimezone", (utc,))?;
        Ok(UtcTime(in_utc.extract::<DateTime<Utc>>()?))
    }
}

/// Unwraps an optional time argument.
pub fn opt_time(v: Option<UtcTime>) -> Option<DateTime<Utc>> {
    v.map(|UtcTime(t)| t)
}

/// A JSON value argument (dicts, lists, str, int, float, bool, None).
pub struct Json(pub serde_json::Value);

impl<'a, 'py> FromPyObject<'a, 'py> for Json {
    type Error = PyErr;

    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        json_in(&ob, 0).map(Json)
    }
}

fn json_in(ob: &Bound<'_, PyAny>, depth: usize) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    if depth > 64 {
        return Err(PyValueError::new_err("JSON value nested too deeply"));
    }
    if ob.is_none() {
        Ok(Value::Null)
    } else if let Ok(b) = ob.cast::<PyBool>() {
        Ok(Value::Bool(b.is_true()))
    } else if ob.is_instance_of::<PyInt>() {
        Ok(Value::from(ob.extract::<i64>()?))
    } else if let Ok(f) = ob.cast::<PyFloat>() {
        serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .ok_or_else(|| PyValueError::new_err("NaN and infinity are not JSON"))
    } else if let Ok(s) = ob.cast::<PyString>() {
        Ok(Value::String(s.to_cow()?.into_owned()))
    } else if let Ok(d) = ob.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = k.cast::<PyString>().map_err(|_| PyTypeError::new_err("JSON object keys must be str"))?;
            map.insert(key.to_cow()?.into_owned(), json_in(&v, depth + 1)?);
        }
        Ok(Value::Object(map))
    } else if ob.is_instance_of::<PyList>() || ob.is_instance_of::<PyTuple>() {
        ob.try_iter()?.map(|item| json_in(&item?, depth + 1)).collect::<PyResult<Vec<_>>>().map(Value::Array)
    } else {
        Err(PyTypeError::new_err(format!("{} is not JSON serialisable", ob.get_type().name()?)))
    }
}

/// A JSON value as plain Python objects.
pub fn json_out(py: Python<'_>, v: &serde_json::Value) -> PyResult<Py<PyAny>> {
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None(),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any().unbind(),
        Value::Number(n) => match (n.as_i64(), n.as_f64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any().unbind(),
            (None, Some(f)) => f.into_pyobject(py)?.into_any().unbind(),
            _ => n.to_string().into_pyobject(py)?.into_any().unbind(),
        },
        Value::String(s) => s.into_pyobject(py)?.into_any().unbind(),
        Value::Array(items) => {
            let out = PyList::empty(py);
            for item in items {
                out.append(json_out(py, item)?)?;
            }
            out.into_any().unbind()
        }
        Value::Object(map) => {
            let out = PyDict::new(py);
            for (k, item) in map {
                out.set_item(k, json_out(py, item)?)?;
            }
            out.into_any().unbind()
        }
    })
}

/// An optional JSON object for a `meta` field.
pub fn meta_out(py: Python<'_>, v: &Option<serde_json::Value>) -> PyResult<Option<Py<PyAny>>> {
    v.as_ref().map(|v| json_out(py, v)).transpose()
}

/// The page to fetch; `page` counts from 1, `per_page` from 1 to 1000.
pub fn page_request(page: i64, per_page: i64) -> PyResult<PageRequest> {
    if page < 1 || page > i64::from(u32::MAX) {
        return Err(invalid("page", "must be 1 or more"));
    }
    let max = i64::from(cachet_core::model::MAX_PER_PAGE);
    if !(1..=max).contains(&per_page) {
        return Err(invalid("per_page", format!("must be from 1 to {max}")));
    }
    Ok(PageRequest::new(page as u32, per_page as u32))
}

/// A sort column (from a resource's whitelist) and direction (`asc`/`desc`).
pub fn sort_by<K: Copy>(
    sort: Option<&str>,
    order: &str,
    parse: fn(&str) -> Option<K>,
    all: &[K],
    key: fn(K) -> &'static str,
) -> PyResult<Option<(K, SortOrder)>> {
    let direction = SortOrder::parse(order).ok_or_else(|| invalid("order", "must be \"asc\" or \"desc\""))?;
    let Some(sort) = sort else { return Ok(None) };
    let column = parse(sort).ok_or_else(|| {
        invalid("sort", format!("must be one of {}", all.iter().map(|k| key(*k)).collect::<Vec<_>>().join(", ")))
    })?;
    Ok(Some((column, direction)))
}

/// A non-negative count (`limit`) as u32.
pub fn count(field: &str, n: i64) -> PyResult<u32> {
    u32::try_from(n).map_err(|_| invalid(field, "must be 0 or more"))
}

/// An `i32` field (order, threshold) with a clear error when out of range.
pub fn small(field: &str, n: i64) -> PyResult<i32> {
    i32::try_from(n).map_err(|_| invalid(field, "is out of range"))
}
