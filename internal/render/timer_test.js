// Tests of the session timer's model, templates/timer.js, under Node's
// built-in test runner: node --test internal/render/ (.ci/run runs it).
// The page around the model (drawing, keys, sound, the wake lock, the
// shared timer) is tested in Chromium by session_*_browser_test.go.
"use strict";

const test = require("node:test");
const assert = require("node:assert/strict");
const T = require("../../templates/timer.js");

const min = 60000;
// The default agenda: 10, 10, 40, 15 and 15 minutes, 90 in all.
const plan = T.agenda(["10", "10", "40", "15", "15"], "90");
const t0 = Date.UTC(2026, 11, 7, 9, 0, 0);

// run starts a fresh timer at t0 and applies each step, a function of the
// state, in turn.
function run(...steps) {
  return steps.reduce((s, step) => step(s), T.fresh(plan));
}
const start = (t) => (s) => T.toggle(s, t);
const go = (delta, t) => (s) => T.go(plan, s, delta, t);

// say is a page's labels: the name, with {n} where the number goes.
const words = {
  "over-by-one": "{n} minute over", "over-by-other": "{n} minutes over",
  "minutes-one": "{n} min", "minutes-other": "{n} min", soon: "soon",
};
const say = (name) => words[name] || "";

test("an agenda's length is its duration, or its blocks' sum without one", () => {
  assert.equal(plan.planned, 90 * min);
  assert.equal(plan.last, 4);
  const summed = T.agenda([5, "x", -3, 20], "");
  assert.deepEqual(summed.minutes, [5, 0, 0, 20]);
  assert.equal(summed.planned, 25 * min);
  assert.equal(T.agenda([5], "30").planned, 30 * min, "a duration longer than the blocks wins");
});

test("clean makes any stored state fit the agenda", () => {
  assert.deepEqual(T.clean(plan, null), T.fresh(plan));
  assert.deepEqual(T.clean(plan, "junk"), T.fresh(plan));
  const s = T.clean(plan, {
    block: 9, spent: [60000, -5, "x"], since: "yesterday", extra: [-50, 3.4, 0, 0, 0, 7], ended: true,
  });
  assert.equal(s.block, 4, "a block past the end is the last");
  assert.deepEqual(s.spent, [60000, 0, 0, 0, 0]);
  assert.equal(s.since, null);
  assert.deepEqual(s.extra, [-9, 3, 0, 0, 0], "a block keeps one minute; the agenda's length wins");
  assert.equal(s.ended, true);
  assert.equal(T.clean(plan, { block: 2, ended: true }).ended, false, "only the last block ends a session");
  const none = T.agenda([0, 10], "");
  assert.deepEqual(T.clean(none, { extra: [-3, 0] }).extra, [0, 0], "a block of no minutes takes none away");
});

test("time spent runs from timestamps, and pausing folds it into the block", () => {
  let s = run(start(t0));
  assert.ok(T.running(s));
  assert.equal(T.spentIn(s, 0, t0 + 3 * min), 3 * min);
  assert.equal(T.spentIn(s, 1, t0 + 3 * min), 0);
  s = T.toggle(s, t0 + 4 * min);
  assert.ok(!T.running(s));
  assert.deepEqual(s.spent, [4 * min, 0, 0, 0, 0]);
  assert.equal(T.spentAll(s, t0 + 60 * min), 4 * min, "a paused timer spends nothing");
  assert.ok(T.started(s));
  assert.ok(!T.started(T.fresh(plan)));
  assert.equal(T.spentIn(T.toggle(s, t0 + 5 * min), 0, t0 + 4 * min), 4 * min, "a clock behind the start counts no time");
});

test("changes leave the state they are given as it was", () => {
  const s = run(start(t0));
  const before = JSON.stringify(s);
  T.toggle(s, t0 + min);
  T.go(plan, s, 1, t0 + min);
  T.add(plan, s, 2);
  assert.equal(JSON.stringify(s), before);
});

