//! Errors in Cachet's format: `{"errors":[{"id","status","title","detail"}]}`, with
//! `meta.details` naming each bad field on 400 (inside the error, as Cachet sends it, and at the
//! top level, as the contract reads). Framework rejections (unknown route, wrong method, body too
//! large) are turned into the same shape by [`recover`].

use std::convert::Infallible;

use serde_json::{Value, json};
use warp::http::StatusCode;
use warp::reply::Response;
use warp::{Rejection, Reply};

/// An error answer of the API.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// Field-level messages (400), or the cause of a 503 the client should read (a full or
    /// read-only database).
    pub details: Vec<String>,
    /// Logged, never shown: the underlying cause of a 5xx.
    pub cause: Option<String>,
}

impl ApiError {
    /// An error with just a status.
    pub fn new(status: StatusCode) -> Self {
        ApiError { status, details: Vec::new(), cause: None }
    }

    /// 400 naming bad fields.
    pub fn invalid(details: Vec<String>) -> Self {
        ApiError { status: StatusCode::BAD_REQUEST, details, cause: None }
    }

    /// 400 for one field.
    pub fn field(field: &str, reason: &str) -> Self {
        ApiError::invalid(vec![field_message(field, reason)])
    }

    /// 401.
    pub fn unauthorized() -> Self {
        ApiError::new(StatusCode::UNAUTHORIZED)
    }

    /// 404.
    pub fn not_found() -> Self {
        ApiError::new(StatusCode::NOT_FOUND)
    }

    /// 503, when the database cannot be reached.
    pub fn unavailable() -> Self {
        ApiError::new(StatusCode::SERVICE_UNAVAILABLE)
    }

    /// 500 with a logged cause.
    pub fn internal(cause: String) -> Self {
        ApiError { status: StatusCode::INTERNAL_SERVER_ERROR, details: Vec::new(), cause: Some(cause) }
    }

    /// A core error met while writing (Cachet answers database errors on writes with 400). The
    /// driver's text is logged, never sent: the client reads the core's fixed words.
    pub fn from_write(e: cachet_core::Error) -> Self {
        match e {
            cachet_core::Error::Database(_) => ApiError {
                status: StatusCode::BAD_REQUEST,
                details: vec![sentence(&e.public_message())],
                cause: Some(e.to_string()),
            },
            other => other.into(),
        }
    }

    /// The JSON body.
    pub fn body(&self) -> Value {
        let (title, detail) = describe(self.status);
        let mut error = json!({
            "id": uuid::Uuid::new_v4().to_string(),
            "status": self.status.as_u16(),
            "title": title,
            "detail": detail,
        });
        let mut body = json!({});
        if !self.details.is_empty() {
            error["meta"] = json!({"details": self.details});
            body["meta"] = json!({"details": self.details});
        }
        body["errors"] = json!([error]);
        body
    }
}

/// "The status must be one of 0, 1, 2, 3, 4."
pub fn field_message(field: &str, reason: &str) -> String {
    format!("The {field} {}.", reason.trim_end_matches('.'))
}

/// A message as a sentence: "the database failed" becomes "The database failed."
fn sentence(message: &str) -> String {
    let mut chars = message.trim_end_matches('.').chars();
    chars.next().map_or_else(String::new, |first| format!("{}{}.", first.to_uppercase(), chars.as_str()))
}

/// Clients read the field at fault and the core's stable words ([`cachet_core::Error::public_message`]);
/// the database's own text (tables, constraints, values, hosts) goes to the log only.
impl From<cachet_core::Error> for ApiError {
    fn from(e: cachet_core::Error) -> Self {
        use cachet_core::Error as E;
        match e {
            E::NotFound { .. } => ApiError::not_found(),
            E::Invalid { field, reason } => ApiError::field(&field, &reason),
            // The store's words, never the driver's (see `cachet_core::Error::Conflict`).
            E::Conflict(reason) => ApiError { status: StatusCode::CONFLICT, details: vec![reason], cause: None },
            E::Unauthorized => ApiError::unauthorized(),
            E::Connect(_) | E::Pool(_) => {
                ApiError { status: StatusCode::SERVICE_UNAVAILABLE, details: Vec::new(), cause: Some(e.to_string()) }
            }
            // Disk full or read-only: the client did nothing wrong and may retry later.
            E::Storage(_) => ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                details: vec![sentence(&e.public_message())],
                cause: Some(e.to_string()),
            },
            other => ApiError::internal(other.to_string()),
        }
    }
}

