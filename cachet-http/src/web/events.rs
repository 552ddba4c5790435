//! `/events`: Server-Sent Events for open status pages. Every write (in this process, or noticed
//! by the revision poller) becomes one event named after the resource kind (`component`,
//! `incident`, `schedule`, ...) carrying the new revision; a first `hello` event carries the
//! current revision so a page rendered just before the stream opened can catch up. A change is
//! told once the background renderer has made the pages that show it (`super::refresh`), so
//! the page the browser fetches then is the new one. A stream
//! lasts a few minutes and then ends (the browser reconnects on its own), so a shutdown never
//! waits long for open streams.

use std::convert::Infallible;
use std::time::Duration;

use cachet_core::Resource;
use futures_util::StreamExt;
use tokio_stream::wrappers::BroadcastStream;
use warp::filters::BoxedFilter;
use warp::reply::Response;
use warp::sse::Event;
use warp::{Filter, Reply};

use super::with_state;
use crate::state::AppState;

/// Longest wait for the pages to be rendered again before a change is told anyway.
const READY_WAIT: Duration = Duration::from_secs(1);

/// How long one stream stays open.
const STREAM_LIFETIME: Duration = Duration::from_secs(120);

/// Every route of this module as `(method, path template)`; `routes` serves exactly these.
pub const ROUTES: &[(&str, &str)] = &[("GET", "/events")];

/// `GET /events`.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    warp::path!("events")
        .and(crate::respond::get_or_head())
        .and(with_state(state))
        .map(|state: AppState| {
            let rendered = state.rendered.subscribe();
            let changes = BroadcastStream::new(state.changes.subscribe()).then(move |item| {
                let mut rendered = rendered.clone();
                async move {
                    Ok::<_, Infallible>(match item {
                        Ok(change) => {
                            // Told once the pages show it (or after a second, whatever happens).
                            let shown = rendered.wait_for(|done| *done >= change.revision);
                            let _ = tokio::time::timeout(READY_WAIT, shown).await;
                            Event::default().event(kind(change.resource)).data(change.revision.to_string())
                        }
                        // Missed some: the page should refresh everything.
                        Err(_) => Event::default().event("reload").data("0"),
                    })
                }
            });
            let hello = futures_util::stream::once(futures_util::future::ready(Ok::<_, Infallible>(
                Event::default().event("hello").retry(Duration::from_secs(1)).data(state.revision().to_string()),
            )));
            let stream = hello.chain(changes).take_until(tokio::time::sleep(STREAM_LIFETIME));
            let reply = warp::sse::reply(warp::sse::keep_alive().interval(Duration::from_secs(15)).stream(stream));
            warp::reply::with_header(reply, "cache-control", "no-cache").into_response()
        })
        .boxed()
}

/// The event name of a change.
fn kind(resource: Resource) -> &'static str {
    match resource {
        Resource::Component => "component",
        Resource::Group => "group",
        Resource::Incident => "incident",
        Resource::Schedule => "schedule",
        Resource::Metric => "metric",
        Resource::Setting => "setting",
        _ => "other",
    }
}
