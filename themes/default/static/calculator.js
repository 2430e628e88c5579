// tanni credit calculator: the member's record (period, meetings attended,
// papers), evaluated on every change by the rules engine compiled to
// WebAssembly (the same code as `tanni credits`), saved in localStorage.
// Everything from the catalog or the record reaches the page through
// textContent and DOM methods: nothing is parsed as HTML. Nothing leaves the
// site: the engine, the rules, the catalog and the search index are fetched
// from it, and the record stays in the browser.
(function () {
  "use strict";

  var root = document.getElementById("calculator");
  if (!root) {
    return;
  }
  var text = root.dataset;
  var loadingNote = document.getElementById("calc-loading");
  loadingNote.hidden = false;
  if (!window.tanni || !window.URLSearchParams) {
    loadingNote.textContent = text.loadError;
    root.dataset.state = "error";
    return;
  }

  var KEY = "tanni.record.v1";
  var SUGGESTIONS = 8;
  var SHOWN_CHOICES = 3;
  var SVG = "http://www.w3.org/2000/svg";
  var lang = text.lang;
  var base = text.root + lang + "/";

  var engine = null;
  var rules = null;
  var values = {};
  var catalog = {};
  var docs = null;
  var searchLoading = null;
  var state = {
    record: emptyRecord(),
    asOf: "",
    evaluation: null,
    problem: null,
    chosen: null,
    editingAttendance: null,
    editingPaper: null,
    active: -1,
    latest: ""
  };

  function byId(id) {
    return document.getElementById(id);
  }

  // ---- Small helpers. ------------------------------------------------------

  // "{n} credits" with {n} replaced; unknown placeholders stay.
  function fill(template, given) {
    return String(template).replace(/\{(\w+)\}/g, function (whole, key) {
      return Object.prototype.hasOwnProperty.call(given, key) ? String(given[key]) : whole;
    });
  }

  // The same, into DOM nodes: a value may be a node (a link, a fragment).
  function fillNodes(template, given) {
    var fragment = document.createDocumentFragment();
    var pattern = /\{(\w+)\}/g;
    var at = 0;
    var match;
    while ((match = pattern.exec(template))) {
      if (match.index > at) {
        fragment.append(template.slice(at, match.index));
      }
      var value = given[match[1]];
      fragment.append(value === undefined ? match[0] : (value instanceof Node ? value : String(value)));
      at = pattern.lastIndex;
    }
    if (at < template.length) {
      fragment.append(template.slice(at));
    }
    return fragment;
  }

  function el(tag, className, content) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (content !== undefined && content !== null) {
      node.textContent = content;
    }
    return node;
  }

  function svg(tag, attributes, content) {
    var node = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (content !== undefined) {
      node.textContent = content;
    }
    return node;
  }

  function button(label, action, index, ariaLabel, className) {
    var node = el("button", "button small " + (className || "secondary"), label);
    node.type = "button";
    node.dataset.action = action;
    node.dataset.index = String(index);
    if (ariaLabel) {
      node.setAttribute("aria-label", ariaLabel);
    }
    return node;
  }

  function camel(code) {
    return code.replace(/(^|[-_])(\w)/g, function (whole, dash, letter) { return letter.toUpperCase(); });
  }

  function joinWords(parts) {
    if (parts.length < 2) {
      return parts.join("");
    }
    return parts.slice(0, -1).join(text.listSep) + text.listAnd + parts[parts.length - 1];
  }

  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  function validDate(value) {
    var match = DATE.exec(value || "");
    if (!match) {
      return false;
    }
    var year = Number(match[1]);
    var month = Number(match[2]);
    var day = Number(match[3]);
    var date = new Date(0);
    date.setUTCFullYear(year, month - 1, day);
    return year >= 1 && date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function isoOf(date) {
    var year = String(date.getUTCFullYear());
    while (year.length < 4) {
      year = "0" + year;
    }
    return year + "-" + pad(date.getUTCMonth() + 1) + "-" + pad(date.getUTCDate());
  }

  // The last day of a period whose first day after it is `iso`.
  function dayBefore(iso) {
    var match = DATE.exec(iso);
    var date = new Date(0);
    date.setUTCFullYear(Number(match[1]), Number(match[2]) - 1, Number(match[3]) - 1);
    return isoOf(date);
  }

  function today() {
    var now = new Date();
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  // The day the record is evaluated for: today's local date, or
  // `?as_of=YYYY-MM-DD` in the page's address when that is a date the
  // engine takes (to see the page as on another day; the tests use it).
  // It is given to the engine only, never saved or exported.
  function evaluationDay() {
    var asked = new URLSearchParams(window.location.search).get("as_of");
    if (asked && validDate(asked) && asked >= "1900-01-01" && asked <= "2199-12-31") {
      return asked;
    }
    return today();
  }

  function creditsLabel(credits) {
    if (credits === null || credits === undefined) {
      return text.creditsNone;
    }
    return credits === 1 ? text.creditsOne : fill(text.creditsMany, { n: credits });
  }

  // The string of `key` for a count: its `…One` form for 1 where there is one.
  function plural(key, count) {
    var one = text[key + "One"];
    return fill(count === 1 && one ? one : text[key], { n: count });
  }

  // "text (note)", with the brackets of the language (`words` a string or nodes).
  function paren(words, note) {
    return typeof words === "string" ? fill(text.paren, { text: words, note: note }) : fillNodes(text.paren, { text: words, note: note });
  }

  function meetingsLabel(count) {
    return count === 1 ? text.meetingsOne : fill(text.meetingsMany, { n: count });
  }

  function meetingName(id) {
    var meeting = catalog[id];
    return meeting ? meeting.name[lang] : fill(text.unknownMeeting, { id: id });
  }

  // A name (of a meeting, a paper's title) in an element of `tag`, marked
  // with its language when that is not the page's.
  function nameNode(name, tag, className) {
    return window.tanni.nameLang(el(tag || "span", className, name), name);
  }

  function meetingNameNode(id) {
    return catalog[id] ? nameNode(meetingName(id)) : el("span", "unknown", meetingName(id));
  }

  function meetingLink(id) {
    if (!catalog[id]) {
      return meetingNameNode(id);
    }
    var link = nameNode(meetingName(id), "a");
    link.href = base + "meetings/" + encodeURIComponent(id) + "/";
    return link;
  }

  function requiredBadge() {
    return el("span", "badge required", text.requiredBadge);
  }

  function paperCredits(paper) {
    var p = rules.papers;
    if (paper.peer_reviewed) {
      return paper.first_author ? p.peer_reviewed_first_author : p.peer_reviewed_other_author;
    }
    return paper.first_author ? p.not_peer_reviewed_first_author : p.not_peer_reviewed_other_author;
  }

  function paperKind(paper) {
    return text["paperKind" + (paper.peer_reviewed ? "Pr" : "Npr") + (paper.first_author ? "First" : "Other")];
  }

  function paperName(paper) {
    return paper.title || fill(text.paperUntitled, { date: paper.date });
  }

  // An entry in words: a string for a label, nodes (the name with its
  // language) for the page.
  function attendanceWhat(attendance) {
    return meetingName(attendance.meeting) + text.listSep + attendance.date;
  }

  function attendanceWhatNodes(attendance) {
    var nodes = document.createDocumentFragment();
    nodes.append(meetingNameNode(attendance.meeting), text.listSep + attendance.date);
    return nodes;
  }

  function paperWhat(paper) {
    return paper.title ? paper.title + text.listSep + paper.date : paperName(paper);
  }

  function paperWhatNodes(paper) {
    var nodes = document.createDocumentFragment();
    if (paper.title) {
      nodes.append(nameNode(paper.title), text.listSep + paper.date);
    } else {
      nodes.append(paperName(paper));
    }
    return nodes;
  }

  // `attendances[3]` → the entry of the record it names, or null.
  function entryOf(item) {
    var match = /^(attendances|papers)\[(\d+)\]$/.exec(item || "");
    return match ? state.record[match[1]][Number(match[2])] || null : null;
  }

  // `attendances[3]` → the entry it names, in words (nodes).
  function itemWhatNodes(item) {
    var entry = entryOf(item);
    if (!entry) {
      return document.createTextNode(item);
    }
    return item.indexOf("attendances") === 0 ? attendanceWhatNodes(entry) : paperWhatNodes(entry);
  }

  // Why an entry did not count, in words (nodes): a second entry of one
  // attendance names the entry that counted for it, by meeting and date.
  function reasonNodes(entry) {
    var counted = entry.reason === "duplicate" || entry.reason === "same-event" ? entryOf(entry["with"]) : null;
    if (!counted) {
      return document.createTextNode(fill(text["reason" + camel(entry.reason)] || entry.reason, values));
    }
    var key = "reasonDuplicateWith";
    if (entry.reason === "same-event") {
      var self = entryOf(entry.item);
      key = self && self.meeting !== counted.meeting ? "reasonSameEventListing" : "reasonSameEventDay";
    }
    var withWords = fillNodes(text.withEntry, { meeting: meetingNameNode(counted.meeting), date: el("span", "nowrap", counted.date) });
    return fillNodes(text[key], { "with": withWords });
  }

  // ---- The record. ---------------------------------------------------------

  function emptyRecord() {
    return { period_start: "", postponed: false, attendances: [], papers: [] };
  }

  // A record from parsed JSON: the engine has accepted it (an import), or
  // this page wrote it (the saved record); anything odd is left out.
  function normalize(value) {
    var record = emptyRecord();
    if (!value || typeof value !== "object") {
      return record;
    }
    if (typeof value.period_start === "string") {
      record.period_start = value.period_start;
    }
    record.postponed = value.postponed === true;
    (Array.isArray(value.attendances) ? value.attendances : []).forEach(function (item) {
      if (item && typeof item.meeting === "string" && typeof item.date === "string") {
        record.attendances.push({ meeting: item.meeting, date: item.date });
      }
    });
    (Array.isArray(value.papers) ? value.papers : []).forEach(function (item) {
      if (item && typeof item.date === "string") {
        var paper = { date: item.date, peer_reviewed: item.peer_reviewed === true, first_author: item.first_author === true };
        if (typeof item.title === "string" && item.title.trim()) {
          paper.title = item.title;
        }
        record.papers.push(paper);
      }
    });
    sortRecord(record);
    return record;
  }

  function sortRecord(record) {
    var byDate = function (a, b) {
      return a.date < b.date ? -1 : (a.date > b.date ? 1 : 0);
    };
    record.attendances.sort(byDate);
    record.papers.sort(byDate);
  }

  // The export format, fields in the order of the documentation.
  function recordJson(record, pretty) {
    var plain = plainRecord(record);
    return pretty ? JSON.stringify(plain, null, 2) + "\n" : JSON.stringify(plain);
  }

  function plainRecord(record) {
    return {
      period_start: record.period_start,
      postponed: record.postponed,
      attendances: record.attendances.map(function (a) { return { meeting: a.meeting, date: a.date }; }),
      papers: record.papers.map(function (p) {
        var paper = { date: p.date, peer_reviewed: p.peer_reviewed, first_author: p.first_author };
        if (p.title) {
          paper.title = p.title;
        }
        return paper;
      })
    };
  }

  function isEmpty(record) {
    return !record.period_start && !record.postponed && !record.attendances.length && !record.papers.length;
  }

  function save() {
    try {
      window.localStorage.setItem(KEY, recordJson(state.record, false));
    } catch (error) {
      // Storage may be off (private mode, a full disk): the page still works.
    }
  }

  function restore() {
    try {
      var saved = window.localStorage.getItem(KEY);
      if (saved) {
        return normalize(JSON.parse(saved));
      }
    } catch (error) {
      // An unreadable saved record: start afresh.
    }
    return emptyRecord();
  }

  // Every change goes through here: order, save, evaluate, show.
  function commit() {
    sortRecord(state.record);
    save();
    render();
  }

  // ---- Messages. -----------------------------------------------------------

  // `message` a string or nodes.
  function announce(message) {
    byId("calc-announce").replaceChildren(message);
  }

  function setStatus(message) {
    byId("calc-status").textContent = message;
  }

  function clearAlert() {
    byId("calc-alert").replaceChildren();
  }

  function showAlert(message) {
    // A new node in the alert region is announced even if the text repeats.
    byId("calc-alert").replaceChildren(el("p", null, message));
  }

  function showFieldError(inputId, errorId, message) {
    byId(errorId).textContent = message;
    byId(inputId).setAttribute("aria-invalid", "true");
  }

  function clearFieldError(inputId, errorId) {
    byId(errorId).textContent = "";
    byId(inputId).removeAttribute("aria-invalid");
  }

  // `attendances[0].date` → "the date of meeting 1 (attendances[0].date)".
  function describeField(path) {
    var words;
    var simple = {
      period_start: text.fieldPeriodStart,
      postponed: text.fieldPostponed,
      attendances: text.fieldAttendances,
      papers: text.fieldPapers
    };
    var match = /^(attendances|papers)\[(\d+)\](?:\.(\w+))?$/.exec(path);
    if (Object.prototype.hasOwnProperty.call(simple, path)) {
      words = simple[path];
    } else if (match) {
      var entry = fill(match[1] === "attendances" ? text.fieldAttendance : text.fieldPaper, { n: Number(match[2]) + 1 });
      var part = match[3] ? text["fieldPart" + camel(match[3])] : null;
      words = part ? fill(text.fieldOf, { part: part, entry: entry }) : entry;
    } else {
      words = text.fieldUnknown;
    }
    return fill(text.fieldPath, { field: words, path: path });
  }

  // ---- Evaluation and results. ---------------------------------------------

  function evaluate() {
    state.evaluation = null;
    state.problem = null;
    if (!validDate(state.record.period_start)) {
      return;
    }
    // The day goes to the engine with the record, and nowhere else.
    var asked = plainRecord(state.record);
    asked.as_of = state.asOf;
    var result = engine.evaluate(JSON.stringify(asked));
    if (result.ok) {
      state.evaluation = result.value;
    } else {
      state.problem = result.value;
    }
  }

  // item → [not-counted entries] of the evaluation.
  function notCountedOf(item) {
    if (!state.evaluation) {
      return [];
    }
    return state.evaluation.not_counted.filter(function (entry) { return entry.item === item; });
  }

  function countedOf(item) {
    var found = countedEntryOf(item);
    return found ? found.credits : (state.evaluation ? 0 : null);
  }

  function countedEntryOf(item) {
    if (!state.evaluation) {
      return null;
    }
    return state.evaluation.counted.filter(function (entry) { return entry.item === item; })[0] || null;
  }

  function render() {
    evaluate();
    renderPeriodLine();
    renderAttendances();
    renderPapers();
    renderResults();
    renderPrint();
  }

  function periodText() {
    var evaluation = state.evaluation;
    if (!evaluation) {
      return "";
    }
    return fill(text.periodLine, {
      start: evaluation.period.start,
      last: dayBefore(evaluation.period.end),
      years: evaluation.period.years
    });
  }

  function renderPeriodLine() {
    byId("calc-period-line").textContent = periodText();
  }

  function renderAttendances() {
    var list = byId("calc-attendances");
    list.replaceChildren();
    state.record.attendances.forEach(function (attendance, index) {
      var meeting = catalog[attendance.meeting];
      var editing = state.editingAttendance === attendance;
      var item = el("li", "entry" + (editing ? " editing" : ""));
      item.dataset.index = String(index);
      var main = el("div", "entry-main");
      var name = el("p", "entry-name");
      name.append(meetingLink(attendance.meeting));
      main.append(name);
      var meta = el("p", "entry-meta");
      if (editing) {
        var label = el("label", "visually-hidden");
        label.append(fillNodes(text.editDateLabel, { what: meetingNameNode(attendance.meeting) }));
        label.htmlFor = "calc-edit-date";
        var input = el("input");
        input.type = "date";
        input.id = "calc-edit-date";
        input.min = "1950-01-01";
        input.max = "2100-12-31";
        input.value = attendance.date;
        input.dataset.index = String(index);
        input.setAttribute("aria-describedby", "calc-edit-date-error");
        meta.append(label, input);
      } else {
        meta.append(el("span", "entry-date", attendance.date));
      }
      var credits = el("span", "entry-credits", meeting ? creditsLabel(meeting.credits) : "");
      var counted = countedEntryOf("attendances[" + index + "]");
      if (meeting && counted && meeting.credits !== null && counted.credits < meeting.credits) {
        credits.textContent = paren(creditsLabel(meeting.credits), fill(text.paperCounted, { n: counted.credits }));
      }
      meta.append(credits);
      if (meeting && meeting.required) {
        meta.append(requiredBadge());
      }
      main.append(meta);
      if (editing) {
        var error = el("p", "field-error");
        error.id = "calc-edit-date-error";
        main.append(error);
      }
      if (counted && counted.lower_value_of) {
        main.append(lowerValueNote(attendance.meeting, counted, "p", "entry-note info"));
      }
      notCountedOf("attendances[" + index + "]").forEach(function (entry) {
        var note = el("p", "entry-note");
        note.append(fillNodes(text.notCountedNote, { reason: reasonNodes(entry) }));
        main.append(note);
      });
      var actions = el("div", "entry-actions");
      var what = attendanceWhat(attendance);
      if (editing) {
        actions.append(
          button(text.save, "save-date", index, null, "primary"),
          button(text.cancel, "cancel-date", index)
        );
      } else {
        actions.append(
          button(text.edit, "edit-date", index, fill(text.editDateLabel, { what: what })),
          button(text.remove, "remove-attendance", index, fill(text.removeLabel, { what: what }))
        );
      }
      item.append(main, actions);
      list.append(item);
    });
    byId("calc-attendances-empty").hidden = state.record.attendances.length > 0;
  }

  // An event entered under two listings that give different credits counts
  // at the lower value: the note links the listing that gives it, by name,
  // or as "the other listing" where both listings have the same name.
  function lowerValueNote(id, counted, tag, className) {
    var other = counted.lower_value_of;
    var sameName = catalog[other] && meetingName(other) === meetingName(id);
    var link = meetingLink(other);
    if (sameName) {
      link.replaceChildren(text.otherListing);
      link.removeAttribute("lang");
    }
    var note = el(tag, className);
    note.append(fillNodes(sameName ? text.lowerValueSameName : text.lowerValue, { credits: creditsLabel(counted.credits), other: link }));
    return note;
  }

  function renderPapers() {
    var list = byId("calc-papers");
    list.replaceChildren();
    state.record.papers.forEach(function (paper, index) {
      var item = el("li", "entry" + (state.editingPaper === paper ? " editing" : ""));
      item.dataset.index = String(index);
      var main = el("div", "entry-main");
      main.append(paper.title ? nameNode(paper.title, "p", "entry-name") : el("p", "entry-name", paperName(paper)));
      var meta = el("p", "entry-meta");
      meta.append(el("span", "entry-date", paper.date), el("span", "entry-kind", paperKind(paper)));
      var earned = paperCredits(paper);
      var credits = el("span", "entry-credits", creditsLabel(earned));
      var counted = countedOf("papers[" + index + "]");
      if (counted !== null && counted < earned && counted > 0) {
        credits.textContent = paren(creditsLabel(earned), fill(text.paperCounted, { n: counted }));
      }
      meta.append(credits);
      main.append(meta);
      notCountedOf("papers[" + index + "]").forEach(function (entry) {
        // A cap may cut a paper's credits in part: the reason and what was lost.
        var note = el("p", "entry-note");
        note.append(entry.credits_lost > 0 ? paren(reasonNodes(entry), plural("creditsLost", entry.credits_lost)) : reasonNodes(entry));
        main.append(note);
      });
      var actions = el("div", "entry-actions");
      var what = paperWhat(paper);
      actions.append(
        button(text.edit, "edit-paper", index, fill(text.editLabel, { what: what })),
        button(text.remove, "remove-paper", index, fill(text.removeLabel, { what: what }))
      );
      item.append(main, actions);
      list.append(item);
    });
    byId("calc-papers-empty").hidden = state.record.papers.length > 0;
  }

  var METERS = { "total": "total", "designated": "designated", "main-meetings": "main" };

  function renderResults() {
    var evaluation = state.evaluation;
    var verdict = byId("calc-verdict");
    var message;
    var kind;
    if (state.problem) {
      message = fill(text.recordProblem, { field: describeField(state.problem.field), message: state.problem.message });
      kind = "short";
    } else if (!evaluation) {
      message = text.verdictNeedStart;
      kind = "waiting";
    } else if (evaluation.eligible) {
      message = text.verdictEligible;
      kind = "eligible";
    } else {
      var ended = evaluation.timing && evaluation.timing.state === "ended";
      message = fill(ended ? text.verdictEndedShort : text.verdictShort, { list: shortfallWords(evaluation.shortfalls) });
      kind = "short";
    }
    // Only a change of the words is announced.
    if (verdict.textContent !== message) {
      verdict.replaceChildren(el("p", null, message));
    }
    verdict.className = "verdict " + kind;
    verdict.dataset.eligible = evaluation ? String(evaluation.eligible) : "";

    Object.keys(METERS).forEach(function (rule) {
      var key = METERS[rule];
      var progress = byId("calc-progress-" + key);
      var needed = Number(progress.getAttribute("max"));
      var actual = 0;
      if (evaluation) {
        evaluation.requirements.forEach(function (requirement) {
          if (requirement.rule === rule) {
            actual = requirement.actual;
            needed = requirement.needed;
          }
        });
      }
      progress.value = actual;
      var met = evaluation !== null && actual >= needed;
      var value = byId("calc-value-" + key);
      value.textContent = fill(text.progressValue, { n: actual, max: needed });
      value.dataset.value = String(actual);
      if (met) {
        value.append(" ", el("span", "met", "✓ " + text.met));
      }
      byId("calc-meter-" + key).classList.toggle("met", met);
    });

    renderTiming(evaluation);
    renderReadings(evaluation);

    var details = byId("calc-details");
    details.hidden = !evaluation;
    if (!evaluation) {
      return;
    }
    var papers = evaluation.paper_credits;
    byId("calc-paper-earned").textContent = String(papers.earned);
    byId("calc-paper-after-year").textContent = String(papers.after_year_caps);
    byId("calc-paper-counted").textContent = String(papers.counted);
    renderChart(evaluation.years);
    renderNotCounted(evaluation.not_counted);
    renderPlan(evaluation);
  }

  // Where the period stands on the day of the evaluation, in words.
  function timingText(evaluation) {
    var timing = evaluation && evaluation.timing;
    if (!timing) {
      return "";
    }
    var key = "timing" + camel(timing.state);
    return fill(timing.days_left === 1 && text[key + "One"] ? text[key + "One"] : text[key], {
      as_of: timing.as_of,
      days: timing.days_left,
      start: evaluation.period.start,
      last: dayBefore(evaluation.period.end)
    });
  }

  function renderTiming(evaluation) {
    var box = byId("calc-timing");
    var message = timingText(evaluation);
    box.hidden = !message;
    // Only a change of the words is announced.
    if (box.textContent !== message) {
      box.replaceChildren(message ? el("p", null, message) : "");
    }
    var timing = message ? evaluation.timing : null;
    box.className = "timing" + (timing ? " " + timing.state : "");
    box.dataset.state = timing ? timing.state : "";
    box.dataset.daysLeft = timing ? String(timing.days_left) : "";
    box.dataset.asOf = timing ? timing.as_of : "";
  }

  // The open readings of the regulation whose verdict differs from the
  // main one, in the evaluation's order (by key).
  function differingReadings(evaluation) {
    if (!evaluation || !evaluation.other_readings) {
      return [];
    }
    return Object.keys(evaluation.other_readings).sort().filter(function (key) {
      return evaluation.other_readings[key].verdict_differs;
    }).map(function (key) {
      return Object.assign({ key: key }, evaluation.other_readings[key]);
    });
  }

  function questionWords(question) {
    return fill(text["question" + camel(question)] || question, values);
  }

  // "only the last 5 years …"; with its question, "Which years of a
  // postponed period count: only the last 5 years …".
  function readingWords(question, reading, alone) {
    var words = fill(text["reading" + camel(question + "-" + reading)] || reading, values);
    return alone ? words : fill(text.readingAs, { question: questionWords(question), reading: words });
  }

  function shortfallWords(shortfalls) {
    return joinWords(shortfalls.map(function (shortfall) {
      return plural("missing" + camel(shortfall.rule === "main-meetings" ? "main" : shortfall.rule), shortfall.missing);
    }));
  }

  function readingVerdict(result) {
    return result.eligible ? text.readingEligible : fill(text.readingShort, { list: shortfallWords(result.shortfalls) });
  }

  // The main result and each reading that gives another verdict, side by
  // side: one column each, the same rows.
  function renderReadings(evaluation) {
    var section = byId("calc-readings");
    var holder = byId("calc-readings-table");
    var differing = differingReadings(evaluation);
    section.hidden = !differing.length;
    holder.replaceChildren();
    holder.removeAttribute("tabindex");
    holder.removeAttribute("role");
    holder.removeAttribute("aria-labelledby");
    if (!differing.length) {
      return;
    }
    var questions = [];
    differing.forEach(function (reading) {
      if (questions.indexOf(reading.question) < 0) {
        questions.push(reading.question);
      }
    });
    // One question (the usual case) is the table's caption, and each column
    // names its reading; with more, each column names question and reading.
    var alone = questions.length === 1;
    var columns = [{
      key: "main",
      title: text.readingMain,
      words: questions.map(function (question) { return readingWords(question, evaluation.readings_taken[question], alone); }),
      result: evaluation
    }].concat(differing.map(function (reading) {
      return { key: reading.key, title: text.readingOther, words: [readingWords(reading.question, reading.reading, alone)], result: reading };
    }));
    var table = el("table", "figures readings-figures");
    table.append(el("caption", null, alone ? questionWords(questions[0]) : text.readingsCaption));
    var headRow = el("tr");
    headRow.append(el("td"));
    columns.forEach(function (column) {
      var cell = el("th");
      cell.scope = "col";
      cell.dataset.reading = column.key;
      cell.append(el("span", "reading-title", column.title));
      column.words.forEach(function (words) {
        cell.append(el("span", "reading-words", words));
      });
      headRow.append(cell);
    });
    var head = el("thead");
    head.append(headRow);
    table.append(head);
    var body = el("tbody");
    var row = function (label, cellOf) {
      var line = el("tr");
      var header = el("th", null, label);
      header.scope = "row";
      line.append(header);
      columns.forEach(function (column) {
        var cell = el("td");
        cellOf(column.result, cell);
        line.append(cell);
      });
      body.append(line);
    };
    row(text.readingRowVerdict, function (result, cell) {
      cell.className = "reading-verdict " + (result.eligible ? "eligible" : "short");
      cell.dataset.eligible = String(result.eligible);
      cell.textContent = readingVerdict(result);
    });
    row(text.readingRowPeriod, function (result, cell) {
      cell.append(fillNodes(text.readingPeriodValue, {
        start: el("span", "nowrap", result.period.start),
        last: el("span", "nowrap", dayBefore(result.period.end)),
        years: result.period.years
      }));
    });
    [["total", text.progressTotal, values.total], ["designated", text.progressDesignated, values.designated], ["main_meeting_attendances", text.progressMain, values.main]].forEach(function (figure) {
      row(figure[1], function (result, cell) {
        cell.className = "num";
        cell.dataset.figure = figure[0];
        cell.dataset.value = String(result[figure[0]]);
        cell.textContent = fill(text.progressValue, { n: result[figure[0]], max: figure[2] });
      });
    });
    row(text.readingRowPapers, function (result, cell) {
      cell.className = "num";
      cell.textContent = String(result.paper_credits.counted);
    });
    table.append(body);
    holder.append(table);
    // More than two columns may not fit a phone: the table scrolls, and a
    // keyboard can scroll it.
    holder.classList.toggle("wide", columns.length > 2);
    if (columns.length > 2) {
      holder.tabIndex = 0;
      holder.setAttribute("role", "region");
      holder.setAttribute("aria-labelledby", "calc-readings-heading");
    }
  }

  function yearRange(year) {
    return fill(text.range, { start: year.start, last: dayBefore(year.end) });
  }

  function renderChart(years) {
    var width = 360;
    var height = 210;
    var left = 30;
    var right = 6;
    var top = 18;
    var bottom = 40;
    var totals = years.map(function (year) { return year.designated_meetings + year.other_meetings + year.papers; });
    var peak = Math.max.apply(null, totals.concat([10]));
    var step = peak <= 20 ? 5 : (peak <= 50 ? 10 : (peak <= 100 ? 20 : 50));
    var ceiling = Math.ceil(peak / step) * step;
    var plotHeight = height - top - bottom;
    var plotWidth = width - left - right;
    var y = function (value) { return top + plotHeight - (value / ceiling) * plotHeight; };
    var alt = fill(text.chartAlt, {
      years: years.map(function (year, i) {
        return fill(text.chartAltYear, {
          n: year.year,
          total: totals[i],
          designated: year.designated_meetings,
          other: year.other_meetings,
          papers: year.papers
        });
      }).join(text.listSep)
    });
    var chart = svg("svg", {
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label": alt,
      "class": "chart-graphic",
      focusable: "false"
    });
    for (var value = 0; value <= ceiling; value += step) {
      chart.append(
        svg("line", { x1: left, x2: width - right, y1: y(value), y2: y(value), "class": value === 0 ? "axis-line" : "grid" }),
        svg("text", { x: left - 5, y: y(value) + 4, "text-anchor": "end", "class": "axis" }, String(value))
      );
    }
    var band = plotWidth / years.length;
    var barWidth = Math.min(34, band * 0.62);
    var kinds = [["designated", "designated_meetings", text.chartDesignated], ["other", "other_meetings", text.chartOther], ["papers", "papers", text.chartPapers]];
    years.forEach(function (year, i) {
      var x = left + band * i + (band - barWidth) / 2;
      var stacked = 0;
      kinds.forEach(function (kind) {
        var amount = year[kind[1]];
        if (amount > 0) {
          var bar = svg("rect", {
            x: x.toFixed(2),
            y: y(stacked + amount).toFixed(2),
            width: barWidth.toFixed(2),
            height: (y(stacked) - y(stacked + amount)).toFixed(2),
            "class": "bar " + kind[0]
          });
          bar.append(svg("title", {}, kind[2] + ": " + amount));
          chart.append(bar);
          stacked += amount;
        }
      });
      var middle = (x + barWidth / 2).toFixed(2);
      if (stacked > 0) {
        chart.append(svg("text", { x: middle, y: (y(stacked) - 4).toFixed(2), "text-anchor": "middle", "class": "bar-total" }, String(stacked)));
      }
      chart.append(
        svg("text", { x: middle, y: height - bottom + 15, "text-anchor": "middle", "class": "axis year" }, fill(text.chartYear, { n: year.year })),
        svg("text", { x: middle, y: height - bottom + 29, "text-anchor": "middle", "class": "axis" }, year.start.slice(0, 4))
      );
    });
    byId("calc-chart-svg").replaceChildren(chart);

    var body = byId("calc-years-table").tBodies[0];
    body.replaceChildren();
    years.forEach(function (year, i) {
      var row = el("tr");
      var head = el("th", null, fill(text.chartYear, { n: year.year }));
      head.scope = "row";
      head.append(el("span", "range", yearRange(year)));
      row.append(head);
      [year.designated_meetings, year.other_meetings, year.papers, totals[i]].forEach(function (amount) {
        row.append(el("td", "num", String(amount)));
      });
      body.append(row);
    });
  }

  function renderNotCounted(entries) {
    var list = byId("calc-not-counted");
    list.replaceChildren();
    if (!entries.length) {
      list.append(el("li", "none", text.notCountedNone));
      return;
    }
    entries.forEach(function (entry) {
      var words = fillNodes(text.notCountedItem, { what: itemWhatNodes(entry.item), reason: reasonNodes(entry) });
      if (entry.credits_lost > 0) {
        words = paren(words, plural("creditsLost", entry.credits_lost));
      }
      var item = el("li");
      item.append(words);
      item.dataset.item = entry.item;
      item.dataset.reason = entry.reason;
      item.dataset.lost = String(entry.credits_lost);
      if (entry["with"]) {
        item.dataset["with"] = entry["with"];
      }
      list.append(item);
    });
  }

  function stepNode(step) {
    var names = document.createDocumentFragment();
    step.choices.slice(0, SHOWN_CHOICES).forEach(function (id, i) {
      if (i > 0) {
        names.append(text.planOr);
      }
      names.append(meetingLink(id));
    });
    var namesNode = names;
    if (step.choices.length > SHOWN_CHOICES) {
      namesNode = fillNodes(text.planMore, { names: names, rest: step.choices.length - SHOWN_CHOICES, all: step.choices.length });
    }
    return fillNodes(step.designated ? text.planStepRequired : text.planStep, {
      count: step.count,
      names: namesNode,
      credits: step.credits_each
    });
  }

  function renderPlan(evaluation) {
    var plan = evaluation.plan;
    var box = byId("calc-plan");
    box.replaceChildren();
    var ended = evaluation.timing && evaluation.timing.state === "ended";
    box.dataset.ended = String(Boolean(ended));
    if (!plan.options.length) {
      // Short, and too late for a plan: say why there is none.
      var tooLate = ended && evaluation.shortfalls.length > 0;
      box.append(el("p", tooLate ? "plan-ended" : null, tooLate ? text.planEnded : text.planNone));
      return;
    }
    box.append(el("p", "hint", text.planIntro));
    var list = el("ul", "plan-options");
    plan.options.forEach(function (option, i) {
      var item = el("li", i === 0 ? "best" : "alternative");
      var steps = document.createDocumentFragment();
      option.steps.forEach(function (step, k) {
        if (k > 0) {
          steps.append(text.planPlus);
        }
        steps.append(stepNode(step));
      });
      var line = el("p");
      line.append(fillNodes(i === 0 ? text.planBest : text.planAlternative, { steps: steps, meetings: meetingsLabel(option.meetings) }));
      item.append(line);
      option.steps.forEach(function (step) {
        if (step.choices.length > SHOWN_CHOICES) {
          var more = el("details", "choices");
          more.append(el("summary", null, fill(text.planAll, { n: step.choices.length })));
          var choices = el("ul");
          step.choices.forEach(function (id) {
            var choice = el("li");
            choice.append(meetingLink(id), " ", el("span", "count", creditsLabel(step.credits_each)));
            choices.append(choice);
          });
          more.append(choices);
          item.append(more);
        }
      });
      list.append(item);
    });
    box.append(list);
  }

  // ---- The print view: one page to keep beside the application forms. ------

  function table(caption, headings, rows) {
    var node = el("table", "print-table");
    node.append(el("caption", null, caption));
    var head = el("tr");
    headings.forEach(function (heading) {
      var cell = el("th", heading[1] || null, heading[0]);
      cell.scope = "col";
      head.append(cell);
    });
    var thead = el("thead");
    thead.append(head);
    node.append(thead);
    var body = el("tbody");
    if (!rows.length) {
      var row = el("tr");
      var cell = el("td", null, text.printNone);
      cell.colSpan = headings.length;
      row.append(cell);
      body.append(row);
    }
    rows.forEach(function (cells) {
      var row = el("tr");
      cells.forEach(function (cell, i) {
        var node = el("td", headings[i][1] || null);
        node.append(cell);
        row.append(node);
      });
      body.append(row);
    });
    node.append(body);
    return node;
  }

  function renderPrint() {
    var view = byId("calc-print-view");
    var evaluation = state.evaluation;
    view.replaceChildren();
    view.append(el("h2", null, text.printHeading));
    if (evaluation) {
      view.append(el("p", "print-period", periodText()));
      if (evaluation.timing) {
        view.append(el("p", "print-timing", timingText(evaluation)));
      }
    }
    // The note names the application forms in Japanese: the page holds it
    // with that marked.
    var note = byId("calc-print-note").cloneNode(true);
    note.removeAttribute("id");
    note.hidden = false;
    view.append(note);
    // What an entry is, with why it did not count (all or in part) below it.
    var described = function (item, words) {
      var cell = document.createDocumentFragment();
      cell.append(words);
      var counted = countedEntryOf(item);
      var entry = entryOf(item);
      if (counted && counted.lower_value_of && entry) {
        cell.append(lowerValueNote(entry.meeting, counted, "span", "print-reason"));
      }
      notCountedOf(item).forEach(function (entry) {
        var reason = el("span", "print-reason");
        reason.append(reasonNodes(entry));
        cell.append(reason);
      });
      return cell;
    };
    view.append(table(text.printMeetings, [
      [text.printColNo, "num"], [text.printColMeeting], [text.printColDate, "nowrap"], [text.printColCredits, "num"], [text.printColRequired, "nowrap"], [text.printColCounted, "num"]
    ], state.record.attendances.map(function (attendance, index) {
      var meeting = catalog[attendance.meeting];
      var item = "attendances[" + index + "]";
      var counted = countedOf(item);
      return [
        String(index + 1),
        described(item, meetingNameNode(attendance.meeting)),
        attendance.date,
        meeting && meeting.credits !== null ? String(meeting.credits) : "—",
        meeting && meeting.required ? text.requiredBadge : "",
        counted === null ? "" : String(counted)
      ];
    })));
    view.append(table(text.printPapers, [
      [text.printColNo, "num"], [text.printColTitle], [text.printColDate, "nowrap"], [text.printColKind, "nowrap"], [text.printColCredits, "num"], [text.printColCounted, "num"]
    ], state.record.papers.map(function (paper, index) {
      var item = "papers[" + index + "]";
      var counted = countedOf(item);
      return [
        String(index + 1),
        described(item, paper.title ? nameNode(paper.title) : ""),
        paper.date,
        paperKind(paper),
        String(paperCredits(paper)),
        counted === null ? "" : String(counted)
      ];
    })));
    if (evaluation) {
      var totals = el("dl", "print-totals");
      var add = function (label, value) {
        var group = el("div");
        group.append(el("dt", null, label), el("dd", null, value));
        totals.append(group);
      };
      evaluation.requirements.forEach(function (requirement) {
        add(text["progress" + camel(METERS[requirement.rule])], fill(text.progressValue, { n: requirement.actual, max: requirement.needed }));
      });
      add(text.paperFiguresHeading, String(evaluation.paper_credits.counted));
      var heading = el("h3", null, text.printTotals);
      view.append(heading, totals, el("p", "print-verdict", byId("calc-verdict").textContent));
      differingReadings(evaluation).forEach(function (reading) {
        view.append(el("p", "print-reading", fill(text.printReading, {
          reading: readingWords(reading.question, reading.reading, false),
          verdict: readingVerdict(reading)
        })));
      });
    }
    view.append(el("p", "print-made", fill(text.printMade, { date: today() })));
  }

  // ---- The period. ---------------------------------------------------------

  function syncPeriodFields() {
    byId("calc-start").value = state.record.period_start;
    byId("calc-postponed").checked = state.record.postponed;
  }

  function setUpPeriod() {
    var start = byId("calc-start");
    start.addEventListener("change", function () {
      var value = start.value;
      if (value === "" || validDate(value)) {
        state.record.period_start = value;
        commit();
      }
    });
    byId("calc-postponed").addEventListener("change", function (event) {
      state.record.postponed = event.target.checked;
      commit();
    });
  }

  // ---- Meetings: the combobox, the form, the list. -------------------------

  var input;
  var listbox;
  var comboStatus;

  function loadSearch() {
    if (!searchLoading) {
      comboStatus.textContent = text.meetingSearching;
      searchLoading = window.tanni.searchIndex(text.root, lang).then(function (loaded) {
        docs = loaded.docs;
        comboStatus.textContent = "";
        return docs;
      });
      searchLoading.catch(function () {
        comboStatus.textContent = text.loadError;
        searchLoading = null;
      });
    }
    return searchLoading;
  }

  var marked = window.tanni.marked;

  function closeOptions() {
    listbox.hidden = true;
    listbox.replaceChildren();
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    state.active = -1;
  }

  function options() {
    return listbox.querySelectorAll("[role=option]:not([aria-disabled])");
  }

  function setActive(index) {
    var items = options();
    if (!items.length) {
      return;
    }
    state.active = (index + items.length) % items.length;
    items.forEach(function (item, i) {
      item.setAttribute("aria-selected", i === state.active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", items[state.active].id);
    items[state.active].scrollIntoView({ block: "nearest" });
  }

  // The other names a query may have matched, when the name itself did not.
  function matchedOtherName(meeting, query) {
    var other = lang === "ja" ? "en" : "ja";
    var names = [meeting.name[other]];
    meeting.former_names.forEach(function (former) { names.push(former[lang], former[other]); });
    names = names.concat(meeting.aliases);
    for (var i = 0; i < names.length; i++) {
      if (names[i] && engine.highlight(names[i], query).length) {
        return names[i];
      }
    }
    return null;
  }

  function suggest(query) {
    loadSearch().then(function () {
      if (query !== state.latest || document.activeElement !== input) {
        return;
      }
      var ids = [];
      engine.search(query, 200).forEach(function (hit) {
        if (ids.length >= SUGGESTIONS || hit.ref.indexOf("meetings/") !== 0) {
          return;
        }
        var doc = docs[hit.ref];
        var id = doc && doc.id ? doc.id : hit.ref.slice("meetings/".length).replace(/\/$/, "");
        if (catalog[id] && ids.indexOf(id) < 0) {
          ids.push(id);
        }
      });
      listbox.replaceChildren();
      state.active = -1;
      input.removeAttribute("aria-activedescendant");
      if (!ids.length) {
        var none = el("li", "combo-none", fill(text.meetingNone, { q: query }));
        none.id = "calc-option-none";
        none.setAttribute("role", "option");
        none.setAttribute("aria-disabled", "true");
        listbox.append(none);
        comboStatus.textContent = none.textContent;
      } else {
        ids.forEach(function (id, i) {
          var meeting = catalog[id];
          var item = el("li", "combo-option");
          item.id = "calc-option-" + i;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.dataset.id = id;
          var name = window.tanni.nameLang(el("span", "option-name"), meeting.name[lang]);
          var ranges = engine.highlight(meeting.name[lang], query);
          name.append(marked(meeting.name[lang], ranges));
          item.append(name);
          if (!ranges.length) {
            var other = matchedOtherName(meeting, query);
            if (other) {
              var alias = window.tanni.nameLang(el("span", "option-alias"), other);
              alias.append(marked(other, engine.highlight(other, query)));
              item.append(alias);
            }
          }
          var doc = docs["meetings/" + id + "/"];
          var detail = el("span", "option-detail", doc && doc.detail ? doc.detail : creditsLabel(meeting.credits));
          if (meeting.required) {
            detail.append(" ", requiredBadge());
          }
          item.append(detail);
          listbox.append(item);
        });
        comboStatus.textContent = fill(text.meetingCount, { n: ids.length });
      }
      listbox.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }, function () { /* the status says it */ });
  }

  function choose(id, announceIt) {
    state.chosen = id;
    input.value = catalog[id].name[lang];
    closeOptions();
    clearFieldError("calc-meeting", "calc-meeting-error");
    if (announceIt) {
      comboStatus.textContent = fill(text.meetingChosen, { name: catalog[id].name[lang] });
    }
    byId("calc-meeting-date").focus();
  }

  // A name typed in full, without picking it from the list.
  function exactMatch(value) {
    var wanted = value.trim().toLowerCase();
    if (!wanted) {
      return null;
    }
    var found = Object.keys(catalog).filter(function (id) {
      var meeting = catalog[id];
      var names = [meeting.name.ja, meeting.name.en].concat(meeting.aliases);
      meeting.former_names.forEach(function (former) { names.push(former.ja, former.en); });
      return names.some(function (name) { return name && name.trim().toLowerCase() === wanted; });
    });
    return found.length === 1 ? found[0] : null;
  }

  function setUpMeetings() {
    input = byId("calc-meeting");
    listbox = byId("calc-meeting-options");
    comboStatus = byId("calc-meeting-status");
    var dateInput = byId("calc-meeting-date");

    input.addEventListener("focus", function () { loadSearch(); });
    input.addEventListener("input", function () {
      state.chosen = null;
      clearFieldError("calc-meeting", "calc-meeting-error");
      state.latest = input.value.trim();
      if (!state.latest) {
        closeOptions();
        return;
      }
      suggest(state.latest);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        if (listbox.hidden) {
          state.latest = input.value.trim();
          if (state.latest && !state.chosen) {
            suggest(state.latest);
          }
          return;
        }
        setActive(state.active + (event.key === "ArrowDown" ? 1 : -1));
      } else if (event.key === "Enter" && !listbox.hidden && state.active >= 0) {
        event.preventDefault();
        choose(options()[state.active].dataset.id, true);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        closeOptions();
      }
    });
    input.addEventListener("blur", function () { closeOptions(); });
    // A pointer on an option picks it without taking the focus from the box.
    listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option && option.dataset.id) {
        choose(option.dataset.id, true);
      }
    });
    dateInput.addEventListener("input", function () {
      clearFieldError("calc-meeting-date", "calc-meeting-date-error");
    });

    byId("calc-meeting-form").addEventListener("submit", function (event) {
      event.preventDefault();
      var id = state.chosen || exactMatch(input.value);
      var date = dateInput.value;
      var firstBad = null;
      if (!id) {
        showFieldError("calc-meeting", "calc-meeting-error", text.meetingChoose);
        firstBad = input;
      }
      if (!validDate(date)) {
        showFieldError("calc-meeting-date", "calc-meeting-date-error", text.dateInvalid);
        firstBad = firstBad || dateInput;
      }
      if (firstBad) {
        firstBad.focus();
        return;
      }
      var attendance = { meeting: id, date: date };
      state.record.attendances.push(attendance);
      commit();
      announce(fillNodes(text.added, { what: attendanceWhatNodes(attendance) }));
      input.value = "";
      state.chosen = null;
      dateInput.value = "";
      comboStatus.textContent = "";
      input.focus();
    });

    var list = byId("calc-attendances");
    list.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) {
        return;
      }
      var index = Number(target.dataset.index);
      var attendance = state.record.attendances[index];
      if (!attendance) {
        return;
      }
      var action = target.dataset.action;
      if (action === "edit-date") {
        state.editingAttendance = attendance;
        renderAttendances();
        byId("calc-edit-date").focus();
      } else if (action === "save-date") {
        saveDate(attendance);
      } else if (action === "cancel-date") {
        state.editingAttendance = null;
        renderAttendances();
        focusEntry("calc-attendances", state.record.attendances.indexOf(attendance), "edit-date");
      } else if (action === "remove-attendance") {
        var what = attendanceWhatNodes(attendance);
        if (state.editingAttendance === attendance) {
          state.editingAttendance = null;
        }
        state.record.attendances.splice(index, 1);
        commit();
        announce(fillNodes(text.removed, { what: what }));
        focusAfterRemoval("calc-attendances", index, "calc-meetings-heading");
      }
    });
    list.addEventListener("keydown", function (event) {
      if (event.target.id !== "calc-edit-date") {
        return;
      }
      var attendance = state.editingAttendance;
      if (event.key === "Enter") {
        event.preventDefault();
        saveDate(attendance);
      } else if (event.key === "Escape") {
        event.preventDefault();
        state.editingAttendance = null;
        renderAttendances();
        focusEntry("calc-attendances", state.record.attendances.indexOf(attendance), "edit-date");
      }
    });
  }

  function saveDate(attendance) {
    var field = byId("calc-edit-date");
    if (!validDate(field.value)) {
      showFieldError("calc-edit-date", "calc-edit-date-error", text.dateInvalid);
      field.focus();
      return;
    }
    attendance.date = field.value;
    state.editingAttendance = null;
    commit();
    announce(fillNodes(text.changed, { what: attendanceWhatNodes(attendance) }));
    focusEntry("calc-attendances", state.record.attendances.indexOf(attendance), "edit-date");
  }

  function focusEntry(listId, index, action) {
    var found = byId(listId).querySelector("li[data-index=\"" + index + "\"] button[data-action=\"" + action + "\"]");
    if (found) {
      found.focus();
    }
  }

  function focusAfterRemoval(listId, index, headingId) {
    var items = byId(listId).querySelectorAll("li[data-index]");
    var next = items[Math.min(index, items.length - 1)];
    var target = next ? next.querySelector("button[data-action^=\"remove\"]") : null;
    (target || byId(headingId)).focus();
  }

  // ---- Papers. ------------------------------------------------------------

  function resetPaperForm() {
    var form = byId("calc-paper-form");
    state.editingPaper = null;
    byId("calc-paper-date").value = "";
    byId("calc-paper-title").value = "";
    form.elements.peer_reviewed.value = "yes";
    form.elements.first_author.value = "yes";
    byId("calc-paper-submit").textContent = text.addPaper;
    byId("calc-paper-cancel").hidden = true;
    clearFieldError("calc-paper-date", "calc-paper-date-error");
  }

  function setUpPapers() {
    var form = byId("calc-paper-form");
    var dateInput = byId("calc-paper-date");
    dateInput.addEventListener("input", function () {
      clearFieldError("calc-paper-date", "calc-paper-date-error");
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!validDate(dateInput.value)) {
        showFieldError("calc-paper-date", "calc-paper-date-error", text.dateInvalid);
        dateInput.focus();
        return;
      }
      var paper = state.editingPaper || {};
      var editing = Boolean(state.editingPaper);
      paper.date = dateInput.value;
      paper.peer_reviewed = form.elements.peer_reviewed.value === "yes";
      paper.first_author = form.elements.first_author.value === "yes";
      var title = byId("calc-paper-title").value.trim();
      if (title) {
        paper.title = title;
      } else {
        delete paper.title;
      }
      if (!editing) {
        state.record.papers.push(paper);
      }
      resetPaperForm();
      commit();
      announce(fillNodes(editing ? text.changed : text.added, { what: paperWhatNodes(paper) }));
      if (editing) {
        focusEntry("calc-papers", state.record.papers.indexOf(paper), "edit-paper");
      } else {
        dateInput.focus();
      }
    });
    byId("calc-paper-cancel").addEventListener("click", function () {
      var paper = state.editingPaper;
      resetPaperForm();
      renderPapers();
      focusEntry("calc-papers", state.record.papers.indexOf(paper), "edit-paper");
    });
    byId("calc-papers").addEventListener("click", function (event) {
      var target = event.target.closest("button[data-action]");
      if (!target) {
        return;
      }
      var index = Number(target.dataset.index);
      var paper = state.record.papers[index];
      if (!paper) {
        return;
      }
      if (target.dataset.action === "edit-paper") {
        resetPaperForm();
        state.editingPaper = paper;
        dateInput.value = paper.date;
        form.elements.peer_reviewed.value = paper.peer_reviewed ? "yes" : "no";
        form.elements.first_author.value = paper.first_author ? "yes" : "no";
        byId("calc-paper-title").value = paper.title || "";
        byId("calc-paper-submit").textContent = text.savePaper;
        byId("calc-paper-cancel").hidden = false;
        renderPapers();
        dateInput.focus();
      } else if (target.dataset.action === "remove-paper") {
        var what = paperWhatNodes(paper);
        if (state.editingPaper === paper) {
          resetPaperForm();
        }
        state.record.papers.splice(index, 1);
        commit();
        announce(fillNodes(text.removed, { what: what }));
        focusAfterRemoval("calc-papers", index, "calc-papers-heading");
      }
    });
  }

  // ---- Export, import, print, clear. ---------------------------------------

  function exportRecord() {
    if (!validDate(state.record.period_start)) {
      setStatus(text.exportNeedStart);
      byId("calc-start").focus();
      return;
    }
    var name = "tanni-record-" + today() + ".json";
    var blob = new Blob([recordJson(state.record, true)], { type: "application/json" });
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
    setStatus(fill(text.exported, { file: name }));
  }

  // The file's text goes through the engine first: a record it refuses
  // changes nothing here, and the message names the field.
  function importText(raw) {
    var source = String(raw).replace(/^\uFEFF/, "");
    var result = engine.evaluate(source);
    if (!result.ok) {
      var problem = result.value;
      showAlert(problem.field
        ? fill(text.importError, { field: describeField(problem.field), message: problem.message })
        : fill(text.importErrorWhole, { message: problem.message }));
      setStatus("");
      return false;
    }
    var incoming = normalize(JSON.parse(source));
    var same = recordJson(incoming, false) === recordJson(state.record, false);
    if (!same && !isEmpty(state.record) && !window.confirm(text.importConfirm)) {
      return false;
    }
    clearAlert();
    state.record = incoming;
    state.editingAttendance = null;
    resetPaperForm();
    syncPeriodFields();
    commit();
    setStatus(fill(text.imported, { meetings: incoming.attendances.length, papers: incoming.papers.length }));
    return true;
  }

  function setUpRecordTools() {
    var file = byId("calc-import-file");
    byId("calc-export").addEventListener("click", exportRecord);
    byId("calc-import").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () {
      var chosen = file.files && file.files[0];
      if (!chosen) {
        return;
      }
      chosen.text().then(function (raw) {
        file.value = "";
        importText(raw);
      }, function (error) {
        file.value = "";
        showAlert(fill(text.importErrorWhole, { message: String(error) }));
      });
    });
    byId("calc-print").addEventListener("click", function () { window.print(); });
    byId("calc-clear").addEventListener("click", function () {
      if (!window.confirm(text.clearConfirm)) {
        return;
      }
      state.record = emptyRecord();
      state.editingAttendance = null;
      resetPaperForm();
      syncPeriodFields();
      clearAlert();
      commit();
      setStatus(text.cleared);
      byId("calc-start").focus();
    });
  }

  // ---- Start. --------------------------------------------------------------

  function start(parts) {
    rules = JSON.parse(parts[1]);
    JSON.parse(parts[2]).meetings.forEach(function (meeting) {
      catalog[meeting.id] = meeting;
    });
    values = {
      years: rules.period_years,
      extra: rules.postponement_years,
      all_years: rules.period_years + rules.postponement_years,
      total: rules.total_credits,
      designated: rules.designated_credits,
      main: rules.main_meeting_attendances,
      cap_year: rules.papers.cap_per_year,
      cap_period: rules.papers.cap_per_period,
      pr_first: rules.papers.peer_reviewed_first_author,
      pr_other: rules.papers.peer_reviewed_other_author,
      npr_first: rules.papers.not_peer_reviewed_first_author,
      npr_other: rules.papers.not_peer_reviewed_other_author
    };
    root.querySelectorAll("[data-fill]").forEach(function (node) {
      node.textContent = fill(node.dataset.fill, values);
    });
    state.asOf = evaluationDay();
    root.dataset.asOf = state.asOf;
    setUpPeriod();
    setUpMeetings();
    setUpPapers();
    setUpRecordTools();
    state.record = restore();
    syncPeriodFields();
    render();
    loadingNote.hidden = true;
    byId("calc-app").hidden = false;
    root.dataset.state = "ready";

    var add = new URLSearchParams(window.location.search).get("add");
    if (add) {
      if (Object.prototype.hasOwnProperty.call(catalog, add)) {
        choose(add, true);
      } else {
        showFieldError("calc-meeting", "calc-meeting-error", fill(text.meetingNotInCatalog, { id: add }));
        input.focus();
      }
    }
  }

  Promise.all([
    window.tanni.engine(text.root),
    window.tanni.fetchOk(text.root + "data/rules.json").then(function (r) { return r.text(); }),
    window.tanni.fetchOk(text.root + "data/catalog.json").then(function (r) { return r.text(); })
  ]).then(function (parts) {
    engine = parts[0];
    if (engine.call("credits_load", [parts[1], parts[2]]) !== 1) {
      throw new Error(engine.output());
    }
    start(parts);
  }).catch(function (error) {
    loadingNote.textContent = text.loadError;
    root.dataset.state = "error";
    if (window.console) {
      window.console.warn(error);
    }
  });
}());
