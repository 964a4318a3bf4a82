//! The cover: either the user's image (`cover` in `book.toml`, PNG or JPEG)
//! or one drawn here from the book's facts, as a PNG.
//!
//! The drawn cover is 1600×2560 (the 1:1.6 shape stores ask for), a dark
//! field with the title in large light type, so it stays legible as a
//! 100-pixel thumbnail and on grey-scale e-ink. Text is set with DejaVu Serif
//! (embedded, see `assets/fonts/LICENSE-DejaVu.txt`), which covers Latin,
//! Greek and Cyrillic titles. Drawing is plain arithmetic on a pixel buffer:
//! the same facts give the same bytes.

use ab_glyph::{Font, FontRef, PxScale, ScaleFont, point};

/// The user's cover image, read by the caller.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CoverImage {
    /// The image file's bytes.
    pub bytes: Vec<u8>,
    /// `image/png` or `image/jpeg`.
    pub media_type: &'static str,
}

impl CoverImage {
    /// Recognises a PNG or JPEG by its signature; `None` for anything else
    /// (readers are only required to show those, plus GIF, WebP and SVG,
    /// and e-ink devices reliably show only the first two).
    pub fn from_bytes(bytes: Vec<u8>) -> Option<CoverImage> {
        let media_type = if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
            "image/png"
        } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
            "image/jpeg"
        } else {
            return None;
        };
        Some(CoverImage { bytes, media_type })
    }

    /// The file name inside the EPUB.
    pub fn file_name(&self) -> &'static str {
        match self.media_type {
            "image/jpeg" => "cover.jpg",
            _ => "cover.png",
        }
    }
}

/// What the drawn cover says.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CoverText {
    /// The book's title.
    pub title: String,
    /// The subtitle, if any.
    pub subtitle: Option<String>,
    /// "Edited by …", if there are editors.
    pub editors: Option<String>,
    /// The years the articles span, such as "2012–2018".
    pub dates: Option<String>,
}

const WIDTH: u32 = 1600;
const HEIGHT: u32 = 2560;
const MARGIN: f32 = 150.0;
const BACKGROUND: [u8; 3] = [0x1d, 0x2b, 0x3a];
const INK: [u8; 3] = [0xfa, 0xf7, 0xf0];
const SOFT_INK: [u8; 3] = [0xc9, 0xd3, 0xdd];
const ACCENT: [u8; 3] = [0xe0, 0xa9, 0x3b];

static SERIF_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif-Bold.ttf");
static SERIF: &[u8] = include_bytes!("../../assets/fonts/DejaVuSerif.ttf");

/// Draws the cover for `text` and encodes it as PNG.
pub fn draw_cover(text: &CoverText) -> Vec<u8> {
    let bold = FontRef::try_from_slice(SERIF_BOLD).expect("embedded font parses");
    let regular = FontRef::try_from_slice(SERIF).expect("embedded font parses");
    let mut canvas = Canvas::new(WIDTH, HEIGHT, BACKGROUND);
    let column = WIDTH as f32 - 2.0 * MARGIN;

    // The title takes the largest size at which it fits in four lines.
    let mut size = 190.0;
    let mut lines = wrap(&bold, size, &text.title, column);
    while lines.len() > 4 && size > 70.0 {
        size -= 10.0;
        lines = wrap(&bold, size, &text.title, column);
    }
    let mut y = 420.0;
    canvas.fill_rect(MARGIN, y - 120.0, 260.0, 24.0, ACCENT);
    y += size;
    for line in &lines {
        canvas.draw_text(&bold, size, MARGIN, y, line, INK);
        y += size * 1.18;
    }
    if let Some(subtitle) = &text.subtitle {
        y += 60.0;
        for line in wrap(&regular, 78.0, subtitle, column).iter().take(5) {
            canvas.draw_text(&regular, 78.0, MARGIN, y, line, SOFT_INK);
            y += 78.0 * 1.3;
        }
    }

    let mut bottom = HEIGHT as f32 - 220.0;
    if let Some(dates) = &text.dates {
        canvas.draw_text(&bold, 110.0, MARGIN, bottom, dates, ACCENT);
        bottom -= 170.0;
    }
    if let Some(editors) = &text.editors {
        let lines = wrap(&regular, 72.0, editors, column);
        let lines = &lines[..lines.len().min(3)];
        let mut line_y = bottom - 72.0 * 1.3 * (lines.len() as f32 - 1.0);
        for line in lines {
            canvas.draw_text(&regular, 72.0, MARGIN, line_y, line, INK);
            line_y += 72.0 * 1.3;
        }
    }
    canvas.encode_png()
}

