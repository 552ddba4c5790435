//! Running blocking store calls off the async runtime, bounded by the pool size, so a burst of
//! requests waits for a slot instead of piling threads onto the blocking pool.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::api::error::ApiError;

/// A bounded gateway to the blocking thread pool.
#[derive(Clone)]
pub struct Blocking {
    slots: Arc<Semaphore>,
    /// Renders of uncached reads may take only part of the slots: a flood of distinct reads
    /// (any query string makes a new key) cannot make writes and cached reads wait.
    renders: Arc<Semaphore>,
}

impl Blocking {
    /// At most `size` blocking calls at once, of which at most half renders.
    pub fn new(size: u32) -> Self {
        let size = size.max(1) as usize;
        Blocking { slots: Arc::new(Semaphore::new(size)), renders: Arc::new(Semaphore::new(size.div_ceil(2))) }
    }

    /// Runs a render of an uncached read: as [`Blocking::run`], within the renders' share.
    pub async fn render<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let _share = self.renders.acquire().await.map_err(|_| ApiError::unavailable())?;
        self.run(f).await
    }

    /// Runs `f` on the blocking pool once a slot is free.
    pub async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
    ) -> Result<T, ApiError> {
        let permit = self.slots.clone().acquire_owned().await.map_err(|_| ApiError::unavailable())?;
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f()
        })
        .await;
        result.map_err(|e| ApiError::internal(format!("blocking task failed: {e}")))?
    }
}