test("moving between blocks keeps each block's time, and past the last ends", () => {
  let s = run(start(t0), go(1, t0 + 12 * min));
  assert.equal(s.block, 1);
  assert.deepEqual(s.spent.slice(0, 2), [12 * min, 0]);
  assert.ok(T.running(s), "the timer runs on in the next block");
  const first = T.fresh(plan);
  assert.equal(T.go(plan, first, -1, t0), first, "no block before the first");
  s = run(go(4, t0), start(t0), go(1, t0 + 15 * min));
  assert.ok(s.ended);
  assert.ok(!T.running(s), "an ended session stops");
  assert.equal(s.block, 4);
  assert.equal(s.spent[4], 15 * min);
  assert.equal(T.go(plan, s, 1, t0 + 16 * min), s, "nothing after the end");
  assert.equal(T.toggle(s, t0 + 16 * min), s, "an ended session does not start again");
  const back = T.go(plan, s, -1, t0 + 16 * min);
  assert.equal(back.block, 3);
  assert.ok(!back.ended, "going back opens the session again");
});

test("minutes are added and taken, down to one", () => {
  let s = T.add(plan, T.fresh(plan), 2);
  assert.deepEqual(s.extra, [2, 0, 0, 0, 0]);
  assert.equal(T.length(plan, s, 0), 12 * min);
  assert.equal(T.total(plan, s), 92 * min);
  s = T.add(plan, s, -11);
  assert.equal(s.extra[0], -9, "the first -11 from 12 would leave 1: allowed");
  assert.equal(T.add(plan, s, -1), s, "below one minute is refused");
  const ended = run(go(5, t0));
  assert.equal(T.add(plan, ended, 1), ended);
});

test("the warning comes two minutes before a block's end, or at a fifth of a short one", () => {
  assert.equal(T.warnBefore(plan, T.fresh(plan), 2), 2 * min);
  assert.equal(T.warnBefore(plan, T.fresh(plan), 0), 2 * min, "ten minutes is not short");
  const short = T.agenda([5], "");
  assert.equal(T.warnBefore(short, T.fresh(short), 0), 1 * min);

  const s = run(start(t0));
  let r = T.read(plan, s, t0 + 8 * min - 1);
  assert.equal(r.blockCue, "");
  r = T.read(plan, s, t0 + 8 * min);
  assert.ok(r.soon);
  assert.equal(r.blockCue, "soon");
  assert.equal(T.cue(say, r.blockCue, r.left), "soon");
  r = T.read(plan, s, t0 + 10 * min);
  assert.equal(r.left, 0);
  assert.ok(!r.soon && !r.over, "at the end exactly, neither soon nor over");
});

test("a block and the session run over, with minutes over counted up", () => {
  const s = run(start(t0));
  let r = T.read(plan, s, t0 + 10 * min + 1000);
  assert.ok(r.over);
  assert.equal(r.blockCue, "over");
  assert.equal(T.cue(say, r.blockCue, r.left), "1 minute over");
  assert.equal(T.cue(say, "over", -(2 * min + 1)), "3 minutes over");
  assert.equal(r.sessionCue, "");
  r = T.read(plan, s, t0 + 91 * min);
  assert.ok(r.sessionOver);
  assert.equal(r.sessionCue, "over");
  assert.equal(r.all, -min);
});

test("the reading says which buttons work, on a controlling and a following page", () => {
  let r = T.read(plan, T.fresh(plan), t0);
  assert.equal(r.toggle, "start");
  assert.deepEqual(r.can, { toggle: true, prev: false, next: true, less: true, more: true, reset: true });
  assert.equal(r.next, 1);
  assert.ok(!r.finish);
  r = T.read(plan, run(start(t0)), t0);
  assert.equal(r.toggle, "pause");
  assert.ok(r.awake);
  r = T.read(plan, run(start(t0), start(t0 + min)), t0 + min);
  assert.equal(r.toggle, "resume");
  assert.ok(!r.awake);
  r = T.read(plan, run(go(4, t0)), t0);
  assert.equal(r.next, -1);
  assert.ok(r.finish);
  r = T.read(plan, run(start(t0)), t0, false);
  assert.deepEqual(r.can, { toggle: false, prev: false, next: false, less: false, more: false, reset: false });
  const one = T.agenda([1, 1], "");
  assert.equal(T.read(one, T.fresh(one), t0).can.less, false, "a block of one minute takes none away");
});