/// Splits `text` into lines no wider than `width` at `size` pixels, at
/// spaces; a single word wider than the column gets a line of its own.
fn wrap(font: &FontRef<'_>, size: f32, text: &str, width: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && text_width(font, size, &candidate) > width {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

fn text_width(font: &FontRef<'_>, size: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut width = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            width += scaled.kern(p, id);
        }
        width += scaled.h_advance(id);
        previous = Some(id);
    }
    width
}

/// An RGB pixel buffer.
struct Canvas {
    width: u32,
    height: u32,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: u32, height: u32, colour: [u8; 3]) -> Canvas {
        Canvas {
            width,
            height,
            pixels: colour.repeat((width * height) as usize),
        }
    }

    /// Blends `colour` over the pixel at (x, y) with `coverage` in 0..=1.
    fn blend(&mut self, x: u32, y: u32, colour: [u8; 3], coverage: f32) {
        if x >= self.width || y >= self.height {
            return;
        }
        let a = coverage.clamp(0.0, 1.0);
        let i = ((y * self.width + x) * 3) as usize;
        for (channel, c) in self.pixels[i..i + 3].iter_mut().zip(colour) {
            *channel = (f32::from(*channel) * (1.0 - a) + f32::from(c) * a).round() as u8;
        }
    }

    fn fill_rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: [u8; 3]) {
        for py in y as u32..(y + h) as u32 {
            for px in x as u32..(x + w) as u32 {
                self.blend(px, py, colour, 1.0);
            }
        }
    }

    /// Draws one line of text with its baseline at `baseline`.
    fn draw_text(
        &mut self,
        font: &FontRef<'_>,
        size: f32,
        x: f32,
        baseline: f32,
        text: &str,
        colour: [u8; 3],
    ) {
        let scale = PxScale::from(size);
        let scaled = font.as_scaled(scale);
        let mut caret = x;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                caret += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(scale, point(caret, baseline));
            caret += scaled.h_advance(id);
            previous = Some(id);
            let Some(outline) = font.outline_glyph(glyph) else {
                continue;
            };
            let bounds = outline.px_bounds();
            let (left, top) = (bounds.min.x.max(0.0) as u32, bounds.min.y.max(0.0) as u32);
            outline.draw(|gx, gy, coverage| self.blend(left + gx, top + gy, colour, coverage));
        }
    }

    fn encode_png(&self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut encoder = png::Encoder::new(&mut out, self.width, self.height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        encoder.set_compression(png::Compression::Default);
        // Writing into a Vec cannot fail and the buffer matches the header.
        let mut writer = encoder.write_header().expect("PNG header into memory");
        writer
            .write_image_data(&self.pixels)
            .expect("PNG data into memory");
        writer.finish().expect("PNG end into memory");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> CoverText {
        CoverText {
            title: "Russia and Japan: A Dossier".into(),
            subtitle: Some("Five articles, 2012–2018".into()),
            editors: Some("Edited by Ann Editor".into()),
            dates: Some("2012–2018".into()),
        }
    }

    // The cover is a PNG of the store shape, and the same text gives the same bytes.
    #[test]
    fn draws_a_deterministic_png() {
        let png = draw_cover(&sample());
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"));
        assert_eq!(&png[16..24], &[0, 0, 6, 64, 0, 0, 10, 0]);
        assert_eq!(png, draw_cover(&sample()));
        assert!(png.len() < 1_000_000, "{} bytes", png.len());
        let mut other = sample();
        other.title.push('!');
        assert_ne!(png, draw_cover(&other));
    }

    // Long titles wrap inside the column; Cyrillic has glyphs.
    #[test]
    fn wraps_and_covers_cyrillic() {
        let font = FontRef::try_from_slice(SERIF_BOLD).unwrap();
        let lines = wrap(&font, 100.0, "Россия и Япония: досье о диалоге", 1300.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(&font, 100.0, l) <= 1300.0));
        assert_ne!(font.glyph_id('Я').0, 0);
    }

    #[test]
    fn recognises_user_images() {
        assert_eq!(
            CoverImage::from_bytes(b"\x89PNG\r\n\x1a\nrest".to_vec())
                .unwrap()
                .file_name(),
            "cover.png"
        );
        assert_eq!(
            CoverImage::from_bytes(vec![0xFF, 0xD8, 0xFF, 0xE0])
                .unwrap()
                .media_type,
            "image/jpeg"
        );
        assert!(CoverImage::from_bytes(b"GIF89a".to_vec()).is_none());
    }
}
