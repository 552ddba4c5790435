// Live updates for the status page: listen to /events and, after a change, fetch the page again
// and swap its live sections. Without JavaScript the page reloads itself (see <noscript>).
(function () {
  "use strict";
  var errors = (window.__errors = window.__errors || []);
  window.addEventListener("error", function (e) { errors.push(String(e.message || e)); });
  window.addEventListener("unhandledrejection", function (e) { errors.push(String(e.reason)); });
  if (!window.EventSource || !window.fetch || !window.DOMParser) return;
  if (!document.querySelector("[data-live]")) return;
  var revision = Number(document.body.getAttribute("data-revision") || 0);
  var timer = null;
  function refresh() {
    timer = null;
    fetch(location.pathname + location.search, { headers: { Accept: "text/html" }, cache: "no-cache" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error("HTTP " + r.status)); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        document.querySelectorAll("[data-live]").forEach(function (el) {
          var fresh = doc.getElementById(el.id);
          if (fresh) el.innerHTML = fresh.innerHTML;
        });
        revision = Math.max(revision, Number(doc.body.getAttribute("data-revision") || 0));
        document.title = doc.title;
      })
      .catch(function () { /* the next event or reconnect tries again */ });
  }
  function later() { if (!timer) timer = setTimeout(refresh, 100); }
  var source = new EventSource("/events");
  function onChange(e) { if (e.type === "reload" || Number(e.data) > revision) later(); }
  ["hello", "component", "group", "incident", "schedule", "metric", "setting", "other", "reload"].forEach(function (k) {
    source.addEventListener(k, onChange);
  });
})();
