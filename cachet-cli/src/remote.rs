//! A blocking client for a running `cachet-server`'s API v1 (see `spec/cachet-api-v1.md`):
//! envelopes `{"data": ...}`, paginated lists, JSON errors, the `X-Cachet-Token` header.

use std::time::Duration;

use serde_json::Value;

use crate::error::{CliError, CliResult, Kind};

/// The largest page the client asks for; the API caps `per_page` no lower than this.
const PAGE: u32 = 1000;

/// A connection to one server.
pub struct Client {
    base: String,
    token: Option<String>,
    agent: ureq::Agent,
}

impl Client {
    /// A client for the server at `url` (with or without `/api/v1`), authenticating with `token`.
    pub fn new(url: &str, token: Option<String>) -> CliResult<Client> {
        let trimmed = url.trim().trim_end_matches('/');
        if !(trimmed.starts_with("http://") || trimmed.starts_with("https://")) {
            return Err(CliError::new(
                Kind::Config,
                format!("--server must be an http:// or https:// URL, not {url:?}"),
            ));
        }
        let base = if trimmed.ends_with("/api/v1") { trimmed.to_string() } else { format!("{trimmed}/api/v1") };
        let agent =
            ureq::AgentBuilder::new().timeout_connect(Duration::from_secs(5)).timeout(Duration::from_secs(60)).build();
        Ok(Client { base, token: token.filter(|t| !t.is_empty()), agent })
    }

    fn request(&self, method: &str, path: &str) -> ureq::Request {
        let mut req = self.agent.request(method, &format!("{}{path}", self.base)).set("Accept", "application/json");
        if let Some(token) = &self.token {
            req = req.set("X-Cachet-Token", token);
        }
        req
    }

    fn send(&self, method: &str, path: &str, body: Option<&Value>) -> CliResult<Option<Value>> {
        let req = self.request(method, path);
        let result = match body {
            Some(b) => req.send_json(b.clone()),
            None => req.call(),
        };
        match result {
            Ok(resp) if resp.status() == 204 => Ok(None),
            Ok(resp) => {
                let text = resp.into_string().map_err(|e| self.broken(&e.to_string()))?;
                if text.trim().is_empty() {
                    return Ok(None);
                }
                serde_json::from_str(&text).map(Some).map_err(|_| self.broken("the answer is not JSON"))
            }
            Err(ureq::Error::Status(code, resp)) => {
                let body: Value = resp.into_json().unwrap_or(Value::Null);
                Err(self.api_error(code, &body))
            }
            Err(ureq::Error::Transport(t)) => Err(CliError::new(
                Kind::Unavailable,
                match t.message() {
                    Some(m) => format!("cannot reach the server at {}: {}: {m}", self.base, t.kind()),
                    None => format!("cannot reach the server at {}: {}", self.base, t.kind()),
                },
            )),
        }
    }

    fn broken(&self, why: &str) -> CliError {
        CliError::new(Kind::Internal, format!("unexpected answer from {}: {why}", self.base))
    }

    /// Maps an API error body to a message naming the problem.
    fn api_error(&self, code: u16, body: &Value) -> CliError {
        let first = &body["errors"][0];
        let mut detail = first["detail"].as_str().unwrap_or("").to_string();
        if let Some(details) = body["meta"]["details"].as_array() {
            let joined: Vec<&str> = details.iter().filter_map(Value::as_str).collect();
            if !joined.is_empty() {
                detail = joined.join("; ");
            }
        }
        let kind = match code {
            401 | 403 => Kind::Unauthorized,
            404 => Kind::NotFound,
            409 => Kind::Conflict,
            400 | 422 => Kind::Invalid,
            _ => Kind::Internal,
        };
        let message = match kind {
            Kind::Unauthorized if self.token.is_none() => {
                "the server requires a token: pass --token or set CACHET_TOKEN".to_string()
            }
            Kind::Unauthorized => "token rejected by the server (unknown or revoked)".to_string(),
            _ if detail.is_empty() => format!("the server answered {code}"),
            _ => detail,
        };
        CliError::new(kind, message)
    }

    /// `data` of a GET.
    pub fn get(&self, path: &str) -> CliResult<Value> {
        Ok(self.send("GET", path, None)?.map(|mut v| v["data"].take()).unwrap_or(Value::Null))
    }

    /// Every row of a paginated listing (`query` without `page`).
    pub fn get_all(&self, path: &str, query: &str) -> CliResult<Vec<Value>> {
        let mut rows = Vec::new();
        let mut page: u32 = 1;
        loop {
            let sep = if query.is_empty() { "" } else { "&" };
            let url = format!("{path}?{query}{sep}per_page={PAGE}&page={page}");
            let body = self.send("GET", &url, None)?.unwrap_or(Value::Null);
            if let Some(items) = body["data"].as_array() {
                rows.extend(items.iter().cloned());
            }
            let total_pages = body["meta"]["pagination"]["total_pages"].as_u64().unwrap_or(1);
            if u64::from(page) >= total_pages {
                return Ok(rows);
            }
            page += 1;
        }
    }

    /// One page of a listing.
    pub fn get_page(&self, path: &str, query: &str) -> CliResult<Vec<Value>> {
        let body = self.send("GET", &format!("{path}?{query}"), None)?.unwrap_or(Value::Null);
        Ok(body["data"].as_array().cloned().unwrap_or_default())
    }

    /// `data` of a POST.
    pub fn post(&self, path: &str, body: &Value) -> CliResult<Value> {
        Ok(self.send("POST", path, Some(body))?.map(|mut v| v["data"].take()).unwrap_or(Value::Null))
    }

    /// `data` of a PUT.
    pub fn put(&self, path: &str, body: &Value) -> CliResult<Value> {
        Ok(self.send("PUT", path, Some(body))?.map(|mut v| v["data"].take()).unwrap_or(Value::Null))
    }

    /// A DELETE.
    pub fn delete(&self, path: &str) -> CliResult<()> {
        self.send("DELETE", path, None).map(|_| ())
    }
}

/// Percent-encodes a query value.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}
