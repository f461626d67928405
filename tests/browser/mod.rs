//! A headless Chromium driven over WebDriver (Debian's `chromium` + `chromium-driver`).
//!
//! The protocol is spoken directly over a `TcpStream`: a session is a handful of JSON
//! POSTs, and a WebDriver crate (fantoccini, thirtyfour) would bring an async runtime
//! and an HTTP stack into the build for those few calls.

use serde_json::{Value, json};
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A browser session; the driver process ends with it.
pub struct Browser {
    driver: Child,
    port: u16,
    session: String,
}

/// The browser, or `None` (with a note) when Chromium or its driver is not installed
/// on a developer's machine. CI installs both (`.ci/run`), so there it is an error.
pub fn start() -> Option<Browser> {
    let (Some(driver), Some(chromium)) = (find("chromedriver"), find("chromium")) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "chromium and chromedriver must be installed in CI (see .ci/run)"
        );
        eprintln!(
            "note: browser test skipped: `apt-get install chromium chromium-driver` to run it"
        );
        return None;
    };
    Some(Browser::launch(&driver, &chromium))
}

fn find(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

impl Browser {
    fn launch(driver: &Path, chromium: &Path) -> Browser {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .expect("a free port");
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let mut browser = Browser {
            driver: child,
            port,
            session: String::new(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let capabilities = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": {
                "binary": chromium,
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1280,1800",
                         "--hide-scrollbars", "--force-device-scale-factor=1"]
            },
            "goog:loggingPrefs": {"browser": "ALL", "performance": "ALL"}
        }}});
        let created = browser.call("POST", "/session", Some(&capabilities));
        browser.session = created["value"]["sessionId"]
            .as_str()
            .expect("a session id")
            .to_string();
        browser
    }

    /// Opens a file in the browser and waits for it to load.
    pub fn open(&self, file: &Path) {
        let url = format!("file://{}", file.display());
        self.post("url", json!({ "url": url }));
    }

    /// Runs a script in the page (`return …` gives its value).
    pub fn run(&self, script: &str) -> Value {
        self.post("execute/sync", json!({ "script": script, "args": [] }))
    }

    /// The browser's console messages, or the network events of the performance log.
    pub fn log(&self, kind: &str) -> Vec<Value> {
        match self.post("se/log", json!({ "type": kind })) {
            Value::Array(entries) => entries,
            other => panic!("unexpected log reply: {other}"),
        }
    }

    /// A PNG of the window.
    pub fn screenshot(&self) -> Vec<u8> {
        let value = self.call(
            "GET",
            &format!("/session/{}/screenshot", self.session),
            None,
        );
        decode_base64(value["value"].as_str().expect("a screenshot"))
    }

    /// Sets the window's size (the screenshot's size).
    pub fn resize(&self, width: u32, height: u32) {
        self.post("window/rect", json!({ "width": width, "height": height }));
    }

    fn post(&self, command: &str, body: Value) -> Value {
        let reply = self.call(
            "POST",
            &format!("/session/{}/{command}", self.session),
            Some(&body),
        );
        reply["value"].clone()
    }

    fn call(&self, method: &str, path: &str, body: Option<&Value>) -> Value {
        let body = body.map(Value::to_string).unwrap_or_default();
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).expect("connect");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        )
        .expect("send");
        stream
            .set_read_timeout(Some(Duration::from_secs(120)))
            .expect("a timeout");
        let payload = read_reply(&mut stream);
        let value: Value = serde_json::from_str(&payload).expect("a JSON reply");
        if let Some(error) = value["value"]["error"].as_str() {
            panic!(
                "webdriver {method} {path}: {error}: {}",
                value["value"]["message"]
            );
        }
        value
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let path = format!("/session/{}", self.session);
            let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                self.call("DELETE", &path, None)
            }));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// The body of one HTTP reply: chromedriver keeps the connection open, so the reply
/// ends where its `Content-Length` (or last chunk) says, not at end of stream.
fn read_reply(stream: &mut TcpStream) -> String {
    let mut raw = Vec::new();
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = stream.read(&mut buf).expect("receive");
        raw.extend_from_slice(&buf[..n]);
        let text = String::from_utf8_lossy(&raw);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let head = head.to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse::<usize>().ok());
            match length {
                Some(len) if body.len() >= len => return body[..len].to_string(),
                None if head.contains("transfer-encoding: chunked")
                    && body.ends_with("0\r\n\r\n") =>
                {
                    return dechunk(body);
                }
                None if n == 0 => return body.to_string(),
                _ => {}
            }
        }
        assert!(n > 0, "the driver closed the connection mid-reply");
    }
}

fn dechunk(mut body: &str) -> String {
    let mut out = String::new();
    while let Some((size, rest)) = body.split_once("\r\n") {
        let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
        if n == 0 || rest.len() < n {
            break;
        }
        out.push_str(&rest[..n]);
        body = rest[n..].trim_start_matches("\r\n");
    }
    out
}

fn decode_base64(text: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        bits = (bits << 6) | u32::from(v);
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
        }
    }
    out
}
