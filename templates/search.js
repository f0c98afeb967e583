// Search for a sprintkit site: results as you type, from search-index.js,
// which this script loads on first use with a plain <script> element, so
// that it works from file:// as well as over HTTP. No server, no fetch().
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
  var root = form.getAttribute("data-root") || "";
  var max = 20; // results shown; the status gives the full count
  var items = null; // the index, prepared for searching
  var loading = false;

  // fold makes text comparable: lower case, no diacritics, words separated
  // by single spaces. sprintkit folds the index text the same way.
  function fold(s) {
    return s.toLowerCase().normalize("NFD").replace(/\p{M}+/gu, "")
      .replace(/[^\p{L}\p{N}'-]+/gu, " ").trim();
  }

  function link(pattern, id) {
    return root + pattern.replace("%", encodeURIComponent(id));
  }

  function prepare(ix) {
    var out = [];
    var studies = ix.s.map(function (s) { return s[1]; });
    ix.s.forEach(function (s) {
      var title = fold(s[1]);
      out.push({ url: link(ix.l[0], s[0]), title: s[1], meta: form.getAttribute("data-study"),
        head: title, hay: title + " " + fold(s[2]) });
    });
    ix.p.forEach(function (p) {
      var title = fold(p[1]), team = ix.t[p[2]], study = studies[p[3]] || "";
      out.push({ url: link(ix.l[1], p[0]), title: p[1], meta: team + " · " + study,
        head: title, hay: title + " " + fold(p[4] + " " + team + " " + study) });
    });
    return out;
  }

  function load() {
    if (items || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = form.getAttribute("data-index");
    s.onload = function () {
      if (!window.sprintkitSearch) return;
      items = prepare(window.sprintkitSearch);
      if (input.value) run();
    };
    document.head.appendChild(s);
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  function close() {
    list.hidden = true;
    status.textContent = "";
  }

  // run searches for the words in the box: every word must occur in a
  // result; results with the words in their title come first, in the
  // index's order (newest sprints first) within each group.
  function run() {
    var terms = fold(input.value).split(" ").filter(Boolean);
    list.textContent = "";
    if (!terms.length) { close(); return; }
    if (!items) { load(); return; }
    var head = [], rest = [];
    for (var i = 0; i < items.length; i++) {
      var it = items[i], all = true, inTitle = true;
      for (var j = 0; j < terms.length; j++) {
        if (it.hay.indexOf(terms[j]) < 0) { all = false; break; }
        if (inTitle && it.head.indexOf(terms[j]) < 0) inTitle = false;
      }
      if (all) (inTitle ? head : rest).push(it);
    }
    var found = head.concat(rest);
    found.slice(0, max).forEach(function (it) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = it.url;
      var t = document.createElement("span");
      t.className = "title";
      t.textContent = it.title;
      var m = document.createElement("span");
      m.className = "meta";
      m.textContent = it.meta;
      a.appendChild(t);
      a.appendChild(m);
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = found.length === 0;
    status.textContent = found.length === 0 ? form.getAttribute("data-none")
      : found.length === 1 ? form.getAttribute("data-single")
      : form.getAttribute("data-results").replace("{n}", found.length);
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
    if (list.hidden && input.value && items) run();
  });
  form.hidden = false;
})();
