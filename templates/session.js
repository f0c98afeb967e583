// sprintkit session timer: runs the agenda of one sprint on a projector.
//
// All of the timer is one state object (the current block, the time spent
// in each block before the current run, when the current run started, the
// minutes added to or taken from each block, whether the session has
// ended), and timer.js (window.sprintkitTimer) holds all that follows
// from it: update reads the timer there from the state and the clock,
// render draws that reading and nothing more, and react does what the
// reading calls for (says a block ran over, chimes, keeps the screen on).
// Changes go through a store: this one keeps the state in localStorage
// under the sprint's id, as timestamps, never as a ticking counter, so a
// reload (also a live reload while the plan is edited) neither resets nor
// drifts the timer.
//
// Under sprintkit serve the dev server holds the state instead, one for
// every page of the session (the projector's, each laptop's): its live
// script hands this page each state as a "sprintkit:timer" event, and a
// page that controls the timer posts each change back. Times are then the
// server's: now() adds the difference between the two clocks.
//
// Every reading of the clock goes through now(). Plain scripts, no modules;
// it fetches only under the dev server: it works offline and from file://.
//
// session.html loads timer.js before this script. A site's own
// session.html from before there was a timer.js loads this script alone,
// which then loads timer.js from beside itself.
(function (run) {
  "use strict";
  if (window.sprintkitTimer) {
    run();
    return;
  }
  var me = document.currentScript;
  var src = me && me.src ? me.src.replace(/session\.js([?#].*)?$/, "timer.js") : "";
  if (!src || src === me.src) {
    return;
  }
  var model = document.createElement("script");
  model.src = src;
  model.onload = run;
  document.head.appendChild(model);
})(function () {
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
  var T = window.sprintkitTimer;
  var plan = T.agenda(items.map(function (li) {
    return li.getAttribute("data-minutes");
  }), root.getAttribute("data-duration"));
  // The sprint's id; data-sprint is what a site's own session.html from
  // before the shared timer says.
  var id = root.getAttribute("data-sprintkit-timer") || root.getAttribute("data-sprint") || location.pathname;

  // The texts are #session's data-label-* attributes: session-labels.js,
  // which the build writes in the site's words, puts them there (a site's
  // own session.html from before carries them itself).
  function label(name) {
    return root.getAttribute("data-label-" + name) || "";
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

  // ---- The store: localStorage, with the timer working for as long as
  // the page is open where storage is missing or throws (file:// in some
  // browsers, private modes).
  var store = {
    key: "sprintkit.session." + id,
    load: function () {
      var local = storage("localStorage");
      try {
        var raw = local && local.getItem(this.key);
        return raw ? T.clean(plan, JSON.parse(raw)) : null;
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

  var state = store.load() || T.fresh(plan);

  // change applies a change made on this page: fn gets the state and the
  // time, and returns the state after the change (the same state for
  // none); the store keeps it, and the shared timer gets it. A page that
  // follows a shared timer changes nothing. It reports whether the state
  // changed.
  function change(fn) {
    if (!controls()) {
      return false;
    }
    var s = fn(state, now());
    if (s === state) {
      return false;
    }
    state = s;
    store.save(state);
    if (shared) {
      post();
    }
    update();
    return true;
  }

  // apply takes a state that changed elsewhere: another window of the
  // session, or a shared timer.
  function apply(s) {
    state = T.clean(plan, s);
    update();
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
    } else if (shared.control && T.started(state)) {
      // The server has none: it started again. This page gives back the
      // state it holds.
      post();
      update();
    } else if (first && !shared.control) {
      // No page has run the timer yet: not what this browser kept of an
      // earlier visit.
      apply(T.fresh(plan));
    } else {
      // After the server started again, a follower keeps what it showed
      // until a controlling page gives the server a state again.
      update();
    }
    drawChime();
  }
  function heard(d) {
    if (typeof d.now === "number" && isFinite(d.now)) {
      // Against the moment the event came, which for one kept from
      // before this script ran is some time ago.
      offset = d.now - (typeof d.heard === "number" && isFinite(d.heard) ? d.heard : here());
    }
    if (sending) {
      waiting = newer(waiting, d);
      return;
    }
    take(d);
  }
  document.addEventListener("sprintkit:timer", function (e) {
    heard(e.detail || {});
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

  function nameOf(i) {
    var span = items[i].querySelector(".block");
    return span ? span.textContent : "";
  }
  function names() {
    return items.map(function (li, i) { return nameOf(i); });
  }

  // Announcements go to a polite status line, only when something happens:
  // start, pause, another block, a block running over; never every second.
  // said holds the blocks whose running over was said.
  var said = {};
  function announce(text) {
    setText(stateLine, text);
  }
  function blockText() {
    return T.fill(label("block"), { n: state.block + 1, total: items.length, block: nameOf(state.block) });
  }

  function showCue(node, kind, ms) {
    var text = T.cue(label, kind, ms);
    node.hidden = !text;
    setText(node, text);
    node.className = "cue" + (kind ? " " + kind : "");
  }

  // before is the reading before this one, to notice the moment a block
  // runs out (and not a block that had run out before a reload).
  var before = null;

  // update reads the timer now, draws it and does what it calls for.
  function update() {
    var r = T.read(plan, state, now(), controls());
    render(r);
    react(r);
    before = r;
  }

  // render draws the reading r, and does nothing else.
  function render(r) {
    setText(blockName, nameOf(r.block));
    setText(nextName, r.next >= 0 ? nameOf(r.next) : label("last"));
    setText(blockLeft, T.clock(r.left));
    setText(sessionLeft, T.clock(r.all));
    showCue(blockCue, r.blockCue, r.left);
    showCue(sessionCue, r.sessionCue, r.all);
    timer.classList.toggle("is-soon", r.soon);
    timer.classList.toggle("is-over", r.over);
    timer.classList.toggle("is-session-over", r.sessionOver);
    timer.classList.toggle("is-running", r.running);
    document.documentElement.classList.toggle("session-over", r.sessionOver);
    root.classList.toggle("is-following", !controls());

    items.forEach(function (li, i) {
      var b = r.blocks[i];
      li.classList.toggle("current", b.current);
      li.classList.toggle("past", b.past);
      li.classList.toggle("soon", b.current && r.soon);
      li.classList.toggle("over", b.current && r.over);
      if (b.current) {
        li.setAttribute("aria-current", "step");
      } else {
        li.removeAttribute("aria-current");
      }
      setText(li.querySelector(".minutes"), T.minutesText(label, b));
      li.classList.toggle("changed", b.extra !== 0);
    });
    setText(agendaTotal, T.counted(label, "total", r.total));

    setText(toggleButton, label(r.toggle));
    setText(nextButton, r.finish ? label("finish") : label("next"));
    toggleButton.disabled = !r.can.toggle;
    prevButton.disabled = !r.can.prev;
    nextButton.disabled = !r.can.next;
    lessButton.disabled = !r.can.less;
    moreButton.disabled = !r.can.more;
    resetButton.disabled = !r.can.reset;

    if (r.done) {
      drawRecord();
    }
    record.hidden = !r.done;
    root.classList.toggle("is-done", r.done);
  }

  // react does what the reading r calls for: says that a block ran over,
  // chimes when it runs out, keeps the screen on while the timer runs.
  function react(r) {
    var news = T.news(before, r, said);
    if (news.over) {
      said[r.block] = true;
      announce(label("over") + ": " + nameOf(r.block));
    }
    if (news.chime) {
      chime();
    }
    wake(r.awake);
  }

  // ---- The record: planned and actual minutes of each block.

  function rows() {
    return T.rows(plan, state, now(), names(), label("total"));
  }
  var drawn = "";
  function drawRecord() {
    var out = rows().map(function (r, i) {
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
    return T.markdown([label("block-head"), label("planned"), label("actual")], rows());
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
    update();
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
      return T.toggle(s, t);
    });
    announce((T.running(state) ? label("running") : label("paused")) + ". " + blockText());
  }

  // go moves delta blocks; past the last block the session ends.
  function go(delta) {
    var end = state.block + delta > plan.last;
    var moved = change(function (s, t) {
      return T.go(plan, s, delta, t);
    });
    if (moved) {
      announce(end ? label("ended") : blockText());
    }
  }

  function add(n) {
    var added = change(function (s) {
      return T.add(plan, s, n);
    });
    if (added && !T.read(plan, state, now()).over) {
      // Should the block run over again, that is said again.
      said[state.block] = false;
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
    said = {};
    change(function () {
      return T.fresh(plan);
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
  update();
  window.setInterval(update, 250);
  if (window.sprintkitTimerHeard) {
    // The server's timer came before this script ran (it is deferred,
    // and a busy server may send its events first): the live script kept
    // the last of them.
    heard(window.sprintkitTimerHeard);
  }
});
