// Text helpers shared by the tools and the search page: queries match the
// starts of words, without regard to case or accents ("reseaux" finds
// "réseaux", "formation" does not find "information"), and the words found can
// be highlighted in the page without touching its links and acronyms.
window.EditionText = (function () {
  "use strict";
  var MARKS = /[\u0300-\u036f]/g;
  var WORD = /[\p{L}\p{N}]+/gu;

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").toLowerCase();
  }

  // The folded text, and for each of its characters the index of the
  // character of `text` it comes from (folding may drop or add characters).
  function folded(text) {
    var out = "";
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var f = fold(text.charAt(i));
      for (var j = 0; j < f.length; j++) map.push(i);
      out += f;
    }
    map.push(text.length);
    return { text: out, map: map };
  }

  // The words of a query, folded.
  function words(query) {
    return fold(query || "").match(WORD) || [];
  }

  // Where the words of `text` start with one of `query` (folded words; with
  // `norm`, a function, the words of `text` are compared as it gives them:
  // their stems): {ranges: [[start, end], ...] in `text` (whole words),
  // found: [bool per query word]}.
  function find(text, query, norm) {
    var f = folded(text);
    var ranges = [];
    var found = query.map(function () { return false; });
    var match;
    WORD.lastIndex = 0;
    while ((match = WORD.exec(f.text))) {
      var hit = false;
      var word = norm ? norm(match[0]) : match[0];
      for (var i = 0; i < query.length; i++) {
        if (word.lastIndexOf(query[i], 0) === 0) {
          found[i] = true;
          hit = true;
        }
      }
      if (hit) ranges.push([f.map[match.index], f.map[match.index + match[0].length]]);
    }
    return { ranges: ranges, found: found };
  }

  function all(flags) {
    return flags.every(Boolean);
  }

  // Highlight (<mark class="hit">) the words of `roots` (elements) that start
  // with a query word, if every query word is found (or, with `some`, any);
  // text inside `skip` (a selector) is left out; `norm` as for find().
  // Returns whether every word was found.
  function mark(roots, query, skip, norm, some) {
    var nodes = [];
    var text = "";
    roots.forEach(function (root) {
      if (!root) return;
      var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      var node;
      while ((node = walker.nextNode())) {
        if (skip && node.parentElement.closest(skip)) continue;
        nodes.push({ node: node, start: text.length });
        text += node.data;
      }
      text += " ";  // no word runs from one root to the next
    });
    var result = find(text, query, norm);
    if (!some && !all(result.found)) return false;
    nodes.forEach(function (item) {
      var data = item.node.data;
      var end = item.start + data.length;
      var pieces = result.ranges.filter(function (r) { return r[0] < end && r[1] > item.start; });
      if (!pieces.length) return;
      var fragment = document.createDocumentFragment();
      var at = 0;
      pieces.forEach(function (r) {
        var from = Math.max(r[0] - item.start, at);
        var to = Math.min(r[1] - item.start, data.length);
        if (from > at) fragment.appendChild(document.createTextNode(data.slice(at, from)));
        var hit = document.createElement("mark");
        hit.className = "hit";
        hit.textContent = data.slice(from, to);
        fragment.appendChild(hit);
        at = to;
      });
      if (at < data.length) fragment.appendChild(document.createTextNode(data.slice(at)));
      item.node.parentNode.replaceChild(fragment, item.node);
    });
    return all(result.found);
  }

  // Take the highlighting out again.
  function unmark(root) {
    if (!root) return;
    root.querySelectorAll("mark.hit").forEach(function (hit) {
      var parent = hit.parentNode;
      parent.replaceChild(document.createTextNode(hit.textContent), hit);
      parent.normalize();
    });
  }

  // Keep the address in step with a tool's state (shareable); the language
  // switch links follow.
  function setQuery(params) {
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    try {
      history.replaceState(history.state, "", url);
    } catch (e) { /* some browsers refuse it from file:// */ }
    document.dispatchEvent(new Event("edition:url"));
  }

  // A count in words: `forms` is the interface string, or its plural forms
  // as JSON ({"one": …, "other": …}); the form for n follows the page
  // language's rules (CLDR, as the generator's).
  function plural(forms, n) {
    var text = forms;
    if (forms.charAt(0) === "{") {
      var all = JSON.parse(forms);
      text = all[new Intl.PluralRules(document.documentElement.lang).select(n)] || all.other;
    }
    return text.replace(/\{n\}/g, n);
  }

  return {
    fold: fold, words: words, find: find, all: all, mark: mark, unmark: unmark,
    setQuery: setQuery, plural: plural
  };
})();

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
    if (armed === link) {
      // the second tap follows the link: the popover closes (the tap left
      // the mark focused and "hovered"), not left floating over the note
      armed = null;
      setTimeout(function () {
        link.blur();
        link.dispatchEvent(new MouseEvent("mouseleave"));
        window.EditionPopover.dismiss();
      }, 0);
      return;
    }
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

