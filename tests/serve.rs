//! `serve`: builds, serves under the base path on 127.0.0.1, rebuilds when
//! an article changes and tells the open page to reload.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A plain HTTP/1.0 GET: status code and body.
fn get(port: u16, path: &str) -> Option<(u16, String)> {
    let mut s = TcpStream::connect(("127.0.0.1", port)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(30))).ok()?;
    write!(s, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").ok()?;
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    Some((status, body))
}

#[test]
fn serve_rebuilds_and_reloads_on_change() {
    let dir = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let article = content.join("a.txt");
    std::fs::copy(root.join("content/003_4184514eaf17b170.txt"), &article).unwrap();
    std::fs::write(
        dir.path().join("archive.toml"),
        "base_url = \"https://example.org/archive/\"\n",
    )
    .unwrap();
    let port = free_port();
    let _server = Server(
        Command::new(env!("CARGO_BIN_EXE_civic-archive"))
            .args(["serve", "--port", &port.to_string()])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let deadline = Instant::now() + Duration::from_secs(30);
    let home = loop {
        if let Some(r) = get(port, "/archive/") {
            break r;
        }
        assert!(Instant::now() < deadline, "serve did not answer");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(home.0, 200);
    assert!(
        home.1.contains("__civic-archive/reload"),
        "no reload script in served pages"
    );
    assert_eq!(
        get(port, "/archive/../archive.toml").map(|r| r.0),
        Some(404)
    );
    assert!(
        !std::fs::read_to_string(dir.path().join("public/index.html"))
            .unwrap()
            .contains("__civic-archive"),
        "the reload script must not reach the built files"
    );

    // A poll that is answered when the next build is in.
    let poll = std::thread::spawn(move || get(port, "/__civic-archive/reload?after=0"));
    std::thread::sleep(Duration::from_millis(300));
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replace("Ba Đình cần khai thác", "Ba Đình cần khai thác MỚI"),
    )
    .unwrap();
    let (status, generation) = poll.join().unwrap().unwrap();
    assert_eq!(status, 200);
    assert_eq!(generation.trim(), "1", "the poll reports the new build");
    let home = get(port, "/archive/").unwrap();
    assert!(home.1.contains("MỚI"), "the rebuilt site is served");
}
