//! Running blocking store calls off the async runtime, bounded by the pool size, so a burst of
//! requests waits for a slot instead of piling threads onto the blocking pool.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::api::error::ApiError;

/// A bounded gateway to the blocking thread pool.
#[derive(Clone)]
pub struct Blocking {
    slots: Arc<Semaphore>,
}

impl Blocking {
    /// At most `size` blocking calls at once.
    pub fn new(size: u32) -> Self {
        Blocking { slots: Arc::new(Semaphore::new(size.max(1) as usize)) }
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
