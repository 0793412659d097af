/*
 * Instant filters of a registry's listing. Without JavaScript the listing is the full table,
 * sortable through links; here the filter form (hidden until now) narrows the rows as the user
 * types or chooses, the state is kept in the address (?status=free&q=…) so that a filtered list
 * can be bookmarked or sent, the sort links keep it, and the count is announced politely.
 * A row matches a select when its data-f-NAME attribute holds |value|.
 */
(function () {
  "use strict";
  function start() {
    var form = document.querySelector("[data-registry-filters]");
    var count = document.querySelector("[data-registry-count]");
    if (!form || !count) return;
    var rows = Array.prototype.slice.call(document.querySelectorAll("[data-registry-row]"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("[data-registry-group]"));
    var empty = document.querySelector("[data-registry-empty]");
    var controls = Array.prototype.slice.call(form.elements).filter(function (c) { return c.name; });
    // without the soft hyphens the build puts into cells of long text
    var texts = rows.map(function (row) { return row.textContent.replace(/\u00AD/g, "").toLowerCase(); });
    var total = count.getAttribute("data-total");

    var params = new URLSearchParams(window.location.search);
    controls.forEach(function (control) {
      var value = params.get(control.name);
      if (value === null) return;
      if (control.tagName === "SELECT" && !control.querySelector('option[value="' + CSS.escape(value) + '"]')) return;
      control.value = value;
    });

    function apply() {
      var query = "";
      var state = new URLSearchParams();
      var selects = [];
      controls.forEach(function (control) {
        var value = control.value.trim();
        if (!value) return;
        state.set(control.name, value);
        if (control.name === "q") query = value.toLowerCase();
        else selects.push(control);
      });
      var shown = 0;
      rows.forEach(function (row, index) {
        var match = selects.every(function (select) {
          return (row.getAttribute("data-f-" + select.name) || "").indexOf("|" + select.value + "|") !== -1;
        }) && (!query || texts[index].indexOf(query) !== -1);
        row.hidden = !match;
        if (match) shown += 1;
      });
      groups.forEach(function (group) {
        group.hidden = !group.querySelector("[data-registry-row]:not([hidden])");
      });
      if (empty) empty.hidden = shown !== 0;
      var filtered = state.toString() !== "";
      count.textContent = filtered ? "Найдено: " + shown + " из " + total : "Всего записей: " + total;
      var search = filtered ? "?" + state.toString() : "";
      window.history.replaceState(null, "", window.location.pathname + search + window.location.hash);
      document.querySelectorAll("[data-sort-link]").forEach(function (link) {
        link.search = search;
      });
    }

    form.hidden = false;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
