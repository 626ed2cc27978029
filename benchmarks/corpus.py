"""Generate decision logs for the benchmark: deterministic, seeded, of realistic size and shape.

    python benchmarks/corpus.py --sizes 100,1000,10000 [--layout mixed|adrtools|both] [--seed 7]

Two layouts, each written to benchmarks/corpus/<layout>-<N>/doc/adr/ (git-ignored):

- mixed: the seven styles in the proportions public logs show (nygard and MADR most common),
  with supersession chains, related links, alternatives, decision matrices, risk tables,
  checklists, review logs and MADR front matter; ~4.7 KB a record on average.
- adrtools: pure nygard files as `adr new` writes them, with the "Supersedes" / "Superseded by"
  and "Amends" / "Amended by" lines of `adr new -s` and `-l`, so adr-tools can run on the same
  files as adrledger.

Each corpus is a git repository, as a decision log is: its records are committed in a
hundred batches in number order, dated like the records (so history-reading commands, such as
lint's git rules and the numbering of `adr new`, have a history to read).

The same seed and size always give byte-identical files; a manifest.json beside doc/ records
what was generated, and an up-to-date corpus is not rewritten.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from shapes import RENDERERS, Plan, Plans
from words import Filler

HERE = Path(__file__).resolve().parent
DEFAULT_OUT = HERE / "corpus"
LAYOUTS = ("mixed", "adrtools")
# Share of each style in the mixed layout (nygard and MADR dominate public logs).
STYLE_WEIGHTS = {"nygard": 26, "madr": 20, "full": 14, "drivers": 12, "quick": 9, "table": 11, "hybrid": 8}
STATUS_WEIGHTS = {"Accepted": 72, "Proposed": 13, "Rejected": 6, "Deprecated": 5, "Draft": 4}
FIRST_DATE, SPAN_DAYS = date(2015, 1, 5), 11 * 365


def slugify(title: str) -> str:
    """adr-tools' file slug."""
    return re.sub(r"[^A-Za-z0-9]+", "-", title).lower().strip("-")


