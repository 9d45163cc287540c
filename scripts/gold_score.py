#!/usr/bin/env python3
"""Score a build's data files against ../shared/gold/seeds.json.

    python3 scripts/gold_score.py [SITE_DIR] [GOLD_FILE]

Strings are compared after NFC, whitespace collapsing and dash folding
(- – —) only; spaces around a dash are NOT folded, so this is the strict
reading of the gold file's rule. Prints one line per field that misses and
a score per seed and in total.
"""
import json, re, sys, unicodedata
from pathlib import Path

site = Path(sys.argv[1] if len(sys.argv) > 1 else "public")
gold_path = Path(sys.argv[2] if len(sys.argv) > 2 else Path(__file__).resolve().parents[1] / "../shared/gold/seeds.json")
gold = json.loads(gold_path.read_text(encoding="utf-8"))
articles = {a["source_file"]: a for a in json.loads((site / "du-lieu/articles.json").read_text(encoding="utf-8"))["articles"]}
events = json.loads((site / "du-lieu/events.json").read_text(encoding="utf-8"))["events"]

def f(s):
    if s is None:
        return None
    s = unicodedata.normalize("NFC", s)
    s = re.sub(r"[–—]", "-", s)
    return re.sub(r"\s+", " ", s).strip()

total = ok = 0
def check(name, cond, detail=""):
    global total, ok
    total += 1
    ok += bool(cond)
    if not cond:
        print(f"  MISS {name} {detail}")

for src, g in gold["articles"].items():
    a = articles.get(src)
    print(src)
    if a is None:
        check("article present", False)
        continue
    if g.get("title") is not None:
        check("title", f(a["title"]) == f(g["title"]), f"{a['title']!r}")
    else:
        check("title_derived", a["title_derived"] is True)
        check("title_contains", f(g["title_contains"]) in f(a["title"]), a["title"])
    check("kicker", f(a["kicker"]) == f(g["kicker"]), repr(a["kicker"]))
    check("published", a["published"] == g["published"], repr(a["published"]))
    check("authors", [f(x) for x in a["authors"]] == [f(x) for x in g["authors"]], repr(a["authors"]))
    check("source_url", a["source_url"] == g["source_url"], repr(a["source_url"]))
    check("districts_first", (a["districts"] or [None])[0] == g["districts_first"], repr(a["districts"]))
    ev = a["event"] or {}
    for k, v in g["event"].items():
        check(f"event.{k}", ev.get(k) == v, f"{ev.get(k)!r} != {v!r}")
    names = {p["name"]: p for p in a["people"]}
    for p in g["people"]:
        got = names.get(p["name"])
        check(f"person {p['name']}", got is not None)
        for r in p["roles_contain"]:
            check(f"role {r}", got is not None and any(f(r) in f(x) for x in got["roles"]), repr(got and got["roles"]))
    allowed = {p["name"] for p in g["people"]} | set(g["people_optional"])
    check("no spurious people", set(names) <= allowed, repr(sorted(set(names) - allowed)))
    body = [b for b in a["body"]]
    check("headings", [f(b["text"]) for b in body if b["type"] == "heading"] == [f(h) for h in g["headings"]])
    check("captions", [f(b["text"]) for b in body if b["type"] == "caption"] == [f(c) for c in g["captions"]])
    text = [f(b["text"]) for b in body]
    for k in g["body_keep"]:
        check(f"keep {k[:40]!r}", any(f(k) in t for t in text))
    for d in g["body_drop"]:
        check(f"drop {d[:40]!r}", not any(f(d) in t for t in text))
    title_hits = sum(1 for t in text if f(a["title"]) in t)
    check("title in body", title_hits <= g["title_in_body_max"], str(title_hits))
    for n in g["documents_contain"]:
        check(f"document {n}", any(n in (d.get("number") or "") for d in a["documents"]))

print("events")
def match(e, w):
    for k in ("kind", "district", "ordinal", "level"):
        if k in w and e.get(k) != w[k]:
            return False
    if "year" in w and not (e.get("start") or "").startswith(str(w["year"])):
        return False
    return True
for w in gold["events_required"]:
    found = [e for e in events if match(e, w)]
    check(f"event {w['kind']} {w['district']} {w['ordinal']} once", len(found) == 1, str(len(found)))
    if found:
        for k in ("start", "end"):
            if k in w:
                check(f"  {k}", found[0].get(k) == w[k], repr(found[0].get(k)))
bonus = sum(1 for w in gold["events_bonus"] if any(match(e, w) for e in events))
print(f"bonus events found: {bonus}/{len(gold['events_bonus'])}")
print(f"score: {ok}/{total} checks ({100.0 * ok / total:.1f}%)")
