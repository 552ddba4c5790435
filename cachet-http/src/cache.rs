//! Rendered responses kept between writes. An entry is valid only for the revision it was built
//! at; any write (here, or in another process sharing the database) moves the revision, and
//! stale entries are dropped on the next lookup. Each body is compressed at most once per
//! encoding, when a client first asks for that encoding.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::io::Write;
use std::sync::{Arc, LazyLock, Mutex, OnceLock, Weak};

use bytes::Bytes;

use crate::respond::Encoding;

/// One rendered response, its entity tag, and its compressed forms, each made the first time a
/// client asks for it (a key that only one client ever reads costs no compression it does not
/// use).
#[derive(Debug)]
pub struct CachedBody {
    /// The content type.
    pub content_type: &'static str,
    /// The uncompressed body.
    pub plain: Bytes,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
    /// Strong entity tag of the plain body, quoted.
    pub etag: String,
}

impl CachedBody {
    /// Tags `plain`; compression waits until an encoding is asked for.
    pub fn new(content_type: &'static str, plain: Vec<u8>) -> Self {
        let mut hasher = DefaultHasher::new();
        plain.hash(&mut hasher);
        let etag = format!("\"{:016x}{:x}\"", hasher.finish(), plain.len());
        CachedBody { content_type, plain: plain.into(), gzip: OnceLock::new(), brotli: OnceLock::new(), etag }
    }

    /// The body in `encoding`, compressed now if no client asked for it before. A large body is
    /// compressed with the runtime told that this thread blocks, so other requests move on.
    pub fn encoded(&self, encoding: Encoding) -> Bytes {
        let (cell, compress): (&OnceLock<Bytes>, Compressor) = match encoding {
            Encoding::Identity => return self.plain.clone(),
            Encoding::Gzip => (&self.gzip, gzip),
            Encoding::Brotli => (&self.brotli, brotli),
        };
        if let Some(bytes) = cell.get() {
            return bytes.clone();
        }
        let make = || cell.get_or_init(|| compress(&self.plain).into()).clone();
        let multi_thread = tokio::runtime::Handle::try_current()
            .is_ok_and(|h| h.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread);
        if self.plain.len() > INLINE_COMPRESSION && multi_thread { tokio::task::block_in_place(make) } else { make() }
    }

    /// Memory the entry may come to hold: the plain body, and as much again for its
    /// compressed forms (which are smaller than the body for the text this server renders).
    pub fn size(&self) -> usize {
        self.plain.len() * 2
    }
}

/// Makes one encoding of a body.
type Compressor = fn(&[u8]) -> Vec<u8>;

/// Bodies up to this size are compressed inline: it takes well under a millisecond.
const INLINE_COMPRESSION: usize = 64 * 1024;

fn gzip(plain: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let _ = enc.write_all(plain);
    enc.finish().unwrap_or_default()
}

fn brotli(plain: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 5, 22);
        let _ = enc.write_all(plain);
    }
    out
}

/// Bytes of rendered responses kept at most ([`CachedBody::size`]). The budget, not the number
/// of keys, bounds memory.
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
        let bytes: Vec<u8> = (0..len).map(|i| (i * 7919 % 251) as u8).collect();
        Arc::new(CachedBody::new("text/plain", bytes))
    }

    #[test]
    fn each_encoding_is_made_once_and_only_when_asked() {
        let b = CachedBody::new("text/plain", b"hello hello hello hello".repeat(100));
        assert!(b.gzip.get().is_none() && b.brotli.get().is_none(), "nothing compressed up front");
        let gz = b.encoded(Encoding::Gzip);
        assert!(b.brotli.get().is_none(), "brotli waits for a client that wants it");
        assert_eq!(gz, b.encoded(Encoding::Gzip));
        let mut plain = Vec::new();
        std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut plain).unwrap();
        assert_eq!(plain, b.plain);
        assert!(b.encoded(Encoding::Brotli).len() < b.plain.len());
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
