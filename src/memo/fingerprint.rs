//! A 128-bit hash of bytes and serialised values, with no copy of them:
//! serde serialises straight into the hasher.

use serde::Serialize;
use xxhash_rust::xxh3::Xxh3;

use super::hashing::{PREHASHED_NAME, hash_value, is_hash_serializer, is_hashing};

/// What a memo is keyed by: a 128-bit hash of everything its output reads.
pub type MemoKey = [u8; 16];

/// A hasher of parts and values: 128-bit XXH3, not a cryptographic hash.
/// Keys only need to tell apart the inputs of one project's builds, and
/// pages are hashed on every build, so speed matters more than resisting a
/// forger (who would need to write the corpus anyway). Moving the cache
/// keys and fingerprints from SHA-256 and SipHash-1-3 to XXH3 took 8% off
/// a rebuild's CPU at 5,000 articles.
#[derive(Clone, Default)]
pub struct Fingerprint(Xxh3);

impl std::fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fingerprint({})", hex(&self.key()))
    }
}

impl Fingerprint {
    /// An empty fingerprint.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `bytes` as one part (its length first, so no two lists of
    /// parts hash alike by shifting a boundary).
    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    /// Adds `value` through its `Serialize`, the same serialisation that
    /// makes a tera context; false when it cannot be serialised (then the
    /// fingerprint must not be used).
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> bool {
        hash_value(&mut self.0, value)
    }

    /// The hash of what was added.
    pub fn key(&self) -> MemoKey {
        self.0.digest128().to_le_bytes()
    }
}

/// The key of `value` alone: what [`Fingerprint::value`] adds to a new
/// fingerprint; `None` when it cannot be serialised.
pub fn key_of<T: Serialize + ?Sized>(value: &T) -> Option<MemoKey> {
    let mut f = Fingerprint::new();
    f.value(value).then(|| f.key())
}

/// A value that templates see whole but a page key sees as its own key,
/// computed once: for a value (an article's body, its view) that many
/// pages show, so that each page's key costs 16 bytes of hashing for it
/// instead of the whole value.
///
/// Only a [`Fingerprint`] sees the short form: it is written when the
/// serializer says it is not human-readable, this thread is inside
/// [`Fingerprint::value`] and the serializer is the fingerprint's own
/// type; tera (JSON values) and bincode get the value itself.
#[derive(Debug, Clone)]
pub struct Hashed<T> {
    value: T,
    /// `key_of(&value)`; `None` when it could not be serialised (then the
    /// value is hashed whole, and fails there too).
    key: Option<MemoKey>,
}

impl<T: Serialize> Hashed<T> {
    /// `value` with its key.
    pub fn new(value: T) -> Self {
        let key = key_of(&value);
        Hashed { value, key }
    }

    /// `value` with `key`, which must be `key_of(&value)` (computed once
    /// for values that are made more than once, such as an article's body
    /// for each page that shows it). Checked in debug builds.
    pub fn with_key(value: T, key: Option<MemoKey>) -> Self {
        debug_assert_eq!(
            key,
            key.and(key_of(&value)),
            "a Hashed value's key is not its own"
        );
        Hashed { value, key }
    }

    /// `value` with `key`, a key that no other value can have where it is
    /// used (a [`RenderStamp::body_key`]), though it is not the value's
    /// own: the same value may then have two keys, and make a page be
    /// rendered once more, but two values never share one.
    pub fn identified_by(value: T, key: Option<MemoKey>) -> Self {
        Hashed { value, key }
    }

    /// A value whose key is not known: hashed whole, like a plain value.
    pub fn unkeyed(value: T) -> Self {
        Hashed { value, key: None }
    }

    /// The value.
    pub fn get(&self) -> &T {
        &self.value
    }

    /// The value, with its key forgotten (to change it).
    pub fn into_inner(self) -> T {
        self.value
    }
}

impl<T: Serialize> Serialize for Hashed<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match &self.key {
            Some(key) if is_fingerprinting(&serializer) => {
                serializer.serialize_newtype_struct(PREHASHED_NAME, &KeyBytes(key))
            }
            _ => self.value.serialize(serializer),
        }
    }
}

