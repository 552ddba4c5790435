//! Stale-while-revalidate inside the process: the pages visitors asked for lately are rendered
//! again in the background after every write (and when the minute turns), by one task, one page
//! at a time, while readers keep getting the last snapshot. Writes that arrive during a round
//! are coalesced into the next. When a round is done, the revision it covered is published, and
//! the live-update stream tells open pages only then, so the page they fetch is the new one.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use cachet_core::Settings;
use chrono::{DateTime, Utc};

use super::{Render, RenderCtx};
use crate::api::error::ApiError;
use crate::cache::CachedBody;
use crate::state::AppState;

/// A page that can be rendered again without its request.
#[derive(Clone)]
pub(crate) struct Page {
    /// Its cache key.
    pub key: String,
    /// The base URL of its links.
    pub base: String,
    /// Its content type.
    pub content_type: &'static str,
    /// How to render it.
    pub render: Render,
}

/// Shortest time between two rounds of background renders.
const ROUND_INTERVAL: Duration = Duration::from_millis(200);

/// Pages not asked for during this long are no longer kept fresh in the background.
const WANTED_FOR: Duration = Duration::from_secs(120);
/// Most pages kept fresh in the background (the most recently asked for win).
const MOST_PAGES: usize = 256;

/// The pages visitors asked for lately.
#[derive(Default)]
pub struct HotPages {
    pages: Mutex<HashMap<String, (Page, Instant)>>,
}

impl HotPages {
    /// Notes that a visitor asked for `page`.
    pub(crate) fn wanted(&self, page: Page) {
        let Ok(mut pages) = self.pages.lock() else { return };
        let now = Instant::now();
        if pages.len() >= MOST_PAGES && !pages.contains_key(&page.key) {
            pages.retain(|_, (_, at)| now.duration_since(*at) < WANTED_FOR);
            if pages.len() >= MOST_PAGES
                && let Some(oldest) = pages.iter().min_by_key(|(_, (_, at))| *at).map(|(k, _)| k.clone())
            {
                pages.remove(&oldest);
            }
        }
        pages.insert(page.key.clone(), (page, now));
    }

    /// The pages asked for within [`WANTED_FOR`], forgetting the others.
    fn current(&self) -> Vec<Page> {
        let Ok(mut pages) = self.pages.lock() else { return Vec::new() };
        let now = Instant::now();
        pages.retain(|_, (_, at)| now.duration_since(*at) < WANTED_FOR);
        pages.values().map(|(page, _)| page.clone()).collect()
    }
}

/// Renders `page` as of `revision` and keeps it in the cache.
pub(crate) async fn render(
    state: &AppState,
    page: &Page,
    settings: Arc<Settings>,
    now: DateTime<Utc>,
    revision: i64,
) -> Result<Arc<CachedBody>, ApiError> {
    let (store, render, base, content_type) =
        (state.store.clone(), page.render.clone(), page.base.clone(), page.content_type);
    let key = page.key.clone();
    let body = state
        .blocking
        .render(move || {
            let started = std::time::Instant::now();
            let ctx = RenderCtx { store: &store, settings: &settings, now, base_url: base, revision };
            let body = Arc::new(CachedBody::new(content_type, render(&ctx)?));
            let render_ms = started.elapsed().as_secs_f64() * 1000.0;
            tracing::debug!(%key, revision, render_ms, bytes = body.plain.len(), "rendered");
            Ok(body)
        })
        .await?;
    state.cache.put(revision, now.timestamp() / 60, page.key.clone(), body.clone());
    Ok(body)
}

/// The background renderer: runs for the life of the server.
pub(crate) async fn run(state: AppState) {
    let mut changes = state.changes.subscribe();
    // The clock matters too (the minute a snapshot was made in), and a missed change must not
    // leave a page stale for long.
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut last_round = Instant::now();
    loop {
        tokio::select! {
            _ = changes.recv() => {}
            _ = tick.tick() => {}
        }
        // A monitor fleet can write dozens of times a second: one round per interval covers
        // them all, keeping renders (and their CPU) bounded while pages stay well within a
        // second of the latest write.
        tokio::time::sleep(ROUND_INTERVAL.saturating_sub(last_round.elapsed())).await;
        last_round = Instant::now();
        // Coalesce: everything that arrived so far is covered by this round.
        while changes.try_recv().is_ok() {}
        let revision = state.revision();
        let Ok(settings) = state.settings().await else { continue };
        let now = state.store.now();
        let minute = now.timestamp() / 60;
        for page in state.pages.current() {
            if state.cache.get(revision, minute, &page.key).is_some() {
                continue;
            }
            if let Err(e) = render(&state, &page, settings.clone(), now, revision).await
                && let Some(cause) = &e.cause
            {
                tracing::warn!(key = %page.key, %cause, "background render failed; the last snapshot stays");
            }
        }
        state.rendered.send_if_modified(|done| {
            let moved = revision > *done;
            *done = (*done).max(revision);
            moved
        });
    }
}
