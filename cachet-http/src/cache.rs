//! Rendered responses kept between writes. An entry is fresh only for the revision (and clock
//! stamp) it was made at; any write (here, or in another process sharing the database) moves
//! the revision. API answers use fresh entries only (a client reads its own writes); pages serve
//! a stale entry while the next snapshot is rendered in the background (`web::refresh`). Each body is compressed at most once per
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
    /// The revision and the clock stamp (the minute for pages) it was made at.
    made: (i64, i64),
    body: Arc<CachedBody>,
}

struct Entries {
    map: HashMap<String, Entry>,
    bytes: usize,
    /// The newest revision and stamp seen: entries made earlier are stale.
    newest: (i64, i64),
}

/// What the cache holds for a key.
pub enum Lookup {
    /// Made at the revision and stamp asked for.
    Fresh(Arc<CachedBody>),
    /// Made earlier: servable while a newer one is made.
    Stale(Arc<CachedBody>),
    /// Nothing.
    Missing,
}

/// A map of rendered responses, bounded in bytes. Entries are kept across revisions (a page
/// serves its last snapshot while the next is rendered); a lookup says whether an entry is
/// still fresh.
pub struct ResponseCache {
    entries: Mutex<Entries>,
    budget: usize,
}

impl ResponseCache {
    /// A cache of at most `budget` bytes of bodies.
    pub fn new(budget: usize) -> Self {
        ResponseCache {
            entries: Mutex::new(Entries { map: HashMap::new(), bytes: 0, newest: (i64::MIN, i64::MIN) }),
            budget,
        }
    }

    /// The entry for `key` if it was made at `revision` and `stamp`.
    pub fn get(&self, revision: i64, stamp: i64, key: &str) -> Option<Arc<CachedBody>> {
        match self.lookup(revision, stamp, key) {
            Lookup::Fresh(body) => Some(body),
            Lookup::Stale(_) | Lookup::Missing => None,
        }
    }

    /// The entry for `key`, fresh if it was made at `revision` and `stamp`.
    pub fn lookup(&self, revision: i64, stamp: i64, key: &str) -> Lookup {
        let Ok(mut guard) = self.entries.lock() else { return Lookup::Missing };
        guard.newest = guard.newest.max((revision, stamp));
        match guard.map.get(key) {
            Some(e) if e.made == (revision, stamp) => Lookup::Fresh(e.body.clone()),
            Some(e) => Lookup::Stale(e.body.clone()),
            None => Lookup::Missing,
        }
    }

    /// Keeps `body` for `key`, made at `revision` and `stamp`, unless the key holds a newer one
    /// or the body alone is over the budget. Stale entries go first when the budget is reached,
    /// then everything.
    pub fn put(&self, revision: i64, stamp: i64, key: String, body: Arc<CachedBody>) {
        let size = body.size();
        let made = (revision, stamp);
        let Ok(mut guard) = self.entries.lock() else { return };
        guard.newest = guard.newest.max(made);
        if size > self.budget || guard.map.get(&key).is_some_and(|e| e.made > made) {
            return;
        }
        if let Some(old) = guard.map.remove(&key) {
            guard.bytes -= old.body.size();
        }
        if guard.bytes + size > self.budget {
            let newest = guard.newest;
            guard.map.retain(|_, e| e.made == newest);
            guard.bytes = guard.map.values().map(|e| e.body.size()).sum();
        }
        if guard.bytes + size > self.budget {
            guard.map.clear();
            guard.bytes = 0;
        }
        guard.bytes += size;
        guard.map.insert(key, Entry { made, body });
    }

    /// Bytes held now.
    pub fn bytes(&self) -> usize {
        self.entries.lock().map_or(0, |g| g.bytes)
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
    fn an_entry_is_fresh_only_for_its_revision_and_stamp_and_stale_after() {
        let cache = ResponseCache::new(1 << 20);
        cache.put(1, 10, "/".into(), body(100));
        assert!(cache.get(1, 10, "/").is_some());
        assert!(cache.get(1, 11, "/").is_none(), "a new minute renders again");
        assert!(cache.get(2, 10, "/").is_none(), "a write renders again");
        assert!(matches!(cache.lookup(2, 10, "/"), Lookup::Stale(_)), "the old snapshot stays servable");
        assert!(matches!(cache.lookup(2, 10, "/other"), Lookup::Missing));
    }

    #[test]
    fn a_slow_render_of_an_older_revision_does_not_replace_a_newer_one() {
        let cache = ResponseCache::new(1 << 20);
        cache.put(3, 0, "/".into(), body(100));
        cache.put(2, 0, "/".into(), body(200));
        assert_eq!(cache.get(3, 0, "/").unwrap().plain.len(), 100);
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
    fn stale_entries_go_first_when_the_budget_is_reached() {
        let one = body(10_000).size();
        let cache = ResponseCache::new(one * 3);
        cache.put(1, 0, "/a".into(), body(10_000));
        cache.put(2, 0, "/b".into(), body(10_000));
        cache.put(2, 0, "/c".into(), body(10_000));
        cache.put(2, 0, "/d".into(), body(10_000));
        assert!(matches!(cache.lookup(2, 0, "/a"), Lookup::Missing));
        assert!(cache.get(2, 0, "/b").is_some() && cache.get(2, 0, "/d").is_some());
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
