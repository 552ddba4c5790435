//! Settings: Cachet's key/value configuration, validated by the core for the known keys.

use std::collections::BTreeMap;

use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};

use crate::client::{collection, run};

collection! {
    /// Settings (`cachet.Cachet.settings`): known keys are checked and normalised by type
    /// (booleans are stored as "1"/"0").
    SettingsCollection, "Settings"
}

/// A setting value as the store keeps it: `str` as is, `bool` as "1"/"0", numbers as text.
fn setting_text(value: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(if b.is_true() { "1" } else { "0" }.to_string());
    }
    if value.is_instance_of::<PyString>() || value.is_instance_of::<PyInt>() || value.is_instance_of::<PyFloat>() {
        return Ok(value.str()?.to_cow()?.into_owned());
    }
    Err(PyTypeError::new_err(format!("a setting is a str, int, float or bool, not {}", value.get_type().name()?)))
}

#[pymethods]
impl SettingsCollection {
    /// The value of `name` (the default for an unset known key), or `default`.
    #[pyo3(signature = (name, default = None))]
    fn get(&self, py: Python<'_>, name: String, default: Option<String>) -> PyResult<Option<String>> {
        let settings = run(py, &self.client, |s| s.settings())?;
        Ok(settings.get(&name).map(str::to_string).or(default))
    }

    /// Whether the setting `name` is on ("1"); False when unset.
    fn get_bool(&self, py: Python<'_>, name: String) -> PyResult<bool> {
        Ok(self.get(py, name, None)?.as_deref() == Some("1"))
    }

    /// Stores `value` (str, int, float or bool) for `name` and returns the stored text; raises
    /// `ValidationError` naming the key when a known key gets a bad value.
    fn set(&self, py: Python<'_>, name: String, value: &Bound<'_, PyAny>) -> PyResult<String> {
        let text = setting_text(value)?;
        run(py, &self.client, |s| s.set_setting(&name, &text))
    }

    /// Every setting, with defaults for unset known keys.
    fn list(&self, py: Python<'_>) -> PyResult<BTreeMap<String, String>> {
        let settings = run(py, &self.client, |s| s.settings())?;
        Ok(settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect())
    }

    /// Removes a stored setting (a known key falls back to its default); raises `NotFoundError`.
    fn delete(&self, py: Python<'_>, name: String) -> PyResult<()> {
        run(py, &self.client, |s| s.delete_setting(&name))
    }
}
