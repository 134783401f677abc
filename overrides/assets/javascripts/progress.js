// Confidant: My progress. Reads the shared answer record (answer-record.js) and the bank's
// metadata embedded in the page, and shows counts, first-try accuracy and a readiness estimate
// per exam-plan area and chapter (study.js), the three weakest sections and the practice-exam
// history as an inline SVG chart with a table beside it. Nothing is sent anywhere.
(function () {
  "use strict";
  var root = document.getElementById("confidant-progress");
  var record = window.ConfidantRecord;
  var study = window.ConfidantStudy;
  if (!root || !record || !study) return;
  var meta = JSON.parse(document.getElementById("confidant-bank-meta").textContent);
  var SVG = "http://www.w3.org/2000/svg";
  var offset = new Date().getTimezoneOffset();
  var reviewUrl = root.querySelector("[data-review-link]").getAttribute("href");

  function $(selector) { return root.querySelector(selector); }
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function percent(k, n) { return n ? Math.round((100 * k) / n) + "%" : "–"; }
  function today() { return study.dayNumber(new Date().toISOString(), offset); }

  function readinessCell(group) {
    var cell = el("td");
    var w = study.wilson(group.recentRight, group.seen);
    if (!w) {
      cell.textContent = "Not started";
      return cell;
    }
    var meter = el("span", null, "confidant-meter");
    meter.setAttribute("aria-hidden", "true");
    var bar = el("span");
    bar.style.width = Math.round(w.p * 100) + "%";
    meter.appendChild(bar);
    cell.appendChild(meter);
    cell.appendChild(document.createTextNode(study.readinessWords(group.recentRight, group.seen)));
    return cell;
  }

  function fillTable(name, rows) {
    var body = $("[data-table='" + name + "'] tbody");
    body.textContent = "";
    rows.forEach(function (row) {
      var tr = el("tr");
      tr.dataset.key = row.key;
      var th = el("th");
      th.scope = "row";
      if (row.href) {
        var link = el("a", row.title);
        link.href = row.href;
        th.appendChild(link);
      } else th.textContent = row.title;
      tr.appendChild(th);
      tr.appendChild(el("td", row.group.seen + " of " + row.group.total, "is-seen"));
      tr.appendChild(el("td", row.group.seen ? row.group.firstRight + " of " + row.group.seen + " (" +
        percent(row.group.firstRight, row.group.seen) + ")" : "–", "is-first"));
      tr.appendChild(readinessCell(row.group));
      var review = el("td");
      var go = el("a", "Review");
      go.href = reviewUrl + "?scope=" + encodeURIComponent(row.scope);
      go.setAttribute("aria-label", "Review " + row.title);
      review.appendChild(go);
      tr.appendChild(review);
      body.appendChild(tr);
    });
  }

  function renderSummary(summary, answers) {
    var o = summary.overall;
    $("[data-summary]").textContent = o.seen
      ? "You have answered " + o.seen + " of the " + o.total + " questions (" + percent(o.seen, o.total) +
        "). Your first answer was right for " + o.firstRight + " of them (" + percent(o.firstRight, o.seen) + ")."
      : "You have not answered any of the " + o.total + " questions yet. Start with a chapter, a review session or a practice exam.";
    var queue = study.reviewQueue(meta.questions.map(function (q) { return q.id; }), answers, today(), offset);
    $("[data-review-link]").textContent = "Review today (" + queue.due.length + " due)";
  }

  function renderWeakest(summary) {
    var weakest = study.weakestSections(summary.sections, 3);
    var list = $("[data-weak]");
    list.textContent = "";
    $("[data-weak-empty]").hidden = weakest.length > 0;
    var chapters = {};
    meta.chapters.forEach(function (c) { chapters[c.id] = c; });
    weakest.forEach(function (weak) {
      var section = meta.sections[weak.key];
      var chapter = chapters[weak.key.split("#")[0]];
      var item = el("li");
      var link = el("a", (chapter ? chapter.title + ": " : "") + (section ? section.title : weak.key));
      if (section) link.href = section.href;
      item.appendChild(link);
      item.appendChild(document.createTextNode(" — " + weak.right + " of " + weak.seen + " right at your last answer."));
      list.appendChild(item);
    });
  }

  function areaTitle(code) {
    for (var i = 0; i < meta.areas.length; i++) if (meta.areas[i].code === code) return meta.areas[i].title;
    return code;
  }

  // The exam history as a line chart of scores (0-100%), drawn with plain SVG elements.
  function chart(exams) {
    var width = 480, height = 200, left = 36, right = 12, top = 12, bottom = 28;
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    svg.setAttribute("class", "confidant-chart");
    svg.setAttribute("role", "img");
    var last = exams[exams.length - 1];
    svg.setAttribute("aria-label", "Line chart of " + exams.length + " practice exam scores; the latest is " +
      percent(last.correct, last.items) + ". The table below lists every score.");
    function add(tag, attrs, text) {
      var node = document.createElementNS(SVG, tag);
      Object.keys(attrs).forEach(function (name) { node.setAttribute(name, attrs[name]); });
      if (text) node.textContent = text;
      svg.appendChild(node);
      return node;
    }
    var plotW = width - left - right, plotH = height - top - bottom;
    function x(i) { return left + (exams.length === 1 ? plotW / 2 : (i * plotW) / (exams.length - 1)); }
    function y(share) { return top + plotH - share * plotH; }
    [0, 0.25, 0.5, 0.75, 1].forEach(function (share) {
      add("line", { x1: left, x2: width - right, y1: y(share), y2: y(share), "class": share ? "grid" : "axis" });
      add("text", { x: left - 6, y: y(share) + 4, "text-anchor": "end" }, Math.round(share * 100) + "%");
    });
    var points = exams.map(function (e, i) { return x(i).toFixed(1) + "," + y(e.correct / e.items).toFixed(1); });
    if (exams.length > 1) add("polyline", { points: points.join(" "), "class": "line" });
    exams.forEach(function (e, i) {
      var dot = add("circle", { cx: x(i), cy: y(e.correct / e.items), r: 4, "class": "dot" });
      var title = document.createElementNS(SVG, "title");
      title.textContent = new Date(e.at).toLocaleDateString() + ": " + percent(e.correct, e.items);
      dot.appendChild(title);
    });
    add("text", { x: left, y: height - 8 }, "Exam 1");
    if (exams.length > 1) add("text", { x: width - right, y: height - 8, "text-anchor": "end" }, "Exam " + exams.length);
    return svg;
  }

  function renderExams(exams) {
    var has = exams.length > 0;
    $("[data-exams-empty]").hidden = has;
    $("[data-exams-figure]").hidden = !has;
    $("[data-table='exams']").hidden = !has;
    var holder = $("[data-chart]");
    holder.textContent = "";
    var body = $("[data-table='exams'] tbody");
    body.textContent = "";
    if (!has) return;
    holder.appendChild(chart(exams));
    exams.forEach(function (e) {
      var tr = el("tr");
      tr.appendChild(el("td", new Date(e.at).toLocaleString()));
      tr.appendChild(el("td", (e.mode === "full" ? "Full" : "Short") + (e.timeUp ? " (time ran out)" : "")));
      tr.appendChild(el("td", e.correct + " of " + e.items + " (" + percent(e.correct, e.items) + ")"));
      var areas = meta.areas.filter(function (a) { return e.areas[a.code]; }).map(function (a) {
        var s = e.areas[a.code];
        return areaTitle(a.code) + ": " + s[0] + "/" + s[1];
      });
      tr.appendChild(el("td", areas.join("; ")));
      body.appendChild(tr);
    });
  }

  function render() {
    var saved = record.load();
    if (!saved) {
      $("[data-summary]").textContent = "This browser does not let the site keep anything (storage is off or full), " +
        "or it holds progress from a newer release of Confidant. Nothing can be shown.";
      return;
    }
    var summary = study.summarize(meta.questions, saved.answers, offset);
    renderSummary(summary, saved.answers);
    fillTable("areas", meta.areas.map(function (a) {
      return { key: a.code, scope: "area:" + a.code, title: a.title, group: summary.areas[a.code] || { seen: 0, total: 0, firstRight: 0, recentRight: 0 } };
    }));
    fillTable("chapters", meta.chapters.map(function (c) {
      return { key: c.id, scope: "chapter:" + c.id, title: c.title, href: c.href, group: summary.chapters[c.id] };
    }));
    renderWeakest(summary);
    renderExams(saved.exams);
  }

  // ---- Move and reset: export to a file, import from one (validated), reset after confirming. ----

  function say(text) { $("[data-message]").textContent = text; }

  function exportRecord() {
    var saved = record.load();
    if (!saved) { say("There is nothing this browser lets the site read, so nothing to export."); return; }
    var blob = new Blob([record.exportText(saved)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "confidant-progress-" + new Date().toISOString().slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 0);
    say("Exported " + Object.keys(saved.answers).length + " answered questions and " + saved.exams.length +
        " practice exams to " + link.download + ". The file stays on this device until you move it.");
  }

  function importRecord(event) {
    var input = event.target;
    var file = input.files && input.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var result = record.parseImport(String(reader.result));
      input.value = "";
      if (result.error) { say(result.error); return; }
      if (!record.replace(result.record)) { say("This browser did not let the site save the file's progress. Nothing was changed."); return; }
      render();
      say("Imported " + Object.keys(result.record.answers).length + " answered questions and " +
          result.record.exams.length + " practice exams from " + file.name + ".");
    };
    reader.onerror = function () { input.value = ""; say("The file could not be read. Nothing was changed."); };
    reader.readAsText(file);
  }

  function resetRecord() {
    if (!window.confirm("Erase all your answers, review schedule and practice-exam history in this browser? " +
                        "This cannot be undone; export your progress first to keep a copy.")) return;
    record.reset();
    render();
    say("Your progress in this browser is erased.");
  }

  $("[data-export]").addEventListener("click", exportRecord);
  $("[data-import]").addEventListener("change", importRecord);
  $("[data-reset]").addEventListener("click", resetRecord);

  window.ConfidantProgress = { render: render };
  render();
})();
