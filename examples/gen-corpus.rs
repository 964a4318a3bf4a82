//! Writes a synthetic corpus of scrape-like articles for benchmarks.
//!
//! ```text
//! cargo run --release --example gen-corpus -- N DIR [--seed S] [--from CORPUS] [--distinct]
//! ```
//!
//! The body text is recombined from the paragraphs of the sample corpus
//! (`corpus/` by default), so the words are real; each article is dressed in
//! the furniture of one of a few synthetic "sites" (menus, breadcrumbs,
//! ratings, share lines, polls, comments, "Also read:" links, credits,
//! footers, non-breaking-space spacers) with its own byline, date, end notes
//! and length. The same N, seed and source corpus give the same bytes.
//!
//! Recombined paragraphs repeat: 5,000 articles hold about 1,400 distinct
//! blocks, and dossier reads a repeated block once. `--distinct` ends every
//! paragraph with a sentence of its own (a person, a city and a date drawn
//! at random), so that nearly every block differs, as in a corpus of real
//! articles.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen-corpus: {e}");
            ExitCode::from(2)
        }
    }
}

const USAGE: &str = "usage: gen-corpus N DIR [--seed S] [--from CORPUS] [--distinct]";

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut positional = Vec::new();
    let mut seed = 1u64;
    let mut from = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let mut distinct = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--seed" => {
                let v = args.next().ok_or(USAGE)?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed {v:?} is not a number"))?;
            }
            "--from" => from = PathBuf::from(args.next().ok_or(USAGE)?),
            "--distinct" => distinct = true,
            "-h" | "--help" => return Err(USAGE.to_string()),
            _ => positional.push(arg),
        }
    }
    let [n, dir] = positional.as_slice() else {
        return Err(USAGE.to_string());
    };
    let n: usize = n
        .parse()
        .map_err(|_| format!("N {n:?} is not a number\n{USAGE}"))?;
    let dir = PathBuf::from(dir);
    let pool = Pool::read(&from)?;
    std::fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let mut rng = Rng(seed ^ 0x9e37_79b9_7f4a_7c15);
    for i in 0..n {
        let site = rng.below(SITES.len());
        let article = Article::random(i, &pool, &mut rng, distinct);
        let text = SITES[site](&article, &mut rng);
        let stem = format!("{i:05}_{:016x}", rng.next());
        write(&dir.join(format!("{stem}.txt")), &text)?;
        // The council's pages carry no title (the sample's needs a sidecar
        // too); one other article in ten has one as well.
        if site == COUNCIL || rng.below(10) == 0 {
            let sidecar = format!(
                "title = {:?}\ndate = \"{}\"\nsource = {:?}\n",
                article.title,
                article.date.iso(),
                article.source
            );
            write(&dir.join(format!("{stem}.toml")), &sidecar)?;
        }
    }
    eprintln!("wrote {n} articles to {} (seed {seed})", dir.display());
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// SplitMix64: tiny, deterministic, and good enough to shuffle furniture.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

/// The sample corpus cut into reusable pieces.
struct Pool {
    /// Body paragraphs: long lines that read as prose.
    paragraphs: Vec<String>,
    /// Short lines that read as section headings.
    headings: Vec<String>,
}

impl Pool {
    fn read(dir: &Path) -> Result<Pool, String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| format!("cannot read the source corpus {}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        let mut paragraphs = Vec::new();
        let mut headings = Vec::new();
        for file in &files {
            let text = std::fs::read_to_string(file)
                .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
            for line in text.lines().map(str::trim) {
                let words = line.split_whitespace().count();
                let prose = line.ends_with(['.', '?', '!', '”', '"', ')']);
                let note = line.starts_with(|c: char| c.is_ascii_digit());
                if words >= 25 && prose && !note {
                    paragraphs.push(without_markers(line));
                } else if (3..=8).contains(&words)
                    && !prose
                    && line.chars().next().is_some_and(char::is_uppercase)
                    && line
                        .chars()
                        .all(|c| c.is_ascii_alphabetic() || " ’'-–".contains(c))
                {
                    headings.push(line.to_string());
                }
            }
        }
        paragraphs.sort();
        paragraphs.dedup();
        headings.sort();
        headings.dedup();
        if paragraphs.len() < 5 {
            return Err(format!(
                "{} holds too little prose to recombine ({} paragraphs)",
                dir.display(),
                paragraphs.len()
            ));
        }
        if headings.is_empty() {
            headings.push("Background".to_string());
        }
        Ok(Pool {
            paragraphs,
            headings,
        })
    }
}

