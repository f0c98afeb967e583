// Search for a sprintkit site: results as you type, from search-index.js,
// which this script loads on first use with a plain <script> element, so
// that it works from file:// as well as over HTTP. No server, no fetch().
// It searches everything written (sprints with their notes and lessons,
// studies, the maps' beliefs and changes; see internal/render/search.go),
// shows the best 20 (title and belief matches above the rest, newer above
// older) with kind, date, team, study and verdict, and narrows by kind and
// study.
//
// Keys: Down from the box goes to the results, Up and Down move through
// them, Enter opens one (Enter in the box opens the first), Escape closes
// the results and goes back to the box.
(function () {
  "use strict";
  var form = document.querySelector("form.search");
  if (!form) return;
  var input = form.querySelector("input");
  var status = form.querySelector(".search-status");
  var list = form.querySelector(".search-results");
  var panel = form.querySelector(".search-panel");
  var root = form.getAttribute("data-root") || "";
  var max = 20; // results shown: the best ones; the status gives the full count
  var ix = null; // the index, prepared for searching
  var loading = false;
  var kindSel = null, studySel = null; // narrowing, made when the index is in

  // fold makes text comparable: lower case, no diacritics, words separated
  // by single spaces. sprintkit folds the index text the same way.
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "")
      .replace(/[^\p{L}\p{N}'-]+/gu, " ").trim();
  }

  function link(pattern, id) {
    return root + pattern.replace("%", encodeURIComponent(id));
  }

  // prepare turns the index into documents and, for each word of the
  // vocabulary, the list of places it occurs: document * 4 + field (head,
  // lesson, body, notes).
  function prepare(data) {
    var words = data.w, postings = new Array(words.length), docs = [];
    data.d.forEach(function (d, n) {
      var kind = data.k[d[0]];
      var url = kind === "sprint" ? link(data.l[1], d[2]) : kind === "study" ? link(data.l[0], d[2]) : root + d[2];
      docs.push({ kind: kind, title: d[1], url: url, date: d[3], team: d[4] >= 0 ? data.t[d[4]] : "",
        study: d[5], state: data.v[d[6]] || "" });
      for (var f = 0; f < 4; f++) {
        var s = d[7 + f];
        if (!s) continue;
        var id = 0, parts = s.split(".");
        for (var i = 0; i < parts.length; i++) {
          // "+n" is n positions, each one after the one before.
          var run = parts[i].charAt(0) === "+" ? parseInt(parts[i].slice(1), 36) : 1;
          for (var r = 0; r < run; r++) {
            id += run > 1 || parts[i].charAt(0) === "+" ? 1 : parseInt(parts[i], 36);
            (postings[id] || (postings[id] = [])).push(n * 4 + f);
          }
        }
      }
    });
    return { words: words, postings: postings, docs: docs, studies: data.s, x: data.x };
  }

  function option(value, text) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = text;
    return o;
  }

  // narrowing adds the choice of kind and study above the results.
  function narrowing() {
    var box = document.createElement("div");
    box.className = "search-narrow";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", ix.x["search.narrow"]);
    kindSel = document.createElement("select");
    kindSel.setAttribute("aria-label", ix.x["search.narrow"]);
    kindSel.appendChild(option("", ix.x["search.allKinds"]));
    ["sprint", "study", "belief", "change"].forEach(function (k) { kindSel.appendChild(option(k, ix.x["search." + k])); });
    studySel = document.createElement("select");
    studySel.setAttribute("aria-label", ix.x["search.allStudies"]);
    studySel.appendChild(option("", ix.x["search.allStudies"]));
    ix.studies.forEach(function (s, i) { studySel.appendChild(option(String(i), s[1])); });
    box.appendChild(kindSel);
    box.appendChild(studySel);
    kindSel.addEventListener("change", run);
    studySel.addEventListener("change", run);
    panel.insertBefore(box, panel.firstChild);
  }

  function load() {
    if (ix || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-index");
    s.onload = function () {
      if (!window.sprintkitSearch) return;
      ix = prepare(window.sprintkitSearch);
      narrowing();
      if (input.value) run();
    };
    document.head.appendChild(s);
  }

  // find returns the documents that hold every term (as part of a word),
  // each with its rank: the field in which the worst-placed term was
  // found (0 head, 1 lesson, 2 body, 3 notes).
  function find(terms) {
    var n = ix.docs.length, rank = new Int8Array(n);
    for (var t = 0; t < terms.length; t++) {
      var best = new Int8Array(n).fill(4);
      for (var w = 0; w < ix.words.length; w++) {
        if (ix.words[w].indexOf(terms[t]) < 0 || !ix.postings[w]) continue;
        var ps = ix.postings[w];
        for (var i = 0; i < ps.length; i++) {
          var d = ps[i] >> 2, f = ps[i] & 3;
          if (f < best[d]) best[d] = f;
        }
      }
      for (var d2 = 0; d2 < n; d2++) if (best[d2] > rank[d2]) rank[d2] = best[d2];
    }
    var kind = kindSel ? kindSel.value : "", study = studySel ? studySel.value : "";
    var found = [];
    for (var k = 0; k < n; k++) {
      var doc = ix.docs[k];
      if (rank[k] > 3) continue;
      if (kind && doc.kind !== kind) continue;
      if (study && String(doc.study) !== study) continue;
      found.push({ doc: doc, rank: rank[k], at: k });
    }
    // Better fields first, then newer, then the index's order.
    found.sort(function (a, b) {
      return a.rank - b.rank || (a.doc.date < b.doc.date ? 1 : a.doc.date > b.doc.date ? -1 : 0) || a.at - b.at;
    });
    return found;
  }

  function span(cls, text) {
    var s = document.createElement("span");
    s.className = cls;
    s.textContent = text;
    return s;
  }

  function result(hit) {
    var doc = hit.doc, li = document.createElement("li"), a = document.createElement("a");
    li.setAttribute("data-rank", hit.rank); // where it matched: 0 title or belief, 1 lesson, 2 the rest, 3 notes
    li.setAttribute("data-date", doc.date);
    a.href = doc.url;
    a.appendChild(span("kind", ix.x["search." + doc.kind]));
    a.appendChild(span("title", doc.title));
    var meta = [];
    if (doc.date) meta.push(doc.date);
    if (doc.team) meta.push(doc.team);
    if (doc.kind !== "study" && ix.studies[doc.study]) meta.push(ix.studies[doc.study][1]);
    if (hit.rank === 1) meta.push(ix.x["search.inLesson"]);
    if (hit.rank === 3) meta.push(ix.x["search.inNotes"]);
    var m = span("meta", meta.join(" · "));
    if (doc.state && ix.x[doc.state]) {
      m.appendChild(document.createTextNode(" "));
      m.appendChild(span("badge " + doc.state.slice(doc.state.indexOf(".") + 1), ix.x[doc.state]));
    }
    a.appendChild(m);
    li.appendChild(a);
    return li;
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function close() {
    list.hidden = true;
    status.textContent = "";
  }

  // run searches for the words in the box and shows the best results.
  function run() {
    var terms = fold(input.value).split(" ").filter(Boolean);
    list.textContent = "";
    if (!terms.length) { close(); return; }
    if (!ix) { load(); return; }
    var found = find(terms);
    found.slice(0, max).forEach(function (hit) { list.appendChild(result(hit)); });
    list.hidden = found.length === 0;
    status.textContent = found.length === 0 ? form.getAttribute("data-none")
      : found.length === 1 ? form.getAttribute("data-single")
      : form.getAttribute("data-results").replace("{n}", found.length) +
        (found.length > max ? " · " + ix.x["search.best"].replace("{max}", max) : "");
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown" && !list.hidden) {
      e.preventDefault();
      links()[0].focus();
    } else if (e.key === "Escape") {
      if (list.hidden && !status.textContent) input.value = "";
      close();
    }
  });
  list.addEventListener("keydown", function (e) {
    var all = links(), i = all.indexOf(document.activeElement);
    if (i < 0) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      all[Math.min(i + 1, all.length - 1)].focus();
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      (i === 0 ? input : all[i - 1]).focus();
    } else if (e.key === "Escape") {
      e.preventDefault();
      close();
      input.focus();
    }
  });
  form.addEventListener("submit", function (e) {
    e.preventDefault();
    var first = links()[0];
    if (first) first.click();
  });
  // Results close when focus leaves the search, and come back with it.
  form.addEventListener("focusout", function (e) {
    if (!form.contains(e.relatedTarget)) close();
  });
  // A click on a result must not blur the box first, or the result would
  // be gone before the click lands (Safari does not focus links).
  list.addEventListener("mousedown", function (e) { e.preventDefault(); });
  input.addEventListener("click", function () {
    if (list.hidden && input.value) run();
  });
  input.addEventListener("focus", function () {
    if (list.hidden && input.value && ix) run();
  });
  form.hidden = false;
})();
