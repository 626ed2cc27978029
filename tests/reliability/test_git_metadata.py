"""Git authors and commit messages that are not valid UTF-8 (git stores them as bytes, and --encoding
cannot repair bytes that claim to be UTF-8): every command that shows history reads them with the
undecodable bytes replaced, the site is built, and no temporary file of a page is left behind."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from reliability_support import good_record, make_log, run_limited

from gitrepo import ISOLATED, GitRepo

AUTHOR = b"Ren\xe9 \xff Lat1"  # Latin-1, not UTF-8
MESSAGE = b"Caf\xe9 \xff\xfe accepted\n\nBody \x80 bytes\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("gitmeta")
    log = make_log(root)
    repo = GitRepo(root)
    repo.commit("Two records")
    (log / "0001-use-postgres.md").write_text(good_record(1, "Use Postgres") + "\nEdited.\n")
    # `git commit` re-encodes a Latin-1 message as UTF-8; a hand-made object (as in a pushed branch) keeps
    # the bytes as they are.
    env = {**os.environ, **ISOLATED}
    subprocess.run(["git", "add", "doc"], cwd=root, check=True, env=env)
    tree = repo.git("write-tree").strip()
    parent = repo.git("rev-parse", "HEAD").strip()
    ident = AUTHOR + b" <r@example.com> 1706781600 +0000"
    commit = b"tree %s\nparent %s\nauthor %s\ncommitter %s\n\n%s" % (
        tree.encode(),
        parent.encode(),
        ident,
        ident,
        MESSAGE,
    )
    made = subprocess.run(
        ["git", "hash-object", "-t", "commit", "-w", "--literally", "--stdin"],
        cwd=root,
        env=env,
        input=commit,
        capture_output=True,
        check=True,
    )
    repo.git("update-ref", "HEAD", made.stdout.decode().strip())
    assert b"\xe9" in subprocess.run(["git", "cat-file", "commit", "HEAD"], cwd=root, capture_output=True).stdout
    return root


@pytest.mark.parametrize(
    "command",
    [
        ["site", "out"],
        ["log"],
        ["log", "1"],
        ["log", "--format", "json"],
        ["lint"],
        ["report", "stale"],
        ["list", "--format", "table"],
    ],
    ids=" ".join,
)
def test_history_with_bytes_that_are_not_utf8(command: list[str], project: Path) -> None:
    result = run_limited(*command, cwd=project, timeout=60)
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr, result.stderr
    assert result.returncode in (0, 1), result.stderr
    if command[0] == "log":
        assert "Ren\ufffd" in result.stdout and "Caf\ufffd" in result.stdout
    if command == ["log", "--format", "json"]:
        assert json.loads(result.stdout)[0]["author"].startswith("Ren\ufffd")


def test_the_site_shows_the_author_and_leaves_no_temporary_file(project: Path) -> None:
    result = run_limited("site", "out2", cwd=project, timeout=60)
    assert result.returncode == 0, result.stderr
    page = (project / "out2" / "records" / "0001.html").read_text(encoding="utf-8")
    assert "Ren\ufffd" in page
    assert [p.name for p in (project / "out2").rglob("*.tmp")] == []


def test_a_page_that_cannot_be_written_leaves_no_temporary(tmp_path: Path) -> None:
    from adrledger.render.site.build import _write_file

    with pytest.raises(UnicodeEncodeError):
        _write_file(tmp_path / "records" / "0001.html", "text \udce9 that no encoding can write")
    assert list((tmp_path / "records").iterdir()) == []
