//! The JSON APIs: Cachet's v1 under `/api/v1`, with Cachet's error format for every API path.

pub mod error;
pub mod input;
pub mod request;
pub mod v1;

use warp::Filter;
use warp::filters::BoxedFilter;
use warp::reply::Response;

use crate::state::AppState;

/// Every API route.
pub fn routes(state: AppState) -> BoxedFilter<(Response,)> {
    let ctx = request::ctx(state);
    v1::routes(ctx).boxed()
}
