//! One page of a listing: a read-only sequence of records plus the paging figures.

use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};

/// One page of a listing: iterate it, index it, `len()` it; `.total` counts every matching row.
#[pyclass(frozen, sequence, module = "cachet")]
pub struct Page {
    items: Py<PyTuple>,
    /// Rows matching the filters, on all pages.
    #[pyo3(get)]
    total: u64,
    /// This page's number, from 1.
    #[pyo3(get)]
    page: u32,
    /// The page size used.
    #[pyo3(get)]
    per_page: u32,
}

impl Page {
    /// A page of already converted records.
    pub fn new<T>(
        py: Python<'_>,
        page: cachet_core::model::Page<T>,
        convert: impl Fn(T) -> PyResult<Py<PyAny>>,
    ) -> PyResult<Page> {
        let (total, number, per_page) = (page.total, page.page, page.per_page);
        let items = page.items.into_iter().map(convert).collect::<PyResult<Vec<_>>>()?;
        Ok(Page { items: PyTuple::new(py, items)?.unbind(), total, page: number, per_page })
    }
}

#[pymethods]
impl Page {
    /// Number of pages (at least 1).
    #[getter]
    fn total_pages(&self) -> u32 {
        let per = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per)).unwrap_or(u32::MAX).max(1)
    }

    /// Whether a later page exists.
    #[getter]
    fn has_next(&self) -> bool {
        self.page < self.total_pages()
    }

    /// The records of this page as a new list.
    #[getter]
    fn items<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        PyList::new(py, self.items.bind(py).iter())
    }

    fn __len__(&self, py: Python<'_>) -> usize {
        self.items.bind(py).len()
    }

    fn __getitem__<'py>(&self, py: Python<'py>, index: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        self.items.bind(py).as_any().get_item(index)
    }

    fn __iter__<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, pyo3::types::PyIterator>> {
        self.items.bind(py).as_any().try_iter()
    }

    fn __repr__(&self, py: Python<'_>) -> PyResult<String> {
        Ok(format!(
            "Page(page={}, per_page={}, total={}, items={})",
            self.page,
            self.per_page,
            self.total,
            self.items.bind(py).as_any().repr()?
        ))
    }
}
