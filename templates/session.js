// sprintkit session timer: runs the agenda of one sprint on a projector.
//
// The state is kept in localStorage under the sprint's id as timestamps and
// the time already spent in each block, never as a ticking counter, so a
// reload (also a live reload while the plan is edited) neither resets nor
// drifts the timer. Every reading of the clock goes through now().
// Plain script, no modules and no fetch: it works offline and from file://.
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
  var minutes = items.map(function (li) {
    return Math.max(0, parseInt(li.getAttribute("data-minutes"), 10) || 0);
  });
  var total = (parseInt(root.getAttribute("data-duration"), 10) || 0) * 60000;
  if (total <= 0) {
    total = minutes.reduce(function (a, b) { return a + b; }, 0) * 60000;
  }
  var key = "sprintkit.session." + root.getAttribute("data-sprint");

  function label(name) {
    return root.getAttribute("data-label-" + name) || "";
  }
  function el(id) {
    return document.getElementById(id);
  }
  var blockLeft = el("block-left");
  var sessionLeft = el("session-left");
  var blockOver = el("block-over");
  var sessionOver = el("session-over");
  var toggleButton = el("toggle");
  var prevButton = el("prev");
  var nextButton = el("next");
  var resetButton = el("reset");
  var stateLine = el("state");

  function now() {
    return Date.now();
  }

  // state: block is the current block's index, spent the milliseconds
  // spent in each block before the current run, since the time the current
  // run started (null when paused).
  function fresh() {
    return { block: 0, spent: minutes.map(function () { return 0; }), since: null };
  }

  // Storage may be missing or throw (file:// in some browsers, private
  // modes): the timer then works for as long as the page is open.
  function load() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(key);
    } catch (e) {
      return null;
    }
    if (!raw) {
      return null;
    }
    try {
      var s = JSON.parse(raw);
      var out = fresh();
      if (s && Array.isArray(s.spent)) {
        for (var i = 0; i < out.spent.length && i < s.spent.length; i++) {
          out.spent[i] = Math.max(0, Number(s.spent[i]) || 0);
        }
      }
      // The agenda may have changed since: keep the place within it.
      out.block = Math.min(Math.max(0, parseInt(s.block, 10) || 0), items.length - 1);
      out.since = typeof s.since === "number" && isFinite(s.since) ? s.since : null;
      return out;
    } catch (e) {
      return null;
    }
  }

  function save() {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (e) {
      // See load.
    }
  }

  var state = load() || fresh();

  function running() {
    return state.since !== null;
  }
  function runPart(t) {
    return running() ? Math.max(0, t - state.since) : 0;
  }
  function spentIn(i, t) {
    return state.spent[i] + (i === state.block ? runPart(t) : 0);
  }
  function spentAll(t) {
    return state.spent.reduce(function (a, b) { return a + b; }, 0) + runPart(t);
  }
  function started() {
    return running() || state.spent.some(function (ms) { return ms > 0; }) || state.block > 0;
  }

  // clock writes a time left as m:ss, rounding up, and time over as +m:ss.
  function clock(ms) {
    var over = ms < 0;
    var s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
    var m = Math.floor(s / 60);
    var rest = s % 60;
    return (over ? "+" : "") + m + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }
  function blockName(i) {
    var span = items[i].querySelector(".block");
    return span ? span.textContent : "";
  }

  // Announcements go to a polite status line, only when something happens:
  // start, pause, another block, a block running over; never every second.
  var announcedOver = {};
  function announce(text) {
    if (stateLine.textContent !== text) {
      stateLine.textContent = text;
    }
  }
  function blockText() {
    return fill(label("block"), { n: state.block + 1, total: items.length, block: blockName(state.block) });
  }

  function render() {
    var t = now();
    var left = minutes[state.block] * 60000 - spentIn(state.block, t);
    var all = total - spentAll(t);
    var text = clock(left);
    if (blockLeft.textContent !== text) {
      blockLeft.textContent = text;
    }
    text = clock(all);
    if (sessionLeft.textContent !== text) {
      sessionLeft.textContent = text;
    }
    blockOver.hidden = left >= 0;
    sessionOver.hidden = all >= 0;
    timer.classList.toggle("is-over", left < 0);
    timer.classList.toggle("is-running", running());
    items.forEach(function (li, i) {
      var current = i === state.block;
      li.classList.toggle("current", current);
      li.classList.toggle("past", i < state.block);
      li.classList.toggle("over", current && left < 0);
      if (current) {
        li.setAttribute("aria-current", "step");
      } else {
        li.removeAttribute("aria-current");
      }
    });
    text = running() ? label("pause") : started() ? label("resume") : label("start");
    if (toggleButton.textContent !== text) {
      toggleButton.textContent = text;
    }
    prevButton.disabled = state.block === 0;
    nextButton.disabled = state.block === items.length - 1;
    if (left < 0 && !announcedOver[state.block]) {
      announcedOver[state.block] = true;
      announce(label("over") + ": " + blockName(state.block));
    }
  }

  // fold ends the current run at t, adding its time to the current block.
  function fold(t) {
    if (running()) {
      state.spent[state.block] += runPart(t);
      state.since = t;
    }
  }

  function toggle() {
    var t = now();
    if (running()) {
      fold(t);
      state.since = null;
      announce(label("paused") + ". " + blockText());
    } else {
      state.since = t;
      announce(label("running") + ". " + blockText());
    }
    save();
    render();
  }

  function go(delta) {
    var to = state.block + delta;
    if (to < 0 || to >= items.length) {
      return;
    }
    fold(now());
    state.block = to;
    save();
    render();
    announce(blockText());
  }

  function reset() {
    var question = label("reset-confirm");
    if (question && !window.confirm(question)) {
      return;
    }
    state = fresh();
    announcedOver = {};
    save();
    render();
    announce(blockText());
  }

  toggleButton.addEventListener("click", toggle);
  prevButton.addEventListener("click", function () { go(-1); });
  nextButton.addEventListener("click", function () { go(1); });
  resetButton.addEventListener("click", reset);

  // Keys: space starts and pauses, n and p move between blocks; not while
  // typing in a field (such as the search box in the header).
  function typing(target) {
    if (!target || !target.tagName) {
      return false;
    }
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || typing(e.target)) {
      return;
    }
    if (e.key === " " || e.key === "Spacebar") {
      // Space means start and pause here, also on a focused button.
      e.preventDefault();
      if (!e.repeat) {
        toggle();
      }
    } else if (e.key === "n" || e.key === "N") {
      e.preventDefault();
      go(1);
    } else if (e.key === "p" || e.key === "P") {
      e.preventDefault();
      go(-1);
    }
  });
  document.addEventListener("keyup", function (e) {
    // A focused button would click on space's keyup as well.
    if ((e.key === " " || e.key === "Spacebar") && !typing(e.target)) {
      e.preventDefault();
    }
  });

  // Another window of the same session (the facilitator's laptop beside
  // the projector) moves this one along.
  window.addEventListener("storage", function (e) {
    if (e.key === key) {
      state = load() || fresh();
      render();
    }
  });

  timer.hidden = false;
  render();
  window.setInterval(render, 250);
})();
