#!/usr/bin/env python3
"""The peer baseline: the fuzzy-match script a user would write instead of plantrack.

For every label of the gold files, the plan sentence holding the label's key is compared
with every sentence of the review (RapidFuzz `token_set_ratio` over jieba words). The label
is `met` when the best ratio reaches a threshold, else `unmentioned`. The threshold is chosen
leave-one-pair-out, exactly as `plantrack eval --folds` chooses its own: for each gold file,
the threshold with the best balanced accuracy on the *other* files.

Both tools are scored the same way: a label is right when the answer is one of its accepted
statuses; balanced accuracy is the mean of recall on labels whose first accepted status is
`unmentioned` and recall on all other labels; evidence is right when the best sentence holds
one of the label's expected evidence strings. plantrack's figures come from
`plantrack eval GOLD... --folds --format json`; the review sections are those plantrack's
outline finds (the same text for both tools).

Usage (from the crate root, after `cargo build --release`):

    python3 benches/peer.py tests/gold/*.toml

Optional: needs `pip install rapidfuzz jieba`; without them it says so and exits 0.
"""

import json
import pathlib
import re
import subprocess
import sys
import time
import tomllib

try:
    import jieba
    from rapidfuzz import fuzz
except ImportError as missing:  # pragma: no cover - depends on the machine
    print(f"peer baseline skipped: {missing.name} is not installed "
          "(pip install rapidfuzz jieba)")
    sys.exit(0)

ROOT = pathlib.Path(__file__).resolve().parent.parent
BINARY = ROOT / "target" / "release" / "plantrack"
GRID = list(range(30, 101, 2))
SENTENCE_END = re.compile(r"(?<=[。；！？!?;])|\n")


def sentences(text):
    return [s.strip() for s in SENTENCE_END.split(text) if s and s.strip()]


def plantrack(*args):
    out = subprocess.run([str(BINARY), *args], capture_output=True, text=True, cwd=ROOT)
    if out.returncode not in (0, 1):
        sys.exit(f"plantrack {' '.join(args)} failed:\n{out.stderr}")
    return json.loads(out.stdout)


def period_covers(section_period, period):
    if section_period is None:
        return False
    if section_period == period:
        return True
    if "-" in section_period and period.isdigit():
        first, last = section_period.split("-")
        return int(first) <= int(period) <= int(last)
    return False


def review_sentences(summary_file, period):
    """The sentences of the summary and problems sections that report on `period`."""
    outline = plantrack("outline", "--format", "json", str(summary_file))
    chosen = []
    for kinds in (("summary", "problems"),):
        for doc in outline["documents"]:
            for s in doc["sections"]:
                if s["kind"] in kinds and s["period"] == period:
                    chosen.append(s)
        if not chosen:  # a five-year review serves for its last year, as in plantrack
            for doc in outline["documents"]:
                for s in doc["sections"]:
                    if s["kind"] in kinds and period_covers(s["period"], period):
                        chosen.append(s)
    texts = []
    for s in chosen:
        texts.append(s["lead"])
        texts.extend(i["text"] for i in s["items"])
    return [x for t in texts for x in sentences(t)]


def words(text):
    return " ".join(w for w in jieba.lcut(text) if w.strip())


def best_match(plan_sentence, review, review_words):
    query = words(plan_sentence)
    best, best_i = -1.0, 0
    for i, rw in enumerate(review_words):
        r = fuzz.token_set_ratio(query, rw)
        if r > best:
            best, best_i = r, i
    return best, review[best_i] if review else ""


def load_case(path):
    gold = tomllib.loads(path.read_text(encoding="utf-8"))
    base = path.parent
    plan_text = (base / gold["plan"]).read_text(encoding="utf-8")
    plan_sentences = sentences(plan_text)
    review = review_sentences(base / gold["summary"], gold["period"])
    started = time.perf_counter()
    review_words = [words(s) for s in review]
    labels = []
    for label in gold.get("label", []):
        key = label["key"]
        holding = next((s for s in plan_sentences if key in s), key)
        score, sentence = best_match(holding, review, review_words)
        labels.append({
            "accept": label["accept"],
            "evidence": label.get("evidence", []),
            "score": score,
            "sentence": sentence,
        })
    elapsed = time.perf_counter() - started
    return {"file": str(path), "labels": labels, "seconds": elapsed}


