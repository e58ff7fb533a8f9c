// Search on the search page. Online: Pagefind, one index per language, loaded
// for the page's <html lang>. From file:// (the offline edition), where fetch()
// cannot read the disk: a plain index loaded as a script, same language only.
// Both: the address keeps the query (?q=), Enter in the field goes to the first
// result, the count is announced, the words are in the page's language (the
// mount point's data attributes).
var HIGHLIGHT = "pagefind-highlight";  // the parameter of the words a result was found by

// The stem of a folded word in `lang`, as the site search makes it: stem.js
// (EditionStem, loaded before this script) is the one stemmer; each word is
// stemmed once (a page's text repeats its words).
function stemmer(lang) {
  var known = Object.create(null);
  return function (word) {
    return known[word] || (known[word] = window.EditionStem.stem(word, lang));
  };
}

// The page a search result opens: the words searched for, highlighted. Online,
// by Pagefind's own highlighter (pagefind-highlight.js, from the site's
// Pagefind bundle); from file:// (no modules there), by the edition's.
(function () {
  "use strict";
  var words = new URLSearchParams(window.location.search).getAll(HIGHLIGHT);
  if (!words.length || !document.querySelector("[data-pagefind-body]")) return;
  var assets = new URL("./", document.currentScript.src).href;
  function first() {
    var hit = document.querySelector("mark.pagefind-highlight, mark.hit");
    if (hit && !window.location.hash) hit.scrollIntoView({ block: "center" });
  }
  if (window.location.protocol === "file:") {
    var body = Array.prototype.slice.call(document.querySelectorAll("[data-pagefind-body]"));
    var stems = stemmer(document.documentElement.lang);
    var query = window.EditionText.words(words.join(" ")).map(stems);
    window.EditionText.mark(body, query, "[data-pagefind-ignore], abbr[title]", stems);
    first();
    return;
  }
  import(new URL("../pagefind/pagefind-highlight.js", assets).href).then(function (module) {
    new module.default({ highlightParam: HIGHLIGHT, addStyles: false });  // styles: edition.css
    first();
  });
})();

