//! `dossier serve`: build, serve the site on localhost, rebuild when the
//! project changes and make open pages reload.
//!
//! Three parts: a watcher thread that polls the corpus, the templates and
//! book.toml for changes (polling, not OS events: it works the same on every
//! system and a project is small to stat) and rebuilds; a tiny HTTP/1.1
//! server (GET and HEAD on the output folder's `html/`, one thread per
//! connection); and a script injected into every served page that asks
//! `/__dossier/status` for the build number and reloads when it changes. A
//! failed build leaves the last good site in place (as `build` always does)
//! and every page shows the error above it until a build succeeds.
//!
//! It is for previewing on one's own machine only; it does not harden
//! itself against hostile clients beyond refusing paths outside the site.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::config::{CONFIG_FILE, Settings};
use crate::error::{Diagnostics, Error, Result};

/// How often the watcher looks for changes.
const POLL: Duration = Duration::from_millis(300);
/// The path the reload script polls.
const STATUS_PATH: &str = "/__dossier/status";

/// What one build attempt gave, for the caller to report.
#[derive(Debug)]
pub enum BuildOutcome {
    /// The site was rebuilt; the diagnostics are the articles' findings.
    Built(Diagnostics),
    /// The build failed; the message holds the whole error chain.
    Failed(String),
}

/// The server's shared state.
#[derive(Debug, Default)]
struct State {
    /// Counts build attempts; pages reload when it changes.
    generation: u64,
    /// The last build's error, while it stands.
    error: Option<String>,
    /// The folder served (the output's `html/`), from the last good settings.
    site_dir: PathBuf,
}

/// A running preview server.
#[derive(Debug)]
pub struct Server {
    addr: SocketAddr,
    listener: TcpListener,
    state: Arc<Mutex<State>>,
}

impl Server {
    /// Builds the project in `root` once, binds `addr` (port 0 picks a free
    /// one) and starts the watcher, which calls `on_build` after every build
    /// (the first included). Serving starts with [`Server::run`].
    pub fn start(
        root: &Path,
        addr: &str,
        on_build: impl Fn(&BuildOutcome) + Send + 'static,
    ) -> Result<Server> {
        let listener = TcpListener::bind(addr).map_err(|source| Error::Listen {
            addr: addr.to_string(),
            source,
        })?;
        let addr = listener.local_addr().map_err(|source| Error::Listen {
            addr: addr.to_string(),
            source,
        })?;
        let state = Arc::new(Mutex::new(State::default()));
        let root = root.to_path_buf();
        // Taken before the first build, so an edit made during it is seen.
        let mut last = fingerprint(&root);
        let outcome = rebuild(&root, &state);
        on_build(&outcome);
        let watched = state.clone();
        std::thread::spawn(move || {
            loop {
                std::thread::sleep(POLL);
                let now = fingerprint(&root);
                if now != last {
                    last = now;
                    let outcome = rebuild(&root, &watched);
                    on_build(&outcome);
                }
            }
        });
        Ok(Server {
            addr,
            listener,
            state,
        })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves requests until the process ends.
    pub fn run(self) {
        for stream in self.listener.incoming().flatten() {
            let state = self.state.clone();
            std::thread::spawn(move || {
                // A client that goes away mid-answer is no concern of ours.
                let _ = handle(stream, &state);
            });
        }
    }
}

/// Rebuilds the project, records the outcome in `state` and returns it.
fn rebuild(root: &Path, state: &Mutex<State>) -> BuildOutcome {
    let mut diags = Diagnostics::new();
    let result = Settings::load(root).and_then(|settings| {
        let site_dir = settings.out_dir.join(crate::site::SITE_DIR);
        crate::build(&settings, &mut diags).map(|_| site_dir)
    });
    let mut st = state.lock().unwrap_or_else(|e| e.into_inner());
    st.generation += 1;
    match result {
        Ok(site_dir) => {
            st.site_dir = site_dir;
            st.error = None;
            BuildOutcome::Built(diags)
        }
        Err(err) => {
            let mut message = err.to_string();
            let mut source = std::error::Error::source(&err);
            while let Some(cause) = source {
                message.push_str(&format!("\n  caused by: {cause}"));
                source = cause.source();
            }
            if st.site_dir.as_os_str().is_empty() {
                // No good build yet: serve what an earlier `build` left, if any.
                st.site_dir = Settings::load(root)
                    .map(|s| s.out_dir.join(crate::site::SITE_DIR))
                    .unwrap_or_else(|_| root.join("book").join(crate::site::SITE_DIR));
            }
            st.error = Some(message.clone());
            BuildOutcome::Failed(message)
        }
    }
}

/// Every watched file with its size and modification time, sorted.
fn fingerprint(root: &Path) -> Vec<(PathBuf, u64, Option<SystemTime>)> {
    let settings = Settings::load(root).ok();
    let mut dirs = vec![
        settings
            .as_ref()
            .map(|s| s.corpus_dir.clone())
            .unwrap_or_else(|| root.join("corpus")),
    ];
    dirs.push(
        settings
            .as_ref()
            .and_then(|s| s.templates_dir.clone())
            .unwrap_or_else(|| root.join("templates")),
    );
    let mut files = vec![root.join(CONFIG_FILE)];
    for dir in dirs {
        files.extend(
            walkdir::WalkDir::new(dir)
                .into_iter()
                .filter_map(|e| e.ok())
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path()),
        );
    }
    let mut out: Vec<_> = files
        .into_iter()
        .map(|p| {
            let meta = std::fs::metadata(&p).ok();
            let len = meta.as_ref().map_or(0, |m| m.len());
            let modified = meta.and_then(|m| m.modified().ok());
            (p, len, modified)
        })
        .collect();
    out.sort();
    out
}

