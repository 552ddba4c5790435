//! Result records: frozen Python objects with one read-only attribute per field, `to_dict()` and a
//! `repr()` naming the identifying fields. The `record!` macro writes the boilerplate once.

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

/// Declares a frozen `#[pyclass]` record with `to_dict()` and `__repr__`.
macro_rules! record {
    ($(#[$doc:meta])* pub struct $name:ident { $($(#[$fdoc:meta])* pub $field:ident : $ty:ty,)+ } repr($($r:ident),*)) => {
        $(#[$doc])*
        #[pyclass(frozen, get_all, module = "cachet")]
        pub struct $name {
            $($(#[$fdoc])* pub $field: $ty,)+
        }

        #[pymethods]
        impl $name {
            /// The fields as a plain `dict`; nested records become dicts too.
            fn to_dict<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, pyo3::types::PyDict>> {
                $crate::record::to_dict(slf.as_any(), &[$(stringify!($field)),+])
            }

            fn __repr__(slf: &Bound<'_, Self>) -> PyResult<String> {
                $crate::record::repr(slf.as_any(), stringify!($name), &[$(stringify!($r)),*])
            }
        }
    };
}
pub(crate) use record;

/// `{field: value}` for `fields` of `obj`, turning nested records (and lists of them) into dicts.
pub fn to_dict<'py>(obj: &Bound<'py, PyAny>, fields: &[&str]) -> PyResult<Bound<'py, PyDict>> {
    let out = PyDict::new(obj.py());
    for field in fields {
        out.set_item(field, plain(&obj.getattr(field)?)?)?;
    }
    Ok(out)
}

fn plain<'py>(value: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if value.is_instance_of::<PyList>() || value.is_instance_of::<PyTuple>() {
        let items = value.try_iter()?.map(|item| plain(&item?)).collect::<PyResult<Vec<_>>>()?;
        return Ok(PyList::new(value.py(), items)?.into_any());
    }
    if value.hasattr("to_dict")? {
        return value.call_method0("to_dict");
    }
    Ok(value.clone())
}

/// `Name(field=repr, ...)`.
pub fn repr(obj: &Bound<'_, PyAny>, name: &str, fields: &[&str]) -> PyResult<String> {
    let parts = fields.iter().map(|f| Ok(format!("{f}={}", obj.getattr(*f)?.repr()?))).collect::<PyResult<Vec<_>>>()?;
    Ok(format!("{name}({})", parts.join(", ")))
}

/// Wraps records as Python objects.
pub fn wrap_all<T: pyo3::PyClass + Into<pyo3::PyClassInitializer<T>>>(
    py: Python<'_>,
    items: Vec<T>,
) -> PyResult<Vec<Py<T>>> {
    items.into_iter().map(|item| Py::new(py, item)).collect()
}
