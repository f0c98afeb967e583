// sprintkit session timer, the model: what the timer of session.js is
// and what follows from it, with no page, clock, storage or sound. Every
// function takes what it needs (the agenda, the state, the time) and
// returns a value; none changes what it is given. session.js draws what
// read returns and does what news says; internal/render/timer_test.js
// runs these functions under Node's test runner (node --test).
//
// A plain script that sets window.sprintkitTimer, and a CommonJS module
// under Node: it works from file://, where modules do not load.
(function (root, make) {
  "use strict";
  if (typeof module === "object" && module.exports) {
    module.exports = make();
  } else {
    root.sprintkitTimer = make();
  }
})(typeof self !== "undefined" ? self : this, function () {
  "use strict";

  var minute = 60000;

  function sum(list) {
    return list.reduce(function (a, b) { return a + b; }, 0);
  }

  // agenda is the plan the timer runs: the minutes of each block, and the
  // session's length in minutes (duration; the blocks' sum when it is
  // none). planned is that length in milliseconds.
  function agenda(minutes, duration) {
    var m = minutes.map(function (n) { return Math.max(0, parseInt(n, 10) || 0); });
    var planned = (parseInt(duration, 10) || 0) * minute;
    if (planned <= 0) {
      planned = sum(m) * minute;
    }
    return { minutes: m, planned: planned, last: m.length - 1 };
  }

  // ---- The state.

  // A state: block is the current block's index; spent the milliseconds
  // spent in each block before the current run; since the time the
  // current run started (null when paused); extra the minutes added to
  // (or, below zero, taken from) each block; ended that the session was
  // ended on its last block. Times are timestamps, never a ticking
  // counter, so that a state kept over a reload neither resets nor drifts.
  function fresh(a) {
    return {
      block: 0,
      spent: a.minutes.map(function () { return 0; }),
      since: null,
      extra: a.minutes.map(function () { return 0; }),
      ended: false
    };
  }

  // clean makes a state read from storage or sent by a server fit the
  // agenda a, which may have changed since: whatever s holds that does
  // not fit is left as a fresh state has it.
  function clean(a, s) {
    var out = fresh(a);
    if (!s || typeof s !== "object") {
      return out;
    }
    for (var i = 0; i < a.minutes.length; i++) {
      if (Array.isArray(s.spent)) {
        out.spent[i] = Math.max(0, Number(s.spent[i]) || 0);
      }
      if (Array.isArray(s.extra)) {
        // A block keeps a minute; one planned with none takes none away.
        var least = a.minutes[i] === 0 ? 0 : 1 - a.minutes[i];
        out.extra[i] = Math.max(least, Math.round(Number(s.extra[i]) || 0));
      }
    }
    out.block = Math.min(Math.max(0, parseInt(s.block, 10) || 0), a.last);
    out.since = typeof s.since === "number" && isFinite(s.since) ? s.since : null;
    out.ended = s.ended === true && out.block === a.last;
    return out;
  }

  function copy(s) {
    return { block: s.block, spent: s.spent.slice(), since: s.since, extra: s.extra.slice(), ended: s.ended };
  }

  // ---- Time spent, lengths and totals, at the time t.

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
    return sum(s.spent) + runPart(s, t);
  }
  // length is the block i's time in milliseconds, with the minutes added.
  function length(a, s, i) {
    return (a.minutes[i] + s.extra[i]) * minute;
  }
  function total(a, s) {
    return a.planned + sum(s.extra) * minute;
  }
  function started(s) {
    return running(s) || s.block > 0 || s.spent.some(function (ms) { return ms > 0; });
  }
  // warnBefore is how long before a block's end the warning shows: two
  // minutes, or a fifth of a block shorter than ten minutes.
  function warnBefore(a, s, i) {
    var ms = length(a, s, i);
    return ms < 10 * minute ? ms / 5 : 2 * minute;
  }

  // ---- Changes: each returns the state after it, or s itself when the
  // change cannot be made (a session that ended runs no more).

  // fold ends the current run at t, adding its time to the current block;
  // the timer runs on from t.
  function fold(s, t) {
    var out = copy(s);
    if (running(s)) {
      out.spent[s.block] += runPart(s, t);
      out.since = t;
    }
    return out;
  }

  // toggle starts or pauses the timer at t.
  function toggle(s, t) {
    if (s.ended) {
      return s;
    }
    var out = fold(s, t);
    out.since = running(s) ? null : t;
    return out;
  }

  // go moves delta blocks at t; past the last block the session ends:
  // the timer stops, and the record shows.
  function go(a, s, delta, t) {
    var to = s.block + delta;
    if (to < 0 || s.ended && delta > 0) {
      return s;
    }
    var out = fold(s, t);
    if (to > a.last) {
      out.since = null;
      out.ended = true;
      return out;
    }
    out.block = to;
    out.ended = false;
    return out;
  }

  // add adds n minutes to the current block (n below zero takes them),
  // which keeps at least one minute.
  function add(a, s, n) {
    var i = s.block;
    if (s.ended || a.minutes[i] + s.extra[i] + n < 1) {
      return s;
    }
    var out = copy(s);
    out.extra[i] += n;
    return out;
  }

  // ---- What the page shows.

  // read is the timer at t as the page shows it: the time left in the
  // block (left) and the session (all), in milliseconds, below zero when
  // over; the cues; each block's minutes; which buttons do something.
  // control is false on a page that follows a timer another page runs.
  function read(a, s, t, control) {
    var left = length(a, s, s.block) - spentIn(s, s.block, t);
    var all = total(a, s) - spentAll(s, t);
    var soon = left > 0 && left <= warnBefore(a, s, s.block);
    var run = running(s);
    var may = control !== false;
    return {
      block: s.block,
      next: s.block < a.last ? s.block + 1 : -1,
      left: left,
      all: all,
      soon: soon,
      over: left < 0,
      sessionOver: all < 0,
      blockCue: left < 0 ? "over" : soon ? "soon" : "",
      sessionCue: all < 0 ? "over" : "",
      running: run,
      ended: s.ended,
      blocks: a.minutes.map(function (m, i) {
        return { minutes: m + s.extra[i], extra: s.extra[i], past: i < s.block || s.ended, current: i === s.block };
      }),
      total: Math.round(total(a, s) / minute),
      toggle: run ? "pause" : started(s) ? "resume" : "start",
      finish: s.block === a.last,
      can: {
        toggle: may && !s.ended,
        prev: may && s.block > 0,
        next: may && !s.ended,
        less: may && !s.ended && a.minutes[s.block] + s.extra[s.block] > 1,
        more: may && !s.ended,
        reset: may
      },
      // done: the session ended, or its last block ran out; the record
      // then shows.
      done: s.ended || (s.block === a.last && left <= 0),
      // awake: the screen should stay on.
      awake: run && !s.ended
    };
  }

  // news is what the room is told of at the reading r, before being the
  // reading before it (null after a load): over, that the current block
  // ran over its time, when said (the blocks it was said of) does not
  // hold it yet; chime, that the block ran out between the two readings
  // while the timer ran, which a block that had run out before a reload
  // did not.
  function news(before, r, said) {
    return {
      over: r.over && !said[r.block],
      chime: !!before && before.block === r.block && before.left > 0 && r.left <= 0 && r.running
    };
  }

  // ---- Text. label gives the text of a name (the page's data-label-*
  // attributes, which session-labels.js fills in); texts hold {n}-style
  // places.

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (all, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : all;
    });
  }
  // counted fills the text name with a number, in the form the number
  // takes (Swedish and English: one for 1, other for the rest).
  function counted(label, name, n) {
    return fill(label(name + "-" + (n === 1 ? "one" : "other")), { n: n });
  }
  // clock writes a time left as m:ss, rounding up, and time over as +m:ss.
  function clock(ms) {
    var over = ms < 0;
    var s = over ? Math.floor(-ms / 1000) : Math.ceil(ms / 1000);
    var m = Math.floor(s / 60);
    var rest = s % 60;
    return (over ? "+" : "") + m + ":" + (rest < 10 ? "0" : "") + rest;
  }
  // cue is the text of a cue for a time left ms: how many minutes over
  // (at least one), or that time runs out soon.
  function cue(label, kind, ms) {
    if (kind === "over") {
      return counted(label, "over-by", Math.max(1, Math.ceil(-ms / minute)));
    }
    return kind === "soon" ? label("soon") : "";
  }
  // minutesText is a block's minutes, with the minutes added or taken in
  // brackets: "12 min (+2)".
  function minutesText(label, b) {
    var sign = b.extra > 0 ? "+" : "−";
    return counted(label, "minutes", b.minutes) + (b.extra ? " (" + sign + Math.abs(b.extra) + ")" : "");
  }

  // ---- The record: planned and actual minutes of each block.

  // rows are the record's rows at t: each block's name (names[i]), its
  // planned minutes and the whole minutes spent in it, then the session's
  // under the name sum.
  function rows(a, s, t, names, sumName) {
    var out = a.minutes.map(function (m, i) {
      return [names[i], m, Math.round(spentIn(s, i, t) / minute)];
    });
    out.push([sumName, Math.round(a.planned / minute), Math.round(spentAll(s, t) / minute)]);
    return out;
  }
  // markdown writes the rows as a Markdown table under the heads, for the
  // notes.
  function markdown(heads, list) {
    var cell = function (v) { return String(v).replace(/\|/g, "\\|"); };
    var lines = ["| " + heads.map(cell).join(" | ") + " |", "| --- | ---: | ---: |"];
    list.forEach(function (r) {
      lines.push("| " + r.map(cell).join(" | ") + " |");
    });
    return lines.join("\n") + "\n";
  }

  return {
    agenda: agenda,
    fresh: fresh,
    clean: clean,
    running: running,
    spentIn: spentIn,
    spentAll: spentAll,
    length: length,
    total: total,
    started: started,
    warnBefore: warnBefore,
    fold: fold,
    toggle: toggle,
    go: go,
    add: add,
    read: read,
    news: news,
    fill: fill,
    counted: counted,
    clock: clock,
    cue: cue,
    minutesText: minutesText,
    rows: rows,
    markdown: markdown
  };
});
