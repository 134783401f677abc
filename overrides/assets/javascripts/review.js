// Confidant: a review session. The queue comes from the shared answer record (answer-record.js)
// through the Leitner schedule of study.js; each question is asked with the bank's feedback on
// the chosen option (safe HTML rendered at build time), and every answer is recorded with via
// "review". Like the chapter quizzes, the first answer counts and the explanation waits until the
// reader finds the right one (or moves on).
(function () {
  "use strict";
  var root = document.getElementById("confidant-review");
  var record = window.ConfidantRecord;
  var study = window.ConfidantStudy;
  if (!root || !record || !study) return;
  var meta = JSON.parse(document.getElementById("confidant-bank-meta").textContent);
  var bank = JSON.parse(document.getElementById("confidant-review-bank").textContent);
  var SESSION_SIZE = 10;
  var LETTERS = "ABCDEF";
  var offset = new Date().getTimezoneOffset();
  var session = null;

  function $(selector) { return root.querySelector(selector); }
  function view(name) {
    root.querySelectorAll("[data-view]").forEach(function (node) { node.hidden = node.dataset.view !== name; });
  }
  function today() { return study.dayNumber(new Date().toISOString(), offset); }
  function answers() { var saved = record.load(); return saved ? saved.answers : {}; }

  // Scope: "" (whole bank), "area:<code>" or "chapter:<id>"; the page URL may preset it (?scope=…).
  function inScope(scope) {
    var parts = scope.split(":");
    return meta.questions.filter(function (q) {
      return !scope || (parts[0] === "area" && q.area === parts[1]) || (parts[0] === "chapter" && q.chapter === parts[1]);
    }).map(function (q) { return q.id; });
  }

  function fillScopes() {
    var select = $("[data-scope]");
    [["Exam-plan area", meta.areas.map(function (a) { return ["area:" + a.code, a.title]; })],
     ["Chapter", meta.chapters.map(function (c) { return ["chapter:" + c.id, c.title]; })]].forEach(function (group) {
      var optgroup = document.createElement("optgroup");
      optgroup.label = group[0];
      group[1].forEach(function (pair) {
        var option = document.createElement("option");
        option.value = pair[0];
        option.textContent = pair[1];
        optgroup.appendChild(option);
      });
      select.appendChild(optgroup);
    });
    var preset = new URLSearchParams(window.location.search).get("scope");
    if (preset && select.querySelector("option[value='" + CSS.escape(preset) + "']")) select.value = preset;
  }

  function renderStart() {
    var queue = study.reviewQueue(inScope($("[data-scope]").value), answers(), today(), offset);
    var size = study.sessionIds(queue, SESSION_SIZE).length;
    var fresh = Math.max(0, size - Math.min(queue.due.length, SESSION_SIZE));
    $("[data-start]").textContent = "Review today (" + queue.due.length + " due)";
    $("[data-start]").disabled = size === 0;
    $("[data-queue]").textContent = size
      ? queue.due.length + " questions are due today. This session asks " + size + ": " +
        Math.min(queue.due.length, SESSION_SIZE) + " due and " + fresh + " you have not answered yet. " +
        queue.later + " answered questions are scheduled for later days."
      : "Nothing to review here today: every question of this choice is scheduled for a later day.";
    view("start");
  }

  function start() {
    var queue = study.reviewQueue(inScope($("[data-scope]").value), answers(), today(), offset);
    session = { ids: study.sessionIds(queue, SESSION_SIZE), index: 0, firstRight: 0, answered: false };
    view("run");
    ask();
  }

  function ask() {
    var id = session.ids[session.index];
    var q = bank[id];
    session.answered = false;
    session.solved = false;
    $("[data-progress]").textContent = "Question " + (session.index + 1) + " of " + session.ids.length;
    $("[data-form]").dataset.id = id;
    $("[data-stem]").innerHTML = q.stem; // safe HTML from the build's render path
    var choices = $("[data-choices]");
    choices.textContent = "";
    q.choices.forEach(function (html, index) {
      var label = document.createElement("label");
      label.className = "confidant-review__choice";
      var input = document.createElement("input");
      input.type = "radio";
      input.name = "review-answer";
      input.value = String(index);
      var letter = document.createElement("strong");
      letter.textContent = LETTERS[index] + ". ";
      var text = document.createElement("span");
      text.innerHTML = html;
      label.append(input, letter, text);
      choices.appendChild(label);
    });
    $("[data-feedback]").textContent = "";
    $("[data-explanation]").hidden = true;
    $("[data-next]").hidden = true;
    $("[data-submit]").disabled = false;
    $("[data-next]").textContent = session.index === session.ids.length - 1 ? "Finish the session" : "Next question";
    // The Next button just pressed is hidden now: keep keyboard and screen-reader users at the new question.
    if (session.index > 0) $("[data-progress]").focus();
  }

  function submit(event) {
    event.preventDefault();
    var chosen = root.querySelector("input[name='review-answer']:checked");
    if (!chosen || session.solved) return;
    var id = session.ids[session.index];
    var q = bank[id];
    var index = Number(chosen.value);
    var right = index === q.correct;
    record.recordAttempt(id, right, "review");
    if (!session.answered && right) session.firstRight += 1;
    session.answered = true;
    var feedback = $("[data-feedback]");
    feedback.className = "confidant-review__feedback " + (right ? "is-right" : "is-wrong");
    feedback.innerHTML = "<p><strong>" + LETTERS[index] + ".</strong> " + q.feedback[index] + "</p>" +
      (right ? "" : "<p>Choose another answer and submit again, or move on: this question comes back tomorrow.</p>");
    if (right) {
      session.solved = true;
      $("[data-submit]").disabled = true;
      var explanation = $("[data-explanation]");
      explanation.innerHTML = "<p><strong>Why:</strong> " + q.rationale + "</p><p><strong>Sources:</strong> " +
        q.citations.join("; ") + ". <a href='" + q.href + "'>Read the section</a>.</p>";
      explanation.hidden = false;
    }
    $("[data-next]").hidden = false;
  }

  function next() {
    session.index += 1;
    if (session.index < session.ids.length) {
      ask();
      return;
    }
    var queue = study.reviewQueue(inScope($("[data-scope]").value), answers(), today(), offset);
    $("[data-result]").textContent = "You answered " + session.ids.length + " questions: your first answer was right for " +
      session.firstRight + ". The ones you missed come back tomorrow; the others in a few days. " +
      (queue.due.length ? queue.due.length + " more are due today." : "Nothing else is due today.");
    view("done");
    $("#review-done").focus();
  }

  fillScopes();
  $("[data-scope]").addEventListener("change", renderStart);
  $("[data-start]").addEventListener("click", start);
  $("[data-form]").addEventListener("submit", submit);
  $("[data-next]").addEventListener("click", next);
  $("[data-again]").addEventListener("click", renderStart);
  renderStart();
})();
