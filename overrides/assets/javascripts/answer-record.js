// Confidant: one record of the reader's answers, kept in this browser's localStorage only.
//
// Shape (version 2):
//   { "version": 2,
//     "answers": { "<question id>": { "first": true|false, "firstAt": "<ISO date>",
//                                      "attempts": [ { "correct": true|false, "at": "<ISO date>",
//                                                      "via": "chapter"|"exam"|"review" } ] } },
//     "exams": [ { "at": "<ISO date>", "mode": "full"|"short", "items": 75, "correct": 51,
//                  "timeUp": false, "areas": { "<area code>": [right, total] } } ],
//     "families": { "<family>": 1 } }   // question families drawn into a practice exam
// Version 1 had only "answers"; version 2 adds the practice-exam history and the families the
// exam has drawn (kept before under their own key, "confidant-seen-families", which `load` folds
// in and removes). The first attempt is what counts for scores; later attempts feed the review
// schedule (study.js). A record written by an older release is upgraded on load (`upgrade`); an
// unreadable record is left untouched in storage and the page works without it.
//
// The pure functions (upgrade, validate, parseImport, addAttempts, addExam) take no storage and
// no clock of their own, so tests/unit/js/ runs them under Node.
(function (root, factory) {
  "use strict";
  var api = factory();
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ConfidantRecord = api;
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";
  var KEY = "confidant-record";
  var LEGACY_FAMILIES_KEY = "confidant-seen-families";
  var EXAM_STATE_KEY = "confidant-practice-exam";
  var VERSION = 2;
  var APP = "confidant";
  var VIAS = { chapter: 1, exam: 1, review: 1 };
  var MAX_EXAMS = 200;

  function empty() {
    return { version: VERSION, answers: {}, exams: [], families: {} };
  }

  function isObject(value) {
    return !!value && typeof value === "object" && !Array.isArray(value);
  }

  function isDate(value) {
    return typeof value === "string" && !isNaN(Date.parse(value));
  }

  // Bring an older record up to the current version, or return null for one this release cannot
  // read (no version, written by a newer release, or the wrong shape). `legacyFamilies` is what a
  // version-1 browser kept under "confidant-seen-families".
  function upgrade(record, legacyFamilies) {
    if (!isObject(record) || typeof record.version !== "number" || record.version < 1) return null;
    if (record.version > VERSION) return null; // written by a newer release: do not overwrite it
    if (!isObject(record.answers)) return null;
    if (record.version === 1) {
      record.exams = [];
      record.families = {};
      if (isObject(legacyFamilies)) {
        Object.keys(legacyFamilies).forEach(function (name) { record.families[name] = 1; });
      }
      record.version = 2;
    }
    if (!Array.isArray(record.exams)) record.exams = [];
    if (!isObject(record.families)) record.families = {};
    return record;
  }

  // The first problem found in a record of the current version, in words, or null when it is sound.
  function validate(record) {
    if (!isObject(record) || record.version !== VERSION) return "it is not a version-" + VERSION + " record";
    if (!isObject(record.answers)) return "it has no answers";
    var ids = Object.keys(record.answers);
    for (var i = 0; i < ids.length; i++) {
      var entry = record.answers[ids[i]];
      var where = "the answer to question '" + ids[i] + "'";
      if (!isObject(entry) || typeof entry.first !== "boolean" || !isDate(entry.firstAt)) return where + " is malformed";
      if (!Array.isArray(entry.attempts) || !entry.attempts.length) return where + " has no attempts";
      for (var j = 0; j < entry.attempts.length; j++) {
        var attempt = entry.attempts[j];
        if (!isObject(attempt) || typeof attempt.correct !== "boolean" || !isDate(attempt.at) || !VIAS[attempt.via]) {
          return where + " has a malformed attempt";
        }
      }
    }
    if (!Array.isArray(record.exams)) return "its exam history is not a list";
    for (var k = 0; k < record.exams.length; k++) {
      var exam = record.exams[k];
      if (!isObject(exam) || !isDate(exam.at) || typeof exam.items !== "number" || typeof exam.correct !== "number" ||
          exam.correct > exam.items || !isObject(exam.areas)) {
        return "practice exam " + (k + 1) + " in its history is malformed";
      }
    }
    if (!isObject(record.families)) return "its list of exam families is malformed";
    return null;
  }

  // Read an exported file's text: { record } when it can replace this browser's record, or
  // { error } with a sentence for the reader. Nothing is stored here.
  function parseImport(text) {
    var data;
    try {
      data = JSON.parse(text);
    } catch (error) {
      return { error: "This file is not valid JSON, so it is not a Confidant progress file. Nothing was changed." };
    }
    if (!isObject(data) || data.app !== APP) {
      return { error: "This file is not a Confidant progress file (it lacks \"app\": \"confidant\"). Nothing was changed." };
    }
    if (typeof data.version === "number" && data.version > VERSION) {
      return { error: "This file was saved by a newer release of Confidant (record version " + data.version +
               "); reload the site to get the newest release, then import again. Nothing was changed." };
    }
    var record = upgrade(copy(data), null);
    var problem = record ? validate(record) : "its record version is missing or unknown";
    if (problem) return { error: "This progress file is damaged: " + problem + ". Nothing was changed." };
    delete record.app;
    delete record.exportedAt;
    return { record: record };
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  // Add answers [{ id, correct }] made at `at` (an ISO date) through `via`; returns the record.
  function addAttempts(record, answers, via, at) {
    answers.forEach(function (answer) {
      var entry = record.answers[answer.id];
      if (!entry) entry = record.answers[answer.id] = { first: !!answer.correct, firstAt: at, attempts: [] };
      entry.attempts.push({ correct: !!answer.correct, at: at, via: via });
    });
    return record;
  }

  // Add one finished practice exam to the history (the oldest drop out past MAX_EXAMS).
  function addExam(record, exam) {
    record.exams.push(exam);
    if (record.exams.length > MAX_EXAMS) record.exams.splice(0, record.exams.length - MAX_EXAMS);
    return record;
  }

  // ---- Storage (the browser's localStorage) ----

  function storage() {
    try {
      return typeof localStorage !== "undefined" ? localStorage : null;
    } catch (error) {
      return null; // storage disabled by the browser's settings
    }
  }

  function legacyFamilies(store) {
    try {
      return JSON.parse(store.getItem(LEGACY_FAMILIES_KEY) || "null");
    } catch (error) {
      return null;
    }
  }

  // The record, upgraded; an empty one when there is none; null when storage is off or the stored
  // record cannot be read (then nothing is written, so a newer release's record is not lost).
  function load() {
    var store = storage();
    if (!store) return null;
    try {
      var raw = store.getItem(KEY);
      var legacy = legacyFamilies(store);
      var record = raw ? upgrade(JSON.parse(raw), legacy) : upgrade({ version: 1, answers: {} }, legacy);
      if (record && legacy !== null) {
        save(record);
        store.removeItem(LEGACY_FAMILIES_KEY); // folded into the record: one record, one key
      }
      return record;
    } catch (error) {
      return null;
    }
  }

  function save(record) {
    var store = storage();
    if (!store) return false;
    try {
      store.setItem(KEY, JSON.stringify(record));
      return true;
    } catch (error) {
      return false; // storage full or off
    }
  }

  function update(change) {
    var record = load();
    if (!record) return null;
    change(record);
    save(record);
    return record;
  }

  // Record one answer; returns the question's entry (or null when storage is unusable).
  function recordAttempt(questionId, correct, via) {
    var record = update(function (r) {
      addAttempts(r, [{ id: questionId, correct: correct }], via || "chapter", new Date().toISOString());
    });
    return record ? record.answers[questionId] : null;
  }

  function recordAttempts(answers, via) {
    return update(function (r) { addAttempts(r, answers, via, new Date().toISOString()); });
  }

  function recordExam(exam, drawnFamilies) {
    return update(function (r) {
      if (exam) addExam(r, exam);
      (drawnFamilies || []).forEach(function (name) { r.families[name] = 1; });
    });
  }

  function entry(questionId) {
    var record = load();
    return record ? record.answers[questionId] || null : null;
  }

  // The text of an export file: the record with a marker that says what the file is.
  function exportText(record) {
    var data = { app: APP, exportedAt: new Date().toISOString() };
    Object.keys(record).forEach(function (key) { data[key] = record[key]; });
    return JSON.stringify(data, null, 1);
  }

  function replace(record) {
    return save(record);
  }

  // Forget everything this site keeps in this browser: the record and an unfinished exam.
  function reset() {
    var store = storage();
    if (!store) return false;
    [KEY, LEGACY_FAMILIES_KEY, EXAM_STATE_KEY].forEach(function (key) { store.removeItem(key); });
    return true;
  }

  return {
    KEY: KEY, VERSION: VERSION, APP: APP,
    empty: empty, upgrade: upgrade, validate: validate, parseImport: parseImport,
    addAttempts: addAttempts, addExam: addExam, exportText: exportText,
    load: load, save: save, replace: replace, reset: reset,
    recordAttempt: recordAttempt, recordAttempts: recordAttempts, recordExam: recordExam, entry: entry
  };
});
