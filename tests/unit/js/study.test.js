// Scheduling and statistics of the study loop (overrides/assets/javascripts/study.js) on a fixed
// clock. Run by tests/unit/test_javascript.py (`node --test tests/unit/js/`).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const study = require(path.join(__dirname, "../../../overrides/assets/javascripts/study.js"));

// A fixed clock: 2026-12-01 is day `TODAY` (UTC, offset 0).
const TODAY = study.dayNumber("2026-12-01T12:00:00Z", 0);
const at = (daysAgo, hour = 10) => new Date(Date.UTC(2026, 11, 1 - daysAgo, hour)).toISOString();
const entry = (...attempts) => ({
  first: attempts[0][0],
  firstAt: at(attempts[0][1]),
  attempts: attempts.map(([correct, daysAgo, hour]) => ({ correct, at: at(daysAgo, hour), via: "chapter" })),
});

test("a missed item is due sooner than one answered right", () => {
  const missed = study.leitner(entry([false, 0]), 0);
  const right = study.leitner(entry([true, 0]), 0);
  assert.equal(missed.box, 1);
  assert.equal(right.box, 2);
  assert.equal(missed.dueDay, TODAY + 1);
  assert.equal(right.dueDay, TODAY + 2);
  // After a second right answer on another day the item moves up and comes back later.
  const twice = study.leitner(entry([true, 3], [true, 1]), 0);
  const missedAgain = study.leitner(entry([true, 3], [false, 1]), 0);
  assert.equal(twice.box, 3);
  assert.equal(missedAgain.box, 1);
  assert.ok(missedAgain.dueDay < twice.dueDay);
});

test("boxes follow the Leitner intervals 1, 2, 4, 8, 16 days and stop at box 5", () => {
  const days = [40, 30, 20, 10, 5, 1];
  for (let n = 1; n <= days.length; n++) {
    const attempts = days.slice(0, n).map((d) => [true, d]);
    const state = study.leitner(entry(...attempts), 0);
    const box = Math.min(n + 1, 5);
    assert.equal(state.box, box);
    assert.equal(state.dueDay, state.lastDay + study.INTERVALS[box - 1]);
  }
  assert.deepEqual(study.INTERVALS, [1, 2, 4, 8, 16]);
});

test("a wrong answer sends a question from a high box back to box 1", () => {
  const state = study.leitner(entry([true, 30], [true, 20], [true, 10], [false, 2]), 0);
  assert.equal(state.box, 1);
  assert.equal(state.dueDay, TODAY - 2 + 1);
  assert.equal(state.lastCorrect, false);
});

test("only the first answer of a day counts: retrying until right does not promote", () => {
  const state = study.leitner(entry([false, 0, 9], [true, 0, 9], [true, 0, 15]), 0);
  assert.equal(state.box, 1);
  assert.equal(state.lastCorrect, false);
});

test("the day follows the reader's time zone", () => {
  // 2026-12-01 03:00 UTC is still November 30 in California (UTC-8: offset +480 minutes).
  assert.equal(study.dayNumber("2026-12-01T03:00:00Z", 480), TODAY - 1);
  assert.equal(study.dayNumber("2026-12-01T03:00:00Z", 0), TODAY);
});

test("due counts on a fixed clock match, missed items first, and new items top up a session", () => {
  const answers = {
    missedYesterday: entry([false, 1]), // box 1, due today
    rightTwoDaysAgo: entry([true, 2]), // box 2, due today
    rightTwice: entry([true, 5], [true, 2]), // box 3, due in 2 days
    rightOften: entry([true, 30], [true, 20], [true, 3]), // box 4, due in 5 days
    missedLongAgo: entry([false, 9]), // box 1, overdue by 8 days
  };
  const ids = ["fresh1", ...Object.keys(answers), "fresh2"];
  const queue = study.reviewQueue(ids, answers, TODAY, 0);
  assert.deepEqual(queue.due, ["missedLongAgo", "missedYesterday", "rightTwoDaysAgo"]);
  assert.deepEqual(queue.fresh, ["fresh1", "fresh2"]);
  assert.equal(queue.later, 2);
  // In two days the twice-right item is due too; a week later the box-4 one as well.
  assert.equal(study.reviewQueue(ids, answers, TODAY + 1, 0).due.length, 3);
  assert.equal(study.reviewQueue(ids, answers, TODAY + 2, 0).due.length, 4);
  assert.equal(study.reviewQueue(ids, answers, TODAY + 4, 0).due.length, 4);
  assert.equal(study.reviewQueue(ids, answers, TODAY + 5, 0).due.length, 5);
  assert.deepEqual(study.sessionIds(queue, 4), ["missedLongAgo", "missedYesterday", "rightTwoDaysAgo", "fresh1"]);
  assert.deepEqual(study.sessionIds(queue, 2), ["missedLongAgo", "missedYesterday"]);
});

test("the Wilson interval is wide for few answers and narrows with more", () => {
  assert.equal(study.wilson(0, 0), null);
  const few = study.wilson(2, 3);
  const many = study.wilson(200, 300);
  assert.ok(few.high - few.low > 0.5, JSON.stringify(few));
  assert.ok(many.high - many.low < 0.11, JSON.stringify(many));
  // Known value: 8 of 10 gives about 0.490 to 0.943.
  const w = study.wilson(8, 10);
  assert.ok(Math.abs(w.low - 0.4902) < 0.001 && Math.abs(w.high - 0.9433) < 0.001, JSON.stringify(w));
  assert.ok(study.wilson(0, 1).low === 0 && study.wilson(5, 5).high === 1);
  assert.match(study.readinessWords(2, 3), /too few to judge/);
  assert.match(study.readinessWords(0, 0), /no answers yet/);
  assert.doesNotMatch(study.readinessWords(200, 300), /too few/);
});

test("summaries count seen, first-try and recent answers per area, chapter and section", () => {
  const meta = [
    { id: "a", area: "law-reporting", chapter: "abuse", section: "deadlines" },
    { id: "b", area: "law-reporting", chapter: "abuse", section: "deadlines" },
    { id: "c", area: "law-reporting", chapter: "elder", section: "who" },
    { id: "d", area: "ethics-business", chapter: "fees", section: "fees" },
  ];
  const answers = { a: entry([false, 3], [true, 1]), b: entry([true, 2]), d: entry([false, 1]), gone: entry([true, 1]) };
  const s = study.summarize(meta, answers, 0);
  assert.deepEqual(s.overall, { total: 4, seen: 3, firstRight: 1, recentRight: 2 });
  assert.deepEqual(s.areas["law-reporting"], { total: 3, seen: 2, firstRight: 1, recentRight: 2 });
  assert.deepEqual(s.chapters.elder, { total: 1, seen: 0, firstRight: 0, recentRight: 0 });
  const weakest = study.weakestSections(s.sections, 3);
  assert.deepEqual(weakest.map((w) => w.key), ["fees#fees"]);
});

test("attempts stored out of order (a merged import) are scheduled in time order", () => {
  const inOrder = entry([true, 9], [true, 5], [false, 1]);
  const shuffled = { ...inOrder, attempts: [inOrder.attempts[2], inOrder.attempts[0], inOrder.attempts[1]] };
  assert.deepEqual(study.leitner(shuffled, 0), study.leitner(inOrder, 0));
  assert.equal(study.leitner(shuffled, 0).box, 1);
});
