//! Bytes → text. UTF-8 (with or without BOM) and UTF-16 with a BOM are read
//! as they are; anything else is decoded as the legacy single-byte encoding
//! its high bytes fit best, and the caller warns which one was assumed.

use encoding_rs::{Encoding, KOI8_R, UTF_8, WINDOWS_1251, WINDOWS_1252};

/// Decoded text and how it was decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, line endings folded to `\n`, BOM removed.
    pub text: String,
    /// The encoding's name.
    pub encoding: &'static str,
    /// Whether some bytes were invalid and replaced.
    pub lossy: bool,
}

/// Decodes a file's bytes. UTF-8 without a BOM, which most files are, is
/// checked once and kept as it is, not copied.
pub fn decode(bytes: Vec<u8>) -> Decoded {
    let decode_as = |encoding: &'static Encoding, body: &[u8]| {
        let (text, lossy) = encoding.decode_without_bom_handling(body);
        (text.into_owned(), encoding, lossy)
    };
    let (text, encoding, lossy) = match Encoding::for_bom(&bytes) {
        Some((encoding, bom_len)) => decode_as(encoding, &bytes[bom_len..]),
        None => match String::from_utf8(bytes) {
            Ok(text) => (text, UTF_8, false),
            Err(not_utf8) => {
                let bytes = not_utf8.into_bytes();
                decode_as(guess_legacy(&bytes), &bytes)
            }
        },
    };
    // Most files have no carriage return: then the text is taken as it is.
    let text = if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    };
    Decoded {
        text,
        encoding: encoding.name(),
        lossy,
    }
}

/// Picks the legacy encoding under which the high bytes look most like
/// ordinary words: Cyrillic letters for windows-1251 and KOI8-R, Latin
/// letters with diacritics for windows-1252.
fn guess_legacy(bytes: &[u8]) -> &'static Encoding {
    let score = |enc: &'static Encoding| -> i64 {
        let (text, _, _) = enc.decode(bytes);
        let latin_script = enc == WINDOWS_1252;
        let mut s = 0i64;
        let mut prev: Option<char> = None;
        for c in text.chars() {
            let prev_lower = prev.is_some_and(char::is_lowercase);
            let prev_high_letter = prev.is_some_and(|p| !p.is_ascii() && p.is_alphabetic());
            prev = Some(c);
            if c.is_ascii() {
                continue;
            }
            // Real text is mostly lowercase; KOI8-R read as windows-1251 (and
            // the reverse) swaps the cases, and capitals inside words are rare.
            s += match (c.is_alphabetic(), c.is_lowercase()) {
                (true, true) => 2,
                (true, false) if prev_lower => -2,
                (true, false) => 1,
                (false, _) => -2,
            };
            // Accented Latin letters come one at a time inside ASCII words;
            // long runs of them are another script read as Latin-1.
            if latin_script && prev_high_letter && c.is_alphabetic() {
                s -= 3;
            }
        }
        s
    };
    [WINDOWS_1251, KOI8_R, WINDOWS_1252]
        .into_iter()
        .max_by_key(|enc| score(enc))
        .unwrap_or(WINDOWS_1252)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_utf8_bom_and_crlf() {
        let d = decode(b"\xef\xbb\xbfa\r\nb\rc".to_vec());
        assert_eq!(d.text, "a\nb\nc");
        assert_eq!(d.encoding, "UTF-8");
        assert!(!d.lossy);
    }

    // Plain UTF-8 is kept as it is; a stray byte makes it legacy, not lossy UTF-8.
    #[test]
    fn keeps_plain_utf8_and_guesses_the_rest() {
        let d = decode("Да, café\n".as_bytes().to_vec());
        assert_eq!(
            (d.text.as_str(), d.encoding, d.lossy),
            ("Да, café\n", "UTF-8", false)
        );
        let d = decode(b"caf\xe9 au lait".to_vec());
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("café au lait", "windows-1252")
        );
    }

    #[test]
    fn reads_utf16_with_bom() {
        let mut bytes = vec![0xff, 0xfe];
        for u in "Да".encode_utf16() {
            bytes.extend(u.to_le_bytes());
        }
        let d = decode(bytes);
        assert_eq!((d.text.as_str(), d.encoding), ("Да", "UTF-16LE"));
    }

    #[test]
    fn guesses_koi8r_and_latin1() {
        let (koi, _, _) = KOI8_R.encode("Последнее обновление статьи");
        assert_eq!(decode(koi.into_owned()).encoding, "KOI8-R");
        let (latin, _, _) = WINDOWS_1252.encode("Dernière mise à jour, déjà vu");
        let d = decode(latin.into_owned());
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("Dernière mise à jour, déjà vu", "windows-1252")
        );
    }
}
