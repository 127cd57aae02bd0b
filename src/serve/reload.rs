//! The live-reload script, added to HTML responses of `gazette serve` only
//! (never to built files). It long-polls `/__gazette/events`, reloads the
//! page when a rebuild succeeds, and shows a failed rebuild's error over
//! the page while the last good site stays visible underneath.

/// Where pages poll for the next build.
pub const EVENTS_PATH: &str = "/__gazette/events";

const SCRIPT: &str = r#"<script data-gazette-serve>/* gazette serve: live reload; not part of the built site */
(function () {
  var gen = __GEN__, err = __ERR__;
  function overlay(msg) {
    var o = document.getElementById("__gazette_overlay");
    if (!msg) { if (o) o.remove(); return; }
    if (!o) {
      o = document.createElement("pre");
      o.id = "__gazette_overlay";
      o.setAttribute("role", "alert");
      o.setAttribute("style", "position:fixed;inset:0;margin:0;z-index:2147483647;overflow:auto;padding:2em;background:rgba(30,0,0,.93);color:#fff;font:14px/1.5 monospace;white-space:pre-wrap");
      o.onclick = function () { o.remove(); };
      document.body.appendChild(o);
    }
    o.textContent = "gazette: the last change did not build. The page below is the last good build.\n(click to hide; it goes away by itself once the problem is fixed)\n\n" + msg;
  }
  function poll() {
    fetch("__EVENTS__?since=" + gen, { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (s) {
        if (s.generation > gen) {
          gen = s.generation;
          if (s.error) { overlay(s.error); } else { location.reload(); return; }
          poll();
        } else {
          /* no news: the server held the poll, or had too many to hold */
          setTimeout(poll, 300);
        }
      })
      .catch(function () { setTimeout(poll, 1000); });
  }
  if (err) overlay(err);
  poll();
})();
</script>"#;

/// `html` with the script before `</body>` (or at the end).
pub fn inject(html: &[u8], generation: u64, error: Option<&str>) -> Vec<u8> {
    let error = error.map_or_else(|| "null".to_owned(), script_string);
    let script = SCRIPT
        .replace("__GEN__", &generation.to_string())
        .replace("__EVENTS__", EVENTS_PATH)
        // Last, so no placeholder inside the error text is replaced.
        .replace("__ERR__", &error);
    let at = find_last(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + script.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(script.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// `text` as a JavaScript string literal that is safe inline in a
/// `<script>` element: JSON with every `<`, `>` and `&` written as a `\u`
/// escape, so no `</script>`, `<!--` or `<script` (which would end the
/// element early, or make the HTML parser miss its real end) can appear,
/// and U+2028/U+2029 escaped for older JavaScript engines. The overlay
/// shows the text with `textContent`, so it is never read as HTML.
fn script_string(text: &str) -> String {
    let json = serde_json::Value::from(text).to_string();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// A page for when no build has succeeded yet.
pub fn placeholder(generation: u64, error: Option<&str>) -> Vec<u8> {
    let html = b"<!doctype html><html><head><meta charset=\"utf-8\"><title>gazette serve</title></head><body><p>gazette: waiting for a build that succeeds.</p></body></html>";
    inject(html, generation, error)
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .rposition(|w| w.eq_ignore_ascii_case(needle))
}
