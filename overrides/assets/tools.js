// Reader and trainee tools. Each part acts only on its own page; without
// scripts the pages show the full table, all actions and a static quiz.
(function () {
  "use strict";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }

  // A string with plural forms comes as JSON ({"one": …, "other": …}): the
  // form for n, by the page language's rules.
  function plural(template, n) {
    if (template.charAt(0) !== "{" || template.indexOf('"other"') < 0) return fill(template, { n: n });
    var forms = JSON.parse(template);
    var form = forms[new Intl.PluralRules(document.documentElement.lang).select(n)] || forms.other;
    return fill(form, { n: n });
  }

  // -- Who does what: filter the matrix by actor kind and by section ---------
  var matrixForm = document.querySelector("[data-matrix-filters]");
  if (matrixForm) {
    matrixForm.hidden = false;
    var applyMatrix = function () {
      var kind = matrixForm.elements.kind.value;
      var section = matrixForm.elements.section.value;
      document.querySelectorAll("table.matrix tbody tr").forEach(function (row) {
        row.hidden = Boolean(kind) && row.getAttribute("data-kind") !== kind;
      });
      document.querySelectorAll("table.matrix [data-section]").forEach(function (cell) {
        cell.hidden = Boolean(section) && cell.getAttribute("data-section") !== section;
      });
    };
    matrixForm.addEventListener("change", applyMatrix);
    matrixForm.addEventListener("submit", function (e) { e.preventDefault(); });
  }

  // -- Explorer: filter the actions; the filter lives in the URL --------------
  var explorerForm = document.querySelector("[data-explorer-filters]");
  if (explorerForm) {
    explorerForm.hidden = false;
    var fields = ["actor", "section", "measure", "q"];
    var count = document.querySelector(".explorer-count");
    var params = new URLSearchParams(window.location.search);
    fields.forEach(function (name) {
      if (params.get(name)) explorerForm.elements[name].value = params.get(name);
    });
    var applyExplorer = function () {
      var values = {};
      fields.forEach(function (name) { values[name] = explorerForm.elements[name].value.trim(); });
      var words = values.q.toLowerCase().split(/\s+/).filter(Boolean);
      var shown = 0;
      document.querySelectorAll("ol.explorer > li").forEach(function (item) {
        var ok = (!values.actor || item.getAttribute("data-actors").split(" ").indexOf(values.actor) >= 0) &&
          (!values.section || item.getAttribute("data-section") === values.section) &&
          (!values.measure || item.getAttribute("data-measure") === values.measure) &&
          words.every(function (w) { return item.getAttribute("data-text").indexOf(w) >= 0; });
        item.hidden = !ok;
        if (ok) shown += 1;
      });
      count.textContent = plural(count.getAttribute("data-template"), shown);
      var query = new URLSearchParams();
      fields.forEach(function (name) { if (values[name]) query.set(name, values[name]); });
      var search = query.toString();
      history.replaceState(null, "", window.location.pathname + (search ? "?" + search : ""));
    };
    explorerForm.addEventListener("input", applyExplorer);
    explorerForm.addEventListener("change", applyExplorer);
    explorerForm.addEventListener("submit", function (e) { e.preventDefault(); });
    applyExplorer();
  }

  // -- Study mode: flashcards and quiz --------------------------------------
  var dataNode = document.getElementById("study-data");
  if (!dataNode) return;
  var study = JSON.parse(dataNode.textContent);
  var strings = study.strings;
  var staticPart = document.querySelector(".study-static");
  if (staticPart) staticPart.hidden = true;

  var cardsBox = document.querySelector("[data-flashcards]");
  if (cardsBox) {
    cardsBox.hidden = false;
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
    reverse.addEventListener("change", showCard);
    showCard();
  }

  var quizBox = document.querySelector("[data-quiz]");
  if (!quizBox) return;
  quizBox.hidden = false;
  var state = { index: 0, right: 0, answered: 0, done: {} };
  try {
    var saved = JSON.parse(window.localStorage.getItem(study.storage) || "null");
    if (saved && typeof saved.index === "number") state = saved;
  } catch (e) { /* storage unavailable: the quiz still works for this visit */ }
  var form = quizBox.querySelector("form");
  var scoreBox = quizBox.querySelector(".quiz__score");
  var feedback = quizBox.querySelector(".quiz__feedback");
  var save = function () {
    try { window.localStorage.setItem(study.storage, JSON.stringify(state)); } catch (e) { /* ignore */ }
  };
  var showScore = function () {
    scoreBox.textContent = fill(strings.score, { right: state.right, total: state.answered });
  };
  var showQuestion = function () {
    var q = study.questions[state.index % study.questions.length];
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
    showScore();
  };
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var q = study.questions[state.index % study.questions.length];
    var picked = form.querySelector("input[name=choice]:checked");
    if (!picked || state.done[q.id + "@" + state.index]) return;
    var ok = Number(picked.value) === q.answer;
    state.done[q.id + "@" + state.index] = true;
    state.answered += 1;
    if (ok) state.right += 1;
    save();
    feedback.textContent = "";
    var text = document.createElement("p");
    text.textContent = ok ? strings.correct : fill(strings.wrong, { answer: q.choices[q.answer] });
    var link = document.createElement("a");
    link.href = q.source;
    link.textContent = strings.see_source;
    text.appendChild(document.createTextNode(" "));
    text.appendChild(link);
    feedback.appendChild(text);
    showScore();
  });
  quizBox.querySelector("[data-action=next]").addEventListener("click", function () {
    state.index = (state.index + 1) % study.questions.length;
    save();
    showQuestion();
    var first = form.querySelector("input[name=choice]");
    if (first) first.focus();
  });
  quizBox.querySelector("[data-action=reset]").addEventListener("click", function () {
    state = { index: 0, right: 0, answered: 0, done: {} };
    save();
    showQuestion();
  });
  showQuestion();
})();
