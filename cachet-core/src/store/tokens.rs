//! API tokens: random secrets stored as SHA-256 hashes.
//!
//! Tokens are 40 random alphanumeric characters (about 238 bits), so a fast hash is enough: there
//! is nothing to brute-force, and the hash can be looked up by index on every request.

use chrono::{DateTime, Duration, NaiveDateTime, Utc};
use diesel::prelude::*;
use rand::Rng;
use rand::distr::Alphanumeric;
use sha2::{Digest, Sha256};

use super::rows::{naive, utc};
use super::{Resource, Store, validate};
use crate::db::schema::api_tokens as tokens;
use crate::db::types::DbTime;
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{ApiToken, IssuedToken};

type TokenRow = (i64, String, NaiveDateTime, Option<NaiveDateTime>, Option<NaiveDateTime>);

fn to_token((id, name, created_at, last_used_at, revoked_at): TokenRow) -> ApiToken {
    ApiToken {
        id,
        name,
        created_at: utc(created_at),
        last_used_at: last_used_at.map(utc),
        revoked_at: revoked_at.map(utc),
    }
}

fn hash(secret: &str) -> String {
    Sha256::digest(secret.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

fn columns() -> (tokens::id, tokens::name, tokens::created_at, tokens::last_used_at, tokens::revoked_at) {
    (tokens::id, tokens::name, tokens::created_at, tokens::last_used_at, tokens::revoked_at)
}

fn load(c: &mut AnyConnection, id: i64) -> Result<ApiToken> {
    Ok(to_token(tokens::table.find(id).select(columns()).first(c)?))
}

/// Inserts a token named `name` (already validated) with a new secret, inside a write.
fn insert(c: &mut AnyConnection, name: &str, now: DbTime) -> Result<IssuedToken> {
    let taken: i64 = tokens::table.filter(tokens::name.eq(name)).count().get_result(c)?;
    if taken > 0 {
        return Err(Error::Conflict(format!("a token named {name:?} exists")));
    }
    let secret: String = rand::rng().sample_iter(Alphanumeric).take(40).map(char::from).collect();
    diesel::insert_into(tokens::table)
        .values((tokens::name.eq(name), tokens::token_hash.eq(hash(&secret)), tokens::created_at.eq(now)))
        .execute(c)?;
    let id = last_insert_id(c)?;
    Ok(IssuedToken { token: load(c, id)?, secret })
}

impl Store {
    /// Whether this process should try to record a use of token `id` now: not when it tried
    /// within the last minute, whether or not that try was written (so a database that refuses
    /// writes is not asked on every request).
    fn claim_token_stamp(&self, id: i64, now: DateTime<Utc>) -> bool {
        let Ok(mut stamps) = self.inner.token_stamps.lock() else { return true };
        if stamps.get(&id).is_some_and(|t| *t <= now && now - *t <= Duration::minutes(1)) {
            return false;
        }
        stamps.insert(id, now);
        true
    }

    /// Makes a token named `name` (unique); the secret is returned once and only its hash kept.
    pub fn create_token(&self, name: &str) -> Result<IssuedToken> {
        let name = validate::name("name", name)?;
        let now = naive(self.now());
        self.write(Resource::Token, |c| insert(c, &name, now))
    }

    /// Makes the first token, named `name`, when no token that still works exists; returns its
    /// secret, or `None` when there is one already (a server calls this on every start).
    ///
    /// Several processes starting at once on one empty database make exactly one token and none
    /// fails: the check and the insert run in one write transaction, and every write transaction
    /// first bumps the revision row, which serialises writers on every backend (a row lock on
    /// PostgreSQL and MySQL/MariaDB, the database's write lock on SQLite). The second process
    /// waits for the first to commit, then sees its token.
    pub fn create_first_token(&self, name: &str) -> Result<Option<String>> {
        let name = validate::name("name", name)?;
        let now = naive(self.now());
        self.write(Resource::Token, |c| {
            let active: i64 = tokens::table.filter(tokens::revoked_at.is_null()).count().get_result(c)?;
            if active > 0 {
                return Ok(None);
            }
            Ok(Some(insert(c, &name, now)?.secret))
        })
    }

    /// Every token, revoked ones included, by id.
    pub fn list_tokens(&self) -> Result<Vec<ApiToken>> {
        self.read(|c| {
            Ok(tokens::table.order(tokens::id).select(columns()).load(c)?.into_iter().map(to_token).collect())
        })
    }

    /// Whether any token that still works exists (a server makes the first one on start).
    pub fn has_active_token(&self) -> Result<bool> {
        self.read(|c| {
            let n: i64 = tokens::table.filter(tokens::revoked_at.is_null()).count().get_result(c)?;
            Ok(n > 0)
        })
    }

    /// Revokes the token named `name`; it authenticates nothing from now on.
    pub fn revoke_token(&self, name: &str) -> Result<ApiToken> {
        let now = naive(self.now());
        self.write(Resource::Token, |c| {
            let id: i64 = tokens::table
                .filter(tokens::name.eq(name))
                .select(tokens::id)
                .first(c)
                .optional()?
                .ok_or_else(|| Error::not_found("token", format!("{name:?}")))?;
            diesel::update(tokens::table.find(id).filter(tokens::revoked_at.is_null()))
                .set(tokens::revoked_at.eq(now))
                .execute(c)?;
            load(c, id)
        })
    }

    /// The token whose secret this is, if it is not revoked. Records the use at most once a
    /// minute, so authenticating does not turn every read into a write; that record is best
    /// effort, so a full or read-only database still authenticates valid tokens for reads.
    pub fn authenticate(&self, secret: &str) -> Result<ApiToken> {
        let secret = secret.trim();
        if secret.is_empty() || secret.len() > 256 {
            return Err(Error::Unauthorized);
        }
        let digest = hash(secret);
        let now = self.now();
        let token = self.read(|c| {
            Ok(tokens::table
                .filter(tokens::token_hash.eq(&digest))
                .filter(tokens::revoked_at.is_null())
                .select(columns())
                .first(c)
                .optional()?
                .map(to_token))
        })?;
        let token = token.ok_or(Error::Unauthorized)?;
        if token.last_used_at.is_none_or(|t| now - t > Duration::minutes(1)) && self.claim_token_stamp(token.id, now) {
            // The stamp is a convenience for `cachet token list`; its failure (a read-only or full
            // database, a lock) must not turn a valid token away. This crate has no logger, and
            // the next try comes a minute later, so the error is dropped here on purpose.
            let _ = self.read(|c| {
                diesel::update(tokens::table.find(token.id)).set(tokens::last_used_at.eq(naive(now))).execute(c)?;
                Ok(())
            });
        }
        Ok(token)
    }
}
