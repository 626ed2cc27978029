"""Fingerprint what the parser reads, to prove a speed change did not change behaviour.

    PYTHONPATH=/path/to/old/src python benchmarks/fingerprint.py > before.txt
    PYTHONPATH=src python benchmarks/fingerprint.py > after.txt && diff before.txt after.txt

Parses (serially, no cache) the generated corpora, the seed documents, and a few thousand
fuzzed documents built from the tokens that trip parsers (fences, setext underlines, tables,
relation words, emoji, case-folding letters such as 'ſ' and 'K'), and prints one digest per
source of the repr() of every Record.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEEDS = Path("/work/shared/seeds")

_TOKENS = (
    "# ADR-12: Title",
    "## Status",
    "Accepted",
    "Superseded by [ADR-3](0003-x.md)",
    "## Context",
    "```",
    "~~~",
    "```markdown",
    "    ```",
    "- ```python",
    "===",
    "---",
    "***",
    "| a | b |",
    "|---|---|",
    "| Risk | Impact |",
    "| Criteria | Weight | A | B |",
    "| **Total** | 100% | 7/10 | 8/10 |",
    "- [x] done",
    "- [ ] todo",
    "<!-- note",
    "-->",
    "**Status:** Proposed",
    "Date: 05/02/2018",
    "status: accepted",
    "supersedes ADR 7",
    "ſupersedes ADR-9",
    "This replaces ADR 20.",
    "Amended by [4. X](0004-x.md)",
    "MySQL was not chosen because it is slow.",
    "Option B was rejected due to cost.",
    'Chosen option: "Kafka", because it scales.',
    "### Option 1: Kafka",
    "### Alternative 2: NATS",
    "**Pros:**",
    "**Cons:**",
    "* Good, because fast",
    "* Bad, because KELVIN K",
    "✅ good",
    "❌ bad",
    "⚠️ watch",
    "## Decision",
    "## Consequences",
    "### Positive",
    "### Negative",
    "## Alternatives Considered",
    "| Approach | Pros | Cons | Verdict |",
    "| X | fast | slow | ✅ Chosen |",
    "## Review and Updates",
    "| Date | Change | Author |",
    "| 2024-01-02 | first | Ana |",
    "",
    "",
    "",
    "Plain prose with a [link](https://example.org) and `code`.",
    "1. numbered item",
    "> quoted Status: Draft",
    "## 7. Architecture Decision Record",
    "## Decision Matrix",
    "# 5. Use Things",
    "Date 2020-01-01",
)


def fuzz_documents(count: int, seed: int = 11) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    docs = []
    for index in range(count):
        lines = [
            rng.choice(_TOKENS) if rng.random() < 0.8 else f"{rng.choice(_TOKENS)} {rng.choice(_TOKENS)}"
            for _ in range(rng.randint(5, 80))
        ]
        if rng.random() < 0.3:
            lines.insert(0, "---\nstatus: accepted\ndate: 2021-03-04\n---")
        name = f"{index:04d}-fuzz.md" if rng.random() < 0.8 else f"fuzz-{index}.md"
        docs.append((name, "\n".join(lines).encode()))
    return docs


def corpus_documents(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.glob("*.md"))]


def fingerprint(documents: list[tuple[str, bytes]]) -> str:
    from adrledger.parse import parse_bytes

    hasher = hashlib.sha256()
    for name, data in documents:
        for record in parse_bytes(data, name):
            hasher.update(repr(record).encode())
    return hasher.hexdigest()[:20]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpora", nargs="*", type=Path, help="record folders (default: the generated corpora)")
    parser.add_argument("--fuzz", type=int, default=3000)
    args = parser.parse_args(argv)
    corpora = args.corpora or sorted(
        p / "doc" / "adr" for p in (HERE / "corpus").glob("*-[0-9]*") if not p.name.endswith("00000")
    )
    sources = {str(c.relative_to(HERE) if c.is_relative_to(HERE) else c): corpus_documents(c) for c in corpora}
    if SEEDS.is_dir():
        sources["seeds"] = [(p.name.replace(".txt", ".md"), p.read_bytes()) for p in sorted(SEEDS.glob("*.txt"))]
    sources["fuzz"] = fuzz_documents(args.fuzz)
    for name, documents in sources.items():
        print(f"{name}: {len(documents)} files {fingerprint(documents)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
