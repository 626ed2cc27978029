"""Run adrledger on real decision logs and measure what a maintainer would see.

usage: python benchmarks/realworld/kit.py [ROOT] [--logs FILE] [--out DIR] [--write-results FILE]
                                          [--unjudged FILE] [--only NAME]

ROOT holds working copies of the logs in `logs.tsv`, one folder per repository named
OWNER+NAME (what ../shared/realworld/setup.py makes); default $ADRLEDGER_REALWORLD, else
$TMPDIR/adrledger-realworld. For each log the kit runs, from the repository root as its
maintainers would, `adr lint`, `lint --diff`, `export`, `graph` and `site`, then prints per log:
records, findings by rule and severity, findings per record, site pages and graph nodes against
records, templates skipped, tracebacks and the files a "safe" fix would rename.

`judgements.tsv` (hand-made: log, path, line, rule, verdict, why) gives the precision of each
rule; `defects.tsv` (hand-made: log, path, line, kind, why) the recall of each kind of defect.
Neither holds any text of the records. With no working copies the kit says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parents[1]
VERDICTS = ("TRUE", "DEBATABLE", "NOISE")
# The date every run pretends it is, so stale-proposal findings do not drift from day to day.
RUN_DATE = "2026-12-01"
# Which rule codes find each kind of defect (recall is counted per kind).
KIND_CODES: dict[str, tuple[str, ...]] = {
    "broken-link": ("ADR404", "ADR409"),  # ADR409 takes the links to records renamed since
    "missing-record": ("ADR401", "ADR403"),
    "wrong-reference": ("ADR405", "ADR409"),
    "renumbered-reference": ("ADR409", "ADR405"),
    "heading-number-mismatch": ("ADR209",),
    "invalid-date": ("ADR204",),
    "impossible-date": ("ADR211",),
    "unfilled-template": ("ADR102", "ADR103"),
    "stale-proposal": ("ADR502",),
    "front-matter-invalid": ("ADR006",),
    "status-contradiction": ("ADR407", "ADR408", "ADR402"),
    "relation-not-mirrored": ("ADR402",),
    "duplicate-number": ("ADR301",),
    "missing-status": ("ADR201", "ADR202"),
    "missing-section": ("ADR101", "ADR102"),
    "title-mismatch": ("ADR208",),
    "file-name": ("ADR207",),
}
TEMPLATE_NAME = re.compile(r"(^|[-_.])template([-_.]|$)", re.IGNORECASE)


@dataclass(frozen=True)
class Log:
    repo: str
    commit: str
    folder: str
    origin: str

    @property
    def name(self) -> str:
        return self.repo.replace("/", "+")


@dataclass
class Outcome:
    log: Log
    records: int = 0
    findings: list[dict[str, object]] = field(default_factory=list)
    site_pages: int = 0
    graph_nodes: int = 0
    templates_skipped: list[str] = field(default_factory=list)
    templates_read: list[str] = field(default_factory=list)
    renames: list[str] = field(default_factory=list)
    tracebacks: list[str] = field(default_factory=list)


def read_logs(path: Path) -> list[Log]:
    logs = []
    for row in _rows(path):
        repo, commit, folder = row[:3]
        logs.append(Log(repo, commit, folder, row[3] if len(row) > 3 else ""))
    return logs


def _rows(path: Path) -> Iterable[list[str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle, delimiter="\t") if row and not row[0].startswith("#")]


def adr(args: Sequence[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "adrledger", *args]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def run_log(log: Log, root: Path, out: Path) -> Outcome | None:
    repo = root / log.name
    if not (repo / log.folder).is_dir():
        return None
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT / "src"),
        "ADR_DATE": RUN_DATE,
        "ADRLEDGER_CACHE_DIR": str(out / "cache"),
        "NO_COLOR": "1",
    }
    outcome = Outcome(log)
    base = ["--dir", log.folder]

    def call(*args: str) -> subprocess.CompletedProcess[str]:
        done = adr([*base, *args], repo, env)
        if "Traceback (most recent call last)" in done.stderr:
            outcome.tracebacks.append(f"adr {' '.join(args)}: {done.stderr.strip().splitlines()[-1]}")
        return done

    exported = call("export", "--format", "json")
    records = json.loads(exported.stdout or "[]")
    outcome.records = len(records)
    # Every rule runs, so that rules outside the default set are measured too; the tables tell them apart.
    outcome.findings = json.loads(call("lint", "--select", "ALL", "--format", "json").stdout or "[]")
    outcome.renames = [
        line[len("rename to ") :]
        for line in call("lint", "--diff").stdout.splitlines()
        if line.startswith("rename to ")
    ]
    graph = call("graph", "--format", "dot").stdout
    outcome.graph_nodes = len(re.findall(r"^\s*\"?[\w+./-]+\"?\s*\[label=", graph, re.MULTILINE))
    site = out / "site" / log.name
    call("site", str(site))
    outcome.site_pages = len(list((site / "records").glob("*.html"))) if (site / "records").is_dir() else 0
    read_paths = {str(record["path"]) for record in records}
    for template in sorted(p for p in (repo / log.folder).rglob("*.md") if TEMPLATE_NAME.search(p.stem)):
        relative = template.relative_to(repo / log.folder).as_posix()
        (outcome.templates_read if relative in read_paths else outcome.templates_skipped).append(relative)
    (out / f"{log.name}.lint.json").write_text(json.dumps(outcome.findings, indent=1), encoding="utf-8")
    (out / f"{log.name}.export.json").write_text(exported.stdout, encoding="utf-8")
    return outcome


# --- judgements --------------------------------------------------------------------------------------

Key = tuple[str, str, int, str]


def finding_key(log: Log, finding: dict[str, object]) -> Key:
    return (log.repo, str(finding["path"]), int(finding["line"] or 0), str(finding["code"]))  # type: ignore[call-overload]


def read_judgements(path: Path) -> dict[Key, tuple[str, str]]:
    judged = {}
    for row in _rows(path):
        if row[0] == "log":
            continue
        log, rel, line, code, verdict, why = (row + [""] * 6)[:6]
        if verdict not in VERDICTS:
            raise SystemExit(f"{path}: unknown verdict {verdict!r} for {rel}:{line} {code}")
        judged[(log, rel, int(line or 0), code)] = (verdict, why)
    return judged


def lookup(judged: dict[Key, tuple[str, str]], key: Key) -> tuple[str, str] | None:
    """A judgement of this finding; a judged finding of the same file and rule a few lines away also counts
    (lines move a little as the reader improves; the judgement is about the same spot)."""
    if key in judged:
        return judged[key]
    log, rel, line, code = key
    near = [
        (abs(j[2] - line), v)
        for j, v in judged.items()
        if j[:2] == (log, rel) and j[3] == code and abs(j[2] - line) <= 3
    ]
    return min(near)[1] if near else None


def default_codes() -> set[str]:
    sys.path.insert(0, str(PROJECT / "src"))
    from adrledger.lint.registry import default_codes as codes

    return codes()


# --- report ------------------------------------------------------------------------------------------


def log_table(outcomes: list[Outcome], defaults: set[str]) -> list[str]:
    """Findings of the default rule set, as a maintainer's first `adr lint` shows them."""
    lines = [
        "| log | records | findings | per record | by rule | site pages | graph nodes | templates skipped "
        "(read) | safe-fix renames | tracebacks |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    total = 0
    for o in outcomes:
        shown = [f for f in o.findings if f["code"] in defaults]
        total += len(shown)
        by_rule = ", ".join(f"{c} {n}" for c, n in sorted(Counter(f["code"] for f in shown).items()))
        per = len(shown) / o.records if o.records else 0.0
        lines.append(
            f"| {o.log.repo} | {o.records} | {len(shown)} | {per:.2f} | {by_rule or '-'} | "
            f"{o.site_pages} | {o.graph_nodes} | {len(o.templates_skipped)} ({len(o.templates_read)}) | "
            f"{len(o.renames)} | {len(o.tracebacks)} |"
        )
    total_records = sum(o.records for o in outcomes)
    lines.append(
        f"| **all** | {total_records} | {total} | {total / max(total_records, 1):.2f} | | "
        f"{sum(o.site_pages for o in outcomes)} | {sum(o.graph_nodes for o in outcomes)} | "
        f"{sum(len(o.templates_skipped) for o in outcomes)} "
        f"({sum(len(o.templates_read) for o in outcomes)}) | "
        f"{sum(len(o.renames) for o in outcomes)} | {sum(len(o.tracebacks) for o in outcomes)} |"
    )
    return lines


def precision_table(
    outcomes: list[Outcome], judged: dict[Key, tuple[str, str]], unjudged: list[tuple[Key, str]], defaults: set[str]
) -> tuple[list[str], dict[str, Counter[str]]]:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    for o in outcomes:
        for finding in o.findings:
            key = finding_key(o.log, finding)
            verdict = lookup(judged, key)
            counts[key[3]][verdict[0] if verdict else "unjudged"] += 1
            if verdict is None:
                unjudged.append((key, str(finding["message"])))
    lines = [
        "| rule | default | findings | TRUE | DEBATABLE | NOISE | unjudged | precision |",
        "|---|---|---|---|---|---|---|---|",
    ]
    totals: dict[bool, Counter[str]] = {True: Counter(), False: Counter()}
    for code in sorted(counts):
        c = counts[code]
        totals[code in defaults].update(c)
        lines.append(_precision_row(code, code in defaults, c))
    lines.append(_precision_row("**default set**", True, totals[True]))
    lines.append(_precision_row("**opt-in rules**", False, totals[False]))
    return lines, counts


def _precision_row(label: str, default: bool, c: Counter[str]) -> str:
    judged = c["TRUE"] + c["DEBATABLE"] + c["NOISE"]
    precision = f"{100 * c['TRUE'] / judged:.0f} %" if judged else "-"
    return (
        f"| {label} | {'yes' if default else 'no'} | {sum(c.values())} | {c['TRUE']} | {c['DEBATABLE']} | "
        f"{c['NOISE']} | {c['unjudged']} | {precision} |"
    )


def write_measured(path: Path, counts: dict[str, Counter[str]], logs: int) -> None:
    """The measured precision of every rule, as the rule pages and docs/rules.md print it."""
    rows = {code: (c["TRUE"], c["TRUE"] + c["DEBATABLE"] + c["NOISE"]) for code, c in sorted(counts.items())}
    body = "".join(f"    {code!r}: {row!r},\n" for code, row in rows.items())
    path.write_text(
        '"""Measured precision of each rule on real decision logs: written by benchmarks/realworld/kit.py."""\n\n'
        f"LOGS = {logs}  # real logs the findings were judged on\n"
        f"MEASURED_ON = {RUN_DATE!r}\n"
        "# code -> (findings judged TRUE, findings judged); a rule with no finding on those logs is absent.\n"
        f"PRECISION: dict[str, tuple[int, int]] = {{\n{body}}}\n",
        encoding="utf-8",
    )


def recall_table(outcomes: list[Outcome], defects_path: Path) -> list[str]:
    by_log = {o.log.repo: o for o in outcomes}
    found: dict[str, Counter[str]] = defaultdict(Counter)
    for row in _rows(defects_path):
        if row[0] == "log" or row[0] not in by_log:
            continue
        log, rel, line, kind = row[:4]
        codes = KIND_CODES.get(kind, ())
        hit = any(f["code"] in codes and _names(f, rel, line) for f in by_log[log].findings)
        found[kind]["found" if hit else "missed"] += 1
    lines = ["| kind of defect | rules | defects | found | recall |", "|---|---|---|---|---|"]
    for kind in sorted(found):
        c = found[kind]
        n = c["found"] + c["missed"]
        lines.append(
            f"| {kind} | {', '.join(KIND_CODES.get(kind, ()))} | {n} | {c['found']} | {100 * c['found'] / n:.0f} % |"
        )
    return lines


def _names(finding: dict[str, object], path: str, line: str) -> bool:
    """Whether a finding is about this spot: same file and line (give or take 3), or a log-wide finding naming it."""
    if finding["path"] == path:
        return not line or abs(int(finding["line"] or 0) - int(line)) <= 3  # type: ignore[call-overload]
    return path.rsplit("/", 1)[-1] in str(finding["message"])


def results_header(outcomes: list[Outcome]) -> list[str]:
    """Where the figures come from: when, with which adrledger, on which commit of each log."""
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT, capture_output=True, text=True)
    ours = done.stdout.strip() or "unknown"
    lines = [
        "# Real-world results",
        "",
        f"Run on {date.today().isoformat()} with adrledger at commit `{ours}` (findings dated as of "
        f"{RUN_DATE}, `ADR_DATE`), by `benchmarks/realworld/kit.py`. Precision counts DEBATABLE as not true.",
        "",
        "| log | commit | folder | origin |",
        "|---|---|---|---|",
    ]
    lines += [f"| {o.log.repo} | `{o.log.commit[:12]}` | `{o.log.folder}` | {o.log.origin} |" for o in outcomes]
    return [*lines, "", ""]


