//! Rendered responses kept between writes. An entry is valid only for the revision it was built
//! at; any write (here, or in another process sharing the database) moves the revision, and
//! stale entries are dropped on the next lookup. Bodies are compressed once, when stored.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, Mutex};

use bytes::Bytes;

/// One rendered response, with its compressed forms and its entity tag.
#[derive(Debug)]
pub struct CachedBody {
    /// The content type.
    pub content_type: &'static str,
    /// The uncompressed body.
    pub plain: Bytes,
    /// Gzip form.
    pub gzip: Bytes,
    /// Brotli form.
    pub brotli: Bytes,
    /// Strong entity tag of the plain body, quoted.
    pub etag: String,
}

impl CachedBody {
    /// Compresses `plain` both ways and tags it.
    pub fn new(content_type: &'static str, plain: Vec<u8>) -> Self {
        let mut hasher = DefaultHasher::new();
        plain.hash(&mut hasher);
        let etag = format!("\"{:016x}{:x}\"", hasher.finish(), plain.len());
        let gzip = {
            let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
            let _ = enc.write_all(&plain);
            enc.finish().unwrap_or_default()
        };
        let brotli = {
            let mut out = Vec::new();
            {
                let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
                let _ = enc.write_all(&plain);
            }
            out
        };
        CachedBody { content_type, plain: plain.into(), gzip: gzip.into(), brotli: brotli.into(), etag }
    }
}

/// A bounded map of rendered responses for one revision.
pub struct ResponseCache {
    entries: Mutex<(i64, HashMap<String, Arc<CachedBody>>)>,
    capacity: usize,
}

impl ResponseCache {
    /// A cache of at most `capacity` responses.
    pub fn new(capacity: usize) -> Self {
        ResponseCache { entries: Mutex::new((i64::MIN, HashMap::new())), capacity }
    }

    /// The entry for `key` if it was built at `revision`.
    pub fn get(&self, revision: i64, key: &str) -> Option<Arc<CachedBody>> {
        let mut guard = self.entries.lock().ok()?;
        if guard.0 != revision {
            guard.0 = revision;
            guard.1.clear();
            return None;
        }
        guard.1.get(key).cloned()
    }

    /// Keeps `body` for `key` at `revision` (ignored if the revision has moved on meanwhile).
    pub fn put(&self, revision: i64, key: String, body: Arc<CachedBody>) {
        let Ok(mut guard) = self.entries.lock() else { return };
        if guard.0 != revision {
            if revision < guard.0 {
                return;
            }
            guard.0 = revision;
            guard.1.clear();
        }
        if guard.1.len() >= self.capacity {
            guard.1.clear();
        }
        guard.1.insert(key, body);
    }
}
