// Live updates for the status page: listen to /events and, after a change, fetch the page again
// and swap its live sections. Without JavaScript the page reloads itself (see <noscript>).
// Also: day tooltips on the uptime bars, and the bars of a collapsed group fetched when opened.
(function () {
  "use strict";
  var errors = (window.__errors = window.__errors || []);
  window.addEventListener("error", function (e) { errors.push(String(e.message || e)); });
  window.addEventListener("unhandledrejection", function (e) { errors.push(String(e.reason)); });
  var STATUS = { "-": "no data", "0": "Unknown", "1": "Operational", "2": "Performance Issues", "3": "Partial Outage", "4": "Major Outage" };
  // Uptime bars: the day under the pointer, or picked with the arrow keys, in a tooltip.
  function showDay(bar, i) {
    var days = bar.getAttribute("data-days") || "";
    i = Math.max(0, Math.min(days.length - 1, i));
    bar.__day = i;
    var date = new Date(bar.getAttribute("data-from") + "T00:00:00Z");
    date.setUTCDate(date.getUTCDate() + i);
    var dip = new RegExp("(^|;)" + i + ":([0-9.]+)").exec(bar.getAttribute("data-dips") || "");
    var code = days.charAt(i);
    var text = date.toLocaleDateString(undefined, { timeZone: "UTC", year: "numeric", month: "short", day: "numeric" }) + ": " +
      (code === "-" ? "no data" : (dip ? dip[2] : "100") + "% uptime" + (Number(code) > 1 ? ", worst: " + STATUS[code] : ""));
    var tip = bar.parentNode.querySelector(".bar-tip");
    if (!tip) { tip = document.createElement("div"); tip.className = "bar-tip"; tip.setAttribute("role", "status"); bar.parentNode.appendChild(tip); }
    tip.textContent = text;
    tip.style.left = ((i + 0.5) / days.length * 100) + "%";
  }
  function hideDay(bar) { var tip = bar.parentNode.querySelector(".bar-tip"); if (tip) tip.remove(); }
  document.addEventListener("mousemove", function (e) {
    var bar = e.target.closest && e.target.closest("svg.bar");
    document.querySelectorAll(".bar-tip").forEach(function (t) { if (!bar || t.parentNode !== bar.parentNode) t.remove(); });
    if (!bar) return;
    var r = bar.getBoundingClientRect();
    showDay(bar, Math.floor((e.clientX - r.left) / r.width * (bar.getAttribute("data-days") || "").length));
  });
  document.addEventListener("keydown", function (e) {
    var bar = document.activeElement;
    if (!bar || !bar.matches || !bar.matches("svg.bar")) return;
    var step = { ArrowLeft: -1, ArrowRight: 1 }[e.key];
    if (step) { e.preventDefault(); showDay(bar, (bar.__day === undefined ? (bar.getAttribute("data-days") || "").length : bar.__day) + step); }
  });
  document.addEventListener("focusout", function (e) { if (e.target.matches && e.target.matches("svg.bar")) hideDay(e.target); });
  if (!window.fetch || !window.DOMParser) return;
  // A collapsed group ships without its bars: fetch them when it is opened.
  document.addEventListener("toggle", function (e) {
    var group = e.target;
    var link = group.open && group.querySelector && group.querySelector("a[data-bars]");
    if (!link) return;
    fetch(link.getAttribute("href"), { headers: { Accept: "text/html" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error("HTTP " + r.status)); })
      .then(function (html) {
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById(group.id);
        var list = fresh && fresh.querySelector("ul.components");
        if (list) { group.querySelector("ul.components").replaceWith(list); link.parentNode.remove(); }
      })
      .catch(function () { /* the link still leads to the group's page */ });
  }, true);
  if (!window.EventSource) return;
  if (!document.querySelector("[data-live]")) return;
  var revision = Number(document.body.getAttribute("data-revision") || 0);
  var timer = null;
  function refresh() {
    timer = null;
    fetch(location.pathname + location.search, { headers: { Accept: "text/html" }, cache: "no-cache" })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(new Error("HTTP " + r.status)); })
      .then(function (html) {
        var doc = new DOMParser().parseFromString(html, "text/html");
        // Groups the reader opened stay open (and fetch their bars again).
        var opened = [];
        document.querySelectorAll("details.group[open]").forEach(function (g) { opened.push(g.id); });
        document.querySelectorAll("[data-live]").forEach(function (el) {
          var fresh = doc.getElementById(el.id);
          if (fresh) el.innerHTML = fresh.innerHTML;
        });
        opened.forEach(function (id) { var g = document.getElementById(id); if (g && !g.open) g.open = true; });
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
