//! Subscribers and their per-component subscriptions.

use std::collections::HashMap;

use chrono::NaiveDateTime;
use diesel::prelude::*;
use rand::Rng;
use rand::distr::Alphanumeric;

use super::rows::{naive, utc};
use super::{Resource, Store, validate};
use crate::db::schema::{components, subscribers, subscriptions};
use crate::db::{AnyConnection, last_insert_id};
use crate::error::{Error, Result};
use crate::model::{NewSubscriber, Page, PageRequest, Subscriber, Subscription};

#[derive(Queryable, Selectable)]
#[diesel(table_name = subscribers)]
struct SubscriberRow {
    id: i64,
    email: String,
    verify_code: String,
    phone_number: Option<String>,
    slack_webhook_url: Option<String>,
    verified_at: Option<NaiveDateTime>,
    global: bool,
    created_at: NaiveDateTime,
    updated_at: NaiveDateTime,
}

type SubscriptionRow = (i64, i64, i64, NaiveDateTime, NaiveDateTime);

fn assemble(c: &mut AnyConnection, rows: Vec<SubscriberRow>) -> Result<Vec<Subscriber>> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut subs: HashMap<i64, Vec<Subscription>> = HashMap::new();
    if !ids.is_empty() {
        let found: Vec<SubscriptionRow> = subscriptions::table
            .filter(subscriptions::subscriber_id.eq_any(&ids))
            .order((subscriptions::subscriber_id, subscriptions::id))
            .load(c)?;
        for (id, subscriber_id, component_id, created_at, updated_at) in found {
            subs.entry(subscriber_id).or_default().push(Subscription {
                id,
                subscriber_id,
                component_id,
                created_at: utc(created_at),
                updated_at: utc(updated_at),
            });
        }
    }
    Ok(rows
        .into_iter()
        .map(|r| Subscriber {
            id: r.id,
            subscriptions: subs.remove(&r.id).unwrap_or_default(),
            email: r.email,
            verify_code: r.verify_code,
            phone_number: r.phone_number,
            slack_webhook_url: r.slack_webhook_url,
            verified_at: r.verified_at.map(utc),
            global: r.global,
            created_at: utc(r.created_at),
            updated_at: utc(r.updated_at),
        })
        .collect())
}

fn load(c: &mut AnyConnection, id: i64) -> Result<Subscriber> {
    let row = subscribers::table
        .find(id)
        .select(SubscriberRow::as_select())
        .first(c)
        .optional()?
        .ok_or_else(|| Error::not_found("subscriber", id))?;
    Ok(assemble(c, vec![row])?.remove(0))
}

/// Cachet's 42-character verification code.
fn verify_code() -> String {
    rand::rng().sample_iter(Alphanumeric).take(42).map(char::from).collect()
}

impl Store {
    /// Subscribes an address. Idempotent by e-mail: an existing subscriber is returned unchanged,
    /// with `false`. Without a component list the subscriber follows every component.
    pub fn create_subscriber(&self, input: NewSubscriber) -> Result<(Subscriber, bool)> {
        let email = validate::email("email", &input.email)?;
        let phone = input.phone_number.as_deref().map(|p| validate::short("phone_number", p.trim())).transpose()?;
        let slack = validate::web_url("slack_webhook_url", input.slack_webhook_url.as_deref())?;
        let now = naive(self.now());
        self.write(Resource::Subscriber, |c| {
            let existing: Option<i64> =
                subscribers::table.filter(subscribers::email.eq(&email)).select(subscribers::id).first(c).optional()?;
            if let Some(id) = existing {
                return Ok((load(c, id)?, false));
            }
            let wanted: Vec<i64> = match &input.components {
                Some(ids) => {
                    let mut unique: Vec<i64> = Vec::new();
                    for &id in ids {
                        let found: i64 = components::table.filter(components::id.eq(id)).count().get_result(c)?;
                        if found == 0 {
                            return Err(Error::invalid("components", format!("no component has id {id}")));
                        }
                        if !unique.contains(&id) {
                            unique.push(id);
                        }
                    }
                    unique
                }
                None => components::table.select(components::id).order(components::id).load(c)?,
            };
            diesel::insert_into(subscribers::table)
                .values((
                    subscribers::email.eq(&email),
                    subscribers::verify_code.eq(verify_code()),
                    subscribers::phone_number.eq(&phone),
                    subscribers::slack_webhook_url.eq(&slack),
                    subscribers::verified_at.eq(input.verified.then_some(now)),
                    subscribers::global.eq(input.components.is_none()),
                    subscribers::created_at.eq(now),
                    subscribers::updated_at.eq(now),
                ))
                .execute(c)?;
            let id = last_insert_id(c)?;
            for component in wanted {
                diesel::insert_into(subscriptions::table)
                    .values((
                        subscriptions::subscriber_id.eq(id),
                        subscriptions::component_id.eq(component),
                        subscriptions::created_at.eq(now),
                        subscriptions::updated_at.eq(now),
                    ))
                    .execute(c)?;
            }
            Ok((load(c, id)?, true))
        })
    }

    /// One subscriber by id.
    pub fn subscriber(&self, id: i64) -> Result<Subscriber> {
        self.read(|c| load(c, id))
    }

    /// One subscriber by id, or else by e-mail.
    pub fn find_subscriber(&self, id_or_email: &str) -> Result<Subscriber> {
        let key = id_or_email.trim();
        if let Ok(id) = key.parse::<i64>() {
            return self.subscriber(id);
        }
        let email = key.to_lowercase();
        self.read(|c| {
            let id: i64 = subscribers::table
                .filter(subscribers::email.eq(&email))
                .select(subscribers::id)
                .first(c)
                .optional()?
                .ok_or_else(|| Error::not_found("subscriber", format!("{key:?}")))?;
            load(c, id)
        })
    }

    /// A page of subscribers, by id.
    pub fn list_subscribers(&self, page: PageRequest) -> Result<Page<Subscriber>> {
        self.read(|c| {
            let total: i64 = subscribers::table.count().get_result(c)?;
            let rows = subscribers::table
                .order(subscribers::id)
                .offset(page.offset())
                .limit(page.limit())
                .select(SubscriberRow::as_select())
                .load(c)?;
            Ok(Page {
                items: assemble(c, rows)?,
                total: total as u64,
                page: page.page.max(1),
                per_page: page.limit() as u32,
            })
        })
    }

    /// Marks a subscriber's address as verified.
    pub fn verify_subscriber(&self, id: i64) -> Result<Subscriber> {
        let now = naive(self.now());
        self.write(Resource::Subscriber, |c| {
            load(c, id)?;
            diesel::update(subscribers::table.find(id).filter(subscribers::verified_at.is_null()))
                .set((subscribers::verified_at.eq(now), subscribers::updated_at.eq(now)))
                .execute(c)?;
            load(c, id)
        })
    }

    /// Deletes a subscriber and their subscriptions.
    pub fn delete_subscriber(&self, id: i64) -> Result<()> {
        self.write(Resource::Subscriber, |c| {
            load(c, id)?;
            diesel::delete(subscriptions::table.filter(subscriptions::subscriber_id.eq(id))).execute(c)?;
            diesel::delete(subscribers::table.find(id)).execute(c)?;
            Ok(())
        })
    }

    /// Deletes one subscription.
    pub fn delete_subscription(&self, id: i64) -> Result<()> {
        self.write(Resource::Subscriber, |c| {
            let n = diesel::delete(subscriptions::table.find(id)).execute(c)?;
            if n == 0 {
                return Err(Error::not_found("subscription", id));
            }
            Ok(())
        })
    }
}
