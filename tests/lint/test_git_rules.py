"""Git-based rules on real repositories: where findings point, dates from git, gaps, renames."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


class Repo:
    """A git repository with a decision log in docs/adr, committed at chosen dates."""

    def __init__(self, root: Path):
        self.root = root
        self.log = root / "docs" / "adr"
        self.log.mkdir(parents=True)
        self.git("init", "-q", "-b", "main")

    def git(self, *args: str, date: str = "2024-01-10T10:00:00+00:00", author: str = "Ana Lima") -> None:
        env = {
            **os.environ,
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": "ana@example.com",
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": "ana@example.com",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "GIT_CONFIG_NOSYSTEM": "1",
            "HOME": str(self.root),
        }
        subprocess.run(["git", *args], cwd=self.root, env=env, check=True, capture_output=True)

    def write(self, name: str, text: str) -> None:
        (self.log / name).write_text(text, encoding="utf-8")

    def commit(self, message: str, date: str, author: str = "Ana Lima") -> None:
        self.git("add", "-A", date=date)
        self.git("commit", "-q", "-m", message, date=date, author=author)


def nygard(
    number: int, title: str, status: str = "Accepted", date: str | None = "2024-01-10", decision: str = "We will do it."
) -> str:
    date_line = f"Date: {date}\n\n" if date else ""
    return (
        f"# {number}. {title}\n\n{date_line}## Status\n\n{status}\n\n## Context\n\nWe must choose.\n\n"
        f"## Decision\n\n{decision}\n\n## Consequences\n\nSome work.\n"
    )


def lint(adr, repo: Repo, *args: str) -> list[dict[str, object]]:
    result = adr("lint", "--format", "json", *args, cwd=repo.root)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


@pytest.fixture
def repo(tmp_path: Path) -> Repo:
    return Repo(tmp_path / "project")


def test_accepted_record_edited_after_acceptance(adr, repo: Repo) -> None:
    repo.write("0001-use-postgresql.md", nygard(1, "Use PostgreSQL", status="Proposed"))
    repo.commit("Propose PostgreSQL", "2024-01-10T10:00:00+00:00")
    repo.write("0001-use-postgresql.md", nygard(1, "Use PostgreSQL"))
    repo.commit("Accept PostgreSQL", "2024-01-12T10:00:00+00:00")
    assert lint(adr, repo, "--select", "ADR501") == []  # proposing, then accepting, changes only the status
    repo.git("checkout", "-q", "-b", "pin-version")  # the change under review: a branch off main
    repo.write("0001-use-postgresql.md", nygard(1, "Use PostgreSQL", decision="We will use PostgreSQL 16."))
    repo.commit("Reword the decision", "2024-03-01T10:00:00+00:00", author="Bo Chen")
    (found,) = lint(adr, repo, "--select", "ADR501")
    assert (found["path"], found["line"], found["code"]) == ("docs/adr/0001-use-postgresql.md", 15, "ADR501")
    assert "then its prose was edited in" in str(found["message"])
    assert "(2024-03-01, Bo Chen)" in str(found["message"])
    assert "policy 'strict'" in str(found["message"])


def test_number_reused_for_a_different_decision(adr, repo: Repo) -> None:
    repo.write("0001-use-rabbitmq.md", nygard(1, "Use RabbitMQ"))
    repo.commit("Add RabbitMQ", "2024-01-10T10:00:00+00:00")
    (repo.log / "0001-use-rabbitmq.md").unlink()
    repo.commit("Drop it", "2024-02-10T10:00:00+00:00")
    repo.write("0001-use-kafka.md", nygard(1, "Use Kafka"))
    repo.commit("Add Kafka", "2024-03-10T10:00:00+00:00")
    (found,) = lint(adr, repo, "--select", "ADR303")
    assert found["path"] == "docs/adr/0001-use-kafka.md"
    assert str(found["message"]).startswith("number 1 was used by 'Use RabbitMQ' (0001-use-rabbitmq.md, ")


def test_renames_and_renumbering_are_not_reuse(adr, repo: Repo) -> None:
    repo.write("0001-use-rabbitmq.md", nygard(1, "Use RabbitMQ"))
    repo.commit("Add RabbitMQ", "2024-01-10T10:00:00+00:00")
    repo.git("mv", "docs/adr/0001-use-rabbitmq.md", "docs/adr/0002-use-rabbitmq.md")
    repo.write("0002-use-rabbitmq.md", nygard(2, "Use RabbitMQ"))
    repo.write("0001-record-decisions.md", nygard(1, "Record decisions"))
    repo.commit("Renumber after a merge", "2024-01-11T10:00:00+00:00")
    repo.git("mv", "docs/adr/0002-use-rabbitmq.md", "docs/adr/0002-use-rabbitmq-for-events.md")
    repo.write("0002-use-rabbitmq-for-events.md", nygard(2, "Use RabbitMQ for events"))
    repo.commit("Retitle", "2024-01-12T10:00:00+00:00")
    assert lint(adr, repo, "--select", "ADR303") == []


def test_a_gap_left_by_a_deleted_record_is_not_a_gap(adr, repo: Repo) -> None:
    for number, title in ((1, "First"), (2, "Second"), (3, "Third")):
        repo.write(f"000{number}-{title.lower()}.md", nygard(number, title))
    repo.commit("Three records", "2024-01-10T10:00:00+00:00")
    (repo.log / "0002-second.md").unlink()
    repo.commit("Delete one", "2024-01-11T10:00:00+00:00")
    assert lint(adr, repo, "--select", "ADR302") == []
    shutil.rmtree(repo.root / ".git")
    assert [d["code"] for d in lint(adr, repo, "--select", "ADR302")] == ["ADR302"]  # without git it is a gap


def test_missing_date_is_filled_from_git(adr, repo: Repo) -> None:
    repo.write("0001-use-postgresql.md", nygard(1, "Use PostgreSQL", date=None))
    repo.write("0002-use-redis.md", "# ADR-002: Use Redis\n\n**Status:** Accepted\n\n## Context\n\nx\n")
    repo.commit("Add records", "2024-02-03T10:00:00+00:00")
    found = lint(adr, repo, "--select", "ADR203")
    assert [(d["path"], d["fixable"]) for d in found] == [
        ("docs/adr/0001-use-postgresql.md", True),
        ("docs/adr/0002-use-redis.md", True),
    ]
    result = adr("lint", "--fix", "--select", "ADR203", cwd=repo.root)
    assert result.code == 0 and result.err == "Fixed 2 problems.\n"
    assert (repo.log / "0001-use-postgresql.md").read_text().startswith("# 1. Use PostgreSQL\n\nDate: 2024-02-03\n\n")
    assert "**Status:** Accepted\n\n**Date:** 2024-02-03\n" in (repo.log / "0002-use-redis.md").read_text()


def test_missing_date_outside_git_has_no_fix(adr, tmp_path: Path) -> None:
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    (log / "0001-use-postgresql.md").write_text(nygard(1, "Use PostgreSQL", date=None), encoding="utf-8")
    (found,) = json.loads(adr("lint", "--format", "json", "--select", "ADR203", cwd=tmp_path).out)
    assert (found["code"], found["fixable"]) == ("ADR203", False)


def test_stale_proposal_without_a_date_uses_the_commit_date(adr, repo: Repo) -> None:
    repo.write("0001-adopt-graphql.md", nygard(1, "Adopt GraphQL", status="Proposed", date=None))
    repo.commit("Propose GraphQL", "2024-01-05T10:00:00+00:00")
    (found,) = lint(adr, repo, "--select", "ADR502")
    assert found["message"] == "proposed since 2024-01-05 (117 days; stale-days is 30)"
