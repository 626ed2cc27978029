/* adrledger site: theme toggle, instant search, list filters, graph filter, Mermaid diagrams.
   Works from file:// — scripts are loaded with <script> tags, never fetch(). No inline handlers. */
(function () {
  "use strict";
  var root = document.documentElement.dataset.root || "";

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var existing = document.querySelector('script[data-src="' + src + '"]');
      if (existing) { existing.addEventListener("load", resolve); if (existing.dataset.loaded) resolve(); return; }
      var s = document.createElement("script");
      s.src = root + src; s.dataset.src = src;
      s.onload = function () { s.dataset.loaded = "1"; resolve(); };
      s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  /* ---- theme ---------------------------------------------------------------------------- */
  function currentTheme() {
    var set = document.documentElement.dataset.theme;
    if (set) return set;
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  var toggle = document.getElementById("theme-toggle");
  if (toggle) {
    toggle.setAttribute("aria-pressed", String(currentTheme() === "dark"));
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      document.documentElement.dataset.theme = next;
      toggle.setAttribute("aria-pressed", String(next === "dark"));
      try { localStorage.setItem("adrledger-theme", next); } catch (e) { /* not persisted */ }
    });
  }

  /* ---- search --------------------------------------------------------------------------- */
  var SPLIT = /[^\p{L}\p{N}]+/u;  /* kept in step with search.py */
  var engines = null;
  function searchEngine() {
    if (engines) return Promise.resolve(engines);
    return Promise.all([loadScript("static/minisearch.js"), loadScript("search-index.js")]).then(function () {
      var data = window.ADRLEDGER_SEARCH;
      return Promise.all(data.shards.map(loadScript)).then(function () {
        var stop = new Set(data.stopWords);
        var options = {
          fields: ["title", "tags", "text"], storeFields: ["title", "url", "status", "date", "id"],
          tokenize: function (text) { return text.toLowerCase().split(SPLIT); },
          processTerm: function (term) {
            term = term.toLowerCase();
            return term.length > 1 && term.length <= 40 && !stop.has(term) ? term : null;
          },
          searchOptions: { boost: { title: 3, tags: 2 }, prefix: true, fuzzy: 0.15, combineWith: "AND" }
        };
        engines = (window.ADRLEDGER_SEARCH_SHARDS || []).map(function (shard) {
          return MiniSearch.loadJS(shard, options);
        });
        return engines;
      });
    });
  }
  /* Every shard answers; hits are merged by score (shards share one scoring scheme). */
  function searchAll(all, query, options) {
    var hits = [];
    all.forEach(function (ms) { hits = hits.concat(ms.search(query, options)); });
    return hits.sort(function (a, b) { return b.score - a.score; });
  }

  var input = document.getElementById("search-input");
  var list = document.getElementById("search-results");
  var active = -1;
  function showResults(results, query) {
    list.textContent = "";
    active = -1;
    results.slice(0, 20).forEach(function (r, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option"); li.id = "search-option-" + i;
      var a = document.createElement("a");
      a.href = root + r.url;
      a.textContent = r.title;
      var meta = document.createElement("span");
      meta.className = "badge status-" + r.status;
      meta.textContent = r.status;
      a.appendChild(document.createTextNode(" "));
      a.appendChild(meta);
      li.appendChild(a);
      list.appendChild(li);
    });
    if (!results.length && query) {
      var none = document.createElement("li");
      none.className = "empty"; none.textContent = "No decision matches “" + query + "”.";
      list.appendChild(none);
    }
    list.hidden = !query;
    input.setAttribute("aria-expanded", String(!list.hidden));
  }
  function runSearch() {
    var query = input.value.trim();
    if (!query) { showResults([], ""); return; }
    searchEngine().then(function (all) {
      if (input.value.trim() !== query) return;
      var results = searchAll(all, query);
      if (!results.length) results = searchAll(all, query, { combineWith: "OR" });
      showResults(results, query);
    }).catch(function (err) { list.hidden = false; list.textContent = String(err.message); });
  }
  function move(step) {
    var items = list.querySelectorAll("li[role=option]");
    if (!items.length) return;
    active = (active + step + items.length) % items.length;
    items.forEach(function (li, i) { li.classList.toggle("active", i === active); });
    input.setAttribute("aria-activedescendant", items[active].id);
  }
  if (input && list) {
    input.addEventListener("focus", function () { searchEngine().catch(function () {}); });
    input.addEventListener("input", runSearch);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown") { e.preventDefault(); move(1); }
      else if (e.key === "ArrowUp") { e.preventDefault(); move(-1); }
      else if (e.key === "Enter") {
        var items = list.querySelectorAll("li[role=option] a");
        var target = items[active >= 0 ? active : 0];
        if (target) { e.preventDefault(); window.location.href = target.href; }
      } else if (e.key === "Escape") { input.value = ""; showResults([], ""); }
    });
    document.addEventListener("keydown", function (e) {
      var tag = (e.target && e.target.tagName) || "";
      if (e.key === "/" && !/INPUT|SELECT|TEXTAREA/.test(tag)) { e.preventDefault(); input.focus(); }
    });
  }

  /* ---- list: filters and sorting, all reflected in the URL hash -------------------------- */
  var table = document.getElementById("decisions");
  if (table) {
    var form = document.getElementById("filters");
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var count = document.getElementById("list-count");
    var state = {};
    function readHash() {
      state = {};
      new URLSearchParams(window.location.hash.replace(/^#/, "")).forEach(function (v, k) { state[k] = v; });
      form.querySelectorAll("[data-filter]").forEach(function (el) { el.value = state[el.dataset.filter] || ""; });
    }
    function writeHash() {
      var params = new URLSearchParams();
      Object.keys(state).sort().forEach(function (k) { if (state[k]) params.set(k, state[k]); });
      var text = params.toString();
      history.replaceState(null, "", text ? "#" + text : window.location.pathname + window.location.search);
    }
    function has(json, value) {
      try { return JSON.parse(json || "[]").indexOf(value) >= 0; } catch (e) { return false; }
    }
    function matches(row) {
      var d = row.dataset;
      if (state.status && d.status !== state.status) return false;
      if (state.style && d.style !== state.style) return false;
      if (state.tag && !has(d.tags, state.tag)) return false;
      if (state.decider && !has(d.deciders, state.decider)) return false;
      if (state.from && (!d.date || d.date < state.from)) return false;
      if (state.to && (!d.date || d.date > state.to)) return false;
      return true;
    }
    function compare(key) {
      var desc = key.charAt(0) === "-"; var field = desc ? key.slice(1) : key;
      return function (a, b) {
        var x = a.dataset[field] || "", y = b.dataset[field] || "";
        var r = field === "number" ? (Number(x || 1e12) - Number(y || 1e12)) : x.localeCompare(y);
        return desc ? -r : r;
      };
    }
    var appliedSort = "";
    function apply() {
      var shown = 0;
      if ((state.sort || "") !== appliedSort) {  /* reorder only when the sort changes: 10,000 rows */
        var ordered = rows.slice();
        if (state.sort) ordered.sort(compare(state.sort));
        var fragment = document.createDocumentFragment();
        ordered.forEach(function (row) { fragment.appendChild(row); });
        table.tBodies[0].appendChild(fragment);
        appliedSort = state.sort || "";
      }
      rows.forEach(function (row) {
        var ok = matches(row);
        if (row.hidden === ok) row.hidden = !ok;
        if (ok) shown++;
      });
      table.querySelectorAll("button[data-sort]").forEach(function (b) {
        var th = b.parentNode; var key = b.dataset.sort;
        th.setAttribute("aria-sort", state.sort === key ? "ascending" : state.sort === "-" + key ? "descending" : "none");
      });
      count.textContent = shown + " of " + rows.length + " decisions";
    }
    form.addEventListener("change", function (e) {
      var el = e.target;
      if (el.dataset && el.dataset.filter) { state[el.dataset.filter] = el.value; writeHash(); apply(); }
    });
    form.addEventListener("reset", function () {
      setTimeout(function () { var sort = state.sort; state = sort ? { sort: sort } : {}; writeHash(); apply(); }, 0);
    });
    table.querySelectorAll("button[data-sort]").forEach(function (b) {
      b.addEventListener("click", function () {
        var key = b.dataset.sort;
        state.sort = state.sort === key ? "-" + key : key;
        writeHash(); apply();
      });
    });
    window.addEventListener("hashchange", function () { readHash(); apply(); });
    readHash(); apply();
  }

  /* ---- graph: hide statuses ---------------------------------------------------------------- */
  var graph = document.getElementById("relation-graph");
  if (graph) {
    var boxes = document.querySelectorAll("[data-graph-status]");
    var update = function () {
      var hidden = {};
      boxes.forEach(function (b) { if (!b.checked) hidden[b.value] = true; });
      var gone = {};
      graph.querySelectorAll(".node").forEach(function (n) {
        var off = !!hidden[n.dataset.status];
        n.style.display = off ? "none" : "";
        if (off) gone[n.dataset.key] = true;
      });
      graph.querySelectorAll(".edge").forEach(function (e) {
        e.style.display = gone[e.dataset.source] || gone[e.dataset.target] ? "none" : "";
      });
    };
    boxes.forEach(function (b) { b.addEventListener("change", update); });
  }

  /* ---- Mermaid blocks: drawn in strict mode (no scripts, no click handlers in diagrams) -- */
  var blocks = document.querySelectorAll("pre.mermaid-source");
  if (blocks.length) {
    loadScript("static/mermaid.min.js").then(function () {
      /* Diagrams sit on a light panel in both themes (their own colours assume one). */
      window.mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: "default" });
      var nodes = [];
      blocks.forEach(function (pre) {
        var div = document.createElement("div");
        div.className = "mermaid";
        div.textContent = pre.textContent;
        pre.hidden = true;
        pre.parentNode.insertBefore(div, pre);
        nodes.push(div);
      });
      return window.mermaid.run({ nodes: nodes, suppressErrors: true });
    }).catch(function () { blocks.forEach(function (pre) { pre.hidden = false; }); });
  }
})();
