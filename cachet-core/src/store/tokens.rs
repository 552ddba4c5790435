//! API tokens: random secrets stored as SHA-256 hashes.
//!
//! Tokens are 40 random alphanumeric characters (about 238 bits), so a fast hash is enough: there
//! is nothing to brute-force, and the hash can be looked up by index on every request.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;
use rand::Rng;
use rand::distr::Alphanumeric;
use sha2::{Digest, Sha256};

use super::rows::{naive, utc};
use super::{Resource, Store, validate};
use crate::db::schema::api_tokens as tokens;
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

impl Store {
    /// Makes a token named `name` (unique); the secret is returned once and only its hash kept.
    pub fn create_token(&self, name: &str) -> Result<IssuedToken> {
        let name = validate::name("name", name)?;
        let secret: String = rand::rng().sample_iter(Alphanumeric).take(40).map(char::from).collect();
        let digest = hash(&secret);
        let now = naive(self.now());
        self.write(Resource::Token, |c| {
            let taken: i64 = tokens::table.filter(tokens::name.eq(&name)).count().get_result(c)?;
            if taken > 0 {
                return Err(Error::Conflict(format!("a token named {name:?} exists")));
            }
            diesel::insert_into(tokens::table)
                .values((tokens::name.eq(&name), tokens::token_hash.eq(&digest), tokens::created_at.eq(now)))
                .execute(c)?;
            let id = last_insert_id(c)?;
            Ok(IssuedToken { token: load(c, id)?, secret: secret.clone() })
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
    /// minute, so authenticating does not turn every read into a write.
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
        if token.last_used_at.is_none_or(|t| now - t > Duration::minutes(1)) {
            self.read(|c| {
                diesel::update(tokens::table.find(token.id)).set(tokens::last_used_at.eq(naive(now))).execute(c)?;
                Ok(())
            })?;
        }
        Ok(token)
    }
}
