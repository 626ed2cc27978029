"""Lint's git rules fed by adrledger.history, in real repositories: the cases beyond the basics."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import GitRepo, nygard

MADR = """---
status: {status}
date: 2024-03-01
---
# Use RabbitMQ

## Context and Problem Statement

We need a queue.
"""


def diagnostics(adr, root: Path, *extra: str) -> list[dict]:  # type: ignore[no-untyped-def]
    result = adr("lint", "--format", "json", *extra, cwd=root)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def codes(adr, root: Path) -> set[str]:  # type: ignore[no-untyped-def]
    return {d["code"] for d in diagnostics(adr, root, "--select", "ALL")}  # the opt-in history rules too


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "project")


def test_missing_date_is_filled_from_the_commit_that_created_the_file(adr, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    text = nygard(1, "Use PostgreSQL", "Accepted").replace("Date: 2024-01-01\n\n", "")
    repo.write("doc/adr/0001-use-postgresql.md", text)
    repo.commit("Add PostgreSQL", "Alice", "2023-03-04T23:30:00-08:00")
    [finding] = [d for d in diagnostics(adr, repo.root, "--select", "ADR203") if d["code"] == "ADR203"]
    assert finding["fixable"]
    fixed = adr("lint", "--fix", "--select", "ADR203", cwd=repo.root)
    assert fixed.code == 0, fixed.out + fixed.err
    lines = (repo.root / "doc/adr/0001-use-postgresql.md").read_text().splitlines()
    assert lines[:3] == ["# 1. Use PostgreSQL", "", "Date: 2023-03-04"]  # the committer's own day


def test_an_uncommitted_edit_of_an_accepted_record_is_caught_before_the_commit(adr, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("doc/adr/0001-use-postgresql.md", nygard(1, "Use PostgreSQL", "Accepted"))
    repo.commit("Accept PostgreSQL", "Alice", "2024-01-05T10:00:00+00:00")
    assert "ADR501" not in codes(adr, repo.root)
    path = repo.root / "doc/adr/0001-use-postgresql.md"
    path.write_text(path.read_text().replace("We will do it.", "We will use MySQL."))
    [finding] = [d for d in diagnostics(adr, repo.root) if d["code"] == "ADR501"]
    assert "in the working tree (not committed yet)" in finding["message"]
    assert finding["line"] == path.read_text().splitlines().index("We will use MySQL.") + 1


def test_front_matter_status_change_is_allowed_under_strict_policy(adr, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    repo.write("docs/decisions/0001-use-rabbitmq.md", MADR.format(status="accepted"))
    repo.commit("Accept RabbitMQ", date="2024-03-01T10:00:00+00:00")
    repo.write("docs/decisions/0001-use-rabbitmq.md", MADR.format(status="deprecated"))
    repo.commit("Deprecate RabbitMQ", date="2024-09-01T10:00:00+00:00")
    assert "ADR501" not in codes(adr, repo.root)


def test_edits_after_an_acceptance_older_than_a_shallow_clone_still_count(adr, repo: GitRepo, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    repo.write("doc/adr/0001-use-postgresql.md", nygard(1, "Use PostgreSQL", "Accepted"))
    repo.commit("Accept PostgreSQL", "Alice", "2024-01-05T10:00:00+00:00")
    repo.write("doc/adr/0002-use-redis.md", nygard(2, "Use Redis"))
    repo.commit("Propose Redis", "Bob", "2024-02-01T10:00:00+00:00")
    repo.write("doc/adr/0001-use-postgresql.md", nygard(1, "Use PostgreSQL", "Accepted", body="MySQL."))
    repo.commit("Rewrite PostgreSQL", "Carol", "2024-03-01T10:00:00+00:00")
    clone = tmp_path / "ci-checkout"
    repo.git("clone", "-q", "--depth", "2", f"file://{repo.root}", str(clone))
    assert "ADR501" not in {d["code"] for d in diagnostics(adr, clone)}  # on main: nothing under review
    [finding] = [d for d in diagnostics(adr, clone, "--since", "HEAD~1") if d["code"] == "ADR501"]
    assert finding["message"].startswith("accepted before the history this shallow clone holds")
    assert "Carol" in finding["message"]


def test_a_number_deleted_in_git_is_neither_a_gap_nor_handed_out_again(adr, repo: GitRepo) -> None:  # type: ignore[no-untyped-def]
    for number, title in ((1, "Record decisions"), (2, "Use Kafka"), (3, "Use gRPC")):
        repo.write(f"doc/adr/{number:04d}-{title.lower().replace(' ', '-')}.md", nygard(number, title, "Accepted"))
    repo.commit("Three records")
    repo.git("rm", "-q", "doc/adr/0002-use-kafka.md", "doc/adr/0003-use-grpc.md")
    repo.commit("Withdraw two", date="2024-02-01T00:00:00+00:00")
    created = adr("new", "Use NATS", cwd=repo.root)
    assert created.out.strip() == "doc/adr/0004-use-nats.md", created.err
    repo.commit("Propose NATS", date="2024-03-01T00:00:00+00:00")
    assert not {"ADR302", "ADR303"} & codes(adr, repo.root)


def test_git_rules_stay_silent_outside_git(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "doc/adr").mkdir(parents=True)
    (tmp_path / "doc/adr/0001-x.md").write_text(nygard(1, "X", "Accepted"))
    (tmp_path / "doc/adr/0003-y.md").write_text(nygard(3, "Y", "Accepted"))
    found = codes(adr, tmp_path)
    assert not {"ADR303", "ADR501"} & found
    assert "ADR302" in found  # without git, a missing number is a gap
