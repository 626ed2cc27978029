"""History reuses the log's own parses for committed versions equal to the files on disk."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from adrledger.config import load_config
from adrledger.history import build, load_history
from adrledger.history.versions import read_version
from adrledger.history.working import WorkingCopies, git_blob_id
from adrledger.log import DecisionLog

from gitrepo import GitRepo, nygard

RECORD = "doc/adr/0001-use-postgresql.md"


@pytest.fixture
def repo(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "project")
    repo.write(RECORD, nygard(1, "Use PostgreSQL", "Accepted"))
    repo.commit("Accept PostgreSQL")
    return repo


def blob_of(repo: GitRepo, path: str, revision: str = "HEAD") -> str:
    return repo.git("rev-parse", f"{revision}:{path}").strip()


def log_of(repo: GitRepo) -> DecisionLog:
    return DecisionLog(load_config(repo.root / "doc/adr"))


def test_the_blob_id_is_the_one_git_computes(repo: GitRepo) -> None:
    data = (repo.root / RECORD).read_bytes()
    assert git_blob_id(data, 40) == blob_of(repo, RECORD)
    made = subprocess.run(["git", "hash-object", "--stdin"], input=b"", capture_output=True, check=True)
    assert git_blob_id(b"", 40) == made.stdout.decode().strip()


def test_a_version_equal_to_the_file_is_answered_from_the_parsed_record(repo: GitRepo) -> None:
    log = log_of(repo)
    working = WorkingCopies(log.root, log.records)
    relative = "0001-use-postgresql.md"
    found = working.info(blob_of(repo, RECORD), relative)
    read = read_version((repo.root / RECORD).read_bytes(), relative)
    # The same facts, but for the prose key: a working copy's is read only when an edit is compared.
    assert found is not None and found.prose == "" and read.prose
    assert replace(found, prose=read.prose) == read
    assert found.status == "accepted"


def test_an_older_version_or_a_changed_file_is_not_answered(repo: GitRepo) -> None:
    old_blob = blob_of(repo, RECORD)
    path = repo.root / RECORD
    path.write_text(path.read_text().replace("We will do it.", "We will use MySQL."))
    repo.commit("Edit after acceptance")
    log = log_of(repo)
    working = WorkingCopies(log.root, log.records)
    assert working.info(old_blob, "0001-use-postgresql.md") is None
    new_blob = blob_of(repo, RECORD)
    path.write_text(path.read_text() + "\nMore.\n")  # changed after the log read it
    assert working.info(new_blob, "0001-use-postgresql.md") is None
    assert working.info(new_blob, "0002-missing.md") is None


def test_history_with_and_without_the_parsed_records_is_the_same(
    repo: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = repo.root / RECORD
    path.write_text(path.read_text().replace("We will do it.", "We will use MySQL."))
    repo.commit("Edit after acceptance", date="2024-02-01T10:00:00+00:00")
    repo.write("doc/adr/0002-use-redis.md", nygard(2, "Use Redis", "Proposed"))
    repo.commit("Propose Redis", date="2024-03-01T10:00:00+00:00")
    monkeypatch.setenv("ADRLEDGER_CACHE_DIR", str(tmp_path / "cache-a"))
    log = log_of(repo)
    reused = load_history(log, parsed=log.records)
    monkeypatch.setenv("ADRLEDGER_CACHE_DIR", str(tmp_path / "cache-b"))
    build._LOADED.clear()  # this process's memo of histories, else the first is handed back
    parsed_again = load_history(log_of(repo), parsed=[])
    assert reused == parsed_again
    assert reused.files["0001-use-postgresql.md"].edits_after_acceptance
