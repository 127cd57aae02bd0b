// Progressive enhancement only: every page works without this file.
// Keeps the reader's place when switching language: the counterpart page
// has the same anchors, so carry the current #fragment over.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-keep-hash]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});

// Printouts say when they were printed: the footer's print note (shown on
// paper only) gets today's date just before printing. Without JavaScript
// the note gives the page's address alone.
window.addEventListener("beforeprint", function () {
  var note = document.querySelector(".print-note .print-date");
  if (!note) return;
  var today = new Date();
  note.querySelector(".print-day").textContent = [today.getFullYear(), today.getMonth() + 1, today.getDate()]
    .map(function (n) { return String(n).padStart(2, "0"); }).join("-");
  note.hidden = false;
});
// Copy buttons (target pages): each names, in data-copy, the element whose
// text it copies. They stay hidden unless the clipboard can be written;
// without them the text is still there to select.
(function () {
  if (!navigator.clipboard || !document.querySelector("button[data-copy]")) return;
  var status = document.querySelector(".copy-status");
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    button.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button[data-copy]");
    var source = button && document.getElementById(button.getAttribute("data-copy"));
    if (!source) return;
    var text = "value" in source ? source.value : source.innerText.trim();
    navigator.clipboard.writeText(text).then(function () {
      if (status) status.textContent = button.getAttribute("data-copied");
    });
  });
})();