const FIRST: &[&str] = &[
    "Anna", "Dmitry", "Vitaly", "Elena", "Igor", "Marina", "Sergei", "Olga", "Kenji", "Yuko",
    "Hiroshi", "Natalia", "Pavel", "Akiko", "Boris", "Irina",
];
const LAST: &[&str] = &[
    "Kireeva",
    "Streltsov",
    "Shvydko",
    "Panova",
    "Dyachenko",
    "Morozova",
    "Volkov",
    "Tanaka",
    "Sato",
    "Ivanova",
    "Kuznetsov",
    "Yamamoto",
    "Sokolova",
    "Lebedev",
    "Nakamura",
    "Orlova",
];
const ROLES: &[&str] = &[
    "Ph.D. in Economics, Head of the Sector of Economics and Politics of Japan",
    "Doctor of History, Head of the Department of Oriental Studies",
    "PhD in Political Science, Associate Professor, Department of Oriental Studies",
    "Senior Research Fellow, Center for Japanese Studies",
    "Programme Director, Asia-Pacific Studies",
];
const TOPICS: &[&str] = &[
    "Russia–Japan Relations",
    "The Kuril Islands Dispute",
    "Energy Cooperation in the Far East",
    "Sanctions and the Pivot to the East",
    "Tokyo, Moscow and Beijing",
    "The Peace Treaty Question",
    "Trade Across the Sea of Japan",
    "Summit Diplomacy in Asia",
];
const ANGLES: &[&str] = &[
    "Opportunities and Perspectives",
    "Where Is the Dialogue Headed?",
    "A Systemic Crisis or a New Opportunity?",
    "An Asymmetric Partnership",
    "Lessons of the Last Decade",
    "What Comes Next",
    "Between Hope and Realism",
    "The View from the Regions",
];
/// Where the sentences `--distinct` adds were said.
const CITIES: &[&str] = &[
    "Tokyo",
    "Moscow",
    "Vladivostok",
    "Osaka",
    "Sapporo",
    "Khabarovsk",
    "Kyoto",
    "Novosibirsk",
    "Niigata",
    "Irkutsk",
];