def score(labels, threshold):
    """(right, total) on unmentioned labels, on the others, overall, and evidence."""
    t = {"u": [0, 0], "m": [0, 0], "all": [0, 0], "ev": [0, 0]}
    for label in labels:
        said = "met" if label["score"] >= threshold else "unmentioned"
        right = said in label["accept"]
        cls = "u" if label["accept"][0] == "unmentioned" else "m"
        for k in (cls, "all"):
            t[k][0] += right
            t[k][1] += 1
        if label["evidence"]:
            t["ev"][1] += 1
            found = said == "met" and any(e in label["sentence"] for e in label["evidence"])
            t["ev"][0] += found
    return t


def ratio(pair):
    return pair[0] / pair[1] if pair[1] else None


def balanced(t):
    parts = [r for r in (ratio(t["u"]), ratio(t["m"])) if r is not None]
    return sum(parts) / len(parts) if parts else None


def merge(a, b):
    return {k: [a[k][0] + b[k][0], a[k][1] + b[k][1]] for k in a}


def empty():
    return {"u": [0, 0], "m": [0, 0], "all": [0, 0], "ev": [0, 0]}


def choose(cases, held):
    best = None
    for th in GRID:
        train = empty()
        for i, case in enumerate(cases):
            if i != held:
                train = merge(train, score(case["labels"], th))
        ba = balanced(train)
        if ba is not None and (best is None or ba > best[1] + 1e-12):
            best = (th, ba)
    return best[0] if best else 50


def pct(x):
    return "-" if x is None else f"{x * 100:.1f}%"


def main(argv):
    files = [pathlib.Path(a) for a in argv] or sorted((ROOT / "tests" / "gold").glob("*.toml"))
    if not BINARY.exists():
        sys.exit("build plantrack first: cargo build --release")
    jieba.setLogLevel(60)
    ours = plantrack("eval", *map(str, files), "--folds", "--format", "json")
    ours_by_file = {f["file"]: f for f in ours["files"]}
    cases = [load_case(p) for p in files]
    total = empty()
    rows = []
    for i, case in enumerate(cases):
        th = choose(cases, i) if len(cases) > 1 else 50
        t = score(case["labels"], th)
        total = merge(total, t)
        mine = ours_by_file.get(case["file"], {})
        rows.append((pathlib.Path(case["file"]).name, len(case["labels"]),
                     mine.get("balanced_accuracy"), balanced(t),
                     mine.get("accuracy"), ratio(t["all"]),
                     mine.get("evidence_accuracy"), ratio(t["ev"]), th,
                     case["seconds"]))
    head = ("gold file", "labels", "plantrack bal.", "peer bal.", "plantrack acc.",
            "peer acc.", "plantrack evid.", "peer evid.", "peer thr.", "peer s")
    print("leave one pair out, both tools; peer = RapidFuzz token_set_ratio over jieba words")
    print(" | ".join(head))
    for r in rows:
        print(" | ".join([r[0], str(r[1]), pct(r[2]), pct(r[3]), pct(r[4]), pct(r[5]),
                          pct(r[6]), pct(r[7]), str(r[8]), f"{r[9]:.2f}"]))
    t = ours["total"]
    print(" | ".join(["total", str(sum(r[1] for r in rows)), pct(t["balanced_accuracy"]),
                      pct(balanced(total)), pct(t["accuracy"]), pct(ratio(total["all"])),
                      pct(t["evidence_accuracy"]), pct(ratio(total["ev"])), "",
                      f"{sum(r[9] for r in rows):.2f}"]))


if __name__ == "__main__":
    main(sys.argv[1:])
