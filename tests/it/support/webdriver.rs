//! A tiny W3C WebDriver client for the browser tests: Debian's chromedriver driving headless Chromium,
//! spoken to over plain HTTP/1.1 on localhost with std's TcpStream and serde_json. (A client crate
//! such as fantoccini brings tokio and hyper, dozens of crates and minutes of building, for the six
//! commands these tests send.)
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

/// The element key of the W3C protocol.
const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A chromedriver process and one browser session; both end when it is dropped.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
    _profile: tempfile::TempDir,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium with a fresh profile and no network features.
    pub fn start() -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(std::process::Stdio::null())
            .spawn()
            .expect(
                "chromedriver is not installed: apt-get install chromium-driver (or run .ci/run)",
            );
        let profile = tempfile::tempdir().unwrap();
        let mut browser = Browser {
            driver,
            port,
            session: String::new(),
            _profile: profile,
        };
        let start = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(20),
                "chromedriver did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let args = [
            "--headless".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--no-first-run".to_owned(),
            format!("--user-data-dir={}", browser._profile.path().display()),
        ];
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {"binary": "/usr/bin/chromium", "args": args}
        }}});
        let session = browser.send("POST", "/session", Some(capabilities));
        browser.session = session["sessionId"].as_str().unwrap().to_owned();
        browser
    }

    /// One command: its `value`; panics on a WebDriver error.
    fn send(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        let body = body.map(|b| b.to_string()).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            self.port,
            body.len()
        )
        .unwrap();
        let (head, body) = read_response(&mut stream);
        let body = String::from_utf8(body).unwrap();
        let reply: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{head}\n{body}"));
        assert!(head.contains(" 200 "), "{method} {path}: {reply}");
        reply["value"].clone()
    }

    fn session(&self, path: &str) -> String {
        format!("/session/{}{path}", self.session)
    }

    /// Opens `url`.
    pub fn open(&self, url: &str) {
        self.send("POST", &self.session("/url"), Some(json!({"url": url})));
    }

    /// The first element `css` selects.
    pub fn find(&self, css: &str) -> String {
        let found = self.send(
            "POST",
            &self.session("/element"),
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = found[ELEMENT].as_str();
        id.unwrap_or_else(|| panic!("{css}: {found}")).to_owned()
    }

    /// Types `text` into an element.
    pub fn type_into(&self, element: &str, text: &str) {
        let path = self.session(&format!("/element/{element}/value"));
        self.send("POST", &path, Some(json!({"text": text})));
    }

    /// Clicks an element.
    pub fn click(&self, element: &str) {
        let path = self.session(&format!("/element/{element}/click"));
        self.send("POST", &path, Some(json!({})));
    }

    /// An attribute of an element (None when it has none).
    pub fn attribute(&self, element: &str, name: &str) -> Option<String> {
        let path = self.session(&format!("/element/{element}/attribute/{name}"));
        self.send("GET", &path, None).as_str().map(str::to_owned)
    }

    /// Runs `script` in the page and returns its result.
    pub fn run(&self, script: &str) -> Value {
        let body = json!({"script": script, "args": []});
        self.send("POST", &self.session("/execute/sync"), Some(body))
    }

    /// A PNG of the window, `width` × `height`.
    pub fn screenshot(&self, width: u32, height: u32) -> Vec<u8> {
        let rect = json!({"width": width, "height": height});
        self.send("POST", &self.session("/window/rect"), Some(rect));
        let png = self.send("GET", &self.session("/screenshot"), None);
        decode_base64(png.as_str().unwrap())
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.send("DELETE", &path, None)
            }));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// Reads one HTTP response: its head, and its body by Content-Length or chunks (chromedriver may keep
/// the connection open, so reading to the end would wait).
fn read_response(stream: &mut TcpStream) -> (String, Vec<u8>) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 65536];
    let complete = |received: &[u8]| -> Option<(String, Vec<u8>)> {
        let split = received.windows(4).position(|w| w == b"\r\n\r\n")?;
        let head = String::from_utf8_lossy(&received[..split]).into_owned();
        let body = &received[split + 4..];
        let lower = head.to_ascii_lowercase();
        if lower.contains("transfer-encoding: chunked") {
            return body
                .ends_with(b"0\r\n\r\n")
                .then(|| (head.clone(), unchunk(body)));
        }
        let length = (lower.lines())
            .find_map(|line| line.strip_prefix("content-length:"))
            .map_or(0, |n| n.trim().parse::<usize>().unwrap());
        (body.len() >= length).then(|| (head.clone(), body[..length].to_vec()))
    };
    loop {
        if let Some(response) = complete(&received) {
            return response;
        }
        let n = stream.read(&mut buffer).unwrap();
        assert!(n > 0, "chromedriver closed the connection mid-response");
        received.extend_from_slice(&buffer[..n]);
    }
}

/// A chunked HTTP body, joined.
fn unchunk(mut body: &[u8]) -> Vec<u8> {
    let mut joined = Vec::new();
    while let Some(end) = body.windows(2).position(|w| w == b"\r\n") {
        let size = std::str::from_utf8(&body[..end]).unwrap().trim();
        let size = usize::from_str_radix(size, 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        let rest = &body[end + 2..];
        joined.extend_from_slice(&rest[..size]);
        body = rest[size..].strip_prefix(b"\r\n").unwrap_or(&rest[size..]);
    }
    joined
}

fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits = 0u32;
    let mut count = 0;
    let mut bytes = Vec::new();
    for c in text.bytes().filter(|&c| c != b'=') {
        let Some(v) = ALPHABET.iter().position(|&a| a == c) else {
            continue;
        };
        bits = (bits << 6) | v as u32;
        count += 6;
        if count >= 8 {
            count -= 8;
            bytes.push((bits >> count) as u8);
        }
    }
    bytes
}
