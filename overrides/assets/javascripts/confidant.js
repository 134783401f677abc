// Confidant: small behaviours on top of Material.
//
// Glossary terms on touch screens: there is no hover, so the first tap on a term shows its
// definition (by focusing the link, which opens its tooltip: tooltips.js) and a second tap on the same
// term opens its glossary entry.
(function () {
  "use strict";
  var noHover = window.matchMedia("(hover: none)");
  var armed = null;

  document.addEventListener(
    "click",
    function (event) {
      var term = event.target.closest && event.target.closest("a.glossary-term");
      if (!term || !noHover.matches) {
        armed = null;
        return;
      }
      if (armed === term) {
        armed = null;
        return; // second tap: follow the link to the glossary entry
      }
      event.preventDefault();
      armed = term;
      term.focus();
    },
    true
  );
})();

// Chapter quizzes: the first answer counts. mkdocs-quiz lets a reader try again until right and
// then counts the question as correct; Confidant records the first attempt in the shared answer
// record (answer-record.js) and shows "first-try correct" on the results panel. Until the reader
// finds the right answer, the explanation (which gives it away) stays hidden.
(function () {
  "use strict";
  var record = window.ConfidantRecord;
  var quizzes = Array.prototype.slice.call(document.querySelectorAll(".quiz"));
  if (!quizzes.length || !record) return;

  // The quiz hook writes <!-- confidant:question ID --> just before each quiz.
  function questionIdOf(quiz) {
    for (var node = quiz.previousSibling; node; node = node.previousSibling) {
      if (node.nodeType === Node.COMMENT_NODE) {
        var match = /confidant:question\s+(\S+)/.exec(node.nodeValue);
        return match ? match[1] : null;
      }
      if (node.nodeType === Node.ELEMENT_NODE) return null;
    }
    return null;
  }

  function lastAttemptWrong(id) {
    var entry = record.entry(id);
    return !!(entry && entry.attempts.length && !entry.attempts[entry.attempts.length - 1].correct);
  }

  var panel = document.createElement("p");
  panel.className = "confidant-first-try";
  panel.setAttribute("role", "status");

  function updatePanel() {
    var answered = 0;
    var firstRight = 0;
    quizzes.forEach(function (quiz) {
      var entry = quiz.dataset.questionId && record.entry(quiz.dataset.questionId);
      if (!entry) return;
      answered += 1;
      if (entry.first) firstRight += 1;
    });
    panel.textContent =
      "First-try correct: " + firstRight + " of " + answered + " answered (" + quizzes.length +
      " questions on this page). Only your first answer to each question counts.";
  }

  quizzes.forEach(function (quiz) {
    var id = questionIdOf(quiz);
    if (!id) return;
    quiz.dataset.questionId = id;
    quiz.classList.toggle("confidant-answered-wrong", lastAttemptWrong(id));
  });

  // Capture phase: runs before mkdocs-quiz's own submit handler, which stops the event.
  document.addEventListener(
    "submit",
    function (event) {
      var quiz = event.target.closest && event.target.closest(".quiz");
      if (!quiz || !quiz.dataset.questionId) return;
      var chosen = quiz.querySelectorAll('input[name="answer"]:checked');
      if (!chosen.length) return;
      var keys = quiz.querySelectorAll('input[name="answer"][data-correct="true"]');
      var right =
        chosen.length === keys.length &&
        Array.prototype.every.call(chosen, function (input) { return input.hasAttribute("data-correct"); });
      record.recordAttempt(quiz.dataset.questionId, right, "chapter");
      quiz.classList.toggle("confidant-answered-wrong", !right);
      updatePanel();
    },
    true
  );

  function mountPanel() {
    var results = document.getElementById("quiz-results");
    if (results) results.insertBefore(panel, results.firstChild);
    updatePanel();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountPanel);
  else mountPanel();
})();

// Tables that Material wraps in a scrolling box: the box takes keyboard focus, so a keyboard user
// can scroll a wide table on a phone (axe: scrollable-region-focusable).
(function () {
  "use strict";
  function focusable() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      wrap.setAttribute("tabindex", "0");
    });
  }
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(focusable);
  else document.addEventListener("DOMContentLoaded", focusable);
})();
