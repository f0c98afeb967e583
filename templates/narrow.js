// narrow.js narrows the lists of a page by study, team and (on the board)
// state, without a server: it works from file:// as from the intranet.
// It shows the page's form.narrow and, on each choice, hides every element
// whose data-study, data-team or data-state differs from the chosen value,
// then every list, table, section and folded quarter that has nothing left
// to show (those with data-narrow-hide, and the parents named below). The
// choice is kept in the address after # (study=…&team=…), so a narrowed
// page can be linked to and comes back on reload.
(function () {
  "use strict";
  var form = document.querySelector("form.narrow");
  if (!form) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var keys = selects.map(function (s) { return s.name; });
  // Only the page's own lists: the header's search form has data-* of its own.
  var selector = keys.map(function (k) { return "[data-" + k + "]"; }).join(",");
  var items = Array.prototype.slice.call(document.querySelectorAll(
    keys.map(function (k) { return "main [data-" + k + "]"; }).join(",")));
  // The containers that a narrowing can empty, innermost first.
  var groups = Array.prototype.slice.call(document.querySelectorAll(
    "main ul, main ol, main tbody, main details, main section.part, main section.column, main .narrow-group")).reverse();

  function chosen() {
    var want = {};
    selects.forEach(function (s) { if (s.value) want[s.name] = s.value; });
    return want;
  }

  function apply() {
    var want = chosen();
    items.forEach(function (el) {
      var show = true;
      for (var k in want) {
        var v = el.getAttribute("data-" + k);
        if (v !== null && v.split(" ").indexOf(want[k]) < 0) show = false;
      }
      el.hidden = !show;
    });
    groups.forEach(function (g) { if (g.querySelector(selector)) g.hidden = false; });
    groups.forEach(function (g) {
      var mine = g.querySelectorAll(selector);
      if (mine.length === 0) return;
      var left = 0;
      for (var i = 0; i < mine.length; i++) if (!mine[i].closest("[hidden]")) left++;
      g.hidden = left === 0;
    });
    // Each count says how many of its section's items are left.
    document.querySelectorAll(".count[data-narrow-count]").forEach(function (c) {
      var box = c.closest("section, details");
      if (!box) return;
      var mine = box.querySelectorAll(selector), left = 0;
      for (var i = 0; i < mine.length; i++) if (!mine[i].closest("[hidden]")) left++;
      c.textContent = String(left);
    });
    var hash = Object.keys(want).map(function (k) { return k + "=" + encodeURIComponent(want[k]); }).join("&");
    if (history.replaceState) history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search);
  }

  function restore() {
    var h = location.hash.replace(/^#/, "");
    h.split("&").forEach(function (pair) {
      var kv = pair.split("=");
      var s = form.querySelector("select[name='" + kv[0] + "']");
      if (s && kv.length === 2) s.value = decodeURIComponent(kv[1]);
    });
  }

  form.hidden = false;
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  if (/(^#|&)(study|team|state)=/.test(location.hash)) {
    restore();
    apply();
  }
})();
