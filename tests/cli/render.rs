//! Screenshot test: every page of the larger fixture's EPUB, unzipped and
//! rendered by headless Chromium at a phone-like 600×900, shows text (the
//! chapter title at the top), no XML error box, and the cover page shows the
//! cover. Chromium renders XHTML with a strict XML parser, like the readers.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::process::Command;

use zip::ZipArchive;

use crate::support::Fixture;

/// Debian's Chromium, or `None` (skip) when validators are not required.
fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("chromium"));
    if Command::new(&path).arg("--version").output().is_ok() {
        return Some(path);
    }
    assert!(
        std::env::var_os("DOSSIER_REQUIRE_VALIDATORS").is_none(),
        "chromium is required (scripts/install-validators.sh installs it)"
    );
    eprintln!("skipped: chromium not found");
    None
}

/// Pixel counts of one screenshot.
struct Shot {
    /// Pixels darker than mid grey.
    dark: usize,
    /// Dark pixels in the top 150 rows, where the page title is.
    dark_top: usize,
    /// Pixels of the pink box Chromium draws over an XML parse error.
    error_box: usize,
    total: usize,
}

fn screenshot(chromium: &Path, page: &Path, profile: &Path, out: &Path) -> Shot {
    let status = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--window-size=600,900",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--screenshot={}", out.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    assert!(
        out.is_file(),
        "{}: {}",
        page.display(),
        String::from_utf8_lossy(&status.stderr)
    );
    let mut decoder = png::Decoder::new(std::fs::File::open(out).unwrap());
    decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let width = info.width as usize;
    let mut shot = Shot {
        dark: 0,
        dark_top: 0,
        error_box: 0,
        total: 0,
    };
    for (i, px) in buf[..info.buffer_size()].chunks(channels).enumerate() {
        let (r, g, b) = if channels >= 3 {
            (px[0], px[1], px[2])
        } else {
            (px[0], px[0], px[0])
        };
        shot.total += 1;
        let luma = (u32::from(r) * 3 + u32::from(g) * 6 + u32::from(b)) / 10;
        if luma < 128 {
            shot.dark += 1;
            if i / width < 150 {
                shot.dark_top += 1;
            }
        }
        if r > 245 && (210..=232).contains(&g) && (210..=232).contains(&b) {
            shot.error_box += 1;
        }
    }
    shot
}

#[test]
fn every_page_renders() {
    let Some(chromium) = chromium() else { return };
    let f = Fixture::copy("large");
    let run = f.run(&["build", "-q"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let epub = std::fs::read(
        f.path()
            .join("book/epub/rivers-and-grids-a-reading-dossier.epub"),
    )
    .unwrap();
    let unzipped = f.path().join("unzipped");
    let mut archive = ZipArchive::new(Cursor::new(&epub[..])).unwrap();
    let mut pages = Vec::new();
    for i in 0..archive.len() {
        let mut e = archive.by_index(i).unwrap();
        let path = unzipped.join(e.name());
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut bytes = Vec::new();
        e.read_to_end(&mut bytes).unwrap();
        std::fs::write(&path, bytes).unwrap();
        if e.name().ends_with(".xhtml") && !e.name().ends_with("nav.xhtml") {
            pages.push(path);
        }
    }
    assert!(pages.len() >= 10, "{pages:?}");
    let shots = f.path().join("shots");
    std::fs::create_dir_all(&shots).unwrap();
    for page in &pages {
        let name = page.file_stem().unwrap().to_string_lossy().into_owned();
        let shot = screenshot(
            &chromium,
            page,
            &f.path().join("chromium-profile"),
            &shots.join(format!("{name}.png")),
        );
        assert!(shot.error_box < 200, "{name}: Chromium shows an XML error");
        if name == "cover" {
            assert!(
                shot.dark * 2 > shot.total,
                "{name}: the cover image does not fill the page ({} of {} dark)",
                shot.dark,
                shot.total
            );
        } else {
            // A letter of the index or a year of the timeline may hold a
            // single line; other pages have a page of text.
            let part = name.starts_with("names-") || name.starts_with("events-");
            let least = if part { 300 } else { 2_000 };
            assert!(
                shot.dark > least,
                "{name}: almost no text ({} dark pixels)",
                shot.dark
            );
            assert!(
                shot.dark_top > 300,
                "{name}: no title at the top ({})",
                shot.dark_top
            );
        }
    }
}
