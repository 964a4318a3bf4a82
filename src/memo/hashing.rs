//! A serde serializer that feeds a hasher: each value as a tag and its
//! contents, strings as their length and bytes. Hashing a page's context
//! this way is several times cheaper than writing it as JSON into the
//! hasher (no escaping), and the small writes a view is made of (tags,
//! lengths, field names, numbers) are gathered in a buffer and handed to
//! the hasher in blocks: the hasher pays a fixed cost per call, which for a
//! page of a few thousand short fields cost more than the hashing itself.
//!
//! The encoding is prefix-free (every value starts with a tag, strings and
//! bytes carry their length, sequences and maps an end tag), so two
//! different serializations never feed the same bytes. It tells apart at
//! least what a tera context tells apart: a unit variant is hashed as its
//! name, a newtype struct as its content, a struct as a map of its fields.
//! A [`super::Hashed`] value is hashed as its own key (a tag and 16 bytes)
//! rather than its content.

use std::cell::Cell;
use std::fmt;

use serde::ser::{self, Serialize};
use xxhash_rust::xxh3::Xxh3;

const BOOL: u8 = 1;
const UNSIGNED: u8 = 2;
const SIGNED: u8 = 3;
const FLOAT: u8 = 4;
const CHAR: u8 = 5;
const STR: u8 = 6;
const BYTES: u8 = 7;
const NONE: u8 = 8;
const SOME: u8 = 9;
const UNIT: u8 = 10;
const VARIANT: u8 = 11;
const SEQ: u8 = 12;
const MAP: u8 = 13;
const END: u8 = 14;
const PREHASHED: u8 = 15;
const UNSIGNED_WIDE: u8 = 16;
const SIGNED_WIDE: u8 = 17;

/// The newtype name a [`super::Hashed`] value serialises its key under
/// when it is being hashed; no other type uses it.
pub(super) const PREHASHED_NAME: &str = "$dossier::memo::Hashed";

/// How many bytes are gathered before they go to the hasher.
const BUFFER: usize = 1024;
/// Strings at least this long go to the hasher straight (after what is
/// gathered), not through the buffer.
const DIRECT: usize = 256;

thread_local! {
    /// Whether this thread is hashing a value (inside [`hash_value`]).
    static HASHING: Cell<bool> = const { Cell::new(false) };
}

/// Whether the value being serialised on this thread is being hashed by a
/// [`HashSerializer`] (and not, say, put in a tera context or stored).
pub(super) fn is_hashing() -> bool {
    HASHING.with(Cell::get)
}

/// Whether `S` is this module's serializer: the one a [`super::Hashed`]
/// writes its key to. (Type names are not unique across types in
/// general, but they are for the same type within one binary, which is
/// all this needs: another serializer's name cannot be this one's.)
pub(super) fn is_hash_serializer<S>() -> bool {
    std::any::type_name::<S>() == std::any::type_name::<&mut HashSerializer<'static>>()
}

/// Hashes `value` into `hasher`; false when it cannot be serialised.
pub(super) fn hash_value<T: Serialize + ?Sized>(hasher: &mut Xxh3, value: &T) -> bool {
    /// Restores the flag however serialising ends.
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            HASHING.with(|h| h.set(self.0));
        }
    }
    let _restore = Restore(HASHING.with(|h| h.replace(true)));
    let mut ser = HashSerializer {
        hasher,
        buf: [0; BUFFER],
        len: 0,
    };
    let ok = value.serialize(&mut ser).is_ok();
    ser.flush();
    ok
}

/// The serializer: borrows the hasher it feeds, gathering small writes.
pub(super) struct HashSerializer<'a> {
    hasher: &'a mut Xxh3,
    buf: [u8; BUFFER],
    len: usize,
}

