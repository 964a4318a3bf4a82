//! `dossier serve`: the real binary, a real socket. Change a corpus file and
//! the served page changes; break book.toml and the page shows the error
//! while the server keeps serving; mend it and the error goes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::Fixture;

/// The server process; killed when dropped so a failing test leaves none behind.
struct Serving {
    child: Child,
    addr: String,
    stderr: mpsc::Receiver<String>,
}

impl Drop for Serving {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(f: &Fixture) -> Serving {
    let mut child = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args(["serve", "--port", "0"])
        .current_dir(f.path())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start dossier serve");
    let (tx, rx) = mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    let mut serving = Serving {
        child,
        addr: String::new(),
        stderr: rx,
    };
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut seen = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = serving
            .stderr
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("serve printed no address: {seen:?}"));
        if let Some(rest) = line.strip_prefix("serving http://") {
            serving.addr = rest.split('/').next().unwrap().to_string();
            return serving;
        }
        seen.push(line);
    }
}

/// GETs `path`; returns the status line and the body.
fn get(addr: &str, path: &str) -> (String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut text = String::new();
    s.read_to_string(&mut text).unwrap();
    let (head, body) = text.split_once("\r\n\r\n").expect("a response");
    (head.lines().next().unwrap().to_string(), body.to_string())
}

/// Polls `path` until `pred` holds for its body (a rebuild takes a moment).
fn wait_for(addr: &str, path: &str, what: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, body) = get(addr, path);
        if pred(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "{what}; last page:\n{body}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn serve_rebuilds_on_change_and_shows_errors() {
    let f = Fixture::copy("minimal");
    let server = start(&f);
    let addr = server.addr.clone();

    let (status, page) = get(&addr, "/article.html");
    assert!(status.contains("200"), "{status}");
    assert!(page.contains("The second paragraph mentions"), "{page}");
    assert!(
        page.contains("/__dossier/status"),
        "no reload script: {page}"
    );
    let (status, _) = get(&addr, "/no-such-page.html");
    assert!(status.contains("404"), "{status}");
    let (status, _) = get(&addr, "/../book.toml");
    assert!(status.contains("400"), "{status}");
    let (_, generation) = get(&addr, "/__dossier/status");

    // A corpus change is rebuilt and served.
    let corpus = f.path().join("corpus/article.txt");
    let text = std::fs::read_to_string(&corpus).unwrap();
    std::fs::write(
        &corpus,
        text.replace(
            "The second paragraph mentions",
            "The second paragraph now names",
        ),
    )
    .unwrap();
    wait_for(
        &addr,
        "/article.html",
        "the edit never reached the page",
        |p| p.contains("The second paragraph now names"),
    );
    // The new output is published just before the build number moves.
    wait_for(
        &addr,
        "/__dossier/status",
        "the build number did not move",
        |g| g != generation,
    );

    // A broken book.toml: the error shows in the page, the last good site stays.
    f.write("book.toml", "[book]\ntitel = \"typo\"\n");
    let page = wait_for(&addr, "/article.html", "the error never showed", |p| {
        p.contains("dossier-build-error")
    });
    assert!(page.contains("titel"), "{page}");
    assert!(page.contains("The second paragraph now names"), "{page}");
    let printed = std::iter::from_fn(|| server.stderr.recv_timeout(Duration::from_secs(5)).ok())
        .take_while(|l| !l.contains("serving the last good build"))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(printed.contains("titel"), "not in the terminal: {printed}");

    // Mended: the error goes away.
    f.write("book.toml", "[book]\ntitle = \"Mended\"\n");
    wait_for(
        &addr,
        "/article.html",
        "the error stayed after the fix",
        |p| !p.contains("dossier-build-error") && p.contains("Mended"),
    );
}
