//! `gazette serve` under abuse: a flood of half-open connections leaves
//! requests answered promptly and the server's threads and memory bounded;
//! binding beyond loopback prints a warning; the error overlay keeps any
//! error text inert.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use crate::common;

use common::serve::{get, portal, start};

/// A `gazette serve` process, killed however the test ends.
struct Serve {
    child: Child,
    addr: SocketAddr,
    stderr: std::sync::mpsc::Receiver<String>,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    fn start(root: &Path, bind: &str) -> Serve {
        let mut child = common::gazette()
            .args(["serve", "--port", "0", "--bind", bind])
            .root(root)
            .spawn(Stdio::piped(), Stdio::piped());
        let (out, err) = (child.stdout.take(), child.stderr.take());
        let (port_tx, port_rx) = std::sync::mpsc::channel();
        // Keep reading both pipes so serve never meets a full or closed one.
        std::thread::spawn(move || {
            for line in BufReader::new(out.expect("stdout"))
                .lines()
                .map_while(Result::ok)
            {
                if let Some(rest) = line.split("http://").nth(1) {
                    let addr = rest.split('/').next().and_then(|a| a.parse().ok());
                    let _ = port_tx.send(addr);
                }
            }
        });
        let (err_tx, stderr) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(err.expect("stderr"))
                .lines()
                .map_while(Result::ok)
            {
                let _ = err_tx.send(line);
            }
        });
        let addr: SocketAddr = port_rx
            .recv_timeout(Duration::from_secs(60))
            .ok()
            .flatten()
            .expect("serve prints its address");
        let addr = SocketAddr::new([127, 0, 0, 1].into(), addr.port());
        Serve {
            child,
            addr,
            stderr,
        }
    }

    /// A field of `/proc/PID/status` (`VmRSS` in kB, `Threads`).
    fn status(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("/proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
            .and_then(|v| v.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no {field} in {status}"))
    }

    /// What serve printed to stderr so far.
    fn stderr(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }
}

/// Waits until the background search index is served, so memory measured
/// afterwards is the server at rest.
fn wait_until_indexed(addr: SocketAddr) {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if get(
            addr,
            "/pagefind/pagefind-entry.json",
            Duration::from_secs(5),
        )
        .is_some_and(|(status, _)| status == 200)
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("the search index was never served");
}

#[test]
fn serve_survives_3000_half_open_connections_with_bounded_threads_and_memory() {
    let dir = portal();
    let server = Serve::start(&dir.path().join("p"), "127.0.0.1");
    let addr = server.addr;
    wait_until_indexed(addr);
    // Warm up the answer path, then measure the server at rest.
    for _ in 0..20 {
        assert!(get(addr, "/zh/", Duration::from_secs(5)).is_some());
    }
    std::thread::sleep(Duration::from_millis(500));
    let (rss_before, threads_before) = (server.status("VmRSS"), server.status("Threads"));

    // Half of them send nothing, half a request line that never ends.
    let mut flood = Vec::new();
    for i in 0..3000 {
        let Ok(mut s) = TcpStream::connect(addr) else {
            continue;
        };
        if i % 2 == 1 {
            let _ = s.write_all(b"GET /zh/ HTTP/1.1\r\nHost: loc");
        }
        flood.push(s);
    }
    assert!(
        flood.len() >= 2900,
        "only {} connections opened",
        flood.len()
    );
    let threads_during = server.status("Threads");

    // While they are open, real requests are answered promptly.
    for _ in 0..5 {
        let started = Instant::now();
        let reply = get(addr, "/zh/", Duration::from_secs(5));
        assert_eq!(reply.map(|r| r.0), Some(200), "no answer during the flood");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "answered after {:?}",
            started.elapsed()
        );
    }
    assert!(
        threads_during <= threads_before + 2,
        "{threads_before} threads before, {threads_during} during the flood"
    );

    // The server times idle connections out; memory goes back.
    std::thread::sleep(gazette::serve::HEAD_TIMEOUT + Duration::from_secs(1));
    drop(flood);
    let limit = rss_before + rss_before / 10;
    let started = Instant::now();
    let mut rss_after = server.status("VmRSS");
    while rss_after > limit && started.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(500));
        rss_after = server.status("VmRSS");
    }
    let threads_after = server.status("Threads");
    assert!(
        rss_after <= limit,
        "VmRSS {rss_before} kB before, {rss_after} kB after the flood"
    );
    assert!(
        threads_after <= threads_before,
        "{threads_before} threads before, {threads_after} after"
    );
    assert_eq!(
        get(addr, "/zh/", Duration::from_secs(5)).map(|r| r.0),
        Some(200)
    );
    eprintln!(
        "VmRSS {rss_before} kB before, {rss_after} kB after; threads {threads_before} before, {threads_during} during, {threads_after} after"
    );
}