// Citation kit (the home page, measure pages): "copy link" copies the address
// of the measure or the action (without scripts it is a plain link to it);
// "cite", a details element, shows the citation with today's date as the
// access date, a button that copies it, and buttons that copy it as BibTeX,
// RIS and CSL-JSON. Each record comes from the page (data-record), with
// "@accessed@" where the date goes, in the form data-form names
// (generator/citation.py). What was copied is said on the button and to
// screen readers.
(function () {
  var kits = document.querySelectorAll(".cite-kit");
  if (!kits.length) return;
  var status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  document.body.appendChild(status);

  var now = new Date();
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var iso = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  function accessed(form, pattern) {
    if (form === "iso") return iso;
    if (form === "ris") return iso.replace(/-/g, "/") + "/";
    if (form === "parts") return now.getFullYear() + ", " + (now.getMonth() + 1) + ", " + now.getDate();
    // today's date in the site's pattern ("d MMMM y"), the words from the browser
    var parts = {};
    new Intl.DateTimeFormat(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" })
      .formatToParts(now).forEach(function (part) { parts[part.type] = part.value; });
    return pattern.replace(/MMMM|d|y/g, function (token) {
      return { MMMM: parts.month, d: parts.day, y: parts.year }[token];
    });
  }
  function record(node, pattern) {
    return node.getAttribute("data-record").split("@accessed@")
      .join(accessed(node.getAttribute("data-form"), pattern));
  }

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
    if (link) {
      link.addEventListener("click", function (event) {
        event.preventDefault();
        copy(new URL(link.getAttribute("href"), window.location.href).href, link, link.getAttribute("data-done"));
      });
    }
    var text = kit.querySelector(".cite-kit__text");
    var pattern = text.getAttribute("data-pattern");
    var done = text.getAttribute("data-done");
    text.textContent = record(text, pattern);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "cite-kit__copy md-button";
    button.textContent = text.getAttribute("data-copy-label");
    button.addEventListener("click", function () {
      copy(text.textContent.trim(), button, done);
    });
    var exports = kit.querySelector(".cite-kit__exports");
    exports.parentNode.insertBefore(button, exports);
    exports.hidden = false;
    exports.querySelectorAll(".cite-kit__export").forEach(function (control) {
      control.addEventListener("click", function () {
        copy(record(control, pattern), control, done);
      });
    });
  });
})();

// The theme's footnote popovers close on Escape too (WCAG 1.4.13), until the
// pointer or the focus comes to a footnote mark again. Their links are
// reached by Tab from the mark (the theme puts the popover at the end of the
// page): Tab goes into it, Tab from its last link (Shift+Tab from its first)
// back out; the theme keeps a popover while it is hovered, so the focus
// inside it counts as hovering it.
window.EditionPopover = (function () {
  function host(tip) {
    return document.querySelector('[aria-controls="' + tip.id + '"]');
  }
  function dismiss() {
    document.querySelectorAll(".md-tooltip2--active").forEach(function (tip) {
      tip.classList.add("md-tooltip2--dismissed");
      tip.dispatchEvent(new MouseEvent("mouseleave"));
      if (tip.contains(document.activeElement) && host(tip)) host(tip).focus();
      var watch = new MutationObserver(function () {
        if (tip.classList.contains("md-tooltip2--active")) return;
        tip.classList.remove("md-tooltip2--dismissed");
        watch.disconnect();
      });
      watch.observe(tip, { attributes: true, attributeFilter: ["class"] });
    });
  }
  function links(tip) {
    return Array.prototype.slice.call(tip.querySelectorAll("a[href], button"));
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") {
      dismiss();
      return;
    }
    if (event.key !== "Tab") return;
    var here = document.activeElement;
    var tip = here && here.closest(".md-tooltip2");
    if (tip) {  // inside a popover: out of it at either end
      var inside = links(tip);
      var out = event.shiftKey ? inside[0] === here : inside[inside.length - 1] === here;
      if (!out || !host(tip)) return;
      tip.dispatchEvent(new MouseEvent("mouseleave"));
      host(tip).focus();
      if (event.shiftKey) event.preventDefault();  // else Tab goes on from the mark
      return;
    }
    var id = here && !event.shiftKey && here.matches("a.footnote-ref") && here.getAttribute("aria-controls");
    var popover = id && document.getElementById(id);
    if (!popover || !popover.classList.contains("md-tooltip2--active") || !links(popover).length) return;
    event.preventDefault();
    popover.dispatchEvent(new MouseEvent("mouseenter"));
    links(popover)[0].focus();
  });
  // the focus leaving a popover elsewhere (a click): it is no longer "hovered"
  document.addEventListener("focusout", function (event) {
    var tip = event.target.closest && event.target.closest(".md-tooltip2");
    if (tip && !(event.relatedTarget && tip.contains(event.relatedTarget)) &&
        event.relatedTarget !== host(tip)) {
      tip.dispatchEvent(new MouseEvent("mouseleave"));
    }
  });
  return { dismiss: dismiss };
})();

