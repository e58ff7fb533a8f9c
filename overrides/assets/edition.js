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
// tooltip (shown on focus: the acronym tooltip below, the theme's footnote
// popover); a second tap follows the link.
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

// Acronym tooltips (a.gl, abbr): the expansion on hover, keyboard focus and
// tap (the first tap focuses, above), hoverable and dismissible with Escape
// (WCAG 1.4.13). The theme's own tooltips (content.tooltips) cost most of a
// measure page's blocking time at start-up; this runs only when a pointer or
// the focus reaches a term. While shown, the title moves to data-title (no
// second, native tooltip) and the term is described by the tooltip.
(function () {
  var TERMS = ".md-content a.gl[title], .md-content abbr[title], [data-title]";
  var tip = null;
  var owner = null;
  var timer = 0;

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "term-tip";
      tip.className = "term-tip";
      tip.setAttribute("role", "tooltip");
      tip.hidden = true;
      tip.addEventListener("mouseenter", function () { clearTimeout(timer); });
      tip.addEventListener("mouseleave", later);
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(term) {
    clearTimeout(timer);
    if (owner && owner !== term) hide();
    var box = tooltip();
    if (term.hasAttribute("title")) {
      term.setAttribute("data-title", term.getAttribute("title"));
      term.removeAttribute("title");
    }
    box.textContent = term.getAttribute("data-title");
    term.setAttribute("aria-describedby", box.id);
    owner = term;
    box.hidden = false;
    var rect = term.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(8, Math.min(rect.left, width - box.offsetWidth - 8));
    box.style.left = left + window.scrollX + "px";
    box.style.top = rect.bottom + window.scrollY + 6 + "px";
  }

  function hide() {
    clearTimeout(timer);
    if (tip) tip.hidden = true;
    if (!owner) return;
    owner.setAttribute("title", owner.getAttribute("data-title"));
    owner.removeAttribute("data-title");
    owner.removeAttribute("aria-describedby");
    owner = null;
  }

  function later() {
    clearTimeout(timer);
    timer = setTimeout(hide, 300);
  }

  function term(event) {
    return event.target.closest ? event.target.closest(TERMS) : null;
  }

  document.addEventListener("mouseover", function (event) {
    var found = term(event);
    if (found) show(found);
  });
  document.addEventListener("mouseout", function (event) {
    if (owner && term(event) === owner) later();
  });
  document.addEventListener("focusin", function (event) {
    var found = term(event);
    if (found) show(found);
  });
  document.addEventListener("focusout", function (event) {
    if (owner && term(event) === owner) hide();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });
})();

// Citation kit (measure pages): "copy link" copies the address of the measure
// or the action (without scripts it is a plain link to it); "cite", a
// details element, gets a button that copies the citation. What was copied
// is said on the button and to screen readers.
(function () {
  var kits = document.querySelectorAll(".cite-kit");
  if (!kits.length) return;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.className = "visually-hidden";
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selectable */ }
    document.body.removeChild(area);
  }

  function copy(text, control, done) {
    var said = function () {
      var label = control.textContent;
      control.textContent = done;
      status.textContent = done;
      setTimeout(function () { control.textContent = label; status.textContent = ""; }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(said, function () { fallback(text); said(); });
    } else {
      fallback(text);
      said();
    }
  }

  kits.forEach(function (kit) {
    var link = kit.querySelector("[data-copy-link]");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      copy(new URL(link.getAttribute("href"), window.location.href).href, link, link.getAttribute("data-done"));
    });
    var text = kit.querySelector(".cite-kit__text");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-kit__copy md-button";
    button.textContent = text.getAttribute("data-copy-label");
    button.addEventListener("click", function () {
      copy(text.textContent.trim(), button, text.getAttribute("data-done"));
    });
    text.parentNode.appendChild(button);
  });
})();
