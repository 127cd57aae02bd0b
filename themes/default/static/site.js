// Progressive enhancement only: every page works without this file.
// Keeps the reader's place when switching language: the counterpart page
// has the same anchors, so carry the current #fragment over.
document.addEventListener("click", function (event) {
  var link = event.target.closest && event.target.closest("a[data-keep-hash]");
  if (link && location.hash) {
    link.href = link.href.split("#")[0] + location.hash;
  }
});
