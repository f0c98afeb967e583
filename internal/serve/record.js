// sprintkit serve: the recording controls. Injected, with the data before
// it (script#sprintkit-record, JSON), into the pages that show a sprint's
// outcome or states, as they are served; never into the built site.
//
// On a page opened on the machine that runs the server (data.control):
// - the sprint page and the session view get a button and the key r that
//   open a form for the outcome: verdict, lesson, evidence after, and the
//   action (what, owner, due, effort, state), filled from the plan;
// - each action's state (data-sprintkit-action) and each change's state
//   on a study's map (data-sprintkit-change) becomes a control.
// Each save posts to data.url with the hash of the bytes the page was
// built from; the server writes the file, the build follows, and every
// open page shows the result. The last save can be undone from the page
// that made it. Pages opened from the network get a line saying that the
// facilitator's machine records, and no controls.
(function () {
  "use strict";
  var holder = document.getElementById("sprintkit-record");
  if (!holder) return;
  var data;
  try {
    data = JSON.parse(holder.textContent);
  } catch (err) {
    return;
  }
  var L = data.labels || {};
  var UNDO = "sprintkit-undo";

  function t(key, vars) {
    var s = L[key] || key;
    for (var k in vars || {}) s = s.split("{" + k + "}").join(vars[k]);
    return s;
  }
  function make(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  if (!data.control) {
    follower();
    return;
  }

  // ---- The files the page's controls write, with the hash of each.
  var hashes = {};
  function learn(d) {
    var k;
    if (d.record) hashes[d.record.path] = d.record.hash;
    for (k in d.actions || {}) hashes[d.actions[k].path] = d.actions[k].hash;
    for (k in d.changes || {}) hashes[d.changes[k].path] = d.changes[k].hash;
  }
  learn(data);
  // A part swapped in place (the session view) brings the hashes of the
  // new build.
  document.addEventListener("sprintkit:swapped", function () {
    try {
      var d = JSON.parse(document.getElementById("sprintkit-record").textContent);
      learn(d);
      data.record = d.record || data.record;
    } catch (err) {}
  });

  // ---- The line that says what happened, with the undo.
  var bar = make("div", { "class": "sk-bar", role: "status", "aria-live": "polite" });
  var barText = make("span");
  var undoButton = make("button", { type: "button", "class": "sk-undo" }, t("undo"));
  undoButton.hidden = true;
  bar.appendChild(barText);
  bar.appendChild(undoButton);
  bar.hidden = true;
  document.body.appendChild(bar);
  function say(text, undoable) {
    barText.textContent = text;
    undoButton.hidden = !undoable;
    bar.hidden = false;
  }

  function post(body) {
    return fetch(data.url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (a) { return { code: r.status, answer: a }; });
    });
  }

  // save writes set into path; done(ok, problems) says how it went.
  function save(path, set, done) {
    post({ path: path, hash: hashes[path], set: set }).then(function (res) {
      var a = res.answer || {};
      if (res.code === 200) {
        hashes[path] = a.hash;
        remember({ path: path, hash: a.hash, undo: a.undo });
        say(t("saved", { file: path }), true);
        done(true);
      } else if (res.code === 409) {
        say(t("conflict"), false);
        done(false, [t("conflict")]);
        setTimeout(function () { location.reload(); }, 4000);
      } else {
        var probs = a.problems || [String(res.code)];
        say(t("failed") + " " + probs.join(" "), false);
        done(false, probs);
      }
    }, function (err) {
      say(t("failed") + " " + err, false);
      done(false, [String(err)]);
    });
  }

  // The last save can be undone, also after the page reloaded with its
  // result, as long as the file is still what that save wrote.
  function remember(u) {
    try { sessionStorage.setItem(UNDO, JSON.stringify(u)); } catch (err) {}
  }
  function remembered() {
    try { return JSON.parse(sessionStorage.getItem(UNDO) || "null"); } catch (err) { return null; }
  }
  undoButton.addEventListener("click", function () {
    var u = remembered();
    if (!u) return;
    undoButton.disabled = true;
    post({ path: u.path, hash: u.hash, undo: u.undo }).then(function (res) {
      undoButton.disabled = false;
      if (res.code === 200) {
        hashes[u.path] = res.answer.hash;
        try { sessionStorage.removeItem(UNDO); } catch (err) {}
        say(t("undone"), false);
      } else {
        say(t("failed") + " " + ((res.answer && res.answer.problems) || [res.code]).join(" "), false);
      }
    });
  });
  (function () {
    var u = remembered();
    if (u && hashes[u.path] === u.hash) say(t("saved", { file: u.path }), true);
  })();

  // ---- State controls.
  function stateControl(el, item, key, labelKey) {
    var sel = make("select", { "class": "sk-state", "aria-label": t(labelKey) });
    (data.states || []).forEach(function (s) {
      var o = make("option", { value: s }, data.names["state." + s] || s);
      if (s === item.state) o.selected = true;
      sel.appendChild(o);
    });
    sel.addEventListener("change", function () {
      var v = sel.value, set = {};
      set[key] = v;
      sel.disabled = true;
      save(item.path, set, function (ok) {
        sel.disabled = false;
        if (ok) item.state = v;
        else sel.value = item.state;
      });
    });
    // The control shows the state; an overdue mark stays beside it.
    if (!el.classList.contains("overdue")) el.hidden = true;
    el.parentNode.insertBefore(sel, el.nextSibling);
  }
  var i, marks = document.querySelectorAll("[data-sprintkit-action]");
  for (i = 0; i < marks.length; i++) {
    var a = data.actions && data.actions[marks[i].getAttribute("data-sprintkit-action")];
    if (a) stateControl(marks[i], a, "action.status", "actionState");
  }
  marks = document.querySelectorAll("[data-sprintkit-change]");
  for (i = 0; i < marks.length; i++) {
    var c = data.changes && data.changes[marks[i].getAttribute("data-sprintkit-change")];
    if (c) stateControl(marks[i], c, c.key + ".status", "changeState");
  }

  // ---- The form for the outcome.
  if (!data.record) return;
  var rec = data.record;
  var dialog = make("dialog", { "class": "sk-record", id: "sk-record", "aria-labelledby": "sk-record-title" });
  var form = make("form", { method: "dialog", novalidate: "" });
  form.appendChild(make("h2", { id: "sk-record-title" }, t("title")));
  var fields = {};
  function field(key, labelKey, control) {
    var id = "sk-" + key.replace(/\./g, "-");
    control.id = id;
    control.name = key;
    var p = make("p", { "class": "sk-field sk-" + key.replace(/\./g, "-") });
    p.appendChild(make("label", { "for": id }, t(labelKey)));
    p.appendChild(control);
    form.appendChild(p);
    fields[key] = control;
  }
  function choice(values, group, none) {
    var sel = make("select");
    if (none) sel.appendChild(make("option", { value: "" }, t(none)));
    values.forEach(function (v) {
      sel.appendChild(make("option", { value: v }, data.names[group + "." + v] || v));
    });
    return sel;
  }
  field("result.verdict", "verdict", choice(data.verdicts, "verdict", "noVerdict"));
  field("result.learned", "learned", make("textarea", { rows: "3" }));
  field("result.evidence", "evidence", choice(data.evidences, "evidence", "noEvidence"));
  var action = make("fieldset", { "class": "sk-action" });
  action.appendChild(make("legend", {}, data.names.action || ""));
  form.appendChild(action);
  var formEnd = form;
  form = action;
  field("action.do", "do", make("textarea", { rows: "3" }));
  field("action.owner", "owner", make("input", { type: "text", autocomplete: "off" }));
  field("action.due", "due", make("input", { type: "date" }));
  field("action.energy", "energy", choice(data.energies, "effort"));
  field("action.status", "state", choice(data.states, "state"));
  form = formEnd;
  var problems = make("div", { "class": "sk-problems", role: "alert" });
  form.appendChild(problems);
  var buttons = make("p", { "class": "sk-buttons" });
  var saveButton = make("button", { type: "submit", value: "save", "class": "primary" }, t("save"));
  var closeButton = make("button", { type: "button", value: "close" }, t("close"));
  buttons.appendChild(saveButton);
  buttons.appendChild(closeButton);
  form.appendChild(buttons);
  dialog.appendChild(form);
  document.body.appendChild(dialog);

  function fill() {
    for (var k in fields) fields[k].value = rec.values[k] || "";
  }
  function open() {
    fill();
    problems.textContent = "";
    if (dialog.showModal) dialog.showModal();
    else dialog.setAttribute("open", "");
    fields["result.verdict"].focus();
  }
  function close() {
    if (dialog.close) dialog.close();
    else dialog.removeAttribute("open");
  }
  closeButton.addEventListener("click", close);
  // The session view's keys (space, Esc, n, p …) are not for the form.
  dialog.addEventListener("keydown", function (e) {
    e.stopPropagation();
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var set = {}, changed = false, k;
    for (k in fields) {
      var v = fields[k].value;
      if (fields[k].tagName !== "SELECT") v = v.replace(/\r\n?/g, "\n").trim();
      if (v !== (rec.values[k] || "")) {
        set[k] = v;
        changed = true;
      }
    }
    if (!changed) {
      close();
      return;
    }
    if (fields["result.verdict"].value && !fields["result.learned"].value.trim()) {
      problems.textContent = t("needLesson");
      fields["result.learned"].focus();
      return;
    }
    saveButton.disabled = true;
    problems.textContent = t("saving");
    save(rec.path, set, function (ok, probs) {
      saveButton.disabled = false;
      if (ok) {
        for (k in set) rec.values[k] = set[k];
        problems.textContent = "";
        close();
        opener.focus();
      } else {
        problems.textContent = "";
        (probs || []).forEach(function (p) { problems.appendChild(make("p", {}, p)); });
      }
    });
  });

  // The button that opens it: in the session view's controls, or in the
  // sprint page's part for what was learned.
  var opener = make("button", { type: "button", "class": "sk-open", "aria-haspopup": "dialog", "aria-keyshortcuts": "r" }, t("open"));
  opener.addEventListener("click", open);
  var controls = document.querySelector("#timer .controls");
  var place = document.querySelector("[data-sprintkit-record]") || document.querySelector(".step.learned");
  if (controls) {
    controls.insertBefore(opener, document.getElementById("help"));
  } else if (place) {
    var p = make("p", { "class": "sk-open-line noprint" });
    p.appendChild(opener);
    place.appendChild(p);
  } else {
    document.body.insertBefore(opener, bar);
  }
  // The key r, listed with the session view's other keys: once the
  // page's scripts have run, as session-labels.js puts the keys' help in
  // the page.
  function listKey() {
    var keys = document.querySelector("#keys-dialog dl");
    if (keys) {
      var dt = make("dt");
      dt.appendChild(make("kbd", {}, "r"));
      keys.appendChild(dt);
      keys.appendChild(make("dd", {}, t("key")));
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", listKey);
  } else {
    listKey();
  }
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || e.key !== "r" && e.key !== "R") return;
    var tg = e.target;
    if (tg && (tg.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(tg.tagName))) return;
    if (document.querySelector("dialog[open]")) return;
    e.preventDefault();
    open();
  });

  // ---- A page from the network: no controls, and a line that says so.
  function follower() {
    var line = make("p", { "class": "sk-follower" }, t("follower"));
    var at = document.querySelector("#timer .following") || document.querySelector("[data-sprintkit-record]") ||
      document.querySelector(".step.learned") || document.querySelector("[data-sprintkit-action], [data-sprintkit-change]");
    if (!at) return;
    if (at.matches && at.matches("[data-sprintkit-action], [data-sprintkit-change]")) {
      var block = at.closest("table, ul, ol, section") || at;
      block.parentNode.insertBefore(line, block);
    } else if (at.classList.contains("following")) {
      at.parentNode.insertBefore(line, at.nextSibling);
    } else {
      at.appendChild(line);
    }
  }
})();
