//! API tokens: named secrets, stored only as a hash, revocable.

use cachet_core::model as core;
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::record::record;

record! {
    /// An API token's record (the secret itself is never stored).
    pub struct ApiToken {
        /// Row id.
        pub id: i64,
        /// A unique name.
        pub name: String,
        /// When it was made (UTC).
        pub created_at: DateTime<Utc>,
        /// When it last authenticated a request, or None.
        pub last_used_at: Option<DateTime<Utc>>,
        /// When it was revoked, or None.
        pub revoked_at: Option<DateTime<Utc>>,
    }
    repr(id, name, revoked_at)
}

record! {
    /// A newly made token and its secret, which is shown only here. `repr()` hides the secret.
    pub struct IssuedToken {
        /// The stored record.
        pub token: Py<ApiToken>,
        /// The secret to hand to the client.
        pub secret: String,
    }
    repr(token)
}

fn token(t: core::ApiToken) -> ApiToken {
    ApiToken {
        id: t.id,
        name: t.name,
        created_at: t.created_at,
        last_used_at: t.last_used_at,
        revoked_at: t.revoked_at,
    }
}

collection! {
    /// API tokens (`cachet.Cachet.tokens`).
    Tokens, "Tokens"
}

#[pymethods]
impl Tokens {
    /// Makes a token named `name`; the returned secret is not stored and cannot be shown again.
    fn create(&self, py: Python<'_>, name: String) -> PyResult<IssuedToken> {
        let issued = run(py, &self.client, |s| s.create_token(&name))?;
        Ok(IssuedToken { token: Py::new(py, token(issued.token))?, secret: issued.secret })
    }

    /// Every token, revoked ones included.
    fn list(&self, py: Python<'_>) -> PyResult<Vec<ApiToken>> {
        Ok(run(py, &self.client, |s| s.list_tokens())?.into_iter().map(token).collect())
    }

    /// Revokes the token named `name`.
    fn revoke(&self, py: Python<'_>, name: String) -> PyResult<ApiToken> {
        Ok(token(run(py, &self.client, |s| s.revoke_token(&name))?))
    }

    /// The token this secret belongs to; raises `AuthenticationError` for an unknown or revoked one.
    fn authenticate(&self, py: Python<'_>, secret: String) -> PyResult<ApiToken> {
        Ok(token(run(py, &self.client, |s| s.authenticate(&secret))?))
    }
}
