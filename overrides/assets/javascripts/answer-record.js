// Confidant: one record of the reader's answers, kept in this browser's localStorage only.
//
// Shape (version 1):
//   { "version": 1,
//     "answers": { "<question id>": { "first": true|false, "firstAt": "<ISO date>",
//                                      "attempts": [ { "correct": true|false, "at": "<ISO date>",
//                                                      "via": "chapter"|"exam"|"review" } ] } } }
// The first attempt is what counts for scores: later attempts are kept for review scheduling.
// A record written by an older release is upgraded on load (see `upgrade`); an unreadable
// record is left untouched in storage and the page works without it.
(function () {
  "use strict";
  var KEY = "confidant-record";
  var VERSION = 1;

  function empty() {
    return { version: VERSION, answers: {} };
  }

  // Bring an older record up to the current version. Version 1 is the first: there is nothing
  // to upgrade yet, but a record without a version is treated as unreadable rather than guessed at.
  function upgrade(record) {
    if (!record || typeof record !== "object" || typeof record.version !== "number") return null;
    if (record.version > VERSION) return null; // written by a newer release: do not overwrite it
    if (!record.answers || typeof record.answers !== "object") return null;
    record.version = VERSION;
    return record;
  }

  function load() {
    try {
      var raw = localStorage.getItem(KEY);
      if (!raw) return empty();
      return upgrade(JSON.parse(raw));
    } catch (error) {
      return null; // storage off or corrupt: keep whatever is there, record nothing
    }
  }

  function save(record) {
    try {
      localStorage.setItem(KEY, JSON.stringify(record));
    } catch (error) {
      /* storage full or off */
    }
  }

  // Record one answer; returns the question's entry (or null when storage is unusable).
  function recordAttempt(questionId, correct, via) {
    var record = load();
    if (!record) return null;
    var now = new Date().toISOString();
    var entry = record.answers[questionId];
    if (!entry) {
      entry = record.answers[questionId] = { first: !!correct, firstAt: now, attempts: [] };
    }
    entry.attempts.push({ correct: !!correct, at: now, via: via || "chapter" });
    save(record);
    return entry;
  }

  function entry(questionId) {
    var record = load();
    return record ? record.answers[questionId] || null : null;
  }

  window.ConfidantRecord = { KEY: KEY, VERSION: VERSION, load: load, upgrade: upgrade, recordAttempt: recordAttempt, entry: entry };
})();