/// `dst.copy_from_slice(src)`, without a call to `memcpy` for the short
/// ones (most of what a view is made of: tags, lengths, field names,
/// anchors), which cost more in the call than in the copying.
#[inline(always)]
fn copy(dst: &mut [u8], src: &[u8]) {
    let n = src.len();
    if n > 16 {
        dst.copy_from_slice(src);
    } else if n >= 8 {
        // Two copies of 8 that overlap in the middle.
        dst[..8].copy_from_slice(&src[..8]);
        dst[n - 8..].copy_from_slice(&src[n - 8..]);
    } else if n >= 4 {
        dst[..4].copy_from_slice(&src[..4]);
        dst[n - 4..].copy_from_slice(&src[n - 4..]);
    } else if n > 0 {
        // 1 to 3 bytes: first, middle and last cover them.
        dst[0] = src[0];
        dst[n / 2] = src[n / 2];
        dst[n - 1] = src[n - 1];
    }
}

/// Serialization errors (only a value's own `Serialize` can raise one).
#[derive(Debug)]
pub(super) struct HashError(String);

impl fmt::Display for HashError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for HashError {}

impl ser::Error for HashError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        HashError(msg.to_string())
    }
}

type Result = std::result::Result<(), HashError>;

impl HashSerializer<'_> {
    /// Hands what is gathered to the hasher.
    fn flush(&mut self) {
        if self.len > 0 {
            self.hasher.update(&self.buf[..self.len]);
            self.len = 0;
        }
    }

    /// Adds `bytes` (the hasher sees the same stream whether they are
    /// gathered or not).
    #[inline]
    fn put(&mut self, bytes: &[u8]) {
        if bytes.len() >= DIRECT {
            self.flush();
            self.hasher.update(bytes);
            return;
        }
        if self.len + bytes.len() > BUFFER {
            self.flush();
        }
        copy(&mut self.buf[self.len..self.len + bytes.len()], bytes);
        self.len += bytes.len();
    }

    #[inline]
    fn tag(&mut self, tag: u8) {
        if self.len == BUFFER {
            self.flush();
        }
        self.buf[self.len] = tag;
        self.len += 1;
    }

    /// A length, as a LEB128 varint (prefix-free, and one byte for most).
    #[inline]
    fn length(&mut self, mut n: u64) {
        let mut bytes = [0u8; 10];
        let mut i = 0;
        loop {
            let low = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                bytes[i] = low;
                i += 1;
                break;
            }
            bytes[i] = low | 0x80;
            i += 1;
        }
        self.put(&bytes[..i]);
    }

    fn str(&mut self, v: &str) {
        self.tag(STR);
        self.length(v.len() as u64);
        self.put(v.as_bytes());
    }

    fn variant(&mut self, name: &str) {
        self.tag(VARIANT);
        self.str(name);
    }
}

