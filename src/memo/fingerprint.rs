//! A 128-bit hash of bytes and serialised values, with no copy of them:
//! serde serialises straight into the hasher.

use std::hash::Hasher;

use serde::Serialize;
use siphasher::sip128::{Hasher128, SipHasher13};

use super::hashing::HashSerializer;

/// What a memo is keyed by: a 128-bit hash of everything its output reads.
pub type MemoKey = [u8; 16];

/// A hasher of parts and values. SipHash-1-3 rather than SHA-256: keys only need to
/// tell apart the inputs of one project's builds, and pages are hashed on
/// every build, so speed matters more than resisting a forger (who would
/// need to write the corpus anyway).
#[derive(Debug, Clone, Default)]
pub struct Fingerprint(SipHasher13);

impl Fingerprint {
    /// An empty fingerprint.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `bytes` as one part (its length first, so no two lists of
    /// parts hash alike by shifting a boundary).
    pub fn part(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.write_u64(bytes.len() as u64);
        self.0.write(bytes);
        self
    }

    /// Adds `value` through its `Serialize`, the same serialisation that
    /// makes a tera context; false when it cannot be serialised (then the
    /// fingerprint must not be used).
    pub fn value<T: Serialize + ?Sized>(&mut self, value: &T) -> bool {
        value.serialize(&mut HashSerializer(&mut self.0)).is_ok()
    }

    /// The hash of what was added.
    pub fn key(&self) -> MemoKey {
        self.0.finish128().as_bytes()
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

    #[test]
    fn hex_round_trips() {
        let key = Fingerprint::new().key();
        assert_eq!(parse_hex(&hex(&key)), Some(key));
        assert_eq!(parse_hex("xyz"), None);
    }
}
