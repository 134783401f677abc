// The shared answer record (overrides/assets/javascripts/answer-record.js): reading a record of
// an older schema version, validating an imported file. Run by tests/unit/test_javascript.py.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const record = require(path.join(__dirname, "../../../overrides/assets/javascripts/answer-record.js"));

const V1 = {
  version: 1,
  answers: {
    "conf-q1": { first: false, firstAt: "2026-11-20T10:00:00.000Z", attempts: [
      { correct: false, at: "2026-11-20T10:00:00.000Z", via: "chapter" },
      { correct: true, at: "2026-11-20T10:00:05.000Z", via: "chapter" }] },
  },
};

test("a version-1 record is upgraded to version 2 with its answers kept and legacy families folded in", () => {
  const upgraded = record.upgrade(JSON.parse(JSON.stringify(V1)), { "fam-a": 1, "fam-b": 1 });
  assert.equal(upgraded.version, 2);
  assert.deepEqual(upgraded.answers, V1.answers);
  assert.deepEqual(upgraded.exams, []);
  assert.deepEqual(upgraded.families, { "fam-a": 1, "fam-b": 1 });
  assert.equal(record.validate(upgraded), null);
});

test("records this release cannot read are refused, not guessed at", () => {
  assert.equal(record.upgrade({ answers: {} }), null); // no version
  assert.equal(record.upgrade({ version: 3, answers: {} }), null); // a newer release
  assert.equal(record.upgrade({ version: 1, answers: [] }), null);
  assert.equal(record.upgrade("text"), null);
});

test("an exported record imports back unchanged", () => {
  const r = record.upgrade(JSON.parse(JSON.stringify(V1)), null);
  record.addAttempts(r, [{ id: "conf-q2", correct: true }], "exam", "2026-11-21T09:00:00.000Z");
  record.addExam(r, { at: "2026-11-21T09:00:00.000Z", mode: "short", items: 25, correct: 20, timeUp: false,
                      areas: { "law-reporting": [5, 6] } });
  const result = record.parseImport(record.exportText(r));
  assert.equal(result.error, undefined);
  assert.deepEqual(result.record, r);
});

test("an exported version-1 file (app marker, older version) imports upgraded", () => {
  const result = record.parseImport(JSON.stringify({ app: "confidant", ...V1 }));
  assert.equal(result.record.version, 2);
  assert.deepEqual(result.record.answers, V1.answers);
});

test("corrupt, foreign and damaged files give a clear message", () => {
  const cases = [
    ["{not json", /not valid JSON/],
    [JSON.stringify({ version: 2, answers: {} }), /not a Confidant progress file/],
    [JSON.stringify([1, 2]), /not a Confidant progress file/],
    [JSON.stringify({ app: "confidant", version: 9, answers: {} }), /newer release/],
    [JSON.stringify({ app: "confidant", answers: {} }), /damaged: its record version is missing/],
    [JSON.stringify({ app: "confidant", version: 2, answers: { q: { first: "yes" } }, exams: [], families: {} }),
     /damaged: the answer to question 'q' is malformed/],
    [JSON.stringify({ app: "confidant", version: 2, exams: [{ at: "x" }], families: {}, answers: {} }),
     /practice exam 1 in its history is malformed/],
  ];
  for (const [text, message] of cases) {
    const result = record.parseImport(text);
    assert.equal(result.record, undefined, text);
    assert.match(result.error, message);
    assert.match(result.error, /Nothing was changed\.$/);
  }
});

test("the exam history keeps the newest 200 attempts", () => {
  const r = record.empty();
  for (let i = 0; i < 205; i++) {
    record.addExam(r, { at: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(), mode: "short", items: 25,
                        correct: i % 25, timeUp: false, areas: {} });
  }
  assert.equal(r.exams.length, 200);
  assert.equal(r.exams[0].correct, 5);
});