def details(outcomes: list[Outcome]) -> list[str]:
    lines = []
    for o in outcomes:
        for item in o.tracebacks:
            lines.append(f"- {o.log.repo}: traceback in {item}")
        for item in o.renames:
            lines.append(f"- {o.log.repo}: `lint --diff` renames {item}")
        for item in o.templates_read:
            lines.append(f"- {o.log.repo}: template read as a record: {item}")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "root",
        nargs="?",
        default=os.environ.get("ADRLEDGER_REALWORLD", Path(tempfile.gettempdir()) / "adrledger-realworld"),
    )
    parser.add_argument("--logs", type=Path, default=HERE / "logs.tsv")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "adrledger-realworld-out")
    parser.add_argument("--write-results", type=Path, help="write the tables to this Markdown file")
    parser.add_argument("--unjudged", type=Path, help="write findings nobody has judged yet to this TSV")
    parser.add_argument(
        "--write-precision",
        action="store_true",
        help="write the measured precision into src/adrledger/lint/measured.py",
    )
    parser.add_argument("--only", action="append", default=[], help="run only logs whose name contains this")
    args = parser.parse_args(argv)
    root = Path(args.root)
    logs = [log for log in read_logs(args.logs) if not args.only or any(o in log.repo for o in args.only)]
    args.out.mkdir(parents=True, exist_ok=True)
    outcomes = []
    for log in logs:
        outcome = run_log(log, root, args.out)
        if outcome is None:
            print(f"skipped {log.repo}: no working copy at {root / log.name}", file=sys.stderr)
            continue
        outcomes.append(outcome)
    if not outcomes:
        print(f"no working copies of the logs in {root}: nothing to measure (see benchmarks/realworld/README.md)")
        return 0
    unjudged: list[tuple[Key, str]] = []
    defaults = default_codes()
    precision, counts = precision_table(outcomes, read_judgements(HERE / "judgements.tsv"), unjudged, defaults)
    report = [
        "## Per log (default rule set)",
        "",
        *log_table(outcomes, defaults),
        "",
        "## Precision per rule (every rule run, findings judged by hand)",
        "",
        *precision,
        "",
        "## Recall per kind of defect (hand-listed)",
        "",
        *recall_table(outcomes, HERE / "defects.tsv"),
        "",
    ]
    notes = details(outcomes)
    if notes:
        report += ["## Details", "", *notes, ""]
    text = "\n".join(report)
    print(text)
    if args.write_results:
        args.write_results.write_text("\n".join(results_header(outcomes)) + text, encoding="utf-8")
    if args.write_precision:
        write_measured(PROJECT / "src" / "adrledger" / "lint" / "measured.py", counts, len(outcomes))
    if args.unjudged:
        with args.unjudged.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, delimiter="\t", lineterminator="\n")
            for (log, rel, line, code), message in unjudged:
                writer.writerow([log, rel, line, code, "", message])
    return 0


if __name__ == "__main__":
    sys.exit(main())
