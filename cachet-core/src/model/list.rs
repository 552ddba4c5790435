//! Pagination and sorting of listings.

use serde::Serialize;

/// The largest page a listing returns. Cachet clients ask for everything with `per_page=<total>`,
/// so the cap is generous; it bounds the memory one request can take.
pub const MAX_PER_PAGE: u32 = 1000;

/// The page size when none is asked for, as in Cachet.
pub const DEFAULT_PER_PAGE: u32 = 20;

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// Smallest first.
    #[default]
    Asc,
    /// Largest first.
    Desc,
}

impl SortOrder {
    /// `asc` or `desc` (any case); anything else is `None`.
    pub fn parse(s: &str) -> Option<Self> {
        match s.to_ascii_lowercase().as_str() {
            "asc" => Some(SortOrder::Asc),
            "desc" => Some(SortOrder::Desc),
            _ => None,
        }
    }
}

/// Which page of a listing to fetch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRequest {
    /// 1-based page number.
    pub page: u32,
    /// Rows per page, clamped to `1..=MAX_PER_PAGE`.
    pub per_page: u32,
}

impl Default for PageRequest {
    fn default() -> Self {
        PageRequest { page: 1, per_page: DEFAULT_PER_PAGE }
    }
}

impl PageRequest {
    /// A request for `page` of `per_page` rows, clamped into range.
    pub fn new(page: u32, per_page: u32) -> Self {
        PageRequest { page: page.max(1), per_page: per_page.clamp(1, MAX_PER_PAGE) }
    }

    /// Rows to skip.
    pub fn offset(self) -> i64 {
        i64::from(self.page.max(1) - 1) * self.limit()
    }

    /// Rows to take.
    pub fn limit(self) -> i64 {
        i64::from(self.per_page.clamp(1, MAX_PER_PAGE))
    }
}

/// One page of a listing and the total behind it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Rows matching the filters, on all pages.
    pub total: u64,
    /// This page's number (1-based).
    pub page: u32,
    /// Page size used.
    pub per_page: u32,
}

impl<T> Page<T> {
    /// Number of pages, at least 1 (as Cachet reports for an empty listing).
    pub fn total_pages(&self) -> u32 {
        let per = u64::from(self.per_page.max(1));
        u32::try_from(self.total.div_ceil(per)).unwrap_or(u32::MAX).max(1)
    }

    /// Whether a later page exists.
    pub fn has_next(&self) -> bool {
        self.page < self.total_pages()
    }

    /// Applies `f` to every row, keeping the paging figures.
    pub fn map<U>(self, f: impl FnMut(T) -> U) -> Page<U> {
        Page {
            items: self.items.into_iter().map(f).collect(),
            total: self.total,
            page: self.page,
            per_page: self.per_page,
        }
    }
}

/// Declares a sortable-column whitelist: its variants and the names clients use for them.
macro_rules! sort_keys {
    ($(#[$doc:meta])* $name:ident { $($variant:ident => $key:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name {
            $(#[doc = concat!("`", $key, "`")] $variant,)+
        }

        impl $name {
            /// Every sortable column.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The column for a client-given name; `None` for anything off the whitelist.
            pub fn parse(key: &str) -> Option<Self> {
                match key {
                    $($key => Some($name::$variant),)+
                    _ => None,
                }
            }

            /// The name clients use.
            pub fn key(self) -> &'static str {
                match self {
                    $($name::$variant => $key,)+
                }
            }
        }
    };
}
pub(crate) use sort_keys;
