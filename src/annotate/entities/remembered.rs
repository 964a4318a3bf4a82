//! A block's reading ([`Scanned`]) as the block memo keeps it, and back.
//!
//! The questions asked of the vocabulary, a word each; then per name found
//! its flags, word count, first letter and token span as numbers, and its
//! strings, each written once (the key is mostly the form, the last word's
//! key ends the key, a place's name is mostly the form); then the alias
//! pairs. Lists are led by their length.

use super::gazetteer;
use super::scan::{Asked, BlockFinds, Found, Scanned, Strength};
use crate::annotate::EntityKind;
use crate::annotate::block_memo::Encoded;
use crate::memo_file::{MemoReader, MemoWriter};

/// Flags of a name whose strings are written once.
const KEY_IS_FORM: u64 = 1 << 9;
const LAST_WORD_ENDS_KEY: u64 = 1 << 10;
const PLACE_IS_FORM: u64 = 1 << 11;

/// `scanned` encoded.
pub(super) fn encode(scanned: &Scanned) -> Encoded {
    let mut out = MemoWriter::default();
    out.number(scanned.asked.len() as u64);
    for q in &scanned.asked {
        out.word(q.0);
    }
    out.number(scanned.finds.found.len() as u64);
    for f in &scanned.finds.found {
        let kind = match f.kind {
            None => 0,
            Some(EntityKind::Person) => 1,
            Some(EntityKind::Organisation) => 2,
            Some(EntityKind::Place) => 3,
        };
        let strength = match f.strength {
            Strength::Untyped => 0,
            Strength::Weak => 1,
            Strength::Strong => 2,
        };
        let flags = kind
            | strength << 2
            | u64::from(f.titled) << 4
            | u64::from(f.initials) << 5
            | u64::from(f.acronym) << 6
            | u64::from(f.titled_form.is_some()) << 7
            | u64::from(f.gazetteer.is_some()) << 8
            | u64::from(f.key == f.form) << 9
            | u64::from(f.key.ends_with(&f.last_word)) << 10
            | u64::from(f.gazetteer == Some(f.form.as_str())) << 11;
        out.number(flags);
        out.number(f.words as u64);
        out.number(f.first_char.map_or(0, |c| u64::from(c) + 1));
        out.number(f.span.0 as u64);
        out.number(f.span.1 as u64);
        out.text(&f.form);
        if flags & KEY_IS_FORM == 0 {
            out.text(&f.key);
        }
        if flags & LAST_WORD_ENDS_KEY == 0 {
            out.text(&f.last_word);
        } else {
            out.number(f.last_word.len() as u64);
        }
        if let Some(titled) = &f.titled_form {
            out.text(titled);
        }
        if let Some(place) = f.gazetteer.filter(|_| flags & PLACE_IS_FORM == 0) {
            out.text(place);
        }
    }
    out.number(scanned.finds.aliases.len() as u64);
    for &(a, b) in &scanned.finds.aliases {
        out.number(a as u64);
        out.number(b as u64);
    }
    out.finish().into_boxed_slice()
}

/// What [`encode`] wrote; `None` if anything is out of place (an alias
/// naming no name, a place the gazetteer does not list).
pub(super) fn decode(bytes: &[u8]) -> Option<Scanned> {
    let mut r = MemoReader::new(bytes, b"")?;
    let asked = (0..r.number_count(8)?)
        .map(|_| r.word().map(Asked))
        .collect::<Option<Vec<_>>>()?;
    let mut found = Vec::new();
    for _ in 0..r.number_count(8)? {
        let flags = r.number()?;
        let kind = match flags & 3 {
            0 => None,
            1 => Some(EntityKind::Person),
            2 => Some(EntityKind::Organisation),
            _ => Some(EntityKind::Place),
        };
        let strength = match flags >> 2 & 3 {
            0 => Strength::Untyped,
            1 => Strength::Weak,
            2 => Strength::Strong,
            _ => return None,
        };
        let words = usize::try_from(r.number()?).ok()?;
        let first_char = match r.number()? {
            0 => None,
            c => Some(char::from_u32(u32::try_from(c - 1).ok()?)?),
        };
        let span = (
            usize::try_from(r.number()?).ok()?,
            usize::try_from(r.number()?).ok()?,
        );
        let form = r.text()?;
        let key = if flags & KEY_IS_FORM == 0 {
            r.text()?
        } else {
            form
        };
        let last_word = if flags & LAST_WORD_ENDS_KEY == 0 {
            r.text()?
        } else {
            let len = usize::try_from(r.number()?).ok()?;
            key.get(key.len().checked_sub(len)?..)?
        };
        let titled_form = if flags >> 7 & 1 == 1 {
            Some(r.text()?.to_string())
        } else {
            None
        };
        let gazetteer = match (flags >> 8 & 1 == 1, flags & PLACE_IS_FORM != 0) {
            (false, _) => None,
            (true, true) => Some(gazetteer::listed(form)?),
            (true, false) => Some(gazetteer::listed(r.text()?)?),
        };
        let (form, key, last_word) = (form.to_string(), key.to_string(), last_word.to_string());
        found.push(Found {
            form,
            key,
            kind,
            strength,
            titled_form,
            titled: flags >> 4 & 1 == 1,
            initials: flags >> 5 & 1 == 1,
            acronym: flags >> 6 & 1 == 1,
            gazetteer,
            words,
            first_char,
            last_word,
            span,
        });
    }
    let mut aliases = Vec::new();
    for _ in 0..r.number_count(2)? {
        let pair = (
            usize::try_from(r.number()?).ok()?,
            usize::try_from(r.number()?).ok()?,
        );
        if pair.0 >= found.len() || pair.1 >= found.len() {
            return None;
        }
        aliases.push(pair);
    }
    r.at_end().then_some(Scanned {
        finds: BlockFinds { found, aliases },
        asked,
    })
}
