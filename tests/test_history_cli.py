"""`adr log`, `adr list --at` and git-aware numbering, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gitrepo import GitRepo, nygard


@pytest.fixture
def project(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "project")
    repo.write("doc/adr/0001-record-decisions.md", nygard(1, "Record decisions", "Accepted"))
    repo.write("doc/adr/0002-use-postgresql.md", nygard(2, "Use PostgreSQL"))
    repo.commit("Start the log", "Alice", "2024-01-02T09:00:00+01:00")
    repo.write("doc/adr/0002-use-postgresql.md", nygard(2, "Use PostgreSQL", "Accepted"))
    repo.commit("Accept PostgreSQL", "Bob", "2024-01-05T10:00:00+01:00")
    repo.git("mv", "doc/adr/0002-use-postgresql.md", "doc/adr/0002-use-postgres.md")
    repo.write(
        "doc/adr/0002-use-postgres.md",
        nygard(2, "Use PostgreSQL", "Accepted", body="We use MySQL."),
    )
    repo.commit("Rename and rewrite", "Carol", "2024-02-01T10:00:00+01:00")
    repo.write("doc/adr/0003-use-kafka.md", nygard(3, "Use Kafka"))
    repo.commit("Propose Kafka", "Dan", "2024-02-10T10:00:00+01:00")
    repo.git("rm", "-q", "doc/adr/0003-use-kafka.md")
    repo.commit("Withdraw Kafka", "Dan", "2024-02-11T10:00:00+01:00")
    return repo


def test_log_of_a_record(adr, project: GitRepo) -> None:  # type: ignore[no-untyped-def]
    result = adr("log", "2", cwd=project.root)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[:2] == ["0002  Use PostgreSQL", "path: 0002-use-postgres.md"]
    changes = [line.split()[:4] for line in lines[3:] if line[:4].isdigit()]
    assert [(c[0], c[2], c[3]) for c in changes] == [
        ("2024-01-02", "created", "proposed"),
        ("2024-01-05", "status", "accepted"),
        ("2024-02-01", "renamed", "accepted"),
    ]
    assert "renamed from 0002-use-postgresql.md" in result.out
    assert "! edited after acceptance, beyond status and relations" in result.out
    assert lines[-1] == "authors: Alice, Bob, Carol"


def test_log_as_json(adr, project: GitRepo) -> None:  # type: ignore[no-untyped-def]
    data = json.loads(adr("log", "0002", "--format", "json", cwd=project.root).out)
    assert data["available"] and data["created"]["author"] == "Alice"
    assert data["accepted"]["date"] == "2024-01-05T10:00:00+01:00"
    [edit] = data["edits_after_acceptance"]
    assert edit["change"]["old_path"] == "0002-use-postgresql.md"
    assert edit["only_status_or_relations"] is False and edit["changed_lines"]


def test_log_of_the_whole_folder_newest_first(adr, project: GitRepo) -> None:  # type: ignore[no-untyped-def]
    result = adr("log", "--limit", "3", cwd=project.root)
    assert result.code == 0, result.err
    rows = [line.split()[:4] for line in result.out.splitlines()]
    assert [(r[0], r[2], r[3]) for r in rows] == [
        ("2024-02-11", "0003", "deleted"),
        ("2024-02-10", "0003", "created"),
        ("2024-02-01", "0002", "renamed"),
    ]


def test_log_outside_git(adr, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "doc/adr").mkdir(parents=True)
    (tmp_path / "doc/adr/0001-x.md").write_text(nygard(1, "X", "Accepted", date="2023-03-04"))
    result = adr("log", "1")
    assert result.code == 0, result.err
    assert "no git history" in result.out and "status accepted, dated 2023-03-04" in result.out
    data = json.loads(adr("log", "1", "--format", "json").out)
    assert data["available"] is False and data["changes"] == []


def test_list_at_a_revision(adr, project: GitRepo) -> None:  # type: ignore[no-untyped-def]
    then = adr("list", "--at", "HEAD~4", "--format", "json", cwd=project.root)
    assert then.code == 0, then.err
    assert [(r["number"], r["status"], r["path"]) for r in json.loads(then.out)] == [
        (1, "accepted", "0001-record-decisions.md"),
        (2, "proposed", "0002-use-postgresql.md"),
    ]
    kafka = adr("list", "--at", "HEAD~1", cwd=project.root)
    assert kafka.out.splitlines()[-1] == "doc/adr/0003-use-kafka.md"
    assert not (project.root / "doc/adr/0003-use-kafka.md").exists()  # nothing was checked out
    bad = adr("list", "--at", "no-such-branch", cwd=project.root)
    assert bad.code == 2 and bad.err.startswith("Error: ") and "no-such-branch" in bad.err


def test_new_never_reuses_a_number_deleted_in_git(adr, project: GitRepo) -> None:  # type: ignore[no-untyped-def]
    result = adr("new", "Use RabbitMQ", cwd=project.root)
    assert result.code == 0, result.err
    assert result.out.strip() == "doc/adr/0004-use-rabbitmq.md"
