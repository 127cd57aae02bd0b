//! Requests → responses from the in-memory site. Takes a [`Request`]
//! (method and target, read by [`super::conn`]) and the server state;
//! gives the [`Response`] to write.
//!
//! The invariant, by construction: a response body comes only from the map
//! of built files (or the reload script), never from the file system, so
//! `..`, `%2e%2e`, encoded slashes, absolute paths and symlinks have
//! nothing to reach. [`resolve`] still rejects them explicitly, so an
//! attempt gets a clear 400 rather than a lookup.

use super::reload::{self, EVENTS_PATH};
use super::{Site, State};
use std::io::Write;

/// A request path (without query) → the key of a built file
/// (`zh/targets/index.html`), or `None` for a path that is not a plain,
/// relative walk down the site: not starting with `/`, non-UTF-8 bytes
/// once decoded, an empty, `.` or `..` segment (also when percent-encoded),
/// or a segment whose decoding holds `/`, `\`, `:` or NUL. A `%` not
/// followed by two hex digits stays as written, and names no built file.
pub fn resolve(path: &str) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let (rest, directory) = match rest.strip_suffix('/') {
        Some(r) => (r, true),
        None => (rest, rest.is_empty()),
    };
    let mut segments = Vec::new();
    if !rest.is_empty() {
        for raw in rest.split('/') {
            let seg = percent_encoding::percent_decode_str(raw)
                .decode_utf8()
                .ok()?;
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

/// What a request asks for, once its head has arrived ([`super::conn`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub method: String,
    /// The request target as sent: path and query.
    pub target: String,
}

impl Request {
    /// Whether the body of the answer is left out.
    pub fn head_only(&self) -> bool {
        self.method == "HEAD"
    }

    /// For a poll of [`EVENTS_PATH`], the generation the page has seen.
    pub fn poll_since(&self) -> Option<u64> {
        let (path, query) = self.target.split_once('?').unwrap_or((&self.target, ""));
        (path == EVENTS_PATH).then(|| {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix("since="))
                .and_then(|v| v.parse::<u64>().ok())
                .unwrap_or(0)
        })
    }
}

/// An answer, written by [`Response::write_to`] with the connection closed
/// after it.
#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub content_type: String,
    pub location: Option<String>,
    pub body: Vec<u8>,
}

impl Response {
    fn new(status: u16, content_type: impl Into<String>, body: Vec<u8>) -> Self {
        Response {
            status,
            content_type: content_type.into(),
            location: None,
            body,
        }
    }

    pub fn text(status: u16, body: &str) -> Self {
        Self::new(
            status,
            "text/plain; charset=utf-8",
            body.as_bytes().to_vec(),
        )
    }

    /// Writes the status line, headers and (unless `head_only`) the body.
    pub fn write_to(&self, out: &mut impl Write, head_only: bool) -> std::io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        if let Some(location) = &self.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        head.push_str("\r\n");
        out.write_all(head.as_bytes())?;
        if !head_only {
            out.write_all(&self.body)?;
        }
        out.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The answer to `request` from the site as it is now. A poll of
/// [`EVENTS_PATH`] is answered at once with the current generation: the
/// connection thread holds polls until there is news.
pub(crate) fn respond(request: &Request, state: &State) -> Response {
    if request.method != "GET" && request.method != "HEAD" {
        return Response::text(405, "only GET and HEAD are served\n");
    }
    if request.poll_since().is_some() {
        return events(&state.lock());
    }
    let path = request
        .target
        .split_once('?')
        .map_or(request.target.as_str(), |(p, _)| p);
    let Some(key) = resolve(path) else {
        return Response::text(400, "bad request path\n");
    };
    let site = state.lock();
    let (generation, error) = (site.generation, site.error.as_deref());
    if !site.ready {
        let body = reload::placeholder(generation, error);
        return Response::new(503, "text/html; charset=utf-8", body);
    }
    if let Some(body) = site.files.get(&key) {
        let kind = content_type(&key);
        let body = if kind.starts_with("text/html") {
            reload::inject(body, generation, error)
        } else {
            body.to_vec()
        };
        Response::new(200, kind, body)
    } else if path.is_ascii() && site.files.contains_key(&format!("{key}/index.html")) {
        // `/zh/targets` → `/zh/targets/`, as static hosts do.
        Response {
            location: Some(format!("{path}/")),
            ..Response::new(301, "text/plain; charset=utf-8", Vec::new())
        }
    } else {
        let body = site
            .files
            .get("404.html")
            .map(|b| reload::inject(b, generation, error))
            .unwrap_or_else(|| b"404 not found\n".to_vec());
        Response::new(404, "text/html; charset=utf-8", body)
    }
}

/// `{"generation": N, "error": "…" | null}`.
fn events(site: &Site) -> Response {
    let body = serde_json::json!({ "generation": site.generation, "error": site.error });
    Response::new(200, "application/json", body.to_string().into_bytes())
}

/// The `Content-Type` of a built file, from its extension; text in UTF-8,
/// as every file gazette writes is.
fn content_type(key: &str) -> String {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let text = mime.type_() == mime_guess::mime::TEXT
        || mime.suffix() == Some(mime_guess::mime::XML)
        || mime.subtype() == mime_guess::mime::XML;
    if text {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::content_type;

    #[test]
    fn each_kind_of_built_file_gets_its_type_and_text_its_charset() {
        for (key, kind) in [
            ("zh/index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/site.js", "text/javascript; charset=utf-8"),
            ("data/a.csv", "text/csv; charset=utf-8"),
            ("data/a.json", "application/json"),
            ("sitemap.xml", "text/xml; charset=utf-8"),
            ("zh/feed.atom", "application/atom+xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("assets/logo.svg", "image/svg+xml; charset=utf-8"),
            ("pagefind/wasm.zh.pagefind", "application/octet-stream"),
            ("pagefind/index/zh_1.pf_index", "application/octet-stream"),
            ("_redirects", "application/octet-stream"),
        ] {
            assert_eq!(content_type(key), kind, "{key}");
        }
    }
}