#[test]
fn serve_warns_when_bound_beyond_loopback() {
    let dir = portal();
    let root = dir.path().join("p");
    let public = Serve::start(&root, "0.0.0.0");
    std::thread::sleep(Duration::from_millis(300));
    let said = public.stderr();
    assert!(
        said.contains("warning: serving on 0.0.0.0") && said.contains("--bind 127.0.0.1"),
        "{said}"
    );
    drop(public);
    let private = Serve::start(&root, "127.0.0.1");
    std::thread::sleep(Duration::from_millis(300));
    assert!(!private.stderr().contains("warning: serving on"));

    use gazette::serve::network_warning;
    for ip in ["127.0.0.1", "127.0.0.2", "::1", "::ffff:127.0.0.1"] {
        assert_eq!(network_warning(ip.parse().unwrap()), None, "{ip}");
    }
    for ip in ["0.0.0.0", "::", "192.168.1.10", "10.0.0.1"] {
        assert!(network_warning(ip.parse().unwrap()).is_some(), "{ip}");
    }
}

/// An error whose text holds `<!--<script>` (here, from the source line a
/// YAML error quotes) stays a string inside the overlay's script: no `<`
/// reaches the script element, whose end is the real `</script>`.
#[test]
fn serve_overlay_keeps_error_text_inert() {
    let dir = portal();
    let root = dir.path().join("p");
    let server = start(&root);
    let addr = server.addr();
    let site = root.join("content/site.yaml");
    let hostile = "title: [ \"<!--<script>\", </script><script>alert(1)</script> & ]\n";
    std::fs::write(&site, hostile).expect("edit");
    let started = Instant::now();
    let mut page = String::new();
    while started.elapsed() < Duration::from_secs(10) {
        if let Some((200, body)) = get(addr, "/zh/", Duration::from_secs(5)) {
            if body.contains("\\u003c!--\\u003cscript\\u003e") {
                page = body;
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    server.stop();
    assert!(!page.is_empty(), "the error never reached the page");
    let start = page
        .find("<script data-gazette-serve>")
        .expect("reload script");
    let script = &page[start + "<script data-gazette-serve>".len()..];
    let end = script.find("</script>").expect("script end");
    let (inside, after) = script.split_at(end);
    assert!(!inside.contains('<'), "a `<` inside the script: {inside}");
    assert!(!inside.contains('&'), "an `&` inside the script: {inside}");
    assert!(
        after["</script>".len()..]
            .trim_start()
            .starts_with("</body>"),
        "the script does not end where the page expects: {after}"
    );
}

/// Reload polls wait in the connection thread, not in a worker: more polls
/// than workers are held at once, and each is answered as soon as the site
/// changes, while pages are still served.
#[test]
fn serve_holds_reload_polls_without_blocking_pages() {
    let dir = portal();
    let root = dir.path().join("p");
    let server = start(&root);
    let addr = server.addr();
    let polls: Vec<_> = (0..12)
        .map(|_| {
            std::thread::spawn(move || {
                get(addr, "/__gazette/events?since=1", Duration::from_secs(30))
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let started = Instant::now();
    assert_eq!(
        get(addr, "/zh/", Duration::from_secs(5)).map(|r| r.0),
        Some(200)
    );
    assert!(started.elapsed() < Duration::from_secs(2));
    let site = root.join("content/site.yaml");
    let text = std::fs::read_to_string(&site).expect("site.yaml");
    std::fs::write(&site, text.replace("示例市政策门户", "改过的门户")).expect("edit");
    let edited = Instant::now();
    for poll in polls {
        let (status, body) = poll.join().expect("poll thread").expect("poll answered");
        assert_eq!(status, 200);
        assert!(body.contains("\"generation\":2"), "{body}");
    }
    assert!(
        edited.elapsed() < Duration::from_secs(10),
        "polls answered {:?} after the edit",
        edited.elapsed()
    );
    server.stop();
}

/// A request head larger than serve reads is answered 431 and closed,
/// not buffered without end; a malformed request line is a 400.
#[test]
fn serve_refuses_oversized_and_malformed_heads() {
    let dir = portal();
    let server = start(&dir.path().join("p"));
    let addr = server.addr();
    let answer = |bytes: &[u8]| {
        let mut s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        let _ = s.write_all(bytes);
        let mut raw = Vec::new();
        let _ = s.read_to_end(&mut raw);
        String::from_utf8_lossy(&raw).into_owned()
    };
    // Just over the 16 KiB serve reads, so it has read all there is when it
    // answers (unread bytes would make the close a reset).
    let mut huge = b"GET / HTTP/1.1\r\nX-Filler: ".to_vec();
    huge.resize(17 * 1024, b'a');
    assert!(answer(&huge).starts_with("HTTP/1.1 431 "));
    assert!(answer(b"HELLO\r\n\r\n").starts_with("HTTP/1.1 400 "));
    assert!(answer(b"HEAD /zh/ HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 200 "));
    server.stop();
}
