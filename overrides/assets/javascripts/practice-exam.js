// Confidant practice exam: a timed exam drawn from the question bank embedded in the page.
// State lives in localStorage so a reload (or a closed tab) resumes the same exam and timer.
(function () {
  "use strict";

  // Not "practice-exam": that is the id of the page heading.
  var root = document.getElementById("practice-exam-app");
  if (!root) return;
  var source = document.getElementById("practice-exam-bank");
  // Online the bank is a file of its own, fetched once the page shows (practice-exam/bank.json);
  // the offline copy carries it inside the page.
  if (!source.dataset.src) {
    start(JSON.parse(source.textContent));
  } else {
    fetch(source.dataset.src)
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(start, function () {
        var message = document.createElement("p");
        message.className = "practice-exam__error";
        message.setAttribute("role", "alert");
        message.textContent = "The question bank could not be loaded. Check your connection and reload the page.";
        root.insertBefore(message, root.firstChild);
      });
  }

  function start(bank) {
    var STORAGE_KEY = "confidant-practice-exam";
    var LETTERS = "ABCDEF";
    var blueprint = JSON.parse(document.getElementById("practice-exam-blueprint").textContent);
    var byId = {};
    bank.forEach(function (q) { byId[q.id] = q; });
    root.querySelectorAll("[data-start]").forEach(function (button) { button.disabled = false; });

    var state = load();
    var timerHandle = null;

    function $(selector) { return root.querySelector(selector); }
    function view(name) {
      root.querySelectorAll("[data-view]").forEach(function (el) { el.hidden = el.dataset.view !== name; });
    }
    function load() {
      try {
        var saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "null");
        if (saved && saved.ids && saved.ids.every(function (id) { return id in byId; })) return saved;
      } catch (error) { /* unreadable or unavailable storage: start fresh */ }
      return null;
    }
    function save() {
      try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (error) { /* storage full or off */ }
    }

    function shuffled(items) {
      var copy = items.slice();
      for (var i = copy.length - 1; i > 0; i--) {
        var j = Math.floor(Math.random() * (i + 1));
        var tmp = copy[i]; copy[i] = copy[j]; copy[j] = tmp;
      }
      return copy;
    }

    // What the reader has met, from the shared answer record (answer-record.js): questions answered
    // anywhere (chapter quiz, review, exam) and families drawn into an earlier exam. A new exam
    // takes unseen families first, and inside a family a question not yet answered.
    var record = window.ConfidantRecord;
    function seen() {
      var saved = (record && record.load()) || { answers: {}, families: {} };
      var families = {};
      Object.keys(saved.families).forEach(function (name) { families[name] = 1; });
      Object.keys(saved.answers).forEach(function (id) { if (byId[id]) families[byId[id].family] = 1; });
      return { families: families, answered: saved.answers };
    }

    // Draw each area's share of the exam, at most one item per family (items that test the same fact),
    // unseen families before seen ones; then mix the areas, as the real exam does.
    function drawExam(mode) {
      var plan = blueprint[mode];
      var met = seen();
      var ids = [];
      var taken = {}; // a family that spans two areas (a law item and an ethics item) is still drawn once
      Object.keys(plan.perArea).forEach(function (area) {
        var families = {};
        bank.forEach(function (q) {
          if (q.area !== area) return;
          (families[q.family] = families[q.family] || []).push(q.id);
        });
        var names = shuffled(Object.keys(families)).filter(function (name) { return !taken[name]; });
        var fresh = names.filter(function (name) { return !met.families[name]; });
        var old = names.filter(function (name) { return met.families[name]; });
        fresh.concat(old).slice(0, plan.perArea[area]).forEach(function (name) {
          taken[name] = true;
          var members = shuffled(families[name]);
          var unanswered = members.filter(function (id) { return !met.answered[id]; });
          ids.push((unanswered.length ? unanswered : members)[0]);
        });
      });
      if (record) record.recordExam(null, ids.map(function (id) { return byId[id].family; }));
      return { mode: mode, ids: shuffled(ids), answers: {}, flags: {}, current: 0,
               startedAt: Date.now(), minutes: plan.minutes, submitted: false };
    }

    function remainingMs() {
      return state.startedAt + state.minutes * 60000 - Date.now();
    }
    function formatTime(ms) {
      var total = Math.max(0, Math.ceil(ms / 1000));
      var minutes = Math.floor(total / 60), seconds = total % 60;
      return minutes + ":" + (seconds < 10 ? "0" : "") + seconds;
    }
    function tick() {
      var left = remainingMs();
      $("[data-timer]").textContent = formatTime(left) + " left";
      if (left <= 0) submit(true);
    }

    function renderStart() {
      ["full", "short"].forEach(function (mode) {
        var plan = blueprint[mode];
        $("[data-start='" + mode + "']").textContent =
          (mode === "full" ? "Full exam: " : "Short exam: ") + plan.items + " questions, " + plan.minutes + " minutes";
      });
      var areas = {};
      bank.forEach(function (q) { areas[q.area] = q.areaTitle; });
      var rows = Object.keys(blueprint.full.perArea).map(function (area) {
        return "<li>" + escapeText(areas[area]) + ": " + blueprint.full.perArea[area] + " questions</li>";
      });
      $("[data-blueprint]").innerHTML = "<p>The full exam draws:</p><ul>" + rows.join("") + "</ul>";
      var met = seen(), unseen = {}, unanswered = 0;
      bank.forEach(function (q) {
        if (!met.families[q.family]) unseen[q.family] = 1;
        if (!met.answered[q.id]) unanswered += 1;
      });
      $("[data-fresh]").textContent = Object.keys(met.families).length
        ? "You have not yet met " + Object.keys(unseen).length + " of the bank's question families (" + unanswered +
          " questions not yet answered); new exams draw those first."
        : "";
      view("start");
    }

    function escapeText(text) {
      var div = document.createElement("div");
      div.textContent = text;
      return div.innerHTML;
    }

    function renderQuestion() {
      var id = state.ids[state.current];
      var q = byId[id];
      $("[data-progress]").textContent = "Question " + (state.current + 1) + " of " + state.ids.length;
      $("[data-question]").dataset.id = id;
      // Stems and choices are HTML rendered at build time from validated Markdown (no raw HTML allowed).
      $("[data-stem]").innerHTML = q.stem;
      var choices = $("[data-choices]");
      choices.innerHTML = "";
      q.choices.forEach(function (html, index) {
        var label = document.createElement("label");
        label.className = "practice-exam__choice";
        var input = document.createElement("input");
        input.type = "radio";
        input.name = "practice-answer";
        input.value = String(index);
        input.checked = state.answers[id] === index;
        input.addEventListener("change", function () {
          state.answers[id] = index;
          save();
          renderPalette();
        });
        var letter = document.createElement("strong");
        letter.textContent = LETTERS[index] + ". ";
        var text = document.createElement("span");
        text.innerHTML = html;
        label.append(input, letter, text);
        choices.appendChild(label);
      });
      $("[data-flag]").checked = !!state.flags[id];
      $("[data-prev]").disabled = state.current === 0;
      $("[data-next]").disabled = state.current === state.ids.length - 1;
      renderPalette();
    }

    function renderPalette() {
      var palette = $("[data-palette]");
      palette.innerHTML = "";
      state.ids.forEach(function (id, index) {
        var button = document.createElement("button");
        button.type = "button";
        button.textContent = String(index + 1);
        var answered = id in state.answers;
        var status = (answered ? "answered" : "not answered") + (state.flags[id] ? ", flagged" : "");
        button.setAttribute("aria-label", "Question " + (index + 1) + ", " + status);
        button.className = "practice-exam__cell" + (answered ? " is-answered" : "") +
          (state.flags[id] ? " is-flagged" : "") + (index === state.current ? " is-current" : "");
        if (index === state.current) button.setAttribute("aria-current", "true");
        button.addEventListener("click", function () { state.current = index; save(); renderQuestion(); });
        palette.appendChild(button);
      });
    }

    function run() {
      view("run");
      renderQuestion();
      tick();
      clearInterval(timerHandle);
      timerHandle = setInterval(tick, 1000);
    }

    function submit(timeUp) {
      if (state.submitted) return;
      if (!timeUp) {
        var unanswered = state.ids.filter(function (id) { return !(id in state.answers); }).length;
        var message = unanswered ? unanswered + " questions are unanswered. Submit the exam now?" : "Submit the exam now?";
        if (!window.confirm(message)) return;
      }
      clearInterval(timerHandle);
      state.submitted = true;
      state.timeUp = !!timeUp;
      save();
      keepInRecord();
      renderResults();
    }

    // Every answer goes into the shared record (via "exam"), and the attempt into the exam history,
    // once: `state.recorded` stops a reload of the results from counting them again.
    function keepInRecord() {
      if (state.recorded || !record) return;
      var answered = state.ids.filter(function (id) { return id in state.answers; });
      record.recordAttempts(answered.map(function (id) { return { id: id, correct: isCorrect(id) }; }), "exam");
      var areas = {};
      areaScores().forEach(function (a) { areas[a.code] = [a.right, a.total]; });
      record.recordExam({ at: new Date().toISOString(), mode: state.mode, items: state.ids.length,
                          correct: state.ids.filter(isCorrect).length, timeUp: !!state.timeUp, areas: areas }, []);
      state.recorded = true;
      save();
    }

    // Score per exam-plan area, in the plan's order.
    function areaScores() {
      var scores = {};
      state.ids.forEach(function (id) {
        var q = byId[id];
        scores[q.area] = scores[q.area] || { code: q.area, title: q.areaTitle, right: 0, total: 0 };
        scores[q.area].total += 1;
        if (isCorrect(id)) scores[q.area].right += 1;
      });
      return blueprint.areas.filter(function (a) { return scores[a.code]; }).map(function (a) { return scores[a.code]; });
    }

    function isCorrect(id) {
      return byId[id].correct.indexOf(state.answers[id]) !== -1;
    }

    function renderResults(keepFocus) {
      view("results");
      var correct = state.ids.filter(isCorrect).length;
      var percent = Math.round((100 * correct) / state.ids.length);
      $("[data-score]").textContent = (state.timeUp ? "Time ran out. " : "") + correct + " of " + state.ids.length +
        " correct (" + percent + "%).";
      // Built with DOM calls, not markup: a style attribute in markup would need 'unsafe-inline' in a CSP.
      var body = $("[data-area-scores]");
      body.textContent = "";
      areaScores().forEach(function (a) {
        var share = Math.round((100 * a.right) / a.total);
        var row = document.createElement("tr");
        row.dataset.area = a.code;
        var title = document.createElement("th");
        title.scope = "row";
        title.textContent = a.title;
        var count = document.createElement("td");
        count.textContent = a.right + " / " + a.total;
        var cell = document.createElement("td");
        var meter = document.createElement("span");
        meter.className = "confidant-meter";
        meter.setAttribute("aria-hidden", "true");
        var bar = document.createElement("span");
        bar.style.width = share + "%";
        meter.appendChild(bar);
        cell.append(meter, " " + share + "%");
        row.append(title, count, cell);
        body.appendChild(row);
      });
      var toReview = state.ids.filter(function (id) { return !isCorrect(id) || state.flags[id]; });
      var onlyMissed = state.reviewAll ? false : true;
      $("[data-review-filter]").textContent = onlyMissed
        ? "Show all " + state.ids.length + " questions"
        : "Show only the " + toReview.length + " wrong, unanswered or flagged";
      $("[data-review-summary]").textContent = onlyMissed
        ? (toReview.length ? "The " + toReview.length + " questions you got wrong, left unanswered or flagged:"
                           : "You got every question right and flagged none.")
        : "All " + state.ids.length + " questions:";
      $("[data-review]").innerHTML = (onlyMissed ? toReview : state.ids).map(function (id) {
        var q = byId[id];
        var given = state.answers[id];
        var verdict = isCorrect(id) ? "Correct" : (given === undefined ? "Not answered" : "Incorrect");
        var right = q.correct.map(function (i) { return LETTERS[i]; }).join(", ");
        return "<li class='practice-exam__item " + (isCorrect(id) ? "is-right" : "is-wrong") +
          (state.flags[id] ? " is-flagged" : "") + "' value='" + (state.ids.indexOf(id) + 1) + "' data-id='" + id + "'>" +
          "<p><strong>" + verdict + (state.flags[id] ? " (flagged)" : "") + ".</strong> " + q.stem + "</p>" +
          "<p>Your answer: " + (given === undefined ? "none" : LETTERS[given]) + ". Correct answer: " + right + ". " +
          q.choices.map(function (c, i) { return "<br><strong>" + LETTERS[i] + ".</strong> " + c; }).join("") + "</p>" +
          "<p><strong>Why:</strong> " + q.rationale + "</p>" +
          // Citations are safe HTML links rendered at build time, like the stem and the rationale.
          "<p class='practice-exam__sources'>Sources: " + q.citations.join("; ") +
          ". Read more: <a href='" + q.href + "'>" + escapeText(q.chapter) + "</a>.</p></li>";
      }).join("");
      if (!keepFocus) $("#practice-results").focus();
    }

    root.addEventListener("click", function (event) {
      var target = event.target.closest("button");
      if (!target) return;
      if (target.dataset.start) { state = drawExam(target.dataset.start); save(); run(); }
      else if (target.hasAttribute("data-prev") && state.current > 0) { state.current -= 1; save(); renderQuestion(); }
      else if (target.hasAttribute("data-next") && state.current < state.ids.length - 1) { state.current += 1; save(); renderQuestion(); }
      else if (target.hasAttribute("data-submit")) submit(false);
      else if (target.hasAttribute("data-restart")) { state = null; save(); renderStart(); }
      else if (target.hasAttribute("data-review-filter")) { state.reviewAll = !state.reviewAll; save(); renderResults(true); }
    });
    $("[data-flag]").addEventListener("change", function (event) {
      var id = state.ids[state.current];
      if (event.target.checked) state.flags[id] = true; else delete state.flags[id];
      save();
      renderPalette();
    });

    if (!state) renderStart();
    else if (state.submitted) renderResults();
    else if (remainingMs() <= 0) submit(true);
    else run();
  }
})();
