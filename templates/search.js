/* dossier: the search page. The documents come from search/index-N.js
   (scripts, so they also load from file://); MiniSearch indexes them here.
   Words are split on anything that is not a letter or digit in any script,
   lowercased and stripped of diacritics (é → e, ё → е), so Cyrillic, Greek
   and accented Latin text are found. There is no stemmer: other forms of a
   word are found by prefix and by one-letter-off (fuzzy) matching. */
(function () {
  "use strict";
  var docs = window.dossierSearchDocs || [];
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var input = document.getElementById("search-query");
  var WORD = /[\p{L}\p{N}]+/gu;
  // Results drawn at once; a big dossier can match thousands of articles.
  var SHOWN = 50;

  function fold(word) {
    return word.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();
  }
  function tokenize(text) {
    return text.match(WORD) || [];
  }

  var engine = new MiniSearch({
    fields: ["t", "a", "x"],
    storeFields: [],
    tokenize: tokenize,
    processTerm: fold,
    searchOptions: {
      boost: { t: 3, a: 2 },
      prefix: function (term) { return term.length > 2; },
      fuzzy: function (term) { return term.length > 4 ? 1 : 0; },
      combineWith: "AND"
    }
  });
  engine.addAll(docs.map(function (d, i) { return { id: i, t: d.t, a: d.a, x: d.x }; }));

  // The words of `text` that matched, as [start, end] ranges.
  function matches(text, terms) {
    var found = [];
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(text)) !== null) {
      if (terms[fold(m[0])]) found.push([m.index, m.index + m[0].length]);
    }
    return found;
  }

  // Appends `text` to `parent` with the ranges in <mark>; text nodes only.
  function highlighted(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // About 30 words around the first match in the body.
  function snippet(text, terms) {
    var all = matches(text, terms);
    if (!all.length) return null;
    var first = all[0][0];
    var start = Math.max(0, text.lastIndexOf(" ", Math.max(0, first - 120)) + 1);
    if (first - start > 160) start = first - 120;
    var end = text.indexOf(" ", Math.min(text.length, first + 200));
    if (end < 0) end = text.length;
    var piece = text.slice(start, end);
    return {
      text: (start > 0 ? "… " : "") + piece + (end < text.length ? " …" : ""),
      ranges: matches(piece, terms).map(function (r) {
        var shift = start > 0 ? 2 : 0;
        return [r[0] + shift, r[1] + shift];
      })
    };
  }

  function run(query) {
    list.textContent = "";
    if (!query.trim()) {
      status.textContent = docs.length + " articles to search.";
      return;
    }
    var results = engine.search(query);
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " article matches " : " articles match ") + "“" + query + "”."
      : "No article matches “" + query + "”.";
    if (results.length > SHOWN) {
      status.textContent += " Showing the best " + SHOWN + ".";
    }
    results.slice(0, SHOWN).forEach(function (r) {
      var d = docs[r.id];
      var terms = {};
      r.terms.forEach(function (t) { terms[t] = true; });
      var li = document.createElement("li");
      li.className = "search-result";
      var h = document.createElement("h2");
      var a = document.createElement("a");
      a.href = d.u;
      highlighted(a, d.t, matches(d.t, terms));
      h.appendChild(a);
      li.appendChild(h);
      if (d.a || d.d) {
        var meta = document.createElement("p");
        meta.className = "meta";
        meta.textContent = [d.a, d.d].filter(Boolean).join(" · ");
        li.appendChild(meta);
      }
      var s = snippet(d.x, terms);
      if (s) {
        var p = document.createElement("p");
        p.className = "snippet";
        highlighted(p, s.text, s.ranges);
        li.appendChild(p);
      }
      list.appendChild(li);
    });
  }

  var query = new URLSearchParams(window.location.search).get("q") || "";
  input.value = query;
  run(query);
  input.form.addEventListener("submit", function (e) {
    e.preventDefault();
    var q = input.value;
    if (window.history && window.history.replaceState) {
      try { window.history.replaceState(null, "", "?q=" + encodeURIComponent(q)); } catch (err) { /* file:// in some browsers */ }
    }
    run(q);
  });
})();