impl Reply for ApiError {
    fn into_response(self) -> Response {
        if let Some(cause) = &self.cause {
            tracing::warn!(status = self.status.as_u16(), cause = %cause, "request failed");
        }
        let mut response = warp::reply::json(&self.body()).into_response();
        *response.status_mut() = self.status;
        response
    }
}

/// Cachet's title and detail for a status.
fn describe(status: StatusCode) -> (&'static str, &'static str) {
    match status.as_u16() {
        400 => ("Bad Request", "The request cannot be fulfilled due to bad syntax."),
        401 => ("Unauthorized", "Authentication is required and has failed or has not yet been provided."),
        403 => ("Forbidden", "The request was a legal request, but the server is refusing to respond to it."),
        404 => ("Not Found", "The requested resource could not be found but may be available again in the future."),
        405 => (
            "Method Not Allowed",
            "A request was made of a resource using a request method not supported by that resource.",
        ),
        406 => (
            "Not Acceptable",
            "The requested resource is only capable of generating content not acceptable according to the Accept headers sent in the request.",
        ),
        409 => ("Conflict", "The request could not be processed because of conflict in the request."),
        408 => ("Request Timeout", "The request body did not arrive in time."),
        413 => ("Payload Too Large", "The request is larger than the server is willing or able to process."),
        429 => ("Too Many Requests", "Too many requests from this client; retry after the time in Retry-After."),
        503 => (
            "Service Unavailable",
            "The server is currently unavailable. It may be overloaded or down for maintenance.",
        ),
        _ => ("Internal Server Error", "An error has occurred and this resource cannot be displayed."),
    }
}

/// A rejection carrying an [`ApiError`] (used by filters that run before a handler).
#[derive(Debug)]
pub struct Rejected(pub ApiError);

impl warp::reject::Reject for Rejected {}

/// Turns every rejection into a JSON error.
pub async fn recover(rejection: Rejection) -> Result<Response, Infallible> {
    let error = if let Some(Rejected(e)) = rejection.find::<Rejected>() {
        e.clone()
    } else if rejection.is_not_found() {
        ApiError::not_found()
    } else if rejection.find::<warp::reject::MethodNotAllowed>().is_some() {
        ApiError::new(StatusCode::METHOD_NOT_ALLOWED)
    } else if rejection.find::<warp::reject::PayloadTooLarge>().is_some() {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE)
    } else if rejection.find::<warp::reject::InvalidQuery>().is_some() {
        ApiError::invalid(vec!["The query string is malformed.".into()])
    } else {
        ApiError::internal(format!("unhandled rejection: {rejection:?}"))
    };
    Ok(error.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_to_a_full_database_is_a_503_saying_so_in_fixed_words() {
        let error = ApiError::from_write(cachet_core::Error::Storage("database or disk is full".into()));
        assert_eq!(error.status, StatusCode::SERVICE_UNAVAILABLE);
        let body = error.body();
        assert_eq!(body["errors"][0]["status"], 503);
        assert_eq!(body["meta"]["details"], json!(["The database cannot take writes: it is full or read-only."]));
        assert!(error.cause.unwrap().contains("database or disk is full"), "the cause is logged");
    }

    /// Driver texts of each backend never reach the body; they stay in `cause`, which is logged.
    #[test]
    fn database_errors_send_fixed_words_and_log_the_drivers_text() {
        let driver = [
            "UNIQUE constraint failed: components.name",
            "duplicate key value violates unique constraint \"components_name_key\"",
            "Duplicate entry 'API' for key 'components_name'",
            "relation \"component_tags\" does not exist",
            "password authentication failed for user \"cachet\"",
        ];
        for text in driver {
            for error in [
                ApiError::from_write(cachet_core::Error::Database(text.into())),
                cachet_core::Error::Database(text.into()).into(),
                cachet_core::Error::Migration(text.into()).into(),
                cachet_core::Error::Connect(text.into()).into(),
                cachet_core::Error::Storage(text.into()).into(),
            ] {
                let body = error.body().to_string();
                assert!(!body.contains(text) && !body.contains("constraint"), "{body}");
                assert!(error.cause.as_deref().is_some_and(|c| c.contains(text)), "{error:?}");
            }
        }
        let body = ApiError::from_write(cachet_core::Error::Database(driver[0].into())).body();
        assert_eq!(body["meta"]["details"], json!(["The database failed."]));
    }
}
