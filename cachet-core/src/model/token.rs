//! API tokens: named, stored only as a hash, revocable.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// An API token's record. The secret itself is shown once, when it is created, and never stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApiToken {
    /// Row id.
    pub id: i64,
    /// A unique name chosen by its owner.
    pub name: String,
    /// When it was made.
    pub created_at: DateTime<Utc>,
    /// When it last authenticated a request (recorded at most once a minute).
    pub last_used_at: Option<DateTime<Utc>>,
    /// When it was revoked; a revoked token authenticates nothing.
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A newly made token and its secret, which exists only in this value.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The stored record.
    pub token: ApiToken,
    /// The secret to hand to the client.
    pub secret: String,
}
