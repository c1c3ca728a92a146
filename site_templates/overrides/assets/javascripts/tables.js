/*
 * Sortable, filterable index tables: the project's own few lines, no library.
 *
 * Markup contract (the page templates emit it; nothing else is needed):
 *
 *   <table class="fs-table">
 *     <thead><tr>
 *       <th data-sort="date">Date</th>              sortable; one of text|date|number
 *       <th data-sort="text">Gift</th>
 *       <th data-sort="text" data-filter="actor">Given by</th>
 *       <th data-sort="text" data-filter="status">Status</th>
 *     </tr></thead>
 *     <tbody><tr>
 *       <td data-sort-value="2024-02-18">18 February 2024</td>
 *       ...
 *       <td data-filter-value="Confirmed">…</td>
 *     </tr></tbody>
 *   </table>
 *
 * Wrap the table in <div class="fs-table-wrap"> so that a wide table
 * scrolls inside the column instead of widening the page. Cells may carry
 * data-label="<column name>" (the script adds it when missing): below 600 px
 * each row shows as a card whose cells are labelled by it.
 *
 * - data-sort on a <th>: its label becomes a <button>; Enter, Space or a
 *   click sorts ascending, then descending; aria-sort follows. Rows compare
 *   by each cell's data-sort-value when present, else by its text. "date"
 *   compares ISO strings (2024 < 2024-02 < 2024-02-18), "number" as numbers.
 * - data-filter on a <th> (status|kind|actor|category|text): a filter bar
 *   above the table gets a select box of the distinct values of that column
 *   (status, kind, category), or a text box that matches anywhere in the
 *   cell (actor, text). A cell may hold several values separated by "|" in
 *   data-filter-value (e.g. "Vladimir Putin|Sergei Shoigu"); without it,
 *   its text is the one value.
 * - Runs on DOMContentLoaded, needs no network and no inline script, so it
 *   works from file:// and under a Content-Security-Policy of script-src 'self'.
 */
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

  function cellValue(cell, attr) {
    if (!cell) return "";
    var value = cell.getAttribute(attr);
    return (value === null ? cell.textContent : value).trim();
  }

  function compare(type, a, b) {
    if (type === "number") {
      var x = parseFloat(a), y = parseFloat(b);
      return (isNaN(x) ? -Infinity : x) - (isNaN(y) ? -Infinity : y);
    }
    if (type === "date") return a < b ? -1 : a > b ? 1 : 0;
    return collator.compare(a, b);
  }

  function sortBy(table, th, index) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th[aria-sort]").forEach(function (other) {
      other.setAttribute("aria-sort", "none");
    });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var type = th.getAttribute("data-sort");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows).map(function (row, position) {
      return { row: row, key: cellValue(row.cells[index], "data-sort-value"), position: position };
    });
    rows.sort(function (a, b) {
      // Stable: equal keys keep their previous order.
      var order = compare(type, a.key, b.key);
      return (ascending ? order : -order) || a.position - b.position;
    });
    rows.forEach(function (item) { body.appendChild(item.row); });
  }

  function values(cell) {
    return cellValue(cell, "data-filter-value").split("|").map(function (v) {
      return v.trim();
    }).filter(Boolean);
  }

  function applyFilters(table, filters) {
    var shown = 0, rows = table.tBodies[0].rows;
    for (var r = 0; r < rows.length; r++) {
      var keep = filters.every(function (f) {
        var wanted = f.control.value.trim().toLowerCase();
        if (!wanted) return true;
        return values(rows[r].cells[f.index]).some(function (v) {
          v = v.toLowerCase();
          return f.control.tagName === "SELECT" ? v === wanted : v.indexOf(wanted) !== -1;
        });
      });
      rows[r].hidden = !keep;
      if (keep) shown++;
    }
    return shown;
  }

  function filterBar(table, number) {
    var heads = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var filters = [];
    var bar = document.createElement("div");
    bar.className = "fs-filters";
    bar.setAttribute("role", "search");
    heads.forEach(function (th, index) {
      var kind = th.getAttribute("data-filter");
      if (!kind) return;
      var label = document.createElement("label");
      var name = document.createElement("span");
      name.textContent = th.textContent.trim();
      var control;
      if (kind === "actor" || kind === "text") {
        control = document.createElement("input");
        control.type = "search";
        control.placeholder = "Any";
      } else {
        control = document.createElement("select");
        var seen = {};
        Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
          values(row.cells[index]).forEach(function (v) { seen[v] = true; });
        });
        var all = document.createElement("option");
        all.value = "";
        all.textContent = "All";
        control.appendChild(all);
        Object.keys(seen).sort(collator.compare).forEach(function (v) {
          var option = document.createElement("option");
          option.value = v;
          option.textContent = v;
          control.appendChild(option);
        });
      }
      control.id = "fs-filter-" + number + "-" + index;
      label.htmlFor = control.id;
      label.appendChild(name);
      label.appendChild(control);  // one unit, so a narrow bar wraps by pairs
      bar.appendChild(label);
      filters.push({ index: index, control: control });
    });
    if (!filters.length) return;
    var count = document.createElement("output");
    count.className = "fs-filters__count";
    count.setAttribute("aria-live", "polite");
    bar.appendChild(count);
    var total = table.tBodies[0].rows.length;
    function update() {
      var shown = applyFilters(table, filters);
      count.textContent = shown === total ? total + " rows" : shown + " of " + total + " rows";
    }
    filters.forEach(function (f) {
      f.control.addEventListener(f.control.tagName === "SELECT" ? "change" : "input", update);
    });
    update();
    // Outside the scrolling wrapper, so the bar never scrolls away sideways.
    var anchor = table.parentNode.classList.contains("fs-table-wrap") ? table.parentNode : table;
    anchor.parentNode.insertBefore(bar, anchor);
  }

  function enhance(table, number) {
    if (table.getAttribute("data-enhanced") || !table.tHead || !table.tBodies.length) return;
    table.setAttribute("data-enhanced", "true");
    var labels = Array.prototype.map.call(table.tHead.rows[0].cells, function (th) {
      return th.textContent.trim();
    });
    // Narrow screens show each row as a card: each cell names its column.
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      Array.prototype.forEach.call(row.cells, function (cell, index) {
        if (!cell.hasAttribute("data-label") && labels[index]) {
          cell.setAttribute("data-label", labels[index]);
        }
      });
    });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      if (!th.hasAttribute("data-sort")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "fs-sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () { sortBy(table, th, index); });
    });
    filterBar(table, number);
  }

  function start() {
    document.querySelectorAll("table.fs-table").forEach(enhance);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
