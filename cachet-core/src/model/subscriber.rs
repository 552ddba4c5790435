//! Subscribers and their per-component subscriptions.

use chrono::{DateTime, Utc};
use serde::Serialize;

/// Someone who asked to be told about incidents.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Subscriber {
    /// Row id.
    pub id: i64,
    /// Unique e-mail address (stored lower-case).
    pub email: String,
    /// The secret code in verification and management links.
    pub verify_code: String,
    /// Optional phone number.
    pub phone_number: Option<String>,
    /// Optional Slack webhook.
    pub slack_webhook_url: Option<String>,
    /// When the address was verified.
    pub verified_at: Option<DateTime<Utc>>,
    /// Subscribed to everything, including components added later.
    pub global: bool,
    /// Per-component subscriptions, by component id.
    pub subscriptions: Vec<Subscription>,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// A subscriber's interest in one component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Subscription {
    /// Row id.
    pub id: i64,
    /// The subscriber.
    pub subscriber_id: i64,
    /// The component.
    pub component_id: i64,
    /// Creation time.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// Input for a new subscriber.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct NewSubscriber {
    /// Required, a valid address.
    pub email: String,
    /// Mark the address as verified at once.
    pub verified: bool,
    /// Components to follow; `None` follows all of them (a global subscriber).
    pub components: Option<Vec<i64>>,
    /// Optional phone number.
    pub phone_number: Option<String>,
    /// Optional Slack webhook (http or https).
    pub slack_webhook_url: Option<String>,
}
