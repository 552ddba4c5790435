//! The SQL type of every time column, bound the same way on every backend.
//!
//! Diesel's `Timestamp` binds a time on MySQL/MariaDB as `MYSQL_TYPE_TIMESTAMP`, whose range ends
//! on 2038-01-19: MariaDB turns a later value into NULL (or refuses it) even though the columns
//! are `DATETIME(6)`. [`Datetime`] is `Timestamp` on PostgreSQL (`timestamp`) and SQLite (text),
//! and `MYSQL_TYPE_DATETIME` on MySQL/MariaDB, so the whole range every backend stores
//! ([`MIN`]..=[`MAX`]) round-trips alike. Values are UTC [`NaiveDateTime`]s.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::deserialize::{self, FromSql};
use diesel::mysql::{Mysql, MysqlValue};
use diesel::pg::{Pg, PgValue};
use diesel::serialize::{self, Output, ToSql};
use diesel::sql_types::{HasSqlType, SqlOrd, Timestamp};
use diesel::sqlite::Sqlite;

use super::connection::MultiBackend;

/// A UTC date and time with microseconds: `timestamp` on PostgreSQL, `DATETIME(6)` bound as
/// `MYSQL_TYPE_DATETIME` on MySQL/MariaDB, text on SQLite.
#[derive(Debug, Clone, Copy, Default, diesel::query_builder::QueryId, diesel::sql_types::SqlType)]
#[diesel(postgres_type(oid = 1114, array_oid = 1115))]
#[diesel(mysql_type(name = "DateTime"))]
#[diesel(sqlite_type(name = "Text"))]
pub struct Datetime;

impl SqlOrd for Datetime {}

/// The earliest time every backend stores: MySQL's `DATETIME` starts at the year 1000.
pub const MIN: NaiveDateTime = match NaiveDate::from_ymd_opt(1000, 1, 1) {
    Some(d) => d.and_time(chrono::NaiveTime::MIN),
    None => panic!("a valid date"),
};

/// The latest time every backend stores: MySQL's `DATETIME` ends with the year 9999, and SQLite's
/// text only sorts in time order while years have four digits.
pub const MAX: NaiveDateTime = match NaiveDate::from_ymd_opt(9999, 12, 31) {
    Some(d) => match chrono::NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999) {
        Some(t) => d.and_time(t),
        None => panic!("a valid time"),
    },
    None => panic!("a valid date"),
};

/// A UTC time as written to or compared with a [`Datetime`] column (diesel cannot bind a plain
/// `NaiveDateTime` as a SQL type of this crate). Rows may read time columns as plain
/// `NaiveDateTime`s; export records hold this, which serializes as the `NaiveDateTime` it wraps.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    diesel::AsExpression,
    diesel::FromSqlRow,
    serde::Serialize,
    serde::Deserialize,
)]
#[diesel(sql_type = Datetime)]
#[serde(transparent)]
pub struct DbTime(pub NaiveDateTime);

impl From<NaiveDateTime> for DbTime {
    fn from(t: NaiveDateTime) -> Self {
        DbTime(t)
    }
}

impl DbTime {
    /// The time, when every backend stores it alike ([`MIN`]..=[`MAX`]). Writes check their input
    /// before this (naming the field); this catches what comes another way, such as an import.
    fn storable(&self) -> Result<&NaiveDateTime, Box<dyn std::error::Error + Send + Sync>> {
        if (MIN..=MAX).contains(&self.0) {
            Ok(&self.0)
        } else {
            Err(format!("the time {} is outside the years 1000 to 9999", self.0).into())
        }
    }
}

/// Delegates to the `NaiveDateTime` impl of each backend.
macro_rules! to_sql_via_naive {
    ($($backend:ty),*) => {$(
        impl ToSql<Datetime, $backend> for DbTime {
            fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, $backend>) -> serialize::Result {
                <NaiveDateTime as ToSql<Datetime, $backend>>::to_sql(self.storable()?, out)
            }
        }
    )*};
}

to_sql_via_naive!(Pg, Mysql, Sqlite);

/// Delegates to the `NaiveDateTime` impl of each backend.
macro_rules! from_sql_via_naive {
    ($($backend:ty),*) => {$(
        impl FromSql<Datetime, $backend> for DbTime {
            fn from_sql(bytes: <$backend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
                <NaiveDateTime as FromSql<Datetime, $backend>>::from_sql(bytes).map(DbTime)
            }
        }
    )*};
}

from_sql_via_naive!(Pg, Mysql, Sqlite, MultiBackend);

impl ToSql<Datetime, MultiBackend> for DbTime {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Datetime, self.storable()?));
        Ok(serialize::IsNull::No)
    }
}

impl ToSql<Datetime, Pg> for NaiveDateTime {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        <NaiveDateTime as ToSql<Timestamp, Pg>>::to_sql(self, out)
    }
}

impl FromSql<Datetime, Pg> for NaiveDateTime {
    fn from_sql(bytes: PgValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Pg>>::from_sql(bytes)
    }
}

impl ToSql<Datetime, Sqlite> for NaiveDateTime {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        <NaiveDateTime as ToSql<Timestamp, Sqlite>>::to_sql(self, out)
    }
}

impl FromSql<Datetime, Sqlite> for NaiveDateTime {
    fn from_sql(bytes: <Sqlite as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<Timestamp, Sqlite>>::from_sql(bytes)
    }
}

/// The same `MYSQL_TIME` bytes as diesel's `Datetime`; what changes is the bind type, which comes
/// from `HasSqlType<Datetime>` (`MysqlType::DateTime`).
impl ToSql<Datetime, Mysql> for NaiveDateTime {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Mysql>) -> serialize::Result {
        <NaiveDateTime as ToSql<diesel::sql_types::Datetime, Mysql>>::to_sql(self, out)
    }
}

impl FromSql<Datetime, Mysql> for NaiveDateTime {
    fn from_sql(bytes: MysqlValue<'_>) -> deserialize::Result<Self> {
        <NaiveDateTime as FromSql<diesel::sql_types::Datetime, Mysql>>::from_sql(bytes)
    }
}

impl HasSqlType<Datetime> for MultiBackend {
    fn metadata(lookup: &mut Self::MetadataLookup) -> Self::TypeMetadata {
        MultiBackend::lookup_sql_type::<Datetime>(lookup)
    }
}

impl ToSql<Datetime, MultiBackend> for NaiveDateTime {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Datetime, self));
        Ok(serialize::IsNull::No)
    }
}

impl FromSql<Datetime, MultiBackend> for NaiveDateTime {
    fn from_sql(bytes: <MultiBackend as diesel::backend::Backend>::RawValue<'_>) -> deserialize::Result<Self> {
        bytes.from_sql::<Self, Datetime>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_is_the_years_1000_to_9999() {
        assert_eq!(MIN.to_string(), "1000-01-01 00:00:00");
        assert_eq!(MAX.to_string(), "9999-12-31 23:59:59.999999");
    }
}
