// Footnote popovers are dialogs: name them with the page's own footnote heading
// (localised by the generator), so screen readers announce what they are.
(function () {
  var heading = document.querySelector(".footnote__title");
  if (!heading) return;
  var name = heading.textContent.trim();
  new MutationObserver(function () {
    document.querySelectorAll('.md-tooltip2[role="dialog"]:not([aria-label])').forEach(function (el) {
      el.setAttribute("aria-label", name);
    });
  }).observe(document.body, { childList: true });
})();

// On touch screens the first tap on an acronym or a footnote mark shows its
// tooltip (Material shows it on focus); a second tap follows the link.
(function () {
  var touched = false;
  var armed = null;
  document.addEventListener("touchstart", function () { touched = true; }, { passive: true, capture: true });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".md-content a.gl, .md-content a.footnote-ref");
    if (!touched || !link) return;
    touched = false;
    if (armed === link) return;
    event.preventDefault();
    armed = link;
    link.focus();
  }, true);
})();
