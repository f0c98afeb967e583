// sprintkit session timer: runs the agenda of one sprint on a projector.
//
// All of the timer is one state object (the current block, the time spent
// in each block before the current run, when the current run started, the
// minutes added to or taken from each block, whether the session has
// ended) and one function, render, that draws the page from it and the
// clock. Changes go through a store: this one keeps the state in
// localStorage under the sprint's id, as timestamps, never as a ticking
// counter, so a reload (also a live reload while the plan is edited)
// neither resets nor drifts the timer.
//
// Under sprintkit serve the dev server holds the state instead, one for
// every page of the session (the projector's, each laptop's): its live
// script hands this page each state as a "sprintkit:timer" event, and a
// page that controls the timer posts each change back. Times are then the
// server's: now() adds the difference between the two clocks.
//
// Every reading of the clock goes through now(). Plain script, no modules;
// it fetches only under the dev server: it works offline and from file://.
(function () {
  "use strict";

  var root = document.getElementById("session");
  var timer = document.getElementById("timer");
  if (!root || !timer) {
    return;
  }
  var items = Array.prototype.slice.call(document.querySelectorAll("#blocks > li"));
  if (items.length === 0) {
    return;
  }
  var last = items.length - 1;
  var minutes = items.map(function (li) {
    return Math.max(0, parseInt(li.getAttribute("data-minutes"), 10) || 0);
  });
  var planned = (parseInt(root.getAttribute("data-duration"), 10) || 0) * 60000;
  if (planned <= 0) {
    planned = minutes.reduce(function (a, b) { return a + b; }, 0) * 60000;
  }
  // The sprint's id; data-sprint is what a site's own session.html from
  // before the shared timer says.
  var id = root.getAttribute("data-sprintkit-timer") || root.getAttribute("data-sprint") || location.pathname;

  function label(name) {
    return root.getAttribute("data-label-" + name) || "";
  }
  // counted fills a text with a number, in the form the number takes
  // (Swedish and English: one for 1, other for the rest).
  function counted(name, n) {
    return fill(label(name + "-" + (n === 1 ? "one" : "other")), { n: n });
  }
  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }
  function el(name) {
    return document.getElementById(name);
  }
  function setText(node, text) {
    if (node.textContent !== text) {
      node.textContent = text;
    }
  }
  function storage(kind) {
    try {
      return window[kind];
    } catch (e) {
      return null;
    }
  }

  // now is the one reading of the clock: this machine's, or a test's
  // through window.sprintkitClock (a function that returns milliseconds),
  // moved to the shared timer's clock by offset.
  var offset = 0;
  function here() {
    return typeof window.sprintkitClock === "function" ? window.sprintkitClock() : Date.now();
  }
  function now() {
    return here() + offset;
  }

  // ---- The state and what follows from it.

  // state: block is the current block's index; spent the milliseconds
  // spent in each block before the current run; since the time the
  // current run started (null when paused); extra the minutes added to
  // (or, below zero, taken from) each block; ended that the session was
  // ended on its last block.
  function fresh() {
    return {
      block: 0,
      spent: minutes.map(function () { return 0; }),
      since: null,
      extra: minutes.map(function () { return 0; }),
      ended: false
    };
  }

  // clean makes a state read from storage (or, later, from a server) fit
  // this agenda, which may have changed since.
  function clean(s) {
    var out = fresh();
    if (!s || typeof s !== "object") {
      return out;
    }
    for (var i = 0; i < items.length; i++) {
      if (Array.isArray(s.spent)) {
        out.spent[i] = Math.max(0, Number(s.spent[i]) || 0);
      }
      if (Array.isArray(s.extra)) {
        out.extra[i] = Math.max(1 - minutes[i], Math.round(Number(s.extra[i]) || 0));
        if (minutes[i] === 0) {
          out.extra[i] = Math.max(0, out.extra[i]);
        }
      }
    }
    out.block = Math.min(Math.max(0, parseInt(s.block, 10) || 0), last);
    out.since = typeof s.since === "number" && isFinite(s.since) ? s.since : null;
    out.ended = s.ended === true && out.block === last;
    return out;
  }

  function running(s) {
    return s.since !== null;
  }
  function runPart(s, t) {
    return running(s) ? Math.max(0, t - s.since) : 0;
  }
  function spentIn(s, i, t) {
    return s.spent[i] + (i === s.block ? runPart(s, t) : 0);
  }
  function spentAll(s, t) {
    return s.spent.reduce(function (a, b) { return a + b; }, 0) + runPart(s, t);
  }
  // length is a block's time in milliseconds, with the minutes added.
  function length(s, i) {
    return (minutes[i] + s.extra[i]) * 60000;
  }
  function total(s) {
    return planned + s.extra.reduce(function (a, b) { return a + b; }, 0) * 60000;
  }
  function started(s) {
    return running(s) || s.block > 0 || s.spent.some(function (ms) { return ms > 0; });
  }
  // warnBefore is how long before a block's end the warning shows: two
  // minutes, or a fifth of a block shorter than ten minutes.
  function warnBefore(s, i) {
    var ms = length(s, i);
    return ms < 10 * 60000 ? ms / 5 : 2 * 60000;
  }

  // ---- The store: localStorage, with the timer working for as long as
  // the page is open where storage is missing or throws (file:// in some
  // browsers, private modes).
  var store = {
    key: "sprintkit.session." + id,
    load: function () {
      var local = storage("localStorage");
      try {
        var raw = local && local.getItem(this.key);
        return raw ? clean(JSON.parse(raw)) : null;
      } catch (e) {
        return null;
      }
    },
    save: function (s) {
      var local = storage("localStorage");
      try {
        if (local) {
          local.setItem(this.key, JSON.stringify(s));
        }
      } catch (e) {
        // See above.
      }
    }
  };

  var state = store.load() || fresh();

  // change applies a change made on this page: fn gets the state and the
  // time, and changes the state; the store keeps it, and the shared timer
  // gets it. A page that follows a shared timer changes nothing.
  function change(fn) {
    if (!controls()) {
      return;
    }
    var t = now();
    fn(state, t);
    store.save(state);
    if (shared) {
      post();
    }
    render();
  }

  // apply takes a state that changed elsewhere: another window of the
  // session, or a shared timer.
  function apply(s) {
    state = clean(s);
    render();
  }

  // fold ends the current run at t, adding its time to the current block.
  function fold(s, t) {
    if (running(s)) {
      s.spent[s.block] += runPart(s, t);
      s.since = t;
    }
  }

  // ---- The shared timer, under sprintkit serve. shared is null until
  // the server first sends the state: then {url, control, seq}, seq being
  // the change (counted by the server) that this page's state follows.
  //
  // A controlling page sends its changes one at a time, each saying which
  // change it follows, so that none overtakes another. While one is on its
  // way, the server's events wait (applied, they would undo what is not
  // sent yet); and when another page changed the timer first, the server
  // refuses the change and answers with the timer as it is, which this
  // page then shows.
  var shared = null;
  var sending = false;
  var more = false; // a change was made while one was on its way
  var waiting = null; // the newest event that came meanwhile
  function controls() {
    return !shared || shared.control;
  }
  function post() {
    if (sending) {
      more = true;
      return;
    }
    sending = true;
    more = false;
    window.fetch(shared.url + "&base=" + shared.seq, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(state),
      credentials: "same-origin"
    }).then(function (r) {
      return r.json().then(function (d) {
        if (r.status === 409) {
          more = false;
          waiting = newer(waiting, d);
          return;
        }
        if (!r.ok) {
          throw new Error(r.status);
        }
        shared.seq = d.seq;
      });
    }).catch(function () {
      more = false;
      announce(label("not-shared"));
    }).then(function () {
      sending = false;
      if (more) {
        post();
        return;
      }
      var d = waiting;
      waiting = null;
      if (d && d.seq >= shared.seq) {
        take(d);
      }
    });
  }
  function newer(a, b) {
    return !a || b.seq >= a.seq ? b : a;
  }
  // take shows the timer as the server sent it.
  function take(d) {
    var first = !shared;
    shared = { url: d.url || shared.url, control: d.control === true, seq: d.seq || 0 };
    root.classList.add("is-shared");
    if (d.state) {
      apply(d.state);
      if (shared.control) {
        store.save(state);
      }
    } else if (shared.control && started(state)) {
      // The server has none: it started again. This page gives back the
      // state it holds.
      post();
      render();
    } else if (first && !shared.control) {
      // No page has run the timer yet: not what this browser kept of an
      // earlier visit.
      apply(fresh());
    } else {
      // After the server started again, a follower keeps what it showed
      // until a controlling page gives the server a state again.
      render();
    }
    drawChime();
  }
  document.addEventListener("sprintkit:timer", function (e) {
    var d = e.detail || {};
    if (typeof d.now === "number" && isFinite(d.now)) {
      offset = d.now - here();
    }
    if (sending) {
      waiting = newer(waiting, d);
      return;
    }
    take(d);
  });

  // ---- Drawing.

  var blockName = el("block-name");
  var nextName = el("next-name");
  var blockLeft = el("block-left");
  var sessionLeft = el("session-left");
  var blockCue = el("block-cue");
  var sessionCue = el("session-cue");
  var toggleButton = el("toggle");
  var prevButton = el("prev");
  var nextButton = el("next");
  var lessButton = el("less");
  var moreButton = el("more");
  var chimeButton = el("chime");
  var presentButton = el("present");
  var resetButton = el("reset");
  var helpButton = el("help");
  var stateLine = el("state");
  var agendaTotal = el("agenda-total");
  var record = el("record");
  var recordRows = el("record-rows");
  var dialog = el("keys-dialog");

  // clock writes a time left as m:ss, rounding up, and time over as +m:ss.
  function clock(ms) {
    var over = ms < 0;
    var s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
    var m = Math.floor(s / 60);
    var rest = s % 60;
    return (over ? "+" : "") + m + ":" + (rest < 10 ? "0" : "") + rest;
  }
  function overBy(ms) {
    return counted("over-by", Math.max(1, Math.ceil(-ms / 60000)));
  }
  function nameOf(i) {
    var span = items[i].querySelector(".block");
    return span ? span.textContent : "";
  }

  // Announcements go to a polite status line, only when something happens:
  // start, pause, another block, a block running over; never every second.
  var announcedOver = {};
  function announce(text) {
    setText(stateLine, text);
  }
  function blockText() {
    return fill(label("block"), { n: state.block + 1, total: items.length, block: nameOf(state.block) });
  }

  function showCue(node, text, kind) {
    node.hidden = !text;
    setText(node, text);
    node.className = "cue" + (kind ? " " + kind : "");
  }

  // before is what the last render saw of the current block, to notice
  // the moment it runs out (and not a block that had run out before a
  // reload).
  var before = null;

  function render() {
    var s = state;
    var t = now();
    var left = length(s, s.block) - spentIn(s, s.block, t);
    var all = total(s) - spentAll(s, t);
    var soon = left > 0 && left <= warnBefore(s, s.block);

    setText(blockName, nameOf(s.block));
    setText(nextName, s.block < last ? nameOf(s.block + 1) : label("last"));
    setText(blockLeft, clock(left));
    setText(sessionLeft, clock(all));
    showCue(blockCue, left < 0 ? overBy(left) : soon ? label("soon") : "", left < 0 ? "over" : soon ? "soon" : "");
    showCue(sessionCue, all < 0 ? overBy(all) : "", all < 0 ? "over" : "");
    timer.classList.toggle("is-soon", soon);
    timer.classList.toggle("is-over", left < 0);
    timer.classList.toggle("is-session-over", all < 0);
    timer.classList.toggle("is-running", running(s));
    document.documentElement.classList.toggle("session-over", all < 0);
    root.classList.toggle("is-following", !controls());

    items.forEach(function (li, i) {
      var current = i === s.block;
      li.classList.toggle("current", current);
      li.classList.toggle("past", i < s.block || s.ended);
      li.classList.toggle("soon", current && soon);
      li.classList.toggle("over", current && left < 0);
      if (current) {
        li.setAttribute("aria-current", "step");
      } else {
        li.removeAttribute("aria-current");
      }
      var n = minutes[i] + s.extra[i];
      var text = counted("minutes", n) + (s.extra[i] ? " (" + (s.extra[i] > 0 ? "+" : "−") + Math.abs(s.extra[i]) + ")" : "");
      setText(li.querySelector(".minutes"), text);
      li.classList.toggle("changed", s.extra[i] !== 0);
    });
    setText(agendaTotal, counted("total", Math.round(total(s) / 60000)));

    var text = running(s) ? label("pause") : started(s) ? label("resume") : label("start");
    setText(toggleButton, text);
    toggleButton.disabled = s.ended;
    prevButton.disabled = s.block === 0;
    nextButton.disabled = s.ended;
    setText(nextButton, s.block === last ? label("finish") : label("next"));
    lessButton.disabled = s.ended || minutes[s.block] + s.extra[s.block] <= 1;
    moreButton.disabled = s.ended;
    if (!controls()) {
      [toggleButton, prevButton, nextButton, lessButton, moreButton, resetButton].forEach(function (b) {
        b.disabled = true;
      });
    }

    if (left < 0 && !announcedOver[s.block]) {
      announcedOver[s.block] = true;
      announce(label("over") + ": " + nameOf(s.block));
    }
    if (before && before.block === s.block && before.left > 0 && left <= 0 && running(s)) {
      chime();
    }
    before = { block: s.block, left: left };

    var done = s.ended || (s.block === last && left <= 0);
    if (done) {
      drawRecord(s, t);
    }
    record.hidden = !done;
    root.classList.toggle("is-done", done);
    wake(running(s) && !s.ended);
  }

  // ---- The record: planned and actual minutes of each block.

  function rows(s, t) {
    var out = items.map(function (li, i) {
      return [nameOf(i), minutes[i], Math.round(spentIn(s, i, t) / 60000)];
    });
    out.push([label("total"), Math.round(planned / 60000), Math.round(spentAll(s, t) / 60000)]);
    return out;
  }
  var drawn = "";
  function drawRecord(s, t) {
    var out = rows(s, t).map(function (r, i) {
      var tag = i === items.length ? "th" : "td";
      return "<tr" + (i === items.length ? ' class="sum"' : "") + "><" + tag + (tag === "th" ? ' scope="row"' : "") + ">" + html(r[0]) + "</" + tag + '><td class="num">' + r[1] + '</td><td class="num">' + r[2] + "</td></tr>";
    }).join("");
    if (drawn !== out) {
      drawn = out;
      recordRows.innerHTML = out;
    }
  }
  function html(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }
  // markdown writes the record as a Markdown table for the notes.
  function markdown() {
    var cell = function (v) { return String(v).replace(/\|/g, "\\|"); };
    var lines = ["| " + [label("block-head"), label("planned"), label("actual")].map(cell).join(" | ") + " |", "| --- | ---: | ---: |"];
    rows(state, now()).forEach(function (r) {
      lines.push("| " + r.map(cell).join(" | ") + " |");
    });
    return lines.join("\n") + "\n";
  }
  function copy() {
    var text = markdown();
    var said = el("copy-state");
    var byHand = function () {
      var area = el("record-md");
      area.value = text;
      el("by-hand").hidden = false;
      area.focus();
      area.select();
      setText(said, label("copy-hand"));
    };
    if (!navigator.clipboard || !navigator.clipboard.writeText) {
      byHand();
      return;
    }
    navigator.clipboard.writeText(text).then(function () {
      setText(said, label("copied"));
    }, byHand);
  }

  // ---- The chime: a short falling pair of tones made in the page, off
  // with m, the choice kept in localStorage for every session.
  // Pages that follow a shared timer are quiet until told otherwise: one
  // chime in the room is enough.
  var chimeKey = "sprintkit.chime";
  var audio = null;
  function chimeOn() {
    var local = storage("localStorage");
    try {
      var v = local && local.getItem(chimeKey);
      return v ? v !== "off" : controls();
    } catch (e) {
      return controls();
    }
  }
  function audioContext() {
    var Ctx = window.AudioContext || window.webkitAudioContext;
    if (!audio && Ctx) {
      try {
        audio = new Ctx();
      } catch (e) {
        audio = null;
      }
    }
    return audio;
  }
  function chime() {
    if (!chimeOn()) {
      return;
    }
    var ctx = audioContext();
    if (!ctx) {
      return;
    }
    try {
      if (ctx.state === "suspended" && ctx.resume) {
        ctx.resume();
      }
      [880, 660].forEach(function (hz, i) {
        var at = ctx.currentTime + i * 0.35;
        var tone = ctx.createOscillator();
        var gain = ctx.createGain();
        tone.type = "sine";
        tone.frequency.setValueAtTime(hz, at);
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.4, at + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.6);
        tone.connect(gain);
        gain.connect(ctx.destination);
        tone.start(at);
        tone.stop(at + 0.65);
      });
    } catch (e) {
      // No sound is better than a broken timer.
    }
  }
  function drawChime() {
    chimeButton.setAttribute("aria-pressed", chimeOn() ? "true" : "false");
  }
  function toggleChime() {
    var on = !chimeOn();
    var local = storage("localStorage");
    try {
      if (local) {
        local.setItem(chimeKey, on ? "on" : "off");
      }
    } catch (e) {
      // The choice then lasts as long as the page: not at all. Say so below.
    }
    drawChime();
    announce(on ? label("chime-on") : label("chime-off"));
    if (on) {
      // A click is the moment a browser lets a page make sound.
      audioContext();
    }
  }

  // ---- Wake Lock: the screen stays on while the timer runs, where the
  // browser allows it; nothing is said when it does not.
  // refused stops asking again until the timer pauses or the page is
  // shown again.
  var lock = null;
  var locking = false;
  var refused = false;
  function wake(want) {
    if (!want) {
      refused = false;
      if (lock) {
        var l = lock;
        lock = null;
        l.release().catch(function () {});
      }
      return;
    }
    if (lock || locking || refused || !navigator.wakeLock || document.visibilityState !== "visible") {
      return;
    }
    locking = true;
    navigator.wakeLock.request("screen").then(function (l) {
      locking = false;
      lock = l;
      l.addEventListener("release", function () {
        if (lock === l) {
          lock = null;
        }
      });
    }, function () {
      locking = false;
      refused = true;
    });
  }
  document.addEventListener("visibilitychange", function () {
    refused = false;
    render();
  });

  // ---- The presentation view: the page without the site's chrome, in
  // full screen where the browser allows it. It lasts over a reload of the
  // same tab (a live reload while the plan is edited).
  var presentKey = "sprintkit.present";
  // keep notes in the tab's sessionStorage that a view (key) is on for
  // this sprint, so that it lasts over a reload.
  function keep(key, on) {
    var session = storage("sessionStorage");
    try {
      if (session) {
        if (on) {
          session.setItem(key, id);
        } else {
          session.removeItem(key);
        }
      }
    } catch (e) {
      // It then lasts until the page is reloaded.
    }
  }
  function presenting() {
    return document.documentElement.classList.contains("presenting");
  }
  function present(on) {
    document.documentElement.classList.toggle("presenting", on);
    setText(presentButton, on ? label("leave") : label("present"));
    keep(presentKey, on);
    var d = document;
    if (on && !d.fullscreenElement && d.documentElement.requestFullscreen) {
      try {
        d.documentElement.requestFullscreen().catch(function () {
          // Refused (no user gesture, or not allowed): the view works in the window.
        });
      } catch (e) {
        // Old browsers throw rather than reject.
      }
    }
    if (!on && d.fullscreenElement && d.exitFullscreen) {
      d.exitFullscreen().catch(function () {});
    }
    if (notesShown()) {
      // The notes' box changed its size: their end again in view.
      toEnd();
    }
  }
  document.addEventListener("fullscreenchange", function () {
    // Escape in full screen is the browser's: it leaves full screen, and
    // with it the presentation view that entered it.
    if (!document.fullscreenElement && presenting()) {
      present(false);
    }
  });

  // ---- The notes beside the timer: on and off with w, kept over a
  // reload of the tab like the presentation view. Under sprintkit serve
  // the live script swaps in the notes as they are saved, without a
  // reload; the newest lines are at the end, so that is where they scroll.
  var notesKey = "sprintkit.notes";
  var notesButton = el("notes");
  var notesText = el("notes-text");
  function notes(on) {
    document.documentElement.classList.toggle("with-notes", on);
    notesButton.setAttribute("aria-pressed", on ? "true" : "false");
    keep(notesKey, on);
    if (on) {
      toEnd();
    }
  }
  function notesShown() {
    return document.documentElement.classList.contains("with-notes");
  }
  function toggleNotes() {
    notes(!notesShown());
    announce(notesShown() ? label("notes-on") : label("notes-off"));
  }
  function toEnd() {
    notesText.scrollTop = notesText.scrollHeight;
  }
  document.addEventListener("sprintkit:swapped", toEnd);
  // An image that loads after that makes the notes longer.
  notesText.addEventListener("load", toEnd, true);

  // In the presentation view the buttons show while the mouse moves, and
  // for three seconds after (session.css).
  var still = 0;
  function pointerMoved() {
    document.documentElement.classList.add("pointer-moved");
    window.clearTimeout(still);
    still = window.setTimeout(function () {
      document.documentElement.classList.remove("pointer-moved");
    }, 3000);
  }
  document.addEventListener("mousemove", pointerMoved);
  document.addEventListener("pointerdown", pointerMoved);

  // ---- Actions, by buttons and keys.

  function toggle() {
    if (state.ended || !controls()) {
      return;
    }
    audioContext();
    change(function (s, t) {
      if (running(s)) {
        fold(s, t);
        s.since = null;
      } else {
        s.since = t;
      }
    });
    announce((running(state) ? label("running") : label("paused")) + ". " + blockText());
  }

  function go(delta) {
    var to = state.block + delta;
    if (to < 0 || state.ended && delta > 0 || !controls()) {
      return;
    }
    if (to > last) {
      // Past the last block the session ends: the timer stops and the
      // record shows.
      change(function (s, t) {
        fold(s, t);
        s.since = null;
        s.ended = true;
      });
      announce(label("ended"));
      return;
    }
    change(function (s, t) {
      fold(s, t);
      s.block = to;
      s.ended = false;
    });
    announce(blockText());
  }

  function add(n) {
    if (state.ended || !controls()) {
      return;
    }
    change(function (s) {
      var i = s.block;
      if (minutes[i] + s.extra[i] + n >= 1) {
        s.extra[i] += n;
      }
    });
    if (length(state, state.block) - spentIn(state, state.block, now()) >= 0) {
      announcedOver[state.block] = false;
    }
  }

  function reset() {
    if (!controls()) {
      return;
    }
    var question = label("reset-confirm");
    if (question && !window.confirm(question)) {
      return;
    }
    announcedOver = {};
    change(function (s) {
      var f = fresh();
      Object.keys(f).forEach(function (k) { s[k] = f[k]; });
    });
    announce(blockText());
  }

  function help() {
    if (dialog.open) {
      return;
    }
    if (dialog.showModal) {
      dialog.showModal();
    } else {
      dialog.setAttribute("open", "");
    }
  }

  toggleButton.addEventListener("click", toggle);
  prevButton.addEventListener("click", function () { go(-1); });
  nextButton.addEventListener("click", function () { go(1); });
  lessButton.addEventListener("click", function () { add(-1); });
  moreButton.addEventListener("click", function () { add(1); });
  chimeButton.addEventListener("click", toggleChime);
  presentButton.addEventListener("click", function () { present(!presenting()); });
  notesButton.addEventListener("click", toggleNotes);
  resetButton.addEventListener("click", reset);
  helpButton.addEventListener("click", help);
  el("copy").addEventListener("click", copy);
  if (!dialog.showModal) {
    el("keys-close").addEventListener("click", function (e) {
      e.preventDefault();
      dialog.removeAttribute("open");
    });
  }

  // Keys: not while typing in a field (such as the search box in the
  // header), nor while the keys' own dialog is open.
  function typing(target) {
    if (!target || !target.tagName) {
      return false;
    }
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }
  var keys = {
    "n": function () { go(1); },
    "p": function () { go(-1); },
    "+": function () { add(1); },
    "=": function () { add(1); },
    "-": function () { add(-1); },
    "f": function () { present(!presenting()); },
    "m": toggleChime,
    "w": toggleNotes,
    "?": help,
    "Escape": function () {
      if (presenting()) {
        present(false);
      }
    }
  };
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typing(e.target) || dialog.open) {
      return;
    }
    if (e.key === " " || e.key === "Spacebar") {
      // Space means start and pause here, also on a focused button.
      e.preventDefault();
      if (!e.repeat) {
        toggle();
      }
      return;
    }
    var k = e.key && e.key.length === 1 ? e.key.toLowerCase() : e.key;
    if (Object.prototype.hasOwnProperty.call(keys, k)) {
      if (k === "Escape" && !presenting()) {
        return;
      }
      e.preventDefault();
      keys[k]();
    }
  });
  // A focused button would click on space's keyup as well, and a page
  // scroll on its keypress where that comes on its own.
  function quietSpace(e) {
    if ((e.key === " " || e.key === "Spacebar") && !typing(e.target)) {
      e.preventDefault();
    }
  }
  document.addEventListener("keyup", quietSpace);
  document.addEventListener("keypress", quietSpace);

  // Another window of the same session (the facilitator's laptop beside
  // the projector) moves this one along.
  window.addEventListener("storage", function (e) {
    if (e.key === store.key && !shared) {
      apply(store.load());
    } else if (e.key === chimeKey) {
      drawChime();
    }
  });

  // Touch screens get the buttons and a line about them, not the keys.
  var coarse = window.matchMedia ? window.matchMedia("(pointer: coarse)") : null;
  function pointer() {
    root.classList.toggle("is-touch", !!(coarse && coarse.matches));
  }
  if (coarse && coarse.addEventListener) {
    coarse.addEventListener("change", pointer);
  }
  pointer();

  timer.hidden = false;
  drawChime();
  var session = storage("sessionStorage");
  try {
    if (session && session.getItem(presentKey) === id) {
      present(true);
    }
    if (session && session.getItem(notesKey) === id) {
      notes(true);
    }
  } catch (e) {
    // See present.
  }
  render();
  window.setInterval(render, 250);
})();
