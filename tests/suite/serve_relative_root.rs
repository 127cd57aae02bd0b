//! `gazette serve` run inside a portal (the root is `.`, as a webmaster runs
//! it) notices edits: the watcher reports absolute paths, which must still
//! be recognised as the portal's sources.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::Stdio;

use crate::common;
use std::time::{Duration, Instant};

fn get(port: u16, path: &str) -> String {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return String::new();
    };
    let request = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    let _ = stream.write_all(request.as_bytes());
    let mut body = String::new();
    let _ = stream.read_to_string(&mut body);
    body
}

/// The serve process, stopped however the test ends.
struct Stopped(std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_in_the_portal_folder_rebuilds_on_an_edit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("p");
    gazette::init::init(&root, false).expect("init");
    let child = common::gazette()
        .args(["serve", "--port", "0"])
        .current_dir(&root)
        .spawn(Stdio::piped(), Stdio::null());
    let mut server = Stopped(child);
    let stdout = server.0.stdout.take().expect("stdout");
    // Keep reading what serve prints after its address, so its next line
    // ("rebuilt: …") never meets a closed pipe.
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                let _ = tx.send(rest.split('/').next().and_then(|p| p.parse::<u16>().ok()));
            }
        }
    });
    let port = rx
        .recv_timeout(Duration::from_secs(60))
        .ok()
        .flatten()
        .expect("serve prints its address");
    let site = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site).expect("site.yaml");
    std::fs::write(&site, text.replace("示例市政策门户", "改过的门户")).expect("edit");
    let started = Instant::now();
    let mut seen = false;
    while started.elapsed() < Duration::from_secs(5) {
        if get(port, "/zh/").contains("改过的门户") {
            seen = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    drop(server);
    assert!(
        seen,
        "the edit was not picked up with the portal as the current folder"
    );
}
