"""Git history of a decision log, read from real repositories made for each test."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.errors import AdrError
from adrledger.history import load_history
from adrledger.history.build import _LOADED
from adrledger.history.git import GitError
from adrledger.history.snapshot import records_at
from adrledger.log import DecisionLog
from adrledger.ops.writing import WriteSession

from gitrepo import GitRepo, nygard

MADR = """---
status: {status}
date: 2024-03-01
---
# Use {title}

## Context and Problem Statement

We need a queue.

## Decision Outcome

Chosen option: "{title}", because it is simple.
"""

FULL = """# ADR-004: Cache with Redis

**Status:** Accepted
**Date:** 2024-01-10

## Context

Reads are slow.

## Decision

We cache reads in Redis.

## Review and Updates

| Date | Change | Author |
|------|--------|--------|
| 2024-01-10 | Accepted | Alice |
{rows}"""


def log_at(root: Path, folder: str = "doc/adr") -> DecisionLog:
    return DecisionLog.discover(folder, root)


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    return GitRepo(tmp_path / "project")


@pytest.fixture
def lifecycle(repo: GitRepo) -> GitRepo:
    """Record 2 is proposed by Alice, accepted by Bob, then rewritten by Carol; 3 comes and goes."""
    repo.write(
        "doc/adr/0001-record-architecture-decisions.md",
        nygard(1, "Record architecture decisions", "Accepted"),
    )
    repo.write("doc/adr/0002-use-postgresql.md", nygard(2, "Use PostgreSQL"))
    repo.commit("Propose PostgreSQL", "Alice", "2024-01-02T09:00:00+01:00")
    repo.write("doc/adr/0002-use-postgresql.md", nygard(2, "Use PostgreSQL", "Accepted"))
    repo.commit("Accept PostgreSQL", "Bob Builder", "2024-01-05T14:30:00-05:00", email="bob@example.org")
    repo.write(
        "doc/adr/0002-use-postgresql.md",
        nygard(2, "Use PostgreSQL", "Accepted", body="We use MySQL."),
    )
    repo.commit("Quietly change our mind", "Carol", "2024-02-01T08:00:00+00:00")
    repo.write("doc/adr/0003-use-kafka.md", nygard(3, "Use Kafka"))
    repo.commit("Propose Kafka", "Dan", "2024-02-10T08:00:00+00:00")
    repo.git("rm", "-q", "doc/adr/0003-use-kafka.md")
    repo.commit("Drop Kafka", "Dan", "2024-02-11T08:00:00+00:00")
    return repo


def test_created_status_changes_and_authors(lifecycle: GitRepo) -> None:
    history = load_history(log_at(lifecycle.root))
    assert history.available
    record = history.for_path("0002-use-postgresql.md")
    assert record is not None
    assert record.created is not None
    assert (record.created.date, record.created.author, record.created.status) == (
        "2024-01-02T09:00:00+01:00",
        "Alice",
        "proposed",
    )
    assert [(c.kind, c.status) for c in record.changes] == [
        ("created", "proposed"),
        ("status", "accepted"),
        ("edited", "accepted"),
    ]
    assert len(record.status_changes) == 1
    accepted = record.status_changes[0]
    assert accepted == record.accepted
    assert (accepted.date, accepted.author, accepted.email, accepted.message) == (
        "2024-01-05T14:30:00-05:00",
        "Bob Builder",
        "bob@example.org",
        "Accept PostgreSQL",
    )
    assert record.authors == ("Alice", "Bob Builder", "Carol")


def test_rewriting_an_accepted_record_is_an_edit_after_acceptance(lifecycle: GitRepo) -> None:
    record = load_history(log_at(lifecycle.root)).for_path("0002-use-postgresql.md")
    assert record is not None
    [edit] = record.edits_after_acceptance
    assert edit.change.author == "Carol"
    assert not edit.only_status_or_relations
    assert not edit.adds_review_row
    new_text = (lifecycle.root / "doc/adr/0002-use-postgresql.md").read_text().split("\n")
    assert [new_text[n - 1] for n in edit.changed_lines] == ["We use MySQL."]


def test_superseding_touches_only_status_and_relations(repo: GitRepo) -> None:
    repo.write("doc/adr/0001-use-x.md", nygard(1, "Use X", "Accepted"))
    repo.commit("Accept X")
    repo.write("doc/adr/0001-use-x.md", nygard(1, "Use X", "Superseded by [2. Use Y](0002-use-y.md)"))
    repo.write(
        "doc/adr/0002-use-y.md",
        nygard(2, "Use Y", "Accepted", extra="\nSupersedes [1. Use X](0001-use-x.md)\n"),
    )
    repo.commit("Supersede X with Y", date="2024-02-01T00:00:00+00:00")
    history = load_history(log_at(repo.root))
    record = history.for_path("0001-use-x.md")
    assert record is not None
    [edit] = record.edits_after_acceptance
    assert edit.only_status_or_relations
    assert [c.status for c in record.status_changes] == ["superseded"]
    assert record.accepted is not None and record.accepted.kind == "created"


def test_front_matter_status_change_is_a_lifecycle_edit(repo: GitRepo) -> None:
    repo.write("docs/decisions/0001-use-rabbitmq.md", MADR.format(status="accepted", title="RabbitMQ"))
    repo.commit("Accept RabbitMQ")
    repo.write("docs/decisions/0001-use-rabbitmq.md", MADR.format(status="deprecated", title="RabbitMQ"))
    repo.commit("Deprecate RabbitMQ", date="2024-04-01T00:00:00+00:00")
    record = load_history(log_at(repo.root, "docs/decisions")).for_path("0001-use-rabbitmq.md")
    assert record is not None
    assert [c.kind for c in record.changes] == ["created", "status"]
    [edit] = record.edits_after_acceptance
    assert edit.only_status_or_relations and edit.changed_lines == (2,)


def test_review_row_is_recognised(repo: GitRepo) -> None:
    repo.write("doc/adr/0004-cache-with-redis.md", FULL.format(rows=""))
    repo.commit("Accept Redis")
    row = "| 2024-03-01 | Raised the memory limit | Bob |\n"
    repo.write(
        "doc/adr/0004-cache-with-redis.md",
        FULL.format(rows=row).replace("in Redis.", "in Redis (4 GB)."),
    )
    repo.commit("Amend Redis", date="2024-03-01T00:00:00+00:00")
    record = load_history(log_at(repo.root)).for_path("0004-cache-with-redis.md")
    assert record is not None
    [edit] = record.edits_after_acceptance
    assert edit.adds_review_row and not edit.only_status_or_relations
    assert len(edit.changed_lines) == 2


def test_renames_are_followed(repo: GitRepo) -> None:
    repo.write("doc/adr/XXXX-use-grpc.md", nygard(0, "Use gRPC", "Draft").replace("# 0. ", "# "))
    repo.commit("Draft gRPC")
    repo.git("mv", "doc/adr/XXXX-use-grpc.md", "doc/adr/0005-use-grpc.md")
    repo.commit("Number gRPC", date="2024-01-03T00:00:00+00:00")
    history = load_history(log_at(repo.root))
    record = history.for_path("0005-use-grpc.md")
    assert record is not None
    assert [(c.kind, c.path, c.old_path) for c in record.changes] == [
        ("created", "XXXX-use-grpc.md", None),
        ("renamed", "0005-use-grpc.md", "XXXX-use-grpc.md"),
    ]
    assert history.for_path("XXXX-use-grpc.md") is record
    assert [use.path for use in history.numbers_used()[5]] == ["0005-use-grpc.md"]


def test_number_reuse_is_visible(lifecycle: GitRepo) -> None:
    lifecycle.write("doc/adr/0003-use-nats.md", nygard(3, "Use NATS"))
    lifecycle.commit("Propose NATS", "Erin", "2024-03-01T00:00:00+00:00")
    history = load_history(log_at(lifecycle.root))
    uses = history.numbers_used()[3]
    assert [(u.title, u.path, u.date) for u in uses] == [
        ("Use Kafka", "0003-use-kafka.md", "2024-02-10T08:00:00+00:00"),
        ("Use NATS", "0003-use-nats.md", "2024-03-01T00:00:00+00:00"),
    ]
    assert history.max_number_ever() == 3
    deleted = history.for_path("0003-use-kafka.md")
    assert deleted is not None and deleted.changes[-1].kind == "deleted"


def test_new_record_never_reuses_a_deleted_number(lifecycle: GitRepo) -> None:
    assert WriteSession(log_at(lifecycle.root)).next_number() == 4
    lifecycle.git("rm", "-q", "doc/adr/0002-use-postgresql.md")
    lifecycle.commit("Remove 2 as well", date="2024-03-01T00:00:00+00:00")
    assert WriteSession(log_at(lifecycle.root)).next_number() == 4  # warm cache, new HEAD: only the new commit is read


def test_log_folder_with_spaces_and_unicode_below_the_root(repo: GitRepo) -> None:
    folder = "services/pay ment/décisions"
    repo.write(f"{folder}/0001-café crème.md", nygard(1, "Serve café crème"))
    repo.write("README.md", "# project\n")
    repo.commit("Add")
    repo.write(f"{folder}/0001-café crème.md", nygard(1, "Serve café crème", "Accepted"))
    repo.commit("Accept", date="2024-01-02T00:00:00+00:00")
    history = load_history(log_at(repo.root, folder))
    assert history.prefix == folder
    record = history.for_path("0001-café crème.md")
    assert record is not None and [c.status for c in record.changes] == ["proposed", "accepted"]
    [then] = records_at(log_at(repo.root, folder), "HEAD~1")
    assert (then.path, then.status) == ("0001-café crème.md", "proposed")


def test_outside_git_the_history_is_unavailable(tmp_path: Path) -> None:
    (tmp_path / "doc/adr").mkdir(parents=True)
    (tmp_path / "doc/adr/0001-x.md").write_text(nygard(1, "X"))
    log = log_at(tmp_path)
    history = load_history(log)
    assert not history.available and history.reason
    assert history.for_path("0001-x.md") is None and history.max_number_ever() == 0
    assert WriteSession(log).next_number() == 2


def test_without_git_installed_the_history_is_unavailable(
    lifecycle: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "no-binaries"))
    history = load_history(log_at(lifecycle.root))
    assert not history.available and "git" in history.reason
    assert WriteSession(log_at(lifecycle.root)).next_number() == 3  # from the files alone


def test_shallow_clone_marks_what_it_cannot_know(lifecycle: GitRepo, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    lifecycle.git("clone", "-q", "--depth", "2", f"file://{lifecycle.root}", str(clone))
    history = load_history(log_at(clone))
    assert history.shallow
    record = history.for_path("0002-use-postgresql.md")
    assert record is not None and record.truncated and record.created is None
    assert record.changes == ()  # its last change is older than the clone's horizon
    assert history.for_path("0003-use-kafka.md") is not None


def test_second_load_comes_from_the_cache(lifecycle: GitRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    first = load_history(log_at(lifecycle.root))
    monkeypatch.setattr("adrledger.history.build.build_history", _fail)
    _LOADED.clear()  # from the disk cache, not from this process's memory
    assert load_history(log_at(lifecycle.root)) == first


def _fail(*args: object) -> None:
    raise AssertionError("the history was rebuilt although HEAD did not move")


def test_uncommitted_edit_of_an_accepted_record(lifecycle: GitRepo) -> None:
    path = lifecycle.root / "doc/adr/0001-record-architecture-decisions.md"
    path.write_text(path.read_text().replace("## Decision\n\nWe will do it.", "## Decision\n\nWe won't."))
    record = load_history(log_at(lifecycle.root)).for_path("0001-record-architecture-decisions.md")
    assert record is not None
    pending = record.changes[-1]
    assert (pending.sha, pending.kind, pending.short_sha) == ("", "edited", "uncommitted")
    assert (pending.author, pending.email) == ("Default", "default@example.com")  # who will commit it
    assert record.authors[-1] == "Default"
    assert record.edits_after_acceptance[-1].change == pending
    assert not record.edits_after_acceptance[-1].only_status_or_relations
    committed = load_history(log_at(lifecycle.root), worktree=False).for_path("0001-record-architecture-decisions.md")
    assert committed is not None and committed.edits_after_acceptance == ()


def test_new_commits_are_replayed_on_top_of_the_cached_history(
    lifecycle: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    load_history(log_at(lifecycle.root))  # cache the replay at the current HEAD
    lifecycle.write("doc/adr/0002-use-postgresql.md", nygard(2, "Use PostgreSQL", "Deprecated"))
    lifecycle.commit("Deprecate PostgreSQL", "Erin", "2024-05-01T00:00:00+00:00")
    lifecycle.git("mv", "doc/adr/0001-record-architecture-decisions.md", "doc/adr/0001-record.md")
    lifecycle.commit("Shorter name", "Erin", "2024-05-02T00:00:00+00:00")
    carried_on = load_history(log_at(lifecycle.root))
    monkeypatch.setenv("ADRLEDGER_CACHE_DIR", str(tmp_path / "fresh-cache"))
    _LOADED.clear()
    assert carried_on == load_history(log_at(lifecycle.root))
    record = carried_on.for_path("0002-use-postgresql.md")
    assert record is not None and [c.status for c in record.status_changes] == [
        "accepted",
        "deprecated",
    ]


def test_rewritten_history_is_read_again(lifecycle: GitRepo) -> None:
    load_history(log_at(lifecycle.root))
    lifecycle.git("reset", "-q", "--hard", "HEAD~2")
    lifecycle.write("doc/adr/0003-use-nats.md", nygard(3, "Use NATS"))
    lifecycle.commit("NATS instead", "Erin", "2024-05-01T00:00:00+00:00")
    history = load_history(log_at(lifecycle.root))
    assert [u.title for u in history.numbers_used()[3]] == ["Use NATS"]  # Kafka is no longer in HEAD's past
    assert history.for_path("0003-use-kafka.md") is None


def test_changes_made_on_a_merged_branch_keep_their_authors(repo: GitRepo) -> None:
    repo.write("doc/adr/0001-use-x.md", nygard(1, "Use X"))
    repo.commit("Propose X", "Alice", "2024-01-01T00:00:00+00:00")
    repo.git("checkout", "-q", "-b", "review")
    repo.write("doc/adr/0001-use-x.md", nygard(1, "Use X", "Accepted"))
    repo.commit("Accept X", "Bob", "2024-01-03T00:00:00+00:00")
    repo.git("checkout", "-q", "main")
    repo.write("doc/adr/0002-use-y.md", nygard(2, "Use Y"))
    repo.commit("Propose Y", "Carol", "2024-01-02T00:00:00+00:00")
    repo.git(
        "merge",
        "-q",
        "--no-ff",
        "-m",
        "Merge review",
        "review",
        env={"GIT_AUTHOR_DATE": "2024-01-04T00:00:00+00:00", "GIT_COMMITTER_DATE": "2024-01-04T00:00:00+00:00"},
    )
    history = load_history(log_at(repo.root))
    record = history.for_path("0001-use-x.md")
    assert record is not None and record.accepted is not None
    assert (record.accepted.author, record.accepted.message) == ("Bob", "Accept X")
    assert set(history.files) == {"0001-use-x.md", "0002-use-y.md"}


def test_a_git_failure_a_command_cannot_work_around_is_one_line(repo: GitRepo, adr) -> None:
    """GitError is an AdrError: numbering in a repository whose HEAD commit is lost says so in one
    line (exit 2), writes nothing, and shows no traceback."""
    repo.write("doc/adr/0001-first.md", nygard(1, "First"))
    head = repo.commit("Add")
    (repo.root / ".git" / "objects" / head[:2] / head[2:]).unlink()  # the commit object is gone
    assert issubclass(GitError, AdrError)
    result = adr("new", "Second", cwd=repo.root)
    assert result.code == 2 and "Traceback" not in result.err
    assert result.err.startswith("Error: ") and len(result.err.splitlines()) == 1 and "HEAD" in result.err
    assert sorted(p.name for p in (repo.root / "doc/adr").iterdir()) == ["0001-first.md"]
