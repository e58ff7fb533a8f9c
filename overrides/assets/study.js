// Study mode: flashcards and rounds of questions, with Leitner boxes kept in
// this browser. The questions are the page's list (.quiz__bank, readable
// without scripts): each item's data- attributes say its id, section,
// measure, right answer and passage, whatever its kind; a round copies one
// item's fieldset at a time. The strings come from the page (data- attributes
// and #study-data), in its language.
(function () {
  "use strict";
  var dataNode = document.getElementById("study-data");
  if (!dataNode) return;
  var study = JSON.parse(dataNode.textContent);
  var strings = study.strings;
  var BOXES = 5;  // Leitner boxes: a wrong answer goes to 1, a right one up a box

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return values[key]; });
  }
  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function shuffle(list) {
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(Math.random() * (i + 1));
      var swap = list[i];
      list[i] = list[j];
      list[j] = swap;
    }
    return list;
  }
  // A polite live region: emptied first, so that the same words are said again.
  function announce(region, text) {
    region.textContent = "";
    window.setTimeout(function () { region.textContent = text; }, 50);
  }

  // What is kept: the boxes of the questions and cards, and the round under way.
  var state = { v: 2, boxes: {}, cards: {}, round: null };
  try {
    var saved = JSON.parse(window.localStorage.getItem(study.storage) || "null");
    if (saved && saved.v === 2) state = saved;  // an older format: a clean start
  } catch (e) { /* storage unavailable: everything works for this visit */ }
  var save = function () {
    try { window.localStorage.setItem(study.storage, JSON.stringify(state)); } catch (e) { /* ignore */ }
  };
  var box = function (boxes, id) { return boxes[id] || 1; };
  var grade = function (boxes, id, right) {
    boxes[id] = right ? Math.min(BOXES, (boxes[id] || 1) + 1) : 1;
  };

  // -- Flashcards --------------------------------------------------------------
  var cardsBox = document.querySelector("[data-flashcards]");
  if (cardsBox && study.cards.length) {
    var card = 0;
    var front = cardsBox.querySelector(".flashcards__front");
    var back = cardsBox.querySelector(".flashcards__back");
    var counter = cardsBox.querySelector(".flashcards__count");
    var reverse = cardsBox.querySelector("[data-action=reverse]");
    var gradeButtons = cardsBox.querySelector(".flashcards__grade");
    var cardsLive = cardsBox.querySelector(".flashcards__live");
    // a card's two sides: an acronym card's (short, long and the other
    // languages' forms), or any card's front and back
    var sides = function (c) {
      if (c.front !== undefined) return [c.front, c.back];
      var other = (c.other || []).map(function (o) { return o.short + " — " + o.long; }).join(" · ");
      return [c.short, c.long + (other ? " (" + other + ")" : "")];
    };
    var showCard = function (say) {
      var c = study.cards[card];
      var both = sides(c);
      if (reverse.checked) both.reverse();
      front.textContent = both[0];
      back.textContent = both[1];
      back.hidden = true;
      gradeButtons.hidden = true;
      counter.textContent = fill(strings.card_count, { n: card + 1, total: study.cards.length }) +
        " (" + fill(cardsBox.getAttribute("data-box"), { box: box(state.cards, c.id), boxes: BOXES }) + ")";
      if (say) announce(cardsLive, counter.textContent + ". " + both[0]);
    };
    var move = function (step) {
      card = (card + study.cards.length + step) % study.cards.length;
      showCard(true);
    };
    cardsBox.querySelector("[data-action=reveal]").addEventListener("click", function () {
      back.hidden = false;
      gradeButtons.hidden = false;
      announce(cardsLive, back.textContent);
    });
    cardsBox.querySelector("[data-action=next]").addEventListener("click", function () { move(1); });
    cardsBox.querySelector("[data-action=previous]").addEventListener("click", function () { move(-1); });
    ["known", "unknown"].forEach(function (action) {
      cardsBox.querySelector("[data-action=" + action + "]").addEventListener("click", function () {
        grade(state.cards, study.cards[card].id, action === "known");
        save();
        move(1);
      });
    });
    reverse.addEventListener("change", function () { showCard(true); });
    showCard(false);
  }

  // -- Rounds of questions -----------------------------------------------------
  var quizBox = document.querySelector("[data-quiz]");
  if (!quizBox) return;
  var questions = {};
  var bank = Array.prototype.map.call(document.querySelectorAll(".quiz__bank > [data-question]"), function (item) {
    var q = {
      id: item.getAttribute("data-question"),
      section: item.getAttribute("data-section"),
      measure: item.getAttribute("data-measure"),
      answer: Number(item.getAttribute("data-answer")),
      source: item.getAttribute("data-source"),
      fieldset: item.querySelector("fieldset"),
    };
    q.choices = Array.prototype.map.call(q.fieldset.querySelectorAll(".quiz__choice"), function (label) {
      return label.textContent.trim();
    });
    var words = function (node) { return node ? node.textContent.replace(/\s+/g, " ").trim() : ""; };
    q.question = words(q.fieldset.querySelector(".quiz__question"));
    q.prompt = words(q.fieldset.querySelector(".quiz__prompt"));
    q.legend = words(q.fieldset.querySelector("legend"));
    questions[q.id] = q;
    return q;
  });
  var setup = quizBox.querySelector(".quiz__setup");
  var form = quizBox.querySelector(".quiz__form");
  var summary = quizBox.querySelector(".quiz__summary");
  var slot = quizBox.querySelector(".quiz__slot");
  var countLine = quizBox.querySelector(".quiz__question-count");
  var feedback = quizBox.querySelector(".quiz__feedback");
  var nextButton = form.querySelector("[data-action=next]");
  var nextLabel = nextButton.textContent;
  var live = quizBox.querySelector(".quiz__live");
  var progress = quizBox.querySelector(".quiz__progress");
  var scopeField = setup.elements.scope;

  // the sections' names, as the round's choice lists them
  var sectionName = function (id) {
    var option = scopeField.querySelector('option[value="section:' + CSS.escape(id) + '"]');
    return option ? option.textContent : id;
  };
  var inScope = function (q, scope) {
    var parts = scope.split(":");
    if (parts[0] === "section") return q.section === parts[1];
    if (parts[0] === "measure") return q.measure === parts[1];
    return true;
  };
  // A round: the questions of the scope, those of the lowest boxes first
  // (in a random order within a box), cut to the length, then shuffled.
  var pick = function (scope, length) {
    var pool = shuffle(bank.filter(function (q) { return inScope(q, scope); }));
    pool.sort(function (a, b) { return box(state.boxes, a.id) - box(state.boxes, b.id); });
    return shuffle(pool.slice(0, length > 0 ? length : pool.length)).map(function (q) { return q.id; });
  };

  var showProgress = function () {
    var seen = 0, review = 0, known = 0;
    bank.forEach(function (q) {
      var b = state.boxes[q.id];
      if (!b) return;
      seen += 1;
      if (b === 1) review += 1;
      if (b === BOXES) known += 1;
    });
    progress.textContent = fill(progress.getAttribute("data-progress"), {
      seen: seen, total: bank.length, review: review, known: known,
    });
  };

  // The right option and the reader's: words and a sign inside the option's
  // label (so its name says it), the colour only repeats them.
  var showMarks = function (q, picked) {
    slot.querySelectorAll(".quiz__choice").forEach(function (label, i) {
      var name = i === q.answer ? (i === picked ? "right-chosen" : "right") : (i === picked ? "wrong" : "");
      if (!name) return;
      var sign = element("span", "quiz__mark quiz__mark--" + (name === "wrong" ? "wrong" : "right"),
        quizBox.getAttribute("data-mark-" + name));
      label.appendChild(document.createTextNode(" "));
      label.appendChild(sign);
    });
  };
  var showFeedback = function (q, picked) {
    var text = element("p", "", picked === q.answer ? strings.correct : fill(strings.wrong, { answer: q.choices[q.answer] }));
    var link = element("a", "", strings.see_source);
    link.href = q.source;
    feedback.textContent = "";
    feedback.appendChild(text);
    text.appendChild(document.createTextNode(" "));
    text.appendChild(link);
    return text.textContent;
  };

  var round = function () { return state.round; };
  var showQuestion = function (say) {
    var r = round();
    var q = questions[r.ids[r.index]];
    var copy = q.fieldset.cloneNode(true);
    copy.querySelectorAll("input").forEach(function (input) {
      input.name = "choice";
      input.checked = false;
    });
    slot.textContent = "";
    slot.appendChild(copy);
    feedback.textContent = "";
    countLine.textContent = fill(quizBox.getAttribute("data-question-count"), { n: r.index + 1, total: r.ids.length });
    nextButton.textContent = r.index + 1 === r.ids.length ? nextButton.getAttribute("data-last") : nextLabel;
    var picked = r.answers[q.id];
    if (typeof picked === "number") {  // answered before a reload: its marks and feedback again
      copy.querySelectorAll("input")[picked].checked = true;
      showMarks(q, picked);
      showFeedback(q, picked);
    }
    if (say) announce(live, countLine.textContent + ". " + q.legend);
  };
  var showSummary = function () {
    var r = round();
    var right = 0;
    var sections = [];
    var scores = {};
    var wrongList = summary.querySelector(".quiz__wrong");
    wrongList.textContent = "";
    r.ids.forEach(function (id) {
      var q = questions[id];
      var ok = r.answers[id] === q.answer;
      if (!scores[q.section]) {
        scores[q.section] = { right: 0, total: 0 };
        sections.push(q.section);
      }
      scores[q.section].total += 1;
      if (ok) {
        right += 1;
        scores[q.section].right += 1;
        return;
      }
      var item = element("li", "quiz__wrong-item");
      var asked = element("p", "quiz__wrong-question");
      asked.appendChild(element("strong", "", q.question));
      asked.appendChild(document.createTextNode(" " + q.prompt));
      item.appendChild(asked);
      item.appendChild(element("p", "", fill(strings.your_answer, { answer: q.choices[r.answers[id]] })));
      var line = element("p", "", fill(strings.right_answer, { answer: q.choices[q.answer] }) + " ");
      var link = element("a", "", strings.see_source);
      link.href = q.source;
      line.appendChild(link);
      item.appendChild(line);
      wrongList.appendChild(item);
    });
    var body = summary.querySelector(".quiz__sections tbody");
    body.textContent = "";
    sections.sort(function (a, b) {  // in the order of the round's choice
      var options = Array.prototype.map.call(scopeField.options, function (o) { return o.value; });
      return options.indexOf("section:" + a) - options.indexOf("section:" + b);
    }).forEach(function (id) {
      var row = body.insertRow();
      var head = element("th", "", sectionName(id));
      head.scope = "row";
      row.appendChild(head);
      row.insertCell().textContent = fill(strings.section_score, scores[id]);
    });
    var score = fill(strings.score, { right: right, total: r.ids.length });
    summary.querySelector(".quiz__summary-score").textContent = score;
    summary.querySelector(".quiz__all-right").hidden = right < r.ids.length;
    summary.querySelector("[data-action=retry]").hidden = right === r.ids.length;
    form.hidden = true;
    summary.hidden = false;
    return strings.summary_title + ". " + score;
  };
  var show = function (say) {
    var r = round();
    form.hidden = !r || r.index >= r.ids.length;
    summary.hidden = true;
    if (r && r.index >= r.ids.length) {
      var said = showSummary();
      if (say) {
        summary.querySelector("h3").focus();
        announce(live, said);
      }
    } else if (r) {
      showQuestion(say);
    }
    showProgress();
  };
  var start = function (scope, ids) {
    state.round = { scope: scope, ids: ids, index: 0, answers: {} };
    save();
    show(true);
    var first = slot.querySelector("input");
    if (first) first.focus();
  };

  setup.addEventListener("submit", function (event) {
    event.preventDefault();
    var ids = pick(scopeField.value, Number(setup.elements.size.value));
    if (ids.length) start(scopeField.value, ids);
  });
  setup.querySelector("[data-action=reset-progress]").addEventListener("click", function () {
    state = { v: 2, boxes: {}, cards: {}, round: null };
    save();
    show(false);
    if (cardsBox) cardsBox.querySelector("[data-action=reverse]").dispatchEvent(new Event("change"));
    announce(live, strings.progress_reset);
  });
  // "Check" (or "Next") with nothing chosen says so, on the page and aloud.
  var nothing = function () {
    feedback.textContent = "";
    feedback.appendChild(element("p", "quiz__nothing", strings.check_nothing));
    announce(live, strings.check_nothing);
  };
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var r = round();
    var q = questions[r.ids[r.index]];
    var chosen = slot.querySelector("input:checked");
    if (typeof r.answers[q.id] === "number") {  // already answered: its feedback again
      announce(live, showFeedback(q, r.answers[q.id]));
      return;
    }
    if (!chosen) return nothing();
    var picked = Number(chosen.value);
    r.answers[q.id] = picked;
    grade(state.boxes, q.id, picked === q.answer);
    save();
    showMarks(q, picked);
    announce(live, showFeedback(q, picked));
    showProgress();
  });
  nextButton.addEventListener("click", function () {
    var r = round();
    if (typeof r.answers[r.ids[r.index]] !== "number") return nothing();
    r.index += 1;
    save();
    show(true);
    var first = slot.querySelector("input");
    if (first && !form.hidden) first.focus();
  });
  summary.querySelector("[data-action=retry]").addEventListener("click", function () {
    var r = round();
    start(r.scope, shuffle(r.ids.filter(function (id) { return r.answers[id] !== questions[id].answer; })));
  });
  summary.querySelector("[data-action=new-round]").addEventListener("click", function () {
    state.round = null;
    save();
    show(false);
    scopeField.focus();
  });

  // A round saved with questions the page no longer has starts afresh.
  if (state.round && !state.round.ids.every(function (id) { return questions[id]; })) state.round = null;
  show(false);
})();