(function () {
  "use strict";
  var box = document.getElementById("pagefind-search");
  if (!box) return;
  var T = window.EditionText;
  var assets = new URL("./", document.currentScript.src).href;
  var params = new URLSearchParams(window.location.search);
  var query = params.get("q") || "";
  // the header's search button on phones sends an empty query: the reader
  // wants to type one
  var wantsField = params.has("q") && !query.trim();
  var label = box.getAttribute("data-label");

  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  box.parentNode.insertBefore(status, box.nextSibling);

  function counted(n) {
    return n ? T.plural(box.getAttribute("data-count"), n) : box.getAttribute("data-none");
  }

  function keepQuery(value) {
    var next = new URLSearchParams(window.location.search);
    if (value.trim()) next.set("q", value.trim());
    else next.delete("q");
    T.setQuery(next);
  }

  function load(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    document.head.appendChild(script);
  }

  // Enter in the field: to the first result, once the results for what the
  // field says are there. `first()` gives that result's link, or null while
  // they are still coming.
  function enterGoesToResults(first) {
    var pending = 0;
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Enter" || !event.target.matches("input")) return;
      event.preventDefault();
      clearInterval(pending);
      var tries = 0;
      pending = setInterval(function () {
        var link = first();
        if (link || ++tries > 100) clearInterval(pending);
        if (link) link.focus();
      }, 50);
    });
  }

  if (window.location.protocol !== "file:") {
    var bundle = new URL("../pagefind/", assets).href;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    load(bundle + "pagefind-ui.js", function () {
      var kinds = {};  // result URL -> kind of page (its data-pagefind-meta "type")
      var searched = null;  // the words of the last search Pagefind started
      var ui = new PagefindUI({
        element: "#pagefind-search",
        bundlePath: bundle,
        showSubResults: true,
        showImages: false,
        translations: { search_label: label, clear_search: box.getAttribute("data-clear") },
        // less weight to the length of a page: the page about a term (its
        // title weighted, data-pagefind-weight) before the short ones that
        // name it once
        ranking: { pageLength: 0.5 },
        // each result's address carries the words (?pagefind-highlight=),
        // which the page it opens highlights (below)
        highlightParam: HIGHLIGHT,
        processTerm: function (term) {
          searched = term;
          return term;
        },
        processResult: function (result) {
          kinds[result.url] = result.meta.type;
          return result;
        },
      });
      var input = box.querySelector(".pagefind-ui__search-input");
      input.setAttribute("aria-label", label);
      input.addEventListener("input", function () { keepQuery(input.value); });
      // Pagefind waits for a pause in typing before it searches, then shows
      // each result as its text arrives, not in order: the first result is
      // the first item of the list for the field's words, once it has its link.
      enterGoesToResults(function () {
        if (searched !== input.value) return null;
        var item = box.querySelector(".pagefind-ui__result");
        return item && item.querySelector(".pagefind-ui__result-link");
      });
      // each result says what kind of page it is; the count is announced
      var said = "";
      new MutationObserver(function () {
        box.querySelectorAll(".pagefind-ui__result").forEach(function (result) {
          var link = result.querySelector(".pagefind-ui__result-title .pagefind-ui__result-link");
          if (!link) return;
          var kind = kinds[link.getAttribute("href")];
          var tag = link.parentNode.querySelector(".result-type");
          if (!kind) {
            if (tag) tag.remove();
            return;
          }
          if (!tag) {
            tag = document.createElement("span");
            tag.className = "result-type";
            link.parentNode.insertBefore(tag, link);
          }
          if (tag.textContent !== kind) tag.textContent = kind;
        });
        var message = box.querySelector(".pagefind-ui__message");
        var text = message ? message.textContent.trim() : "";
        if (text !== said) status.textContent = said = text;
      }).observe(box, { childList: true, subtree: true, characterData: true });
      if (query) ui.triggerSearch(query);
      if (wantsField) input.focus();
    });
    return;
  }

  // -- Offline: our own index -------------------------------------------------------
  // Words are compared by their stems, as the site search's (stem.js), so
  // that "renforce" finds "renforcement" and "networks" "network"; a name
  // such as "frontex" keeps all its letters (it must not find "frontline").
  var stem = stemmer(document.documentElement.lang);

  // The text around the first words found, with them highlighted.
  function excerpt(text, ranges) {
    var p = document.createElement("p");
    if (!ranges.length) {
      p.textContent = text.slice(0, 160) + (text.length > 160 ? " …" : "");
      return p;
    }
    var start = Math.max(0, ranges[0][0] - 70);
    if (start > 0) start = text.indexOf(" ", start) + 1 || start;
    var end = Math.min(text.length, start + 220);
    if (end < text.length) end = text.lastIndexOf(" ", end) > ranges[0][1] ? text.lastIndexOf(" ", end) : end;
    if (start > 0) p.appendChild(document.createTextNode("… "));
    var at = start;
    ranges.forEach(function (r) {
      if (r[0] < at || r[1] > end) return;
      p.appendChild(document.createTextNode(text.slice(at, r[0])));
      var hit = document.createElement("mark");
      hit.textContent = text.slice(r[0], r[1]);
      p.appendChild(hit);
      at = r[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, end) + (end < text.length ? " …" : "")));
    return p;
  }

  load(assets + "offline-search.js", function () {
    var entries = (window.EDITION_SEARCH || {})[document.documentElement.lang] || [];
    var root = new URL("../", assets).href;
    var form = document.createElement("form");
    form.className = "offline-search";
    form.setAttribute("role", "search");
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.value = query;
    input.setAttribute("aria-label", label);
    form.appendChild(input);
    var count = document.createElement("p");
    count.className = "offline-search__count";
    var list = document.createElement("ol");
    list.className = "offline-search__results";
    box.appendChild(form);
    box.appendChild(count);
    box.appendChild(list);

    // Pages where the stem of every word of the query starts a word's stem, in
    // the title or the text. First the pages whose title has the words as
    // typed (the shortest title first: the page about them), then their
    // stems; then by number of matches as typed, then of stems.
    function run() {
      var typed = T.words(input.value);
      var words = typed.map(stem);
      list.textContent = "";
      if (!words.length) {
        count.textContent = status.textContent = "";
        return;
      }
      var found = [];
      var howMany = function (result) { return result.found.filter(Boolean).length; };
      entries.forEach(function (entry, order) {
        var inTitle = T.find(entry.title, words, stem);
        var inText = T.find(entry.text, words, stem);
        var every = words.every(function (_, i) { return inTitle.found[i] || inText.found[i]; });
        if (!every) return;
        found.push({
          entry: entry, ranges: inText.ranges, order: order,
          titledAsTyped: howMany(T.find(entry.title, typed)), titled: howMany(inTitle),
          hitsAsTyped: T.find(entry.text, typed).ranges.length, hits: inText.ranges.length,
        });
      });
      found.sort(function (a, b) {
        return (b.titledAsTyped - a.titledAsTyped) || (b.titled - a.titled) ||
          (a.titledAsTyped && a.entry.title.length - b.entry.title.length) ||  // about it
          (b.hitsAsTyped - a.hitsAsTyped) || (b.hits - a.hits) || (a.order - b.order);
      });
      count.textContent = status.textContent = counted(found.length);
      found.forEach(function (hit) {
        var item = document.createElement("li");
        item.className = "offline-search__result";
        var link = document.createElement("a");
        var words = new URLSearchParams();
        input.value.trim().split(/\s+/).forEach(function (word) { words.append(HIGHLIGHT, word); });
        link.href = root + hit.entry.url + "?" + words.toString();
        link.textContent = hit.entry.title;
        item.appendChild(link);
        item.appendChild(excerpt(hit.entry.text, hit.ranges));
        list.appendChild(item);
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", function () {
      run();
      keepQuery(input.value);
    });
    enterGoesToResults(function () { return list.querySelector(".offline-search__result a"); });
    run();
    if (wantsField) input.focus();
  });
})();
