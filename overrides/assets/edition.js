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
