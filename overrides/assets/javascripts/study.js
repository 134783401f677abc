// Confidant: the pure logic of the study loop, shared by the progress page and review sessions.
// No storage, no DOM and no clock of its own: every function takes the record's answers and
// "today" as arguments, so tests/unit/js/study.test.js runs it under Node on a fixed clock.
//
// Scheduling is the Leitner system (Sebastian Leitner, "So lernt man lernen", 1972) with five
// boxes. A new question starts in box 1; an answer that is right moves it up one box, a
// wrong one sends it back to box 1. A question in box 1, 2, 3, 4 or 5 comes back 1, 2, 4, 8 or 16
// days after its last answer (so a question missed at the first try is back tomorrow, one answered
// right in two days). Only the first answer of each day counts: trying again after a
// wrong answer (as chapter quizzes allow) must not promote a question the reader just missed.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ConfidantStudy = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var DAY_MS = 86400000;
  var INTERVALS = [1, 2, 4, 8, 16]; // days before a question in box 1..5 is due again
  var Z95 = 1.959964; // the normal quantile of a two-sided 95% interval

  // The reader's calendar day of an ISO date, as a day number. `offsetMinutes` is the browser's
  // Date#getTimezoneOffset() (minutes to add to local time to get UTC); tests pass 0.
  function dayNumber(iso, offsetMinutes) {
    return Math.floor((Date.parse(iso) - (offsetMinutes || 0) * 60000) / DAY_MS);
  }

  // The attempts that count for scheduling: the first of each calendar day, oldest first.
  function dailyAttempts(attempts, offsetMinutes) {
    // Each date is parsed once; the record appends attempts in time order, so sorting is rarely needed.
    var timed = attempts.map(function (attempt) { return { correct: attempt.correct, t: Date.parse(attempt.at) }; });
    for (var i = 1; i < timed.length; i++) {
      if (timed[i].t < timed[i - 1].t) {
        timed.sort(function (a, b) { return a.t - b.t; });
        break;
      }
    }
    var byDay = [];
    var lastDay = null;
    timed.forEach(function (attempt) {
      var day = Math.floor((attempt.t - (offsetMinutes || 0) * 60000) / DAY_MS);
      if (day !== lastDay) byDay.push({ correct: attempt.correct, day: day });
      lastDay = day;
    });
    return byDay;
  }

  // Where one question stands: its box (1..5), the day of its last counted answer, whether that
  // answer was right, and the day it is due again. null for a question never answered.
  function leitner(entry, offsetMinutes) {
    if (!entry || !entry.attempts || !entry.attempts.length) return null;
    var box = 1; // a new question starts in box 1
    var last = null;
    dailyAttempts(entry.attempts, offsetMinutes).forEach(function (attempt) {
      box = attempt.correct ? Math.min(box + 1, INTERVALS.length) : 1;
      last = attempt;
    });
    return { box: box, lastDay: last.day, lastCorrect: last.correct, dueDay: last.day + INTERVALS[box - 1] };
  }

  // The review queue over `ids` (the whole bank, or one area or chapter of it) on day `today`:
  // `due` holds answered questions whose day has come (missed ones first, then the most overdue),
  // `fresh` those never answered (in bank order), `later` counts the rest.
  function reviewQueue(ids, answers, today, offsetMinutes) {
    var due = [];
    var fresh = [];
    var later = 0;
    ids.forEach(function (id) {
      var state = leitner(answers[id], offsetMinutes);
      if (!state) fresh.push(id);
      else if (state.dueDay <= today) due.push({ id: id, state: state });
      else later += 1;
    });
    due.sort(function (a, b) {
      return (a.state.lastCorrect - b.state.lastCorrect) || (a.state.dueDay - b.state.dueDay) ||
        (a.state.box - b.state.box);
    });
    return { due: due.map(function (item) { return item.id; }), fresh: fresh, later: later };
  }

  // A session of at most `size` questions: the due ones first, topped up with new questions.
  function sessionIds(queue, size) {
    return queue.due.slice(0, size).concat(queue.fresh.slice(0, Math.max(0, size - queue.due.length)));
  }

  // The Wilson score interval of k successes in n trials (95%): { p, low, high } as fractions,
  // or null when n is 0. It stays inside 0..1 and is wide when n is small.
  function wilson(k, n) {
    if (!n) return null;
    var p = k / n;
    var z2 = Z95 * Z95;
    var centre = (p + z2 / (2 * n)) / (1 + z2 / n);
    var half = (Z95 * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / (1 + z2 / n);
    return { p: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
  }

  function percent(fraction) {
    return Math.round(fraction * 100) + "%";
  }

  // The estimate in words, with how much to trust it.
  function readinessWords(k, n) {
    var w = wilson(k, n);
    if (!w) return "Not started: no answers yet.";
    var range = "likely between " + percent(w.low) + " and " + percent(w.high);
    if (n < 10) return percent(w.p) + ", " + range + ". Only " + n + " answered: too few to judge, the band is wide.";
    if (n < 30) return percent(w.p) + ", " + range + ". Rough estimate from " + n + " questions.";
    return percent(w.p) + ", " + range + " (from " + n + " questions).";
  }

  function tally() {
    return { seen: 0, firstRight: 0, recentRight: 0, total: 0 };
  }

  // Counts per exam-plan area, chapter and section of the questions in `meta` (the bank's
  // metadata: { id, area, chapter, section }): total, seen, right at the first try, and right at
  // the most recent counted answer (the readiness estimate). Answers to ids not in the bank
  // (a question removed by a later release) are left out.
  function summarize(meta, answers, offsetMinutes) {
    var out = { overall: tally(), areas: {}, chapters: {}, sections: {} };
    meta.forEach(function (q) {
      var groups = [out.overall, out.areas[q.area] = out.areas[q.area] || tally(),
                    out.chapters[q.chapter] = out.chapters[q.chapter] || tally(),
                    out.sections[q.chapter + "#" + q.section] = out.sections[q.chapter + "#" + q.section] || tally()];
      var entry = answers[q.id];
      var state = leitner(entry, offsetMinutes);
      groups.forEach(function (group) {
        group.total += 1;
        if (!state) return;
        group.seen += 1;
        if (entry.first) group.firstRight += 1;
        if (state.lastCorrect) group.recentRight += 1;
      });
    });
    return out;
  }

  // The `count` weakest sections that have answers: lowest smoothed share right at the last
  // answer, (right + 1) / (seen + 2) (the mean of a Beta(1, 1) posterior, so one miss does not
  // outrank ten), then the more answered first.
  function weakestSections(sections, count) {
    return Object.keys(sections)
      .filter(function (key) { return sections[key].seen > 0; })
      .map(function (key) {
        var s = sections[key];
        return { key: key, score: (s.recentRight + 1) / (s.seen + 2), seen: s.seen, right: s.recentRight };
      })
      .filter(function (s) { return s.right < s.seen; })
      .sort(function (a, b) { return (a.score - b.score) || (b.seen - a.seen) || (a.key < b.key ? -1 : 1); })
      .slice(0, count);
  }

  return {
    INTERVALS: INTERVALS, DAY_MS: DAY_MS,
    dayNumber: dayNumber, dailyAttempts: dailyAttempts, leitner: leitner, reviewQueue: reviewQueue,
    sessionIds: sessionIds, wilson: wilson, readinessWords: readinessWords, summarize: summarize,
    weakestSections: weakestSections
  };
});
