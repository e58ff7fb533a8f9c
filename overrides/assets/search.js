// Pagefind search on the search page. Pagefind keeps one index per language and
// loads the one of the page's <html lang>; its bundle sits beside /assets/.
(function () {
  var box = document.getElementById("search");
  if (!box) return;
  var bundle = new URL("../pagefind/", document.currentScript.src).href;
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = bundle + "pagefind-ui.css";
  document.head.appendChild(css);
  var script = document.createElement("script");
  script.src = bundle + "pagefind-ui.js";
  script.onload = function () {
    var ui = new PagefindUI({
      element: "#search",
      bundlePath: bundle,
      showSubResults: true,
      showImages: false
    });
    var query = new URLSearchParams(window.location.search).get("q");
    if (query) ui.triggerSearch(query);
  };
  document.head.appendChild(script);
})();