const SOURCES: &[&str] = &[
    "Russian International Affairs Council",
    "Russia Direct",
    "Modern Diplomacy",
    "Institute of Far Eastern Studies",
    "Asia Policy Review",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

#[derive(Clone, Copy)]
struct Date {
    year: u32,
    month: u32,
    day: u32,
}

impl Date {
    fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
    fn dotted(self) -> String {
        format!("{:02}.{:02}.{:04}", self.day, self.month, self.year)
    }
    fn long(self) -> String {
        format!(
            "{} {}, {}",
            MONTHS[self.month as usize - 1],
            self.day,
            self.year
        )
    }
}

/// What an article says, before a site dresses it.
struct Article {
    title: String,
    author: String,
    role: String,
    date: Date,
    source: String,
    /// Body blocks: paragraphs, and headings marked with a leading `#`.
    body: Vec<String>,
    notes: Vec<String>,
}

impl Article {
    fn random(i: usize, pool: &Pool, rng: &mut Rng, distinct: bool) -> Article {
        let title = format!("{}: {} ({})", rng.pick(TOPICS), rng.pick(ANGLES), i + 1);
        let author = format!("{} {}", rng.pick(FIRST), rng.pick(LAST));
        let date = Date {
            year: rng.range(2005, 2024) as u32,
            month: rng.range(1, 12) as u32,
            day: rng.range(1, 28) as u32,
        };
        // Mostly short and middling articles, a few long ones.
        let count = match rng.below(10) {
            0 => rng.range(40, 90),
            1..=3 => rng.range(3, 8),
            _ => rng.range(8, 30),
        };
        let mut body = Vec::with_capacity(count + 4);
        let mut notes = Vec::new();
        for k in 0..count {
            if k > 2 && rng.below(9) == 0 {
                body.push(format!(
                    "#{}",
                    pool.headings[rng.below(pool.headings.len())]
                ));
            }
            let mut para = pool.paragraphs[rng.below(pool.paragraphs.len())].clone();
            if distinct {
                let _ = write!(
                    para,
                    " {} {} said so in {} on {} {} {}.",
                    rng.pick(FIRST),
                    rng.pick(LAST),
                    rng.pick(CITIES),
                    rng.range(1, 28),
                    MONTHS[rng.below(12)],
                    rng.range(1990, 2024)
                );
            }
            if rng.below(7) == 0 && notes.len() < 9 {
                notes.push(pool.paragraphs[rng.below(pool.paragraphs.len())].clone());
                let _ = write!(para, " [{}]", notes.len());
            }
            body.push(para);
        }
        Article {
            title,
            author,
            role: rng.pick(ROLES).to_string(),
            date,
            source: rng.pick(SOURCES).to_string(),
            body,
            notes,
        }
    }

    /// The body as text, blocks separated by `sep` (one or more lines).
    fn body_text(&self, sep: &str, rng: &mut Rng, asides: bool) -> String {
        let mut out = String::new();
        for (k, block) in self.body.iter().enumerate() {
            if k > 0 {
                out.push_str(sep);
            }
            out.push_str(block.strip_prefix('#').unwrap_or(block));
            if asides && k > 1 && k + 2 < self.body.len() && rng.below(8) == 0 {
                let label = rng.pick(&["Also read", "Recommended", "Read also"]);
                let _ = write!(
                    out,
                    "{sep} {label}: \"{}: {}\"",
                    rng.pick(TOPICS),
                    rng.pick(ANGLES)
                );
            }
        }
        out
    }

    fn notes_text(&self, sep: &str) -> String {
        let mut out = String::new();
        for (k, note) in self.notes.iter().enumerate() {
            let _ = write!(out, "{sep}{} – {note}", k + 1);
        }
        out
    }
}

type Site = fn(&Article, &mut Rng) -> String;

/// The synthetic sites, each with its own furniture.
const SITES: &[Site] = &[council, joomla, magazine, wordpress, institute];
/// The index of [`council`] in [`SITES`].
const COUNCIL: usize = 0;

/// A think-tank page: toolbar, rating and share widgets, a poll at the end.
fn council(a: &Article, rng: &mut Rng) -> String {
    let votes = rng.range(1, 40);
    let widgets = format!(
        "Rate this article\n(votes: {votes}, rating: {})\n ({votes} votes)\nShare this article\n",
        rng.range(1, 5)
    );
    let mut out = format!(
        "Print Читать на русском\n{widgets}{}\n\n{}\n\n",
        a.author, a.role
    );
    out.push_str(&a.body_text("\n\n", rng, false));
    out.push_str(&a.notes_text("\n\n"));
    out.push_str("\n\n");
    out.push_str(&widgets);
    out.push_str("\nPoll conducted\n\n  1. In your opinion, what are the long-term goals of the partnership?\n");
    let answers = [
        "Closer economic ties",
        "A peace treaty",
        "Nothing will change",
    ];
    for answer in answers {
        let n = rng.range(3, 60);
        let _ = write!(out, "    {answer}  \n     {n} ({}%)\n", n * 100 / 120);
    }
    out.push_str("For business\nFor researchers\nFor students\n");
    out
}

/// A Joomla page: menu, breadcrumb, print links, a last-updated stamp.
fn joomla(a: &Article, rng: &mut Rng) -> String {
    let crumb_title = format!(
        "{} {}. {}",
        last_name(&a.author),
        first_name(&a.author),
        a.title
    );
    let mut out = format!(
        "Menu Content/Inhalt\nГлавная arrow Publications arrow Economy arrow {crumb_title}\n{crumb_title} Печать E-mail\n{} г.\n{}\n\n",
        a.date.dotted(),
        a.author
    );
    out.push_str(&a.body_text("\n\n", rng, false));
    out.push_str(&a.notes_text("\n\n"));
    let _ = write!(
        out,
        "\n\n\n{} is {}.\n\nПоследнее обновление ( {} г. )\n« Пред.   След. »\nИнститут Дальнего Востока РАН\n",
        a.author,
        a.role.to_lowercase(),
        a.date.dotted()
    );
    out
}

/// A news magazine: standfirst, photo caption, "Also read" links inline.
fn magazine(a: &Article, rng: &mut Rng) -> String {
    let mut out = format!(
        "{}\n\nBy {}\n\n{}\n\nA view of the harbour in Vladivostok. Photo: Reuters\n\n",
        a.title,
        a.author,
        a.date.long()
    );
    out.push_str(&a.body_text("\n\n", rng, true));
    out.push_str(&a.notes_text("\n\n"));
    out.push_str("\n\nShare on Facebook Share on Twitter\n");
    let _ = writeln!(out, "© {} {}. All rights reserved.", a.date.year, a.source);
    out
}

/// A WordPress blog: tag line, "By" on its own line, NBSP spacers, comments.
fn wordpress(a: &Article, rng: &mut Rng) -> String {
    let mut out = format!(
        "{}\n\n{} Asia , Europe , Opinion , OPINION/NEWS , Russia\n\nAP photo\n\n\u{a0}\n\nBy\n\n{}\n\n",
        a.title,
        a.date.long(),
        a.author
    );
    out.push_str(&a.body_text("\n\n\u{a0}\n\n", rng, false));
    out.push_str(&a.notes_text("\n\n\u{a0}\n\n"));
    let _ = write!(
        out,
        "\n\n\u{a0}\n\n\u{a0}\n\n{}\n\n{}\n\nEditor review\n\n0 Comments\n\nNo Comments Yet!\n\nYou can be first to comment this post!\n\nLeave a Reply\n\nThis site uses Akismet to reduce spam. Learn how your comment data is processed.\n",
        a.author, a.role
    );
    out
}

/// An institute page: breadcrumb, credentials after the byline, a credit line.
fn institute(a: &Article, rng: &mut Rng) -> String {
    let mut out = format!(
        "Menu Content/Inhalt\nГлавная arrow Publications arrow Analysis arrow {}\n{} Печать E-mail\n{} г.\n\n{}\n\n{} {}, RIAC expert\n\n",
        a.title,
        a.title,
        a.date.dotted(),
        a.title,
        a.author,
        a.role
    );
    out.push_str(&a.body_text("\n\n", rng, false));
    out.push_str(&a.notes_text("\n\n"));
    let _ = write!(
        out,
        "\n\nRIAC {:02} {} {}\n\n« Пред.   След. »\nИнститут Дальнего Востока РАН\n",
        a.date.day,
        MONTHS[a.date.month as usize - 1].to_lowercase(),
        a.date.year
    );
    out
}

/// The line without its `[n]` note markers: the generator places its own.
fn without_markers(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let digits = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        out.push_str(&rest[..open]);
        if digits > 0 && after[digits..].starts_with(']') {
            rest = &after[digits + 1..];
        } else {
            out.push('[');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

fn first_name(full: &str) -> &str {
    full.split_whitespace().next().unwrap_or(full)
}

fn last_name(full: &str) -> &str {
    full.split_whitespace().last().unwrap_or(full)
}
