//! Subscribers: people told about incidents, globally or per component.

use cachet_core::model::{self as core, NewSubscriber};
use chrono::{DateTime, Utc};
use pyo3::prelude::*;

use crate::client::{collection, run};
use crate::convert::page_request;
use crate::page::Page;
use crate::record::{record, wrap_all};

record! {
    /// A subscriber's interest in one component.
    pub struct Subscription {
        /// Row id.
        pub id: i64,
        /// The subscriber.
        pub subscriber_id: i64,
        /// The component.
        pub component_id: i64,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, subscriber_id, component_id)
}

record! {
    /// Someone who asked to be told about incidents.
    pub struct Subscriber {
        /// Row id.
        pub id: i64,
        /// E-mail address (lower-case).
        pub email: String,
        /// The secret code of verification and management links.
        pub verify_code: String,
        /// Phone number, or None.
        pub phone_number: Option<String>,
        /// Slack webhook, or None.
        pub slack_webhook_url: Option<String>,
        /// When the address was verified (UTC), or None.
        pub verified_at: Option<DateTime<Utc>>,
        /// Subscribed to everything, including components added later.
        pub is_global: bool,
        /// Per-component subscriptions.
        pub subscriptions: Vec<Py<Subscription>>,
        /// Creation time (UTC).
        pub created_at: DateTime<Utc>,
        /// Last change (UTC).
        pub updated_at: DateTime<Utc>,
    }
    repr(id, email, is_global, verified_at)
}

impl Subscriber {
    fn from_core(py: Python<'_>, s: core::Subscriber) -> PyResult<Py<Subscriber>> {
        let subscriptions = s
            .subscriptions
            .into_iter()
            .map(|x| Subscription {
                id: x.id,
                subscriber_id: x.subscriber_id,
                component_id: x.component_id,
                created_at: x.created_at,
                updated_at: x.updated_at,
            })
            .collect();
        let record = Subscriber {
            id: s.id,
            email: s.email,
            verify_code: s.verify_code,
            phone_number: s.phone_number,
            slack_webhook_url: s.slack_webhook_url,
            verified_at: s.verified_at,
            is_global: s.global,
            subscriptions: wrap_all(py, subscriptions)?,
            created_at: s.created_at,
            updated_at: s.updated_at,
        };
        Py::new(py, record)
    }
}

collection! {
    /// Subscribers (`cachet.Cachet.subscribers`).
    Subscribers, "Subscribers"
}

#[pymethods]
impl Subscribers {
    /// Subscribes `email` to `components` (ids), or to everything when None. Idempotent: an
    /// existing subscriber with that address is returned unchanged.
    #[pyo3(signature = (email, *, verified = false, components = None, phone_number = None, slack_webhook_url = None))]
    fn create(
        &self,
        py: Python<'_>,
        email: String,
        verified: bool,
        components: Option<Vec<i64>>,
        phone_number: Option<String>,
        slack_webhook_url: Option<String>,
    ) -> PyResult<Py<Subscriber>> {
        let input = NewSubscriber { email, verified, components, phone_number, slack_webhook_url };
        let (s, _created) = run(py, &self.client, |st| st.create_subscriber(input))?;
        Subscriber::from_core(py, s)
    }

    /// The subscriber with this id; raises `NotFoundError`.
    fn get(&self, py: Python<'_>, id: i64) -> PyResult<Py<Subscriber>> {
        let s = run(py, &self.client, |st| st.subscriber(id))?;
        Subscriber::from_core(py, s)
    }

    /// The subscriber with this id (as text) or e-mail address.
    fn find(&self, py: Python<'_>, id_or_email: String) -> PyResult<Py<Subscriber>> {
        let s = run(py, &self.client, |st| st.find_subscriber(&id_or_email))?;
        Subscriber::from_core(py, s)
    }

    /// A page of subscribers.
    #[pyo3(signature = (*, page = 1, per_page = 20))]
    fn list(&self, py: Python<'_>, page: i64, per_page: i64) -> PyResult<Page> {
        let page = page_request(page, per_page)?;
        let found = run(py, &self.client, |st| st.list_subscribers(page))?;
        Page::new(py, found, |s| Ok(Subscriber::from_core(py, s)?.into_any()))
    }

    /// Marks the subscriber's address as verified.
    fn verify(&self, py: Python<'_>, id: i64) -> PyResult<Py<Subscriber>> {
        let s = run(py, &self.client, |st| st.verify_subscriber(id))?;
        Subscriber::from_core(py, s)
    }

    /// Removes one component subscription by its id.
    fn unsubscribe(&self, py: Python<'_>, subscription: i64) -> PyResult<()> {
        run(py, &self.client, |st| st.delete_subscription(subscription))
    }

    /// Deletes the subscriber and their subscriptions.
    fn delete(&self, py: Python<'_>, id: i64) -> PyResult<()> {
        run(py, &self.client, |st| st.delete_subscriber(id))
    }
}