/// Whether `serializer` is a [`Fingerprint`]'s, hashing a value: for a
/// value that a key may see in a shorter form than templates do (as
/// [`Hashed`] does), which must identify it as surely as the whole value.
pub fn is_fingerprinting<S: serde::Serializer>(serializer: &S) -> bool {
    !serializer.is_human_readable() && is_hashing() && is_hash_serializer::<S>()
}

/// A key as serde bytes (not a sequence of 16 numbers).
struct KeyBytes<'a>(&'a MemoKey);

impl Serialize for KeyBytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

/// Which render an article is, when it went through the render memo: the
/// memo's key of everything the render read (and of the dossier binary),
/// so two articles with the same stamp have the same bodies, notes and
/// other rendered fields, and a page can be keyed by the stamp instead of
/// hashing a body ([`RenderStamp::body_key`]).
///
/// It says where a value came from, not what it is, so it never makes two
/// articles unequal: any two stamps are `==`.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderStamp(Option<crate::cache::PackKey>);

impl PartialEq for RenderStamp {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl RenderStamp {
    /// The stamp of the render whose memo key is `key`.
    pub fn new(key: crate::cache::PackKey) -> Self {
        RenderStamp(Some(key))
    }

    /// A key for the body called `which` of the render (say, its site
    /// body): the same for the same render, and no body's own
    /// [`key_of`] (that would take a hash collision).
    pub fn body_key(&self, which: &str) -> Option<MemoKey> {
        let stamp = self.0?;
        let mut f = Fingerprint::new();
        f.part(b"dossier-rendered-body")
            .part(&stamp)
            .part(which.as_bytes());
        Some(f.key())
    }
}

/// Which article cache entry an article is, when it went through the
/// cache: the key of the entry. An entry is a function of everything its
/// key hashes (the file, its sidecar, the settings that clean it, the
/// dossier binary), so the render memo keys the article's render by the
/// stamp and the slug (the one field set after loading) instead of hashing
/// the whole article on every build (see `markdown::render_key`).
///
/// Like [`RenderStamp`], it says where a value came from, not what it is,
/// so it never makes two articles unequal.
#[derive(Debug, Clone, Copy, Default)]
pub struct EntryStamp(Option<MemoKey>);

impl PartialEq for EntryStamp {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl EntryStamp {
    /// The stamp of the article cache entry keyed `key`.
    pub fn new(key: &str) -> Self {
        let mut f = Fingerprint::new();
        f.part(b"dossier-article-entry").part(key.as_bytes());
        EntryStamp(Some(f.key()))
    }

