// Reader tools (the study page's are in study.js). Each part acts only on its
// own page; without scripts the pages show the full table, all actions and the
// whole glossary. Filters live in the address (shareable, kept by the language
// switch).
(function () {
  "use strict";
  var T = window.EditionText;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // Set the form's fields from the address, once.
  function restore(form, fields) {
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var value = params.get(name);
      if (value === null) return;
      var field = form.elements[name];
      if (field.tagName === "SELECT" && !field.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      field.value = value;
    });
  }

  // A field's value as the page came (left out of the address): the radio
  // button checked in the page's markup, or nothing.
  function initial(field) {
    if (!(field instanceof RadioNodeList)) return "";
    var first = Array.prototype.filter.call(field, function (radio) { return radio.defaultChecked; })[0];
    return first ? first.value : "";
  }

  function remember(form, fields) {
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      var field = form.elements[name];
      var value = field.value.trim();
      if (value && value !== initial(field)) params.set(name, value);
      else params.delete(name);
    });
    T.setQuery(params);
  }

  // -- Who does what: the heat map by section or by measure, filtered by
  // actor kind and by section. A row with no action in the columns shown is
  // hidden; the totals and the count follow what is shown. ---------------
  var matrixForm = document.querySelector("[data-matrix-filters]");
  if (matrixForm) {
    var matrixFields = ["by", "kind", "section"];
    var matrixCount = document.querySelector(".matrix-count");
    var number = function (cell) { return Number(cell.textContent) || 0; };
    var applyTable = function (table, kind, section) {
      // which columns are off: a column's section is on its header only
      var off = Array.prototype.map.call(table.tHead.rows[0].cells, function (head) {
        var id = head.getAttribute("data-section");
        return Boolean(section && id && id !== section);
      });
      var last = off.length - 1;  // the totals
      var sums = off.map(function () { return 0; });
      var shown = 0;
      var hide = function (row) {
        for (var i = 0; i < row.cells.length; i++) row.cells[i].hidden = off[i];
      };
      hide(table.tHead.rows[0]);
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        hide(row);
        var total = 0;
        for (var i = 1; i < last; i++) if (!off[i]) total += number(row.cells[i]);
        row.cells[last].textContent = total;
        row.hidden = (Boolean(kind) && row.getAttribute("data-kind") !== kind) || total === 0;
        if (row.hidden) return;
        shown += 1;
        for (var j = 1; j < last; j++) sums[j] += number(row.cells[j]);
        sums[last] += total;
      });
      var foot = table.tFoot.rows[0];
      hide(foot);
      for (var k = 1; k <= last; k++) foot.cells[k].textContent = sums[k];
      return shown;
    };
    var applyMatrix = function () {
      var by = matrixForm.elements.by.value;
      var kind = matrixForm.elements.kind.value;
      var section = matrixForm.elements.section.value;
      document.documentElement.classList.toggle("heat-by-measure", by === "measure");  // edition.css
      document.querySelectorAll("[data-heat]").forEach(function (region) {
        var shown = applyTable(region.querySelector("table"), kind, section);
        region.hidden = region.getAttribute("data-heat") !== by;
        if (!region.hidden) matrixCount.textContent = T.plural(matrixCount.getAttribute("data-count"), shown);
      });
    };
    restore(matrixForm, matrixFields);
    matrixForm.addEventListener("change", function () {
      applyMatrix();
      remember(matrixForm, matrixFields);
    });
    matrixForm.addEventListener("submit", function (e) { e.preventDefault(); });
    applyMatrix();
  }

  // -- Explorer: filter the actions, highlight the words found ---------------
  // The keyword finds an action when each word typed starts a word (compared
  // by stems, as the site search: EditionStem) of the action's text, of its
  // measure's title or of its section's title, in any order. When nothing is
  // shown: a way to clear the filters, and the site search for the words.
  var explorerForm = document.querySelector("[data-explorer-filters]");
  if (explorerForm) {
    var S = window.EditionStem;
    var lang = document.documentElement.lang;
    var stemOf = function (word) { return S.stem(word, lang); };
    var fields = ["actor", "section", "measure", "q"];
    var count = document.querySelector(".explorer-count");
    var empty = document.querySelector(".explorer-empty");
    var searchLink = empty.querySelector("[data-search]");
    var searchPage = searchLink.getAttribute("href");
    var SKIP = ".action__id, .footnote-ref, .report-link";  // not the action's words
    var titles = {};  // "section:1", "measure:4" -> the stems of its title
    explorerForm.querySelectorAll("option[data-title]").forEach(function (option) {
      titles[option.parentNode.name + ":" + option.value] = S.stems(option.getAttribute("data-title"), lang);
    });
    var textOf = function (item) {
      var text = "";
      var walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
      var node;
      while ((node = walker.nextNode())) if (!node.parentElement.closest(SKIP)) text += node.data;
      return text;
    };
    var items = Array.prototype.map.call(document.querySelectorAll("ol.explorer > li"), function (item) {
      var stems = S.stems(textOf(item), lang)
        .concat(titles["section:" + item.getAttribute("data-section")] || [])
        .concat(titles["measure:" + item.getAttribute("data-measure")] || []);
      return { node: item, stems: stems, actors: item.getAttribute("data-actors").split(" ") };
    });
    restore(explorerForm, fields);
    var applyExplorer = function () {
      var values = {};
      fields.forEach(function (name) { values[name] = explorerForm.elements[name].value.trim(); });
      var words = S.stems(values.q, lang);
      var shown = 0;
      items.forEach(function (item) {
        var node = item.node;
        T.unmark(node);
        var ok = (!values.actor || item.actors.indexOf(values.actor) >= 0) &&
          (!values.section || node.getAttribute("data-section") === values.section) &&
          (!values.measure || node.getAttribute("data-measure") === values.measure) &&
          (!words.length || S.finds(words, item.stems));
        node.hidden = !ok;
        if (!ok) return;
        shown += 1;
        if (words.length) T.mark([node], words, SKIP, stemOf, true);
      });
      count.textContent = T.plural(count.getAttribute("data-count"), shown);
      empty.hidden = shown > 0;
      searchLink.hidden = !values.q;
      searchLink.href = searchPage + (values.q ? "?q=" + encodeURIComponent(values.q) : "");
    };
    var changed = function () {
      applyExplorer();
      remember(explorerForm, fields);
    };
    explorerForm.addEventListener("input", changed);
    explorerForm.addEventListener("change", changed);
    explorerForm.addEventListener("submit", function (e) { e.preventDefault(); });
    empty.querySelector("[data-action=clear]").addEventListener("click", function () {
      fields.forEach(function (name) { explorerForm.elements[name].value = ""; });
      changed();
      explorerForm.elements.q.focus();
    });
    applyExplorer();
  }

  // -- Glossary: a filter on the acronyms and their full forms ---------------
  var glossaryFilter = document.querySelector(".glossary-filter");
  if (glossaryFilter) {
    var glossaryInput = glossaryFilter.querySelector("input");
    var glossaryCount = glossaryFilter.querySelector(".glossary-filter__count");
    var entries = document.querySelectorAll("dl.glossary > .glossary__entry");
    var applyGlossary = function () {
      var words = T.words(glossaryInput.value);
      var shown = 0;
      entries.forEach(function (entry) {
        var names = [entry.querySelector("dt"), entry.querySelector(".glossary__other [lang]")];
        names.forEach(T.unmark);
        var ok = !words.length || T.mark(names, words, ".footnote-ref");
        entry.hidden = !ok;
        if (ok) shown += 1;
      });
      glossaryCount.textContent = words.length ? T.plural(glossaryFilter.getAttribute("data-count"), shown) : "";
    };
    // the filter lives in the address (?q=), as the explorer's does
    restore(glossaryFilter, ["q"]);
    glossaryFilter.addEventListener("input", function () {
      applyGlossary();
      remember(glossaryFilter, ["q"]);
    });
    glossaryFilter.addEventListener("submit", function (e) { e.preventDefault(); });
    applyGlossary();
  }
})();
