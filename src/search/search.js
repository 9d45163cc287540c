// civic-archive search: reads the static index written by src/search/mod.rs.
// Folding, hashing and scoring mirror `search::query` in Rust, which the
// tests check; keep the two in step.
(function () {
  "use strict";
  var script = document.currentScript;
  var base = script ? script.src.replace(/search\.js(\?.*)?$/, "") : "./";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!form || !input || !status || !list) return;
  var PAGE = 10;

  function fold(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function tokens(s) {
    return fold(s).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }
  function fnv1a(s) {
    var h = 0x811c9dc5;
    var bytes = new TextEncoder().encode(s);
    for (var i = 0; i < bytes.length; i++) {
      h ^= bytes[i];
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h >>> 0;
  }
  var cache = {};
  function json(path) {
    if (!cache[path]) {
      cache[path] = fetch(base + path).then(function (r) {
        if (!r.ok) throw new Error(path + ": " + r.status);
        return r.json();
      });
    }
    return cache[path];
  }
  function postings(meta, term) {
    return json("t/" + (fnv1a(term) % meta.buckets) + ".json").then(function (bucket) {
      var out = new Map();
      var doc = 0;
      (bucket[term] || []).forEach(function (p) {
        doc += Math.floor(p / 4);
        out.set(doc, p % 4);
      });
      return out;
    });
  }
  function search(q) {
    var toks = tokens(q);
    if (toks.length === 0) return Promise.resolve([]);
    return json("meta.json").then(function (meta) {
      var pairs = [];
      for (var i = 0; i + 1 < toks.length; i++) pairs.push(toks[i] + " " + toks[i + 1]);
      return Promise.all(toks.concat(pairs).map(function (t) { return postings(meta, t); })).then(function (lists) {
        var scores = null;
        toks.forEach(function (_, i) {
          var p = lists[i];
          var next = new Map();
          if (scores === null) {
            p.forEach(function (w, d) { next.set(d, 1 + w); });
          } else {
            scores.forEach(function (s, d) { if (p.has(d)) next.set(d, s + 1 + p.get(d)); });
          }
          scores = next;
        });
        lists.slice(toks.length).forEach(function (p) {
          p.forEach(function (w, d) { if (scores.has(d)) scores.set(d, scores.get(d) + 4 + 4 * w); });
        });
        var ranked = Array.from(scores.entries());
        ranked.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return { meta: meta, docs: ranked.map(function (e) { return e[0]; }) };
      });
    });
  }
  function row(meta, n) {
    var k = Math.floor(n / meta.shard);
    return json("d/" + k + ".json").then(function (rows) { return rows[n - k * meta.shard]; });
  }
  // Where the query's words occur in a list of words: runs of the whole
  // phrase when the query has several words ("dong da" marks "Đống Đa",
  // not every "đã"), else each matching word.
  function matchRuns(words, toks) {
    var hits = [];
    var folded = words.map(function (w) { return fold(w).replace(/[^\p{L}\p{N}]/gu, ""); });
    if (toks.length > 1) {
      for (var i = 0; i + toks.length <= folded.length; i++) {
        var ok = true;
        for (var k = 0; k < toks.length && ok; k++) ok = folded[i + k] === toks[k];
        if (ok) { for (var k2 = 0; k2 < toks.length; k2++) hits.push(i + k2); i += toks.length - 1; }
      }
      if (hits.length > 0) return hits;
    }
    var wanted = new Set(toks);
    folded.forEach(function (f, i) { if (wanted.has(f)) hits.push(i); });
    return hits;
  }
  // Text with the query's words wrapped in <mark>, built as DOM nodes so
  // article text is never parsed as HTML.
  function highlighted(text, toks) {
    var frag = document.createDocumentFragment();
    var parts = text.split(/([\p{L}\p{N}]+)/u);
    var wordIdx = [];
    var words = [];
    parts.forEach(function (p, i) { if (i % 2 === 1) { wordIdx.push(i); words.push(p); } });
    var marked = new Set(matchRuns(words, toks).map(function (w) { return wordIdx[w]; }));
    parts.forEach(function (part, i) {
      if (!part) return;
      if (marked.has(i)) {
        var m = document.createElement("mark");
        m.textContent = part;
        frag.appendChild(m);
      } else {
        frag.appendChild(document.createTextNode(part));
      }
    });
    return frag;
  }
  // The passage around the first match in the article itself, preferring
  // a block where the whole phrase occurs.
  function snippetFrom(url, toks) {
    return fetch(url).then(function (r) { return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      var blocks = Array.from(doc.querySelectorAll("[id^=b]"));
      var best = null;
      for (var pass = 0; pass < 2 && !best; pass++) {
        for (var i = 0; i < blocks.length && !best; i++) {
          var words = (blocks[i].textContent || "").split(/\s+/);
          var hits = matchRuns(words, pass === 0 ? toks : toks.slice(0, 1));
          if (hits.length > 0 && (pass === 1 || toks.length === 1 || hits.length >= toks.length)) {
            var j = hits[0];
            var from = Math.max(0, j - 12);
            best = (from > 0 ? "… " : "") + words.slice(from, j + 24).join(" ") + (j + 24 < words.length ? " …" : "");
          }
        }
      }
      return best;
    });
  }
  // "2020-07-19T18:40" -> "19/7/2020"; "2020-06" -> "tháng 6/2020".
  function vnDate(iso) {
    if (!iso) return "";
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso);
    if (!m) return iso;
    if (m[3]) return +m[3] + "/" + +m[2] + "/" + m[1];
    if (m[2]) return "tháng " + +m[2] + "/" + m[1];
    return m[1];
  }
  function show(q) {
    list.textContent = "";
    var wanted = tokens(q);
    if (wanted.length === 0) {
      status.textContent = "";
      return;
    }
    status.textContent = "Đang tìm…";
    search(q).then(function (res) {
      if (!res.docs || res.docs.length === 0) {
        status.textContent = "Không tìm thấy bài nào cho “" + q + "”.";
        return;
      }
      status.textContent = "Tìm thấy " + res.docs.length + " bài cho “" + q + "”.";
      return Promise.all(res.docs.slice(0, PAGE).map(function (n) { return row(res.meta, n); })).then(function (rows) {
        var fetched = 0;
        rows.forEach(function (r, i) {
          if (!r) return;
          var li = document.createElement("li");
          var a = document.createElement("a");
          a.href = r[0];
          a.appendChild(highlighted(r[1], wanted));
          var h = document.createElement("h2");
          h.appendChild(a);
          li.appendChild(h);
          var meta = document.createElement("p");
          meta.className = "meta";
          meta.textContent = [vnDate(r[2]), r[3]].filter(Boolean).join(" · ");
          li.appendChild(meta);
          var p = document.createElement("p");
          p.className = "snippet";
          p.appendChild(highlighted(r[4], wanted));
          li.appendChild(p);
          list.appendChild(li);
          // The stored excerpt is the lede; fetch the article for a better
          // passage only when the lede lacks the words, for the first three.
          var inExcerpt = matchRuns((r[4] || "").split(/\s+/), wanted).length > 0;
          if (!inExcerpt && fetched < 3) {
            fetched++;
            snippetFrom(r[0], wanted).then(function (s) {
              if (s) {
                p.textContent = "";
                p.appendChild(highlighted(s, wanted));
              }
            }).catch(function () {});
          }
        });
      });
    }).catch(function (e) {
      status.textContent = "Không tải được chỉ mục tìm kiếm (" + e.message + ").";
    });
  }
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var q = input.value;
    var url = new URL(window.location.href);
    url.searchParams.set("q", q);
    history.replaceState(null, "", url);
    show(q);
  });
  var initial = new URLSearchParams(window.location.search).get("q");
  if (initial) {
    input.value = initial;
    show(initial);
  }
})();