// The language switch keeps the place in the page (#anchor) and the tools'
// filters (?query): its links follow the address.
(function () {
  var links = document.querySelectorAll(".md-select__link[hreflang]");
  if (!links.length) return;
  links.forEach(function (link) {
    link.setAttribute("data-page", link.getAttribute("href").replace(/[?#].*$/, ""));
  });
  function update() {
    links.forEach(function (link) {
      link.setAttribute("href", link.getAttribute("data-page") + window.location.search + window.location.hash);
    });
  }
  update();
  window.addEventListener("hashchange", update);
  window.addEventListener("popstate", update);
  document.addEventListener("edition:url", update);
  var select = links[0].closest(".md-select");
  ["focusin", "mouseover", "touchstart"].forEach(function (name) {
    select.addEventListener(name, update, { passive: true });
  });
})();

// Printed pages: the page's address and the date of printing.
(function () {
  var line = document.querySelector(".print-line");
  if (!line) return;
  function fill() {
    // today's date in the site's pattern ("d MMMM y"), the words from the browser
    var parts = {};
    new Intl.DateTimeFormat(document.documentElement.lang, { day: "numeric", month: "long", year: "numeric" })
      .formatToParts(new Date()).forEach(function (part) { parts[part.type] = part.value; });
    // the first day of a month has a pattern of its own ("d'er' MMMM y": 1er in French)
    var pattern = line.getAttribute(parts.day === "1" ? "data-pattern-first" : "data-pattern");
    var date = pattern.replace(/'([^']*)'|MMMM|d|y/g, function (token, quoted) {
      return quoted !== undefined ? quoted : { MMMM: parts.month, d: parts.day, y: parts.year }[token];
    });
    line.textContent = line.getAttribute("data-template").replace("{url}", window.location.href) +
      " — " + line.getAttribute("data-date").replace("{date}", date);
  }
  fill();
  window.addEventListener("beforeprint", fill);
})();

// A navigation section (the measures, a section, Tools) opens in place, in the
// sidebar and in the phone's drawer. Its label toggles the theme's checkbox; a
// label may not be a button (ARIA in HTML), so the button that says whether it
// is open is the label's text, and the label itself leaves the tab order.
(function () {
  document.querySelectorAll('.md-nav--primary label.md-nav__link[for^="__nav_"]').forEach(function (label) {
    var box = document.getElementById(label.getAttribute("for"));
    var control = label.querySelector(".md-ellipsis");
    if (!box || !control) return;
    var sync = function () { control.setAttribute("aria-expanded", String(box.checked)); };
    label.removeAttribute("tabindex");
    control.setAttribute("role", "button");
    control.tabIndex = 0;
    sync();
    box.addEventListener("change", sync);
    label.addEventListener("click", function () { setTimeout(sync, 0); });
    control.addEventListener("keydown", function (event) {
      if (event.key === " " || event.key === "Enter") {
        event.preventDefault();
        box.click();
      }
      setTimeout(sync, 0);
    });
  });
})();

// On a phone, the menu (the theme's drawer) opens at its top level, not at the
// current page's section (the theme's sliding panels: five taps from a
// measure to a tool); the current page stays marked on the way down.
(function () {
  if (!window.matchMedia("(max-width: 76.1875em)").matches) return;
  document.querySelectorAll('.md-nav--primary input.md-nav__toggle[id^="__nav_"]:checked').forEach(function (box) {
    box.checked = false;
    box.dispatchEvent(new Event("change"));
  });
})();
