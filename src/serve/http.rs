//! Requests → responses from the in-memory site. Takes a `tiny_http`
//! request and the server state; answers it.
//!
//! The invariant, by construction: a response body comes only from the map
//! of built files (or the reload script), never from the file system, so
//! `..`, `%2e%2e`, encoded slashes, absolute paths and symlinks have
//! nothing to reach. [`resolve`] still rejects them explicitly, so an
//! attempt gets a clear 400 rather than a lookup.

use super::reload::{self, EVENTS_PATH};
use super::State;
use std::time::{Duration, Instant};
use tiny_http::{Header, Method, Request, Response, StatusCode};

/// How long a poll for the next build waits before answering "no change".
const POLL_TIMEOUT: Duration = Duration::from_secs(20);

/// A request path (without query) → the key of a built file
/// (`zh/targets/index.html`), or `None` for a path that is not a plain,
/// relative walk down the site: not starting with `/`, a bad `%` escape or
/// non-UTF-8 bytes, an empty, `.` or `..` segment (also when percent-encoded),
/// or a segment whose decoding holds `/`, `\`, `:` or NUL.
pub fn resolve(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let (rest, directory) = match rest.strip_suffix('/') {
        Some(r) => (r, true),
        None => (rest, rest.is_empty()),
    };
    let mut segments = Vec::new();
    if !rest.is_empty() {
        for raw in rest.split('/') {
            let seg = percent_decode(raw)?;
            if seg.is_empty() || seg == "." || seg == ".." || seg.contains(['/', '\\', ':', '\0']) {
                return None;
            }
            segments.push(seg);
        }
    }
    let mut key = segments.join("/");
    if directory {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Some(key)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub(crate) fn handle(request: Request, state: &State) {
    let method = request.method().clone();
    if method != Method::Get && method != Method::Head {
        let _ = request.respond(text(405, "only GET and HEAD are served\n"));
        return;
    }
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    if path == EVENTS_PATH {
        let since = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("since="))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        let _ = request.respond(events(state, since));
        return;
    }
    let Some(key) = resolve(path) else {
        let _ = request.respond(text(400, "bad request path\n"));
        return;
    };
    let site = state.lock();
    let (generation, error) = (site.generation, site.error.clone());
    if !site.ready {
        drop(site);
        let body = reload::placeholder(generation, error.as_deref());
        let _ = request.respond(bytes(503, "text/html; charset=utf-8", body));
        return;
    }
    let response = if let Some(body) = site.files.get(&key) {
        let kind = content_type(&key);
        let body = if kind.starts_with("text/html") {
            reload::inject(body, generation, error.as_deref())
        } else {
            body.to_vec()
        };
        bytes(200, kind, body)
    } else if path.is_ascii() && site.files.contains_key(&format!("{key}/index.html")) {
        // `/zh/targets` → `/zh/targets/`, as static hosts do.
        Response::from_data(Vec::new())
            .with_status_code(StatusCode(301))
            .with_header(header("Location", &format!("{path}/")))
    } else {
        let body = site
            .files
            .get("404.html")
            .map(|b| reload::inject(b, generation, error.as_deref()))
            .unwrap_or_else(|| b"404 not found\n".to_vec());
        bytes(404, "text/html; charset=utf-8", body)
    };
    drop(site);
    let _ = request.respond(response);
}

/// Waits until the generation passes `since` (or a timeout), then answers
/// `{"generation": N, "error": "…" | null}`.
fn events(state: &State, since: u64) -> Response<std::io::Cursor<Vec<u8>>> {
    let deadline = Instant::now() + POLL_TIMEOUT;
    let mut site = state.lock();
    while site.generation <= since {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            break;
        }
        site = match state.changed.wait_timeout(site, left) {
            Ok((guard, _)) => guard,
            Err(poisoned) => poisoned.into_inner().0,
        };
    }
    let body = serde_json::json!({ "generation": site.generation, "error": site.error });
    bytes(200, "application/json", body.to_string().into_bytes())
}

fn content_type(key: &str) -> &'static str {
    let ext = key.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header")
}

fn bytes(status: u16, kind: &str, body: Vec<u8>) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(body)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(
        status,
        "text/plain; charset=utf-8",
        body.as_bytes().to_vec(),
    )
}
