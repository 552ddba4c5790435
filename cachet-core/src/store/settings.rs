//! Settings storage: an upsert per backend, since the multi-backend connection has none.

use diesel::prelude::*;

use super::{Resource, Store};
use crate::db::schema::settings;
use crate::error::{Error, Result};
use crate::settings::{Settings, normalize};

impl Store {
    /// Every setting, with defaults for unset known keys.
    pub fn settings(&self) -> Result<Settings> {
        self.read(|c| {
            let rows: Vec<(String, String)> = settings::table.order(settings::name).load(c)?;
            Ok(Settings::from_rows(rows))
        })
    }

    /// Stores a setting after checking it (known keys are typed); returns the stored value.
    pub fn set_setting(&self, name: &str, value: &str) -> Result<String> {
        let value = normalize(name, value)?;
        self.write(Resource::Setting, |c| {
            // Update, then insert when nothing was there: portable, and safe inside the
            // transaction that serialises writers.
            let updated = diesel::update(settings::table.find(name)).set(settings::value.eq(&value)).execute(c)?;
            if updated == 0 {
                diesel::insert_into(settings::table)
                    .values((settings::name.eq(name), settings::value.eq(&value)))
                    .execute(c)?;
            }
            Ok(value.clone())
        })
    }

    /// Removes a stored setting (a known key falls back to its default).
    pub fn delete_setting(&self, name: &str) -> Result<()> {
        self.write(Resource::Setting, |c| {
            let n = diesel::delete(settings::table.find(name)).execute(c)?;
            if n == 0 {
                return Err(Error::not_found("setting", name));
            }
            Ok(())
        })
    }
}