test("the blocks show their minutes, past and current", () => {
  const s = T.add(plan, run(go(2, t0)), -3);
  const r = T.read(plan, s, t0);
  assert.deepEqual(r.blocks.map((b) => [b.minutes, b.past, b.current]), [
    [10, true, false], [10, true, false], [37, false, true], [15, false, false], [15, false, false],
  ]);
  assert.equal(r.total, 87);
  assert.equal(T.minutesText(say, r.blocks[2]), "37 min (−3)");
  assert.equal(T.minutesText(say, T.read(plan, T.add(plan, s, 5), t0).blocks[2]), "42 min (+2)");
  assert.equal(T.minutesText(say, r.blocks[0]), "10 min");
  const ended = T.read(plan, run(go(5, t0)), t0);
  assert.ok(ended.blocks.every((b) => b.past), "at the end every block is past");
  assert.ok(ended.done);
});

test("the record shows when the last block runs out or the session ends", () => {
  const s = run(go(4, t0), start(t0));
  assert.ok(!T.read(plan, s, t0 + 14 * min).done);
  assert.ok(T.read(plan, s, t0 + 15 * min).done);
  assert.ok(!T.read(plan, run(start(t0)), t0 + 80 * min).done, "an early block over its time is no end");
});

test("news: the chime as a block runs out while running, and running over said once a block", () => {
  const s = run(start(t0));
  const at = (t) => T.read(plan, s, t);
  assert.ok(T.news(at(t0 + 9 * min), at(t0 + 10 * min), {}).chime);
  assert.ok(!T.news(null, at(t0 + 11 * min), {}).chime, "not for a block that ran out before a reload");
  assert.ok(!T.news(at(t0 + 11 * min), at(t0 + 12 * min), {}).chime, "once, not every reading after");
  const paused = T.toggle(s, t0 + 9 * min);
  assert.ok(!T.news(at(t0 + 9 * min), T.read(plan, T.add(plan, paused, -1), t0 + 9 * min), {}).chime,
    "not for a paused block made shorter");
  const moved = T.read(plan, T.go(plan, s, 1, t0 + 11 * min), t0 + 30 * min);
  assert.ok(!T.news(at(t0 + 9 * min), moved, {}).chime, "not across blocks");

  assert.ok(T.news(null, at(t0 + 11 * min), {}).over);
  assert.ok(!T.news(null, at(t0 + 11 * min), { 0: true }).over);
  assert.ok(!T.news(null, at(t0 + 5 * min), {}).over);
});

test("clock writes m:ss, rounding time left up and time over down", () => {
  assert.equal(T.clock(0), "0:00");
  assert.equal(T.clock(500), "0:01");
  assert.equal(T.clock(61000), "1:01");
  assert.equal(T.clock(90 * min), "90:00");
  assert.equal(T.clock(-500), "+0:00");
  assert.equal(T.clock(-61500), "+1:01");
});

test("texts are filled, with the number's form", () => {
  assert.equal(T.fill("Block {n} of {total}: {block}", { n: 2, total: 5, block: "Fråga" }), "Block 2 of 5: Fråga");
  assert.equal(T.fill("{n} and {other}", { n: 1 }), "1 and {other}", "an unknown place stays");
  assert.equal(T.counted(say, "over-by", 1), "1 minute over");
  assert.equal(T.counted(say, "over-by", 0), "0 minutes over");
  assert.equal(T.counted(say, "missing", 2), "", "a missing label is empty");
});

test("the record's rows and its Markdown table", () => {
  const s = run(start(t0), go(1, t0 + 12 * min), go(3, t0 + 20 * min + 29000), go(1, t0 + 95 * min));
  const names = ["Rama in", "Förbered | frågan", "Möt kunder", "Förstå", "Besluta"];
  const rows = T.rows(plan, s, t0 + 200 * min, names, "Totalt");
  assert.deepEqual(rows, [
    ["Rama in", 10, 12], ["Förbered | frågan", 10, 8], ["Möt kunder", 40, 0], ["Förstå", 15, 0],
    ["Besluta", 15, 75], ["Totalt", 90, 95],
  ]);
  const md = T.markdown(["Block", "Planerat", "Faktiskt"], rows.slice(1, 2));
  assert.equal(md, "| Block | Planerat | Faktiskt |\n| --- | ---: | ---: |\n| Förbered \\| frågan | 10 | 8 |\n");
});
