//! A serde serializer that feeds a hasher: each value as a tag and its
//! contents, strings as their length and bytes. Hashing a page's context
//! this way is several times cheaper than writing it as JSON into the
//! hasher (no escaping, one hasher call per string).
//!
//! The encoding is prefix-free (every value starts with a tag, strings and
//! bytes carry their length, sequences and maps an end tag), so two
//! different serializations never feed the same bytes. It tells apart at
//! least what a tera context tells apart: a unit variant is hashed as its
//! name, a newtype struct as its content, a struct as a map of its fields.

use std::fmt;
use std::hash::Hasher;

use serde::ser::{self, Serialize};
use siphasher::sip128::SipHasher13;

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

/// The serializer: borrows the hasher it feeds.
pub(super) struct HashSerializer<'a>(pub(super) &'a mut SipHasher13);

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
    fn str(&mut self, v: &str) {
        self.0.write_u8(STR);
        self.0.write_u64(v.len() as u64);
        self.0.write(v.as_bytes());
    }

    fn variant(&mut self, name: &str) {
        self.0.write_u8(VARIANT);
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

    fn serialize_bool(self, v: bool) -> Result {
        self.0.write_u8(BOOL);
        self.0.write_u8(u8::from(v));
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
        self.serialize_i128(v.into())
    }
    fn serialize_i128(self, v: i128) -> Result {
        self.0.write_u8(SIGNED);
        self.0.write_i128(v);
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
        self.serialize_u128(v.into())
    }
    fn serialize_u128(self, v: u128) -> Result {
        self.0.write_u8(UNSIGNED);
        self.0.write_u128(v);
        Ok(())
    }
    fn serialize_f32(self, v: f32) -> Result {
        self.serialize_f64(v.into())
    }
    fn serialize_f64(self, v: f64) -> Result {
        self.0.write_u8(FLOAT);
        self.0.write_u64(v.to_bits());
        Ok(())
    }
    fn serialize_char(self, v: char) -> Result {
        self.0.write_u8(CHAR);
        self.0.write_u32(v.into());
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result {
        self.str(v);
        Ok(())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result {
        self.0.write_u8(BYTES);
        self.0.write_u64(v.len() as u64);
        self.0.write(v);
        Ok(())
    }
    fn serialize_none(self) -> Result {
        self.0.write_u8(NONE);
        Ok(())
    }
    fn serialize_some<T: ?Sized + Serialize>(self, value: &T) -> Result {
        self.0.write_u8(SOME);
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result {
        self.0.write_u8(UNIT);
        Ok(())
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result {
        self.serialize_unit()
    }
    fn serialize_unit_variant(self, _: &'static str, _: u32, variant: &'static str) -> Result {
        // A template sees a unit variant as its name.
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: ?Sized + Serialize>(self, _: &'static str, value: &T) -> Result {
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
        self.0.write_u8(SEQ);
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
        self.0.write_u8(MAP);
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
        self.0.write_u8(END);
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
        self.0.write_u8(END);
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
        self.0.write_u8(END);
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
        self.0.write_u8(END);
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
        self.0.write_u8(END);
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
        self.0.write_u8(END);
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
        self.0.write_u8(END);
        Ok(())
    }
}
