// sprintkit serve: live reload. Injected into HTML pages as they are served,
// never into the built site. It listens for rebuilds at the address in its
// data-events (_sprintkit/events), found from the page's own address, so it
// works under any sub-path.
//
// Two things more, for the session page:
// - A page with an element data-sprintkit-timer="ID" follows that sprint's
//   shared timer on the same stream. Each state the server sends goes to
//   the page as a "sprintkit:timer" event on document, with detail
//   {state, seq, now, control, url}: the state (null before any), the
//   change that set it, the server's clock, whether this page may change
//   the timer, and where it posts.
// - Parts of a page marked data-sprintkit-swap (each with an id) are
//   replaced in place when a build changed nothing else of the page, and
//   the page gets a "sprintkit:swapped" event; any other change reloads it.
//   So a page that must not reload (the session's presentation view, in
//   full screen) shows the notes as they are written.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me.getAttribute("data-build");
  var root = me.getAttribute("data-root");
  var url = new URL(root + me.getAttribute("data-events"), location.href).href;
  var timed = document.querySelector("[data-sprintkit-timer]");
  var timerID = timed ? timed.getAttribute("data-sprintkit-timer") : "";
  var control = "";
  if (timerID) {
    url += "?timer=" + encodeURIComponent(timerID);
    control = new URL(root + me.getAttribute("data-timer") + "?sprint=" + encodeURIComponent(timerID), location.href).href;
  }
  var KEY = "sprintkit-reloaded-for";
  var es = null, retryTimer = 0, watchdog = 0, wait = 1000;

  function showProblems(lines) {
    var box = document.getElementById("sprintkit-overlay");
    if (!box) {
      box = document.createElement("div");
      box.id = "sprintkit-overlay";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:auto 0 0 0;max-height:70vh;overflow:auto;z-index:2147483647;" +
        "margin:0;padding:1rem 1.25rem;background:#2b0b0b;color:#fff;border-top:4px solid #e5484d;" +
        "font:15px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;text-align:left;box-shadow:0 -4px 16px rgba(0,0,0,.4)";
      (document.body || document.documentElement).appendChild(box);
    }
    box.textContent = "";
    var head = document.createElement("p");
    head.style.cssText = "margin:0 0 .5rem;font-weight:bold;color:#ffb4b4";
    head.textContent = "sprintkit: the last save broke the build; the page below is the last good one.";
    var pre = document.createElement("pre");
    pre.style.cssText = "margin:0;white-space:pre-wrap;color:#fff;background:none;font:inherit";
    pre.textContent = lines.join("\n");
    box.appendChild(head);
    box.appendChild(pre);
  }

  function clearProblems() {
    var box = document.getElementById("sprintkit-overlay");
    if (box) box.remove();
  }

  function onBuild(e) {
    alive();
    clearProblems();
    if (e.data === build) return;
    if (shape !== null) {
      swap(e.data);
      return;
    }
    reload(e.data);
  }

  // reload shows the build next once: a page that comes back still not
  // showing it must not reload again and again.
  function reload(next) {
    try {
      if (sessionStorage.getItem(KEY) === next) return;
      sessionStorage.setItem(KEY, next);
    } catch (err) {}
    location.reload();
  }

  // ---- Swapping parts. shape is the page as this build served it, with
  // the parts to swap emptied and this script left out; null where the
  // page has no such parts, or the browser lacks what it takes.
  var shape = null;
  var parts = document.querySelectorAll("[data-sprintkit-swap][id]");

  function fetchPage() {
    return fetch(location.href, { cache: "no-store", credentials: "same-origin" }).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (text) {
      return new DOMParser().parseFromString(text, "text/html");
    });
  }
  function builtBy(doc) {
    var s = doc.querySelector("script[data-sprintkit-live]");
    return s ? s.getAttribute("data-build") : "";
  }
  // shapeOf empties doc's parts and returns what is left; doc is spent.
  function shapeOf(doc) {
    var i, nodes = doc.querySelectorAll("[data-sprintkit-swap], script[data-sprintkit-live]");
    for (i = 0; i < nodes.length; i++) {
      if (nodes[i].tagName === "SCRIPT") nodes[i].remove();
      else nodes[i].textContent = "";
    }
    return doc.documentElement.outerHTML;
  }

  // swaps counts the swaps begun: only the latest may change the page,
  // however their fetches come back.
  var swaps = 0;
  function swap(next) {
    var mine = ++swaps;
    fetchPage().then(function (doc) {
      if (mine !== swaps || builtBy(doc) !== next) {
        // Yet another build came in between: its own event follows.
        return;
      }
      var fresh = {}, i;
      for (i = 0; i < parts.length; i++) {
        var part = doc.getElementById(parts[i].id);
        if (!part) throw new Error("gone");
        fresh[parts[i].id] = part.innerHTML;
      }
      if (shapeOf(doc) !== shape) throw new Error("changed");
      for (i = 0; i < parts.length; i++) {
        if (parts[i].innerHTML !== fresh[parts[i].id]) parts[i].innerHTML = fresh[parts[i].id];
      }
      build = next;
      document.dispatchEvent(new CustomEvent("sprintkit:swapped"));
    }).catch(function () {
      reload(next);
    });
  }

  if (parts.length && window.fetch && window.DOMParser) {
    fetchPage().then(function (doc) {
      if (builtBy(doc) === build) shape = shapeOf(doc);
    }, function () {});
  }

  function onTimer(e) {
    alive();
    var d;
    try {
      d = JSON.parse(e.data);
    } catch (err) {
      return;
    }
    d.url = control;
    // When it came, by the page's clock (session.js's), so that the
    // server's clock is read against the moment it spoke.
    d.heard = typeof window.sprintkitClock === "function" ? window.sprintkitClock() : Date.now();
    // Kept for session.js, which may start after the first event came
    // (it is deferred, and loads from a busy server).
    window.sprintkitTimerHeard = d;
    document.dispatchEvent(new CustomEvent("sprintkit:timer", { detail: d }));
  }

  function connect() {
    clearTimeout(retryTimer);
    if (es) es.close();
    es = new EventSource(url);
    es.addEventListener("open", function () { wait = 1000; alive(); });
    es.addEventListener("build", onBuild);
    es.addEventListener("problems", function (e) { alive(); showProblems(e.data.split("\n")); });
    es.addEventListener("ping", alive);
    es.addEventListener("timer", onTimer);
    es.addEventListener("error", function () {
      // The browser retries by itself unless it gave up (a server that
      // answered wrongly); then try again, waiting longer each time.
      if (es.readyState === EventSource.CLOSED) retry();
    });
    alive();
  }

  function retry() {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(connect, wait);
    wait = Math.min(wait * 2, 15000);
  }

  // The server pings every 20 seconds; silence for longer means the
  // connection died unnoticed (a laptop that slept): open a new one.
  function alive() {
    clearTimeout(watchdog);
    watchdog = setTimeout(function () { if (es) es.close(); retry(); }, 50000);
  }

  function wake() {
    if (!es || es.readyState === EventSource.CLOSED) connect();
  }
  document.addEventListener("visibilitychange", function () { if (!document.hidden) wake(); });
  window.addEventListener("online", wake);
  window.addEventListener("pageshow", function (e) { if (e.persisted) connect(); });
  connect();
})();
