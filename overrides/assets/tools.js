// Reader and trainee tools. Each part acts only on its own page; without
// scripts the pages show the full table, all actions, the whole glossary and a
// static quiz. Filters live in the address (shareable, kept by the language
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
    var SKIP = ".action__id, .footnote-ref";
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

  // -- Study mode: flashcards and quiz --------------------------------------
  var dataNode = document.getElementById("study-data");
  if (!dataNode) return;
  var study = JSON.parse(dataNode.textContent);
  var strings = study.strings;

  var cardsBox = document.querySelector("[data-flashcards]");
  if (cardsBox) {
    var card = 0;
    var front = cardsBox.querySelector(".flashcards__front");
    var back = cardsBox.querySelector(".flashcards__back");
    var counter = cardsBox.querySelector(".flashcards__count");
    var reverse = cardsBox.querySelector("[data-action=reverse]");
    var showCard = function () {
      var c = study.cards[card];
      var other = c.other.map(function (o) { return o.short + " — " + o.long; }).join(" · ");
      front.textContent = reverse.checked ? c.long : c.short;
      back.textContent = (reverse.checked ? c.short : c.long) + (other ? " (" + other + ")" : "");
      back.hidden = true;
      counter.textContent = fill(strings.card_count, { n: card + 1, total: study.cards.length });
    };
    cardsBox.querySelector("[data-action=reveal]").addEventListener("click", function () { back.hidden = false; });
    cardsBox.querySelector("[data-action=next]").addEventListener("click", function () {
      card = (card + 1) % study.cards.length;
      showCard();
    });
    cardsBox.querySelector("[data-action=previous]").addEventListener("click", function () {
      card = (card + study.cards.length - 1) % study.cards.length;
      showCard();
    });
    reverse.addEventListener("change", showCard);
    showCard();
  }

  var quizBox = document.querySelector("[data-quiz]");
  if (!quizBox) return;
  var total = study.questions.length;

  // The questions come in an order of their own for each round: shuffled with
  // a seed drawn when the round starts (first visit, reset, after the last
  // question) and kept with the score, so a reload goes on with the same round.
  var newSeed = function () { return Math.floor(Math.random() * 4294967296); };
  var random = function (seed) {  // mulberry32
    return function () {
      seed = (seed + 0x6d2b79f5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  };
  var shuffled = function (seed) {
    var order = study.questions.map(function (_, i) { return i; });
    var next = random(seed);
    for (var i = order.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    return order;
  };
  var fresh = function () { return { seed: newSeed(), index: 0, right: 0, answered: 0, done: {} }; };
  var state = fresh();
  try {
    var saved = JSON.parse(window.localStorage.getItem(study.storage) || "null");
    if (saved && typeof saved.index === "number") {
      state = saved;
      if (typeof state.seed !== "number") state.seed = newSeed();  // saved before the shuffling
      state.index = state.index % total;
    }
  } catch (e) { /* storage unavailable: the quiz still works for this visit */ }
  var order = shuffled(state.seed);
  var form = quizBox.querySelector("form");
  var scoreBox = quizBox.querySelector(".quiz__score");
  var countBox = quizBox.querySelector(".quiz__question-count");
  var feedback = quizBox.querySelector(".quiz__feedback");
  var save = function () {
    try { window.localStorage.setItem(study.storage, JSON.stringify(state)); } catch (e) { /* ignore */ }
  };
  var current = function () { return study.questions[order[state.index]]; };
  var key = function (q) { return q.id + "@" + state.seed; };
  var showScore = function () {
    scoreBox.textContent = fill(strings.score, { right: state.right, total: state.answered });
  };
  // The right option and the reader's: words and a sign inside the option's
  // label (so its name says it), the colour only repeats them.
  var showMarks = function (q, picked) {
    quizBox.querySelectorAll(".quiz__choice").forEach(function (label, i) {
      var name = i === q.answer ? (i === picked ? "right-chosen" : "right") : (i === picked ? "wrong" : "");
      if (!name) return;
      var sign = document.createElement("span");
      sign.className = "quiz__mark quiz__mark--" + (name === "wrong" ? "wrong" : "right");
      sign.textContent = quizBox.getAttribute("data-mark-" + name);
      label.appendChild(document.createTextNode(" "));
      label.appendChild(sign);
    });
  };
  var showFeedback = function (q, ok) {
    feedback.textContent = "";
    var text = document.createElement("p");
    text.textContent = ok ? strings.correct : fill(strings.wrong, { answer: q.choices[q.answer] });
    var link = document.createElement("a");
    link.href = q.source;
    link.textContent = strings.see_source;
    text.appendChild(document.createTextNode(" "));
    text.appendChild(link);
    feedback.appendChild(text);
  };
  var showQuestion = function () {
    var q = current();
    countBox.textContent = fill(quizBox.getAttribute("data-question-count"), { n: state.index + 1, total: total });
    quizBox.querySelector(".quiz__question").textContent = q.question;
    quizBox.querySelector(".quiz__prompt").textContent = q.prompt;
    var choices = quizBox.querySelector(".quiz__choices");
    choices.textContent = "";
    q.choices.forEach(function (choice, i) {
      var label = document.createElement("label");
      label.className = "quiz__choice";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "choice";
      input.value = String(i);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + choice));
      choices.appendChild(label);
    });
    feedback.textContent = "";
    var picked = state.done[key(q)];
    if (typeof picked === "number") {  // answered before a reload
      choices.querySelectorAll("input")[picked].checked = true;
      showMarks(q, picked);
    }
    showScore();
  };
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = current();
    var picked = form.querySelector("input[name=choice]:checked");
    if (!picked || state.done[key(q)] !== undefined) return;
    var choice = Number(picked.value);
    var ok = choice === q.answer;
    state.done[key(q)] = choice;
    state.answered += 1;
    if (ok) state.right += 1;
    save();
    showMarks(q, choice);
    showFeedback(q, ok);
    showScore();
  });
  quizBox.querySelector("[data-action=next]").addEventListener("click", function () {
    state.index += 1;
    if (state.index >= total) {  // a new round, in a new order
      state.index = 0;
      state.seed = newSeed();
      state.done = {};
      order = shuffled(state.seed);
    }
    save();
    showQuestion();
    var first = form.querySelector("input[name=choice]");
    if (first) first.focus();
  });
  quizBox.querySelector("[data-action=reset]").addEventListener("click", function () {
    state = fresh();
    order = shuffled(state.seed);
    save();
    showQuestion();
  });
  showQuestion();
})();
