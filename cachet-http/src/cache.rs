//! Rendered responses kept between writes. An entry is valid only for the revision it was built
//! at; any write (here, or in another process sharing the database) moves the revision, and
//! stale entries are dropped on the next lookup. Bodies are compressed once, when stored.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, LazyLock, Mutex, Weak};

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

/// Bytes of rendered responses kept at most (all three forms counted). A request can make a
/// new key (any query string), so the budget, not the number of keys, bounds memory.
pub const DEFAULT_BUDGET: usize = 32 << 20;

struct Entry {
    /// When it was made, in the caller's clock unit (the minute for pages); only a lookup with
    /// the same stamp uses it, and a newer one replaces it.
    stamp: i64,
    body: Arc<CachedBody>,
}

struct Entries {
    revision: i64,
    map: HashMap<String, Entry>,
    bytes: usize,
}

/// A map of rendered responses for one revision, bounded in bytes.
pub struct ResponseCache {
    entries: Mutex<Entries>,
    budget: usize,
}

impl CachedBody {
    /// Memory held by the three forms.
    pub fn size(&self) -> usize {
        self.plain.len() + self.gzip.len() + self.brotli.len()
    }
}

impl ResponseCache {
    /// A cache of at most `budget` bytes of bodies.
    pub fn new(budget: usize) -> Self {
        ResponseCache { entries: Mutex::new(Entries { revision: i64::MIN, map: HashMap::new(), bytes: 0 }), budget }
    }

    /// The entry for `key` if it was built at `revision` and `stamp`.
    pub fn get(&self, revision: i64, stamp: i64, key: &str) -> Option<Arc<CachedBody>> {
        let mut guard = self.entries.lock().ok()?;
        if guard.revision != revision {
            guard.reset(revision);
            return None;
        }
        guard.map.get(key).filter(|e| e.stamp == stamp).map(|e| e.body.clone())
    }

    /// Keeps `body` for `key` at `revision` and `stamp` (ignored if the revision has moved on
    /// meanwhile, or if the body alone is over the budget). Entries of older stamps go first
    /// when the budget is reached, then everything.
    pub fn put(&self, revision: i64, stamp: i64, key: String, body: Arc<CachedBody>) {
        let size = body.size();
        let Ok(mut guard) = self.entries.lock() else { return };
        if guard.revision != revision {
            if revision < guard.revision {
                return;
            }
            guard.reset(revision);
        }
        if size > self.budget {
            return;
        }
        if let Some(old) = guard.map.remove(&key) {
            guard.bytes -= old.body.size();
        }
        if guard.bytes + size > self.budget {
            guard.map.retain(|_, e| e.stamp >= stamp);
            guard.bytes = guard.map.values().map(|e| e.body.size()).sum();
        }
        if guard.bytes + size > self.budget {
            guard.map.clear();
            guard.bytes = 0;
        }
        guard.bytes += size;
        guard.map.insert(key, Entry { stamp, body });
    }

    /// Bytes held now.
    pub fn bytes(&self) -> usize {
        self.entries.lock().map_or(0, |g| g.bytes)
    }
}

impl Entries {
    fn reset(&mut self, revision: i64) {
        self.revision = revision;
        self.map.clear();
        self.bytes = 0;
    }
}

/// Responses being made, by cache key.
static IN_FLIGHT: LazyLock<Mutex<HashMap<String, Weak<tokio::sync::Mutex<()>>>>> = LazyLock::new(Default::default);

/// The lock for rendering `key`, shared by every request that wants it now.
pub(crate) fn in_flight(key: &str) -> Arc<tokio::sync::Mutex<()>> {
    let Ok(mut map) = IN_FLIGHT.lock() else { return Arc::default() };
    if let Some(lock) = map.get(key).and_then(Weak::upgrade) {
        return lock;
    }
    map.retain(|_, w| w.strong_count() > 0);
    let lock = Arc::new(tokio::sync::Mutex::new(()));
    map.insert(key.to_string(), Arc::downgrade(&lock));
    lock
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(len: usize) -> Arc<CachedBody> {
        // Incompressible enough that the three forms stay close to `len` each.
        let bytes: Vec<u8> = (0..len).map(|i| (i * 7919 % 251) as u8).collect();
        Arc::new(CachedBody::new("text/plain", bytes))
    }

    #[test]
    fn an_entry_serves_only_its_revision_and_stamp() {
        let cache = ResponseCache::new(1 << 20);
        cache.put(1, 10, "/".into(), body(100));
        assert!(cache.get(1, 10, "/").is_some());
        assert!(cache.get(1, 11, "/").is_none(), "a new minute renders again");
        assert!(cache.get(2, 10, "/").is_none(), "a write renders again");
        assert_eq!(cache.bytes(), 0, "a new revision drops everything");
    }

    #[test]
    fn a_newer_stamp_replaces_the_key_instead_of_adding_to_it() {
        let cache = ResponseCache::new(1 << 20);
        let one = body(1000).size();
        for minute in 0..100 {
            cache.put(1, minute, "/".into(), body(1000));
        }
        assert_eq!(cache.bytes(), one, "one body for the key, not one per minute");
    }

    #[test]
    fn the_budget_bounds_the_bytes_held_whatever_the_keys() {
        let one = body(10_000).size();
        let cache = ResponseCache::new(one * 5);
        for i in 0..1000 {
            cache.put(1, 0, format!("/?junk={i}"), body(10_000));
            assert!(cache.bytes() <= one * 5);
        }
        assert!(cache.get(1, 0, "/?junk=999").is_some(), "the newest entry is kept");
        cache.put(1, 0, "/huge".into(), body(one * 6));
        assert!(cache.get(1, 0, "/huge").is_none(), "a body over the budget is not kept");
    }

    #[test]
    fn older_stamps_go_first_when_the_budget_is_reached() {
        let one = body(10_000).size();
        let cache = ResponseCache::new(one * 3);
        cache.put(1, 0, "/a".into(), body(10_000));
        cache.put(1, 1, "/b".into(), body(10_000));
        cache.put(1, 1, "/c".into(), body(10_000));
        cache.put(1, 1, "/d".into(), body(10_000));
        assert!(cache.get(1, 0, "/a").is_none());
        assert!(cache.get(1, 1, "/b").is_some() && cache.get(1, 1, "/d").is_some());
    }
}
