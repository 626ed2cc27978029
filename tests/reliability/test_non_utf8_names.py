"""File and folder names that are not valid UTF-8, committed to a real git repository (git stores names
as bytes, so a pull request can add one): every command names each such file once, in one line with its
name escaped, skips it, processes the other records, and never shows a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from reliability_support import good_record, make_log, run_limited

from gitrepo import GitRepo

BAD_FILE = b"0003-caf\xe9.md"  # Latin-1 é: not UTF-8
BAD_FOLDER = b"notes\xff"
LINES = ["doc/adr/0003-caf\\xe9.md: name is not valid UTF-8", "doc/adr/notes\\xff/: name is not valid UTF-8"]
COMMANDS = [
    ["lint"],
    ["lint", "--format", "json"],
    ["list"],
    ["list", "--format", "table"],
    ["list", "--format", "json"],
    ["export"],
    ["export", "--format", "csv"],
    ["index"],
    ["search", "Kafka"],
    ["graph"],
    ["graph", "--format", "dot"],
    ["site", "out"],
    ["report", "summary"],
    ["log"],
]
# `generate toc` and `generate graph` copy names byte for byte, as adr-tools does (no text encoding involved).


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("names")
    log = make_log(root)
    os.makedirs(os.path.join(os.fsencode(log), BAD_FOLDER))
    with open(os.path.join(os.fsencode(log), BAD_FILE), "w", encoding="utf-8") as handle:
        handle.write(good_record(3, "Use Redis"))
    with open(os.path.join(os.fsencode(log), BAD_FOLDER, b"0004-hidden.md"), "w", encoding="utf-8") as handle:
        handle.write(good_record(4, "Use Mongo"))
    repo = GitRepo(root)
    repo.commit("Records, some with names that are not UTF-8")
    assert b"caf\\351" in repo.git("ls-files").encode() or b"caf\xe9" in os.listdir(os.fsencode(log))
    return root


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_each_command_names_the_file_once_and_goes_on(command: list[str], project: Path) -> None:
    result = run_limited(*command, cwd=project, timeout=60)
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr, result.stderr
    assert result.returncode == 2, result.stderr
    for expected in LINES:
        assert sum(expected in line for line in result.stderr.splitlines()) == 1, result.stderr
    assert "Mongo" not in result.stdout and "Redis" not in result.stdout  # skipped, not half-read
    if command[0] in ("list", "export", "index", "search", "graph"):
        assert "Kafka" in result.stdout or "kafka" in result.stdout, result.stdout


def test_site_publishes_the_other_records(project: Path) -> None:
    run_limited("site", "out2", cwd=project, timeout=60)
    pages = sorted(path.name for path in (project / "out2" / "records").iterdir())
    assert pages == ["0001.html", "0002.html"]


def test_a_new_record_never_takes_the_number_of_a_skipped_file(project: Path, tmp_path: Path) -> None:
    """The file is skipped when read, but its number stays taken: numbers are never reused."""
    log = make_log(tmp_path)
    with open(os.path.join(os.fsencode(log), BAD_FILE), "w", encoding="utf-8") as handle:
        handle.write(good_record(3, "Use Redis"))
    created = run_limited("new", "Use", "Queues", cwd=tmp_path, timeout=60)
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "doc/adr/0004-use-queues.md"