impl<'a> ser::Serializer for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    type SerializeSeq = Self;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Self;
    type SerializeTupleVariant = Self;
    type SerializeMap = Self;
    type SerializeStruct = Self;
    type SerializeStructVariant = Self;

    fn is_human_readable(&self) -> bool {
        // Says "not for people" to the one type that asks on our behalf,
        // [`super::Hashed`]; the views a page shows do not ask.
        false
    }
    fn serialize_bool(self, v: bool) -> Result {
        self.put(&[BOOL, u8::from(v)]);
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i16(self, v: i16) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i32(self, v: i32) -> Result {
        self.serialize_i64(v.into())
    }
    fn serialize_i64(self, v: i64) -> Result {
        let mut bytes = [SIGNED; 9];
        bytes[1..].copy_from_slice(&v.to_le_bytes());
        self.put(&bytes);
        Ok(())
    }
    fn serialize_i128(self, v: i128) -> Result {
        if let Ok(v) = i64::try_from(v) {
            return self.serialize_i64(v);
        }
        self.tag(SIGNED_WIDE);
        self.put(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_u8(self, v: u8) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u16(self, v: u16) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u32(self, v: u32) -> Result {
        self.serialize_u64(v.into())
    }
    fn serialize_u64(self, v: u64) -> Result {
        let mut bytes = [UNSIGNED; 9];
        bytes[1..].copy_from_slice(&v.to_le_bytes());
        self.put(&bytes);
        Ok(())
    }
    fn serialize_u128(self, v: u128) -> Result {
        if let Ok(v) = u64::try_from(v) {
            return self.serialize_u64(v);
        }
        self.tag(UNSIGNED_WIDE);
        self.put(&v.to_le_bytes());
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result {
        let mut bytes = [FLOAT; 9];
        bytes[1..].copy_from_slice(&v.to_bits().to_le_bytes());
        self.put(&bytes);
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        let mut bytes = [CHAR; 5];
        bytes[1..].copy_from_slice(&u32::from(v).to_le_bytes());
        self.put(&bytes);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.tag(BYTES);
        self.length(v.len() as u64);
        self.put(v);
        Ok(())
    }
    fn serialize_none(self) -> Result {
        self.tag(NONE);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.tag(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.tag(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        // A template sees a unit variant as its name.
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(
        self,
        name: &'static str,
        value: &T,
    ) -> Result {
        if name == PREHASHED_NAME {
            self.tag(PREHASHED);
        }
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: ?Sized + Serialize>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result {
        self.variant(variant);
        value.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> std::result::Result<Self, HashError> {
        self.tag(SEQ);
        Ok(self)
    }
    fn serialize_tuple(self, len: usize) -> std::result::Result<Self, HashError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        len: usize,
    ) -> std::result::Result<Self, HashError> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self, HashError> {
        self.variant(variant);
        self.serialize_seq(Some(len))
    }
    fn serialize_map(self, _: Option<usize>) -> std::result::Result<Self, HashError> {
        self.tag(MAP);
        Ok(self)
    }
    fn serialize_struct(self, _: &'static str, len: usize) -> std::result::Result<Self, HashError> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        len: usize,
    ) -> std::result::Result<Self, HashError> {
        self.variant(variant);
        self.serialize_map(Some(len))
    }
}

impl<'a> ser::SerializeSeq for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.tag(END);
        Ok(())
    }
}

impl<'a> ser::SerializeTuple for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    fn serialize_element<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.tag(END);
        Ok(())
    }
}

impl<'a> ser::SerializeTupleStruct for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.tag(END);
        Ok(())
    }
}

impl<'a> ser::SerializeTupleVariant for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.tag(END);
        Ok(())
    }
}

impl<'a> ser::SerializeMap for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    fn serialize_key<T: ?Sized + Serialize>(&mut self, key: &T) -> Result {
        key.serialize(&mut **self)
    }
    fn serialize_value<T: ?Sized + Serialize>(&mut self, value: &T) -> Result {
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.tag(END);
        Ok(())
    }
}

impl<'a> ser::SerializeStruct for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.str(key);
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.tag(END);
        Ok(())
    }
}

impl<'a> ser::SerializeStructVariant for &mut HashSerializer<'a> {
    type Ok = ();
    type Error = HashError;
    fn serialize_field<T: ?Sized + Serialize>(&mut self, key: &'static str, value: &T) -> Result {
        self.str(key);
        value.serialize(&mut **self)
    }
    fn end(self) -> Result {
        self.tag(END);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The short copies copy every byte of every length.
    #[test]
    fn copies_every_length() {
        let src: Vec<u8> = (1..=40).collect();
        for n in 0..=40 {
            let mut dst = vec![0u8; n];
            copy(&mut dst, &src[..n]);
            assert_eq!(dst, &src[..n], "{n}");
        }
    }

    // Gathering writes changes nothing the hasher sees: a value hashes as
    // its encoding written to the hasher in one go.
    #[test]
    fn buffering_keeps_the_stream() {
        let words: Vec<String> = (0..2000).map(|i| "w".repeat(i % 300)).collect();
        let mut buffered = Xxh3::new();
        assert!(hash_value(&mut buffered, &words));
        let mut direct = Xxh3::new();
        let mut stream = vec![SEQ];
        for w in &words {
            stream.push(STR);
            let mut n = w.len();
            loop {
                let low = (n & 0x7f) as u8;
                n >>= 7;
                if n == 0 {
                    stream.push(low);
                    break;
                }
                stream.push(low | 0x80);
            }
            stream.extend_from_slice(w.as_bytes());
        }
        stream.push(END);
        direct.update(&stream);
        assert_eq!(buffered.digest128(), direct.digest128());
    }
}
