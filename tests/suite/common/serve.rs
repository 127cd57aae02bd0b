//! `gazette serve` in this process on a free loopback port, a fresh portal
//! to serve, and a plain HTTP client that sends a target verbatim.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::time::Duration;

/// Starts serve on `root`, on 127.0.0.1 and a free port.
pub fn start(root: &Path) -> gazette::serve::Server {
    gazette::serve::start(
        gazette::serve::ServeOptions {
            root: root.to_owned(),
            bind: [127, 0, 0, 1].into(),
            port: 0,
        },
        Box::new(|_| {}),
    )
    .expect("server starts")
}

/// A temporary folder holding a new portal at `p/` (`gazette init`).
pub fn portal() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    gazette::init::init(&dir.path().join("p"), false).expect("init");
    dir
}

/// The status and body of `GET target` (sent verbatim: no client-side
/// normalisation of `..`), or `None` when no whole answer came in `limit`.
pub fn get(addr: SocketAddr, target: &str, limit: Duration) -> Option<(u16, String)> {
    let mut s = TcpStream::connect_timeout(&addr, limit).ok()?;
    s.set_read_timeout(Some(limit)).ok()?;
    write!(
        s,
        "GET {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .ok()?;
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).ok()?;
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text.split_whitespace().nth(1)?.parse().ok()?;
    let body = text.split_once("\r\n\r\n")?.1.to_owned();
    Some((status, body))
}
