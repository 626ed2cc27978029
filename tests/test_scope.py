"""Decisions in code: .gitignore-style scope patterns and `adr for PATH`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrledger.model import Record
from adrledger.reports.scope import governing, matching_pattern

from gitrepo import GitRepo, nygard


@pytest.mark.parametrize(
    ("pattern", "path", "expected"),
    [
        ("*.py", "app.py", True),
        ("*.py", "src/deep/app.py", True),  # no slash: any depth
        ("*.py", "src/app.pyc", False),
        ("src/*.py", "src/app.py", True),
        ("src/*.py", "src/sub/app.py", False),  # * stops at a slash
        ("src/*.py", "lib/src/app.py", False),  # a slash anchors to the root
        ("/src/app.py", "src/app.py", True),
        ("src/cache", "src/cache/redis.py", True),  # a folder governs what it holds
        ("src/cache/", "src/cache/redis.py", True),
        ("src/cache/", "src/cache", False),  # trailing slash: the folder's content, not a file
        ("cache", "src/cache/redis.py", True),
        ("src/**/test_*.py", "src/test_a.py", True),  # ** matches zero folders too
        ("src/**/test_*.py", "src/a/b/test_a.py", True),
        ("**/migrations/*.sql", "db/migrations/001.sql", True),
        ("**/migrations/*.sql", "migrations/001.sql", True),
        ("docs/**", "docs/a/b.md", True),
        ("docs/**", "doc/a.md", False),
        ("file?.txt", "file1.txt", True),
        ("file?.txt", "file/.txt", False),
        ("[ab]*.go", "b_main.go", True),
        ("[!ab]*.go", "b_main.go", False),
        ("`src/api/`", "src/api/v1.py", True),  # backticks from a Markdown list
        ("services/pay ment/*.kt", "services/pay ment/Bill.kt", True),
        ("# a comment", "# a comment", False),
    ],
)
def test_gitignore_semantics(pattern: str, path: str, expected: bool) -> None:
    assert (matching_pattern([pattern], path) is not None) is expected


def test_last_matching_pattern_decides() -> None:
    patterns = ["src/**", "!src/legacy/", "src/legacy/keep.py"]
    assert matching_pattern(patterns, "src/new.py") == "src/**"
    assert matching_pattern(patterns, "src/legacy/old.py") is None
    assert matching_pattern(patterns, "src/legacy/keep.py") == "src/legacy/keep.py"


def test_governing_lists_decisions_in_force_first() -> None:
    records = [
        Record(
            path="0001-a.md",
            style="nygard",
            title="Old cache",
            number=1,
            status="superseded",
            scope=("src/cache/",),
        ),
        Record(
            path="0002-b.md",
            style="nygard",
            title="Cache",
            number=2,
            status="accepted",
            scope=("src/cache/**",),
        ),
        Record(
            path="0003-c.md",
            style="nygard",
            title="Idea",
            number=3,
            status="proposed",
            scope=("*.py",),
        ),
        Record(
            path="0004-d.md",
            style="nygard",
            title="Elsewhere",
            number=4,
            status="accepted",
            scope=("web/",),
        ),
    ]
    found = governing(records, "src/cache/redis.py")
    assert [(m.record.number, m.pattern, m.superseded) for m in found] == [
        (2, "src/cache/**", False),
        (3, "*.py", False),
        (1, "src/cache/", True),
    ]


SCOPED_MADR = """---
status: accepted
date: 2024-05-01
scope:
  - services/billing/**
  - "!services/billing/vendor/"
---
# Bill in cents

## Context and Problem Statement

Rounding errors.
"""


@pytest.fixture
def scoped(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    repo.write("docs/adr/0001-bill-in-cents.md", SCOPED_MADR)
    repo.write(
        "docs/adr/0002-bill-in-floats.md",
        nygard(
            2,
            "Bill in floats",
            "Superseded by [1. Bill in cents](0001-bill-in-cents.md)",
            extra="\n## Scope\n\n- `services/billing/`\n- `*.sql`\n",
        ),
    )
    repo.write("services/billing/invoice.py", "")
    repo.commit("Scopes")
    return repo


def test_adr_for_path_from_a_subfolder(adr, scoped: GitRepo) -> None:  # type: ignore[no-untyped-def]
    result = adr("for", "invoice.py", cwd=scoped.root / "services/billing")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0].startswith("0001") and "accepted" in lines[0] and "[services/billing/**]" in lines[0]
    assert lines[1].startswith("0002") and "(superseded by 0001)" in lines[1]


def test_adr_for_json_and_exclusions(adr, scoped: GitRepo) -> None:  # type: ignore[no-untyped-def]
    result = adr("for", "services/billing/vendor/lib.py", "--format", "json", cwd=scoped.root)
    assert result.code == 0, result.err
    found = json.loads(result.out)
    assert [(m["id"], m["pattern"], m["superseded"]) for m in found] == [("0002", "services/billing/", True)]
    nothing = adr("for", "README.md", cwd=scoped.root)
    assert nothing.code == 0 and nothing.out == "" and "no decision" in nothing.err


def test_adr_for_outside_git_uses_the_project_root(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "doc/adr").mkdir(parents=True)
    (tmp_path / "doc/adr/0001-x.md").write_text(nygard(1, "X", "Accepted", extra="\n## Scope\n\n- lib/\n"))
    result = adr("for", "lib/x.c", cwd=tmp_path)
    assert result.code == 0 and result.out.startswith("0001"), result.err
