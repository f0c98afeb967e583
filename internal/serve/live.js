// sprintkit serve: live reload. Injected into HTML pages as they are served,
// never into the built site. It listens for rebuilds at _sprintkit/events,
// found from the page's own address, so it works under any sub-path.
(function () {
  "use strict";
  var me = document.currentScript;
  var build = me.getAttribute("data-build");
  var url = new URL(me.getAttribute("data-root") + "_sprintkit/events", location.href).href;
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
    // Reload once for each new build: a page that comes back still not
    // showing it must not reload again and again.
    try {
      if (sessionStorage.getItem(KEY) === e.data) return;
      sessionStorage.setItem(KEY, e.data);
    } catch (err) {}
    location.reload();
  }

  function connect() {
    clearTimeout(retryTimer);
    if (es) es.close();
    es = new EventSource(url);
    es.addEventListener("open", function () { wait = 1000; alive(); });
    es.addEventListener("build", onBuild);
    es.addEventListener("problems", function (e) { alive(); showProblems(e.data.split("\n")); });
    es.addEventListener("ping", alive);
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
