//! Rate limits, answered with 429 and `Retry-After`:
//!
//! - failed token checks per client address (strict: guessing tokens is slow),
//! - writes without a valid token per client address,
//! - writes per token (generous: monitors and imports are never throttled in normal use).
//!
//! Each is a GCRA limiter keyed in memory (the `governor` crate); keys that are full again are
//! dropped every minute, so a scan from many addresses does not grow memory for good.

use std::collections::HashMap;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use warp::http::{HeaderValue, StatusCode, header};
use warp::reply::{Reply, Response};

use crate::api::error::ApiError;

/// What may be limited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    /// A request whose token was wrong.
    AuthFailure,
    /// A write without a valid token.
    GuestWrite,
}

/// The server's limiters.
pub struct RateLimits {
    auth_failures: Option<DefaultKeyedRateLimiter<IpAddr>>,
    /// Addresses that used up their failed token checks, until when.
    locked: Mutex<HashMap<IpAddr, Instant>>,
    guest_writes: Option<DefaultKeyedRateLimiter<IpAddr>>,
    token_writes: Option<DefaultKeyedRateLimiter<i64>>,
}

/// The per-minute or per-second allowances (0 turns a limit off).
#[derive(Debug, Clone, Copy)]
pub struct RateQuotas {
    /// Failed token checks per address and minute.
    pub auth_failures_per_minute: u32,
    /// Writes without a valid token per address and minute.
    pub guest_writes_per_minute: u32,
    /// Writes per token and second.
    pub token_writes_per_second: u32,
}

impl RateLimits {
    /// Limiters with these quotas; each allows a burst of its whole allowance.
    pub fn new(quotas: RateQuotas) -> Self {
        let per_minute = |n: u32| NonZeroU32::new(n).map(|n| RateLimiter::keyed(Quota::per_minute(n)));
        RateLimits {
            auth_failures: per_minute(quotas.auth_failures_per_minute),
            locked: Mutex::new(HashMap::new()),
            guest_writes: per_minute(quotas.guest_writes_per_minute),
            token_writes: NonZeroU32::new(quotas.token_writes_per_second)
                .map(|n| RateLimiter::keyed(Quota::per_second(n))),
        }
    }

    /// Counts one `what` from `ip`; `Err(wait)` when its allowance is used up.
    pub fn check(&self, what: Limited, ip: IpAddr) -> Result<(), Duration> {
        let limiter = match what {
            Limited::AuthFailure => &self.auth_failures,
            Limited::GuestWrite => &self.guest_writes,
        };
        let key = crate::client::Client::limit_key(ip);
        let verdict = check(limiter.as_ref(), &key);
        if what == Limited::AuthFailure
            && let Err(wait) = verdict
            && let Ok(mut locked) = self.locked.lock()
        {
            locked.insert(key, Instant::now() + wait);
        }
        verdict
    }

    /// How long `ip` must wait when it has used up its failed token checks. Asked before a
    /// token is looked up: a locked-out address gets 429 even for a right token, so a guesser
    /// cannot tell a hit, and cannot keep the database busy.
    pub fn auth_locked(&self, ip: IpAddr) -> Option<Duration> {
        let key = crate::client::Client::limit_key(ip);
        let locked = self.locked.lock().ok()?;
        let until = locked.get(&key)?;
        until.checked_duration_since(Instant::now()).filter(|d| !d.is_zero())
    }

    /// Counts one write with the token `token_id`.
    pub fn check_token_write(&self, token_id: i64) -> Result<(), Duration> {
        check(self.token_writes.as_ref(), &token_id)
    }

    /// Forgets keys whose allowance is full again.
    pub fn forget_idle(&self) {
        if let Ok(mut locked) = self.locked.lock() {
            let now = Instant::now();
            locked.retain(|_, until| *until > now);
        }
        if let Some(l) = &self.auth_failures {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &self.guest_writes {
            l.retain_recent();
            l.shrink_to_fit();
        }
        if let Some(l) = &self.token_writes {
            l.retain_recent();
            l.shrink_to_fit();
        }
    }
}

fn check<K: std::hash::Hash + Eq + Clone>(
    limiter: Option<&DefaultKeyedRateLimiter<K>>,
    key: &K,
) -> Result<(), Duration> {
    match limiter.map(|l| l.check_key(key)) {
        None | Some(Ok(())) => Ok(()),
        Some(Err(not_until)) => Err(not_until.wait_time_from(DefaultClock::default().now())),
    }
}

/// A rejection for a request over its rate, with the time to wait.
#[derive(Debug)]
pub struct TooManyRequests(pub Duration);

impl warp::reject::Reject for TooManyRequests {}

/// Answers [`TooManyRequests`] rejections with 429, and every other rejection as the API does.
pub async fn recover(rejection: warp::Rejection) -> Result<Response, std::convert::Infallible> {
    match rejection.find::<TooManyRequests>() {
        Some(TooManyRequests(wait)) => Ok(too_many_requests(*wait)),
        None => crate::api::error::recover(rejection).await,
    }
}

/// 429 in the API's error format, with `Retry-After` in whole seconds (at least 1).
pub fn too_many_requests(wait: Duration) -> Response {
    let mut response = ApiError::new(StatusCode::TOO_MANY_REQUESTS).into_response();
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    if let Ok(value) = HeaderValue::from_str(&seconds.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(auth: u32) -> RateLimits {
        RateLimits::new(RateQuotas {
            auth_failures_per_minute: auth,
            guest_writes_per_minute: 0,
            token_writes_per_second: 2,
        })
    }

    #[test]
    fn failures_beyond_the_allowance_wait_about_their_share_of_a_minute() {
        let l = limits(10);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        for _ in 0..10 {
            assert!(l.check(Limited::AuthFailure, ip).is_ok());
        }
        let wait = l.check(Limited::AuthFailure, ip).unwrap_err();
        assert!(wait > Duration::from_secs(4) && wait <= Duration::from_secs(6), "{wait:?}");
        assert!(l.auth_locked(ip).is_some());
        assert!(l.check(Limited::AuthFailure, "192.0.2.2".parse().unwrap()).is_ok(), "other addresses are not held");
    }

    #[test]
    fn a_limit_of_zero_is_off() {
        let l = limits(0);
        for _ in 0..1000 {
            assert!(l.check(Limited::GuestWrite, "192.0.2.1".parse().unwrap()).is_ok());
        }
        assert!(l.auth_locked("192.0.2.1".parse().unwrap()).is_none());
    }

    #[test]
    fn tokens_are_limited_each_on_their_own() {
        let l = limits(10);
        assert!(l.check_token_write(1).is_ok() && l.check_token_write(1).is_ok());
        assert!(l.check_token_write(1).is_err());
        assert!(l.check_token_write(2).is_ok());
    }

    #[test]
    fn the_answer_says_when_to_come_back() {
        let response = too_many_requests(Duration::from_millis(4200));
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(response.headers()[header::RETRY_AFTER], "5");
    }
}
