"""A deterministic corpus of N decision records for the search benchmark (python search_corpus.py N DIR).

Records mix the nygard and MADR shapes, are 3-5 KB like real ones, and draw their words from a
technical vocabulary so that term frequencies look like a real log's (a few topics per record,
many shared words). The issue-7 corpus generator may replace this once it exists.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

TOPICS = {
    "caching": "cache redis memcached eviction ttl invalidation hit ratio warm cold latency",
    "database": "postgresql mysql schema migration index replica shard transaction query vacuum",
    "messaging": "kafka rabbitmq queue topic partition consumer producer offset broker retention",
    "frontend": "react angular component bundle browser hydration css accessibility design tokens",
    "security": "authentication oauth token jwt encryption secret rotation audit permission role",
    "deployment": "kubernetes container helm rollout canary pipeline artifact registry cluster node",
    "observability": "metrics tracing logging alert dashboard slo error budget sampling span",
    "api": "rest graphql grpc endpoint versioning pagination contract schema gateway rate",
    "storage": "s3 object bucket blob archive lifecycle replication durability snapshot backup",
    "testing": "contract unit integration fixture mock flaky coverage mutation property end",
}
COMMON = [
    "we",
    "the",
    "team",
    "service",
    "system",
    "should",
    "will",
    "must",
    "because",
    "data",
    "users",
    "current",
    "new",
    "existing",
    "cost",
    "time",
    "support",
    "change",
    "risk",
    "option",
    "performance",
    "scale",
    "operate",
    "simple",
    "complex",
    "release",
    "month",
    "week",
    "people",
    "review",
    "decision",
]


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    chosen = [rng.choice(words if rng.random() < 0.45 else COMMON) for _ in range(length)]
    return " ".join(chosen).capitalize() + "."


def paragraph(rng: random.Random, words: list[str], sentences: int) -> str:
    return " ".join(sentence(rng, words, rng.randint(8, 18)) for _ in range(sentences))


def record(number: int, rng: random.Random) -> tuple[str, str]:
    topics = rng.sample(sorted(TOPICS), 2)
    words = " ".join(TOPICS[t] for t in topics).split()
    title = f"Use {rng.choice(words)} for {rng.choice(words)} {rng.choice(COMMON)}".replace("  ", " ")
    slug = "-".join(title.lower().split())
    date = f"20{rng.randint(15, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    status = rng.choice(["Accepted"] * 6 + ["Proposed", "Superseded by [1. x](0001-x.md)", "Deprecated"])
    body = [f"# {number}. {title}", "", f"Date: {date}", "", "## Status", "", status, "", "## Context", ""]
    body += [paragraph(rng, words, rng.randint(5, 9)), "", paragraph(rng, words, rng.randint(4, 8)), ""]
    body += ["## Decision", "", paragraph(rng, words, rng.randint(2, 4)), "", "## Consequences", ""]
    body += [f"- {sentence(rng, words, rng.randint(6, 14))}" for _ in range(rng.randint(3, 7))]
    body += ["", "## Notes", "", paragraph(rng, words, rng.randint(8, 14)), ""]
    body += [paragraph(rng, words, rng.randint(4, 8)), ""]
    return f"{number:05d}-{slug}.md", "\n".join(body)


def generate(count: int, folder: Path, seed: int = 7) -> None:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(1, count + 1):
        name, text = record(number, rng)
        (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
