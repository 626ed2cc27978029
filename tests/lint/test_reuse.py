"""A whole lint run is kept, and reused only while nothing it depends on has changed (lint.reuse)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from adrledger.lint.runner import LintOptions, lint_targets
from adrledger.lint.targets import collect_targets
from adrledger.log import DecisionLog

from gitrepo import GitRepo, nygard

LOG = "doc/adr"


@pytest.fixture
def trusted(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files just written count as still: each test below changes them on purpose, by a different size."""
    monkeypatch.setattr("adrledger.log.RACY_NS", -1)


@pytest.fixture
def project(written: Path, trusted: None) -> Path:
    return written


@pytest.fixture
def written(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    log = project / LOG
    log.mkdir(parents=True)
    (log / "0001-use-postgresql.md").write_text(nygard(1, "Use PostgreSQL", "Accepted"), encoding="utf-8")
    (log / "0002-use-redis.md").write_text(
        nygard(
            2, "Use Redis", "Accepted", body="We will use Redis ([notes](../../notes/redis.md), [route](/adr/0001-x))."
        ),
        encoding="utf-8",
    )
    return project


def lint(project: Path, **options: object) -> tuple[list[str], bool]:
    """(diagnostics, whether the run was answered without reading the records)."""
    log = DecisionLog.discover(None, project)
    found = lint_targets(collect_targets([], lambda: log, project), LintOptions(cwd=project, **options))  # type: ignore[arg-type]
    return [f"{d.path}:{d.line}: {d.code} {d.message}" for d in found], log.loaded_records() is None


def fresh(project: Path, **options: object) -> list[str]:
    return lint(project, cache=False, **options)[0]


def test_an_unchanged_log_is_answered_without_reading_a_record(project: Path) -> None:
    first, reused = lint(project)
    assert not reused and any("ADR404" in line for line in first)
    again, reused = lint(project)
    assert reused and again == first


def edit_record(project: Path) -> None:
    path = project / LOG / "0001-use-postgresql.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nSee [the benchmark](bench.md).\n", encoding="utf-8")


def add_record(project: Path) -> None:
    record = nygard(3, "Use Kafka", "Accepted", body="See [the load test](load-test.md).")
    (project / LOG / "0003-use-kafka.md").write_text(record, encoding="utf-8")


def remove_record(project: Path) -> None:
    (project / LOG / "0002-use-redis.md").unlink()


def create_link_target(project: Path) -> None:
    (project / "notes").mkdir()
    (project / "notes" / "redis.md").write_text("# Redis notes\n", encoding="utf-8")


def add_docs_site(project: Path) -> None:
    """A site generator resolves `/adr/0001-x` as a route: the link is no longer broken."""
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")


def configure(project: Path) -> None:
    (project / ".adrledger.toml").write_text('dir = "doc/adr"\n[lint]\nignore = ["ADR404"]\n', encoding="utf-8")


CHANGES: dict[str, Callable[[Path], None]] = {
    "a record edited": edit_record,
    "a record added": add_record,
    "a record removed": remove_record,
    "a link target created outside the log": create_link_target,
    "a docs site configured": add_docs_site,
    "the configuration changed": configure,
}


@pytest.mark.parametrize("change", CHANGES)
def test_a_change_the_run_depends_on_is_seen(project: Path, change: str) -> None:
    before, _ = lint(project)
    lint(project)
    CHANGES[change](project)
    after, reused = lint(project)
    assert not reused
    assert after == fresh(project)
    assert after != before, "the change should alter the findings, or the test proves nothing"


def test_another_selection_or_day_is_another_run(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    lint(project)
    assert lint(project, select=("ADR404",)) == (fresh(project, select=("ADR404",)), False)
    monkeypatch.setenv("ADR_DATE", "2031-01-01")
    assert lint(project) == (fresh(project), False)


def test_a_new_commit_is_a_new_history(project: Path) -> None:
    repo = GitRepo(project)
    repo.commit("The log")
    lint(project)
    assert lint(project)[1]
    (project / "README.md").write_text("A readme, committed: the records are unchanged.\n", encoding="utf-8")
    repo.commit("A readme")
    after, reused = lint(project)
    assert not reused and after == fresh(project)


def test_fixes_never_use_a_kept_run(project: Path) -> None:
    lint(project)
    assert lint(project, reuse=False)[1] is False


def test_files_changed_in_the_last_seconds_are_not_trusted(written: Path) -> None:
    lint(written)  # the real racy window: every file here was written just now
    assert lint(written)[1] is False


def test_a_record_rewritten_in_place_is_seen(project: Path) -> None:
    """Same size, new bytes: the signature's times tell (a timestamp tick apart)."""
    lint(project)
    path = project / LOG / "0002-use-redis.md"
    text = path.read_text(encoding="utf-8")
    stat = path.stat()
    path.write_text(text.replace("[notes](../../notes/redis.md)", "[notes](../../notes/redis.txt)"), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    after, reused = lint(project)
    assert not reused and after == fresh(project)
