// Search over the index built with the site (Pagefind, under pagefind/).
// Runs only on the search page, and fetches the index only when there is a
// query (`?q=`, from this page's form or the home page's). Without
// JavaScript the page says so and links to the target and department
// indexes. Each result links to the anchor nearest before the first match
// (a paragraph, task or table row), not just to the top of its page, and
// says what kind of page each result is.
(function () {
  "use strict";
  var script = document.currentScript;
  var box = document.getElementById("search-results");
  var input = document.getElementById("q");
  if (!script || !box || !input) return;
  var zh = /^zh/i.test(document.documentElement.lang || "");
  var words = zh
    ? { searching: "正在搜索……", none: "没有找到与“{q}”相关的内容。", count: "找到 {n} 个页面：", failed: "无法加载搜索索引。" }
    : { searching: "Searching…", none: "Nothing found for “{q}”.", count: "{n} pages found:", failed: "The search index could not be loaded." };
  var query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) return;

  function say(text) {
    box.textContent = "";
    var p = document.createElement("p");
    p.textContent = text;
    box.appendChild(p);
  }

  // The anchor with the largest word position not after the first match.
  function anchorFor(data) {
    var at = data.locations && data.locations.length ? data.locations[0] : 0;
    var best = null;
    (data.anchors || []).forEach(function (a) {
      if (a.location <= at && (!best || a.location >= best.location)) best = a;
    });
    return best ? "#" + best.id : "";
  }

  say(words.searching);
  var loader = new URL("../pagefind/pagefind.js", script.src).href;
  import(loader)
    .then(function (pagefind) {
      return pagefind.search(query);
    })
    .then(function (search) {
      return Promise.all(search.results.slice(0, 30).map(function (r) { return r.data(); }));
    })
    .then(function (results) {
      if (!results.length) {
        say(words.none.replace("{q}", query));
        return;
      }
      say(words.count.replace("{n}", results.length));
      var list = document.createElement("ol");
      list.className = "search-results";
      results.forEach(function (data) {
        var item = document.createElement("li");
        // What kind of page it is (target, department, policy text,
        // glossary …), recorded by the index for every page.
        var kind = data.meta && data.meta.kind;
        if (kind) {
          var label = document.createElement("span");
          label.className = "result-kind";
          label.textContent = kind;
          item.appendChild(label);
          item.appendChild(document.createTextNode(" "));
        }
        var link = document.createElement("a");
        // raw_url is the URL as indexed, base path included; Pagefind's url
        // adds the bundle's base path once more (/innovation/innovation/…).
        link.href = (data.raw_url || data.url) + anchorFor(data);
        link.textContent = (data.meta && data.meta.title) || data.url;
        var excerpt = document.createElement("p");
        // Pagefind escapes the page text and adds only <mark> around matches.
        excerpt.innerHTML = data.excerpt;
        item.appendChild(link);
        item.appendChild(excerpt);
        list.appendChild(item);
      });
      box.appendChild(list);
    })
    .catch(function () {
      say(words.failed);
    });
})();