/// Answers one request.
fn handle(stream: TcpStream, state: &Mutex<State>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Skip the headers: nothing in them changes the answer.
    let mut line = String::new();
    while reader.read_line(&mut line)? > 2 {
        line.clear();
    }
    let mut parts = request_line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut out = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain",
            b"GET only\n",
            true,
        );
    }
    let head_only = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let (generation, error, site_dir) = {
        let st = state.lock().unwrap_or_else(|e| e.into_inner());
        (st.generation, st.error.clone(), st.site_dir.clone())
    };
    if path == STATUS_PATH {
        let body = format!("{generation}\n");
        return respond(
            &mut out,
            "200 OK",
            "text/plain; charset=utf-8",
            body.as_bytes(),
            head_only,
        );
    }
    let Some(relative) = safe_relative(path) else {
        return respond(
            &mut out,
            "400 Bad Request",
            "text/plain",
            b"bad path\n",
            head_only,
        );
    };
    let mut file = site_dir.join(&relative);
    if file.is_dir() {
        if !path.ends_with('/') {
            let location = format!("{path}/");
            let head = format!(
                "HTTP/1.1 301 Moved Permanently\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
            return out.write_all(head.as_bytes());
        }
        file = file.join("index.html");
    }
    let (status, file) = if file.is_file() {
        ("200 OK", file)
    } else {
        ("404 Not Found", site_dir.join("404.html"))
    };
    let content_type = content_type(&file);
    let mut body = std::fs::read(&file).unwrap_or_else(|_| {
        b"<!DOCTYPE html><html lang=\"en\"><title>No site yet</title><body></body></html>".to_vec()
    });
    if content_type.starts_with("text/html") {
        body = inject(&body, generation, error.as_deref());
    }
    respond(&mut out, status, content_type, &body, head_only)
}

/// `path` (URL-decoded) as a relative file path, or `None` when it would
/// leave the site folder.
fn safe_relative(path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let relative = PathBuf::from(decoded.trim_start_matches('/'));
    relative
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
        .then_some(relative)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "epub" => "application/epub+zip",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        _ => "application/octet-stream",
    }
}

/// Adds the reload script, and the build error when there is one, to a page.
fn inject(page: &[u8], generation: u64, error: Option<&str>) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let mut extra = String::new();
    if let Some(error) = error {
        extra.push_str(
            "<div id=\"dossier-build-error\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;z-index:99;max-height:60vh;overflow:auto;margin:0;padding:1rem 1.5rem;background:#7a1616;color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap\"><strong>dossier: the build failed; this is the last good build.</strong>\n",
        );
        extra.push_str(&escape_html(error));
        extra.push_str("</div>\n");
    }
    extra.push_str(&format!(
        "<script>(function(){{var seen=\"{generation}\";function poll(){{fetch(\"{STATUS_PATH}\",{{cache:\"no-store\"}}).then(function(r){{return r.text();}}).then(function(t){{if(t.trim()!==seen){{location.reload();}}else{{setTimeout(poll,400);}}}},function(){{setTimeout(poll,1000);}});}}setTimeout(poll,400);}})();</script>\n"
    ));
    match text.rfind("</body>") {
        Some(at) => format!("{}{}{}", &text[..at], extra, &text[at..]).into_bytes(),
        None => format!("{text}{extra}").into_bytes(),
    }
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn respond(
    out: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
    head_only: bool,
) -> std::io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    );
    out.write_all(head.as_bytes())?;
    if !head_only {
        out.write_all(body)?;
    }
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_paths_outside_the_site() {
        assert_eq!(safe_relative("/a/b.html"), Some(PathBuf::from("a/b.html")));
        assert_eq!(safe_relative("/../etc/passwd"), None);
        assert_eq!(safe_relative("/%2e%2e/x"), None);
        assert_eq!(safe_relative("/"), Some(PathBuf::new()));
    }

    // The error is escaped text, and the script goes before </body>.
    #[test]
    fn injects_error_and_reload_script() {
        let page = inject(b"<html><body><p>x</p></body></html>", 7, Some("bad <b>"));
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains("bad &lt;b&gt;"), "{page}");
        assert!(page.contains("var seen=\"7\""), "{page}");
        assert!(page.ends_with("</script>\n</body></html>"), "{page}");
    }
}