def plan_log(count: int, seed: int, layout: str) -> Plans:
    """Decide every record's style, title, date, status and relations before writing any text."""
    rng = random.Random(f"{seed}:{layout}:plan")
    styles = list(STYLE_WEIGHTS) if layout == "mixed" else ["nygard"]
    style_weights = list(STYLE_WEIGHTS.values()) if layout == "mixed" else [1]
    plans: Plans = {}
    for number in range(1, count + 1):
        title = Filler(f"{seed}:{layout}:title:{number}").title()
        style = rng.choices(styles, style_weights)[0]
        status = rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()))[0]
        if style == "nygard" and status == "Draft":
            status = "Proposed"
        day = FIRST_DATE + timedelta(days=(number - 1) * SPAN_DAYS // max(count, 1))
        plans[number] = Plan(number, style, title, f"{number:04d}-{slugify(title)}.md", day.isoformat(), status)
        _link(plans[number], plans, rng, layout)
    return plans


def _link(plan: Plan, plans: Plans, rng: random.Random, layout: str) -> None:
    """Give a new record its supersessions (chains form naturally), related and amended records."""
    number = plan.number
    if number < 4:
        return
    window = range(max(1, number - 300), number)
    if rng.random() < 0.12:
        target = plans[rng.choice(window)]
        if target.superseded_by is None and target.status in ("Accepted", "Deprecated"):
            target.superseded_by, target.status = number, "Superseded"
            plan.supersedes.append(target.number)
            plan.status = "Accepted"
    if layout == "adrtools":
        if rng.random() < 0.05:
            target = plans[rng.choice(window)]
            if target.number not in plan.supersedes:
                plan.amends.append(target.number)
                target.amended_by.append(number)
        return
    for _ in range(rng.choice((0, 0, 1, 1, 1, 2, 3))):
        other = rng.choice(window)
        if other not in plan.related and other not in plan.supersedes:
            plan.related.append(other)


def render(plan: Plan, plans: Plans, seed: int, layout: str) -> str:
    return RENDERERS[plan.style](plan, plans, Filler(f"{seed}:{layout}:text:{plan.number}"))


def corpus_root(layout: str, count: int, out: Path = DEFAULT_OUT) -> Path:
    return out / f"{layout}-{count}"


def generator_version() -> str:
    """A digest of the generator's own sources: editing them regenerates every corpus."""
    hasher = hashlib.sha256()
    for name in ("corpus.py", "shapes.py", "words.py"):
        hasher.update((HERE / name).read_bytes())
    return hasher.hexdigest()[:16]


def ensure_corpus(layout: str, count: int, seed: int = 7, out: Path = DEFAULT_OUT) -> Path:
    """The corpus folder for (layout, count), generated unless an identical one is already there."""
    root = corpus_root(layout, count, out)
    wanted = {"generator": generator_version(), "layout": layout, "records": count, "seed": seed}
    manifest = root / "manifest.json"
    if manifest.is_file():
        existing = json.loads(manifest.read_text())
        if {k: existing.get(k) for k in wanted} == wanted:
            return root
    if root.exists():
        shutil.rmtree(root)
    folder = root / "doc" / "adr"
    folder.mkdir(parents=True)
    plans = plan_log(count, seed, layout)
    sizes: list[int] = []
    for plan in plans.values():
        data = render(plan, plans, seed, layout).encode("utf-8")
        sizes.append(len(data))
        with open(folder / plan.filename, "wb") as handle:
            handle.write(data)
    commit_history(root, list(plans.values()))
    stats = {
        **wanted,
        "bytes": sum(sizes),
        "average_bytes": round(sum(sizes) / max(count, 1)),
        "styles": dict(Counter(p.style for p in plans.values())),
        "superseded": sum(1 for p in plans.values() if p.superseded_by is not None),
        "related_links": sum(len(p.related) + len(p.amends) for p in plans.values()),
    }
    manifest.write_text(json.dumps(stats, indent=2) + "\n")
    return root


def commit_history(root: Path, plans: list[Plan], batches: int = 100) -> None:
    """Commit the records in number order, in about `batches` dated commits."""
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "Bench",
        "GIT_AUTHOR_EMAIL": "bench@example.org",
        "GIT_COMMITTER_NAME": "Bench",
        "GIT_COMMITTER_EMAIL": "bench@example.org",
    }

    def git(*args: str, when: str = "") -> None:
        stamp = f"{when}T12:00:00Z"
        dated = {**env, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp} if when else env
        subprocess.run(["git", *args], cwd=root, env=dated, check=True, stdout=subprocess.DEVNULL)

    git("init", "-q", "-b", "main")
    (root / ".gitignore").write_text("manifest.json\n.bench-stdout\n")
    size = max(1, len(plans) // batches)
    for start in range(0, len(plans), size):
        batch = plans[start : start + size]
        git("add", "--", *(f"doc/adr/{plan.filename}" for plan in batch), *([".gitignore"] if not start else []))
        git("commit", "-q", "--no-verify", "-m", f"Records {batch[0].number}-{batch[-1].number}", when=batch[-1].date)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,1000,10000", help="comma-separated record counts")
    parser.add_argument("--layout", choices=(*LAYOUTS, "both"), default="both")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    layouts = LAYOUTS if args.layout == "both" else (args.layout,)
    for count in (int(s.replace("_", "")) for s in args.sizes.split(",") if s):
        for layout in layouts:
            root = ensure_corpus(layout, count, args.seed, args.out)
            stats = json.loads((root / "manifest.json").read_text())
            print(
                f"{os.path.relpath(root)}: {stats['records']} records, {stats['bytes'] / 1e6:.1f} MB, "
                f"{stats['average_bytes']} bytes on average"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