    /// The stamp's own key, when the article has one.
    pub fn key(&self) -> Option<MemoKey> {
        self.0
    }
}

/// The key as 32 hex digits.
pub fn hex(key: &MemoKey) -> String {
    key.iter().map(|b| format!("{b:02x}")).collect()
}

/// The key written by [`hex`], if `text` is one.
pub fn parse_hex(text: &str) -> Option<MemoKey> {
    if text.len() != 32 || !text.is_ascii() {
        return None;
    }
    let mut key = [0u8; 16];
    for (i, byte) in key.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[i * 2..i * 2 + 2], 16).ok()?;
    }
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct View<'a> {
        title: &'a str,
        n: usize,
    }

    // The same value gives the same key; any change in it another.
    #[test]
    fn keys_follow_the_value() {
        let key = |title: &str, n| {
            let mut f = Fingerprint::new();
            assert!(f.value(&View { title, n }));
            f.key()
        };
        assert_eq!(key("a", 1), key("a", 1));
        assert_ne!(key("a", 1), key("a", 2));
        assert_ne!(key("a", 1), key("b", 1));
    }

    #[derive(Serialize)]
    enum Shape {
        Unit,
        Pair(u8, u8),
    }

    // Values that a template would tell apart hash apart, nested ones too.
    #[test]
    fn tells_apart_what_templates_see() {
        let key = |value: &dyn Fn(&mut Fingerprint) -> bool| {
            let mut f = Fingerprint::new();
            assert!(value(&mut f));
            f.key()
        };
        let keys = [
            key(&|f| f.value(&(vec!["ab", "c"], None::<u8>))),
            key(&|f| f.value(&(vec!["a", "bc"], None::<u8>))),
            key(&|f| f.value(&(vec!["ab"], Some("c")))),
            key(&|f| f.value(&(vec!["ab", "c"], Some(0u8)))),
            key(&|f| f.value(&Shape::Unit)),
            key(&|f| f.value(&Shape::Pair(1, 2))),
            key(&|f| f.value(&Shape::Pair(2, 1))),
            key(&|f| f.value(&[Some(1.5f64), None])),
        ];
        for (i, a) in keys.iter().enumerate() {
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
    }

    // Parts are length-prefixed: ("ab", "c") is not ("a", "bc").
    #[test]
    fn parts_keep_their_boundaries() {
        let mut one = Fingerprint::new();
        one.part(b"ab").part(b"c");
        let mut two = Fingerprint::new();
        two.part(b"a").part(b"bc");
        assert_ne!(one.key(), two.key());
    }

    // A value hashed through its key keys like the value itself: the same
    // value, the same key; another, another key (whether the key is its
    // own or handed in); long strings and many small writes alike.
    #[test]
    fn hashed_values_key_by_their_content() {
        let key = |body: &str, prehashed: bool| {
            let body = body.to_string();
            let hashed = if prehashed {
                Hashed::with_key(body.as_str(), key_of(body.as_str()))
            } else {
                Hashed::new(body.as_str())
            };
            let mut f = Fingerprint::new();
            assert!(f.value(&(vec!["x"; 300], hashed, 7u8)));
            f.key()
        };
        let long = "é".repeat(5000);
        let longer = format!("{long}.");
        for prehashed in [false, true] {
            assert_eq!(key("a", prehashed), key("a", prehashed));
            assert_ne!(key("a", prehashed), key("b", prehashed));
            assert_eq!(key(&long, prehashed), key(&long, prehashed));
            assert_ne!(key(&long, prehashed), key(&longer, prehashed));
        }
        // Not the value's own key as a plain value hashes.
        let mut f = Fingerprint::new();
        assert!(f.value(&(vec!["x"; 300], "a", 7u8)));
        assert_ne!(f.key(), key("a", true));
    }

    // Templates (JSON values) and stores (bincode) see the value, never
    // the key, even inside a value being hashed.
    #[test]
    fn only_fingerprints_see_the_key() {
        let v = Hashed::new("body");
        assert_eq!(serde_json::to_value(&v).unwrap(), serde_json::json!("body"));
        assert_eq!(
            bincode::serialize(&v).unwrap(),
            bincode::serialize("body").unwrap()
        );
        struct Nested<'a>(&'a Hashed<&'a str>);
        impl Serialize for Nested<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let stored = bincode::serialize(self.0).map_err(serde::ser::Error::custom)?;
                assert_eq!(stored, bincode::serialize("body").unwrap());
                s.serialize_bytes(&stored)
            }
        }
        assert!(Fingerprint::new().value(&Nested(&v)));
    }

    // A render's stamp keys its bodies apart from each other and from
    // other renders'; no stamp, no key; stamps never make values unequal.
    #[test]
    fn stamps_key_bodies() {
        let (a, b) = (RenderStamp::new([1; 16]), RenderStamp::new([2; 16]));
        assert_eq!(a.body_key("site"), a.body_key("site"));
        assert_ne!(a.body_key("site"), a.body_key("epub"));
        assert_ne!(a.body_key("site"), b.body_key("site"));
        assert_eq!(RenderStamp::default().body_key("site"), None);
        assert_eq!(a, b);
    }

    #[test]
    fn hex_round_trips() {
        let key = Fingerprint::new().key();
        assert_eq!(parse_hex(&hex(&key)), Some(key));
        assert_eq!(parse_hex("xyz"), None);
    }
}
