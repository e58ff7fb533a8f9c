// Search on the search page. Online: Pagefind, one index per language, loaded
// for the page's <html lang>. From file:// (the offline edition), where fetch()
// cannot read the disk: a plain index loaded as a script, same language only.
(function () {
  var box = document.getElementById("search");
  if (!box) return;
  var assets = new URL("./", document.currentScript.src).href;
  var query = new URLSearchParams(window.location.search).get("q") || "";

  function load(src, done) {
    var script = document.createElement("script");
    script.src = src;
    script.onload = done;
    document.head.appendChild(script);
  }

  if (window.location.protocol !== "file:") {
    var bundle = new URL("../pagefind/", assets).href;
    var css = document.createElement("link");
    css.rel = "stylesheet";
    css.href = bundle + "pagefind-ui.css";
    document.head.appendChild(css);
    load(bundle + "pagefind-ui.js", function () {
      var ui = new PagefindUI({ element: "#search", bundlePath: bundle, showSubResults: true, showImages: false });
      if (query) ui.triggerSearch(query);
    });
    return;
  }

  function fold(text) {
    return text.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }
  function stem(word) {  // a crude, language-neutral stem: "renforcé" ~ "renforcement"
    return word.length > 5 ? word.slice(0, Math.max(5, word.length - 3)) : word;
  }
  function escape(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
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
    input.setAttribute("aria-label", document.getElementById("site-search-q").getAttribute("placeholder"));
    form.appendChild(input);
    var status = document.createElement("p");
    status.setAttribute("role", "status");
    var list = document.createElement("ol");
    list.className = "offline-search__results";
    box.appendChild(form);
    box.appendChild(status);
    box.appendChild(list);

    function run() {
      var words = fold(input.value).split(/[^a-z0-9]+/).filter(Boolean).map(stem);
      list.textContent = "";
      if (!words.length) { status.textContent = ""; return; }
      var patterns = words.map(function (w) { return new RegExp("(^|[^a-z0-9])" + escape(w)); });
      var found = entries.filter(function (entry) {
        var text = fold(entry.title + " " + entry.text);
        return patterns.every(function (p) { return p.test(text); });
      });
      status.textContent = String(found.length);
      found.forEach(function (entry) {
        var item = document.createElement("li");
        item.className = "offline-search__result";
        var link = document.createElement("a");
        link.href = root + entry.url;
        link.textContent = entry.title;
        item.appendChild(link);
        list.appendChild(item);
      });
    }
    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", run);
    run();
  });
})();
