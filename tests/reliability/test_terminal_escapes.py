"""Record text and git metadata cannot drive the terminal: titles, statuses, authors and commit messages
holding escape sequences (window title, clear screen, OSC 52 clipboard write, 8-bit CSI) reach every
output escaped, read through pipes byte for byte and through a real pseudo-terminal; the files that
`index --write` and `generate toc` produce keep the text, minus the control characters."""

from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
from pathlib import Path

import pytest
from reliability_support import ROOT, good_record, make_log

from gitrepo import GitRepo

TITLE_ESC = "\x1b]0;owned\x07"  # sets the window title
CLEAR = "\x1b[2J"
CLIPBOARD = "\x1b]52;c;ZWNobyBvd25lZA==\x07"  # OSC 52: writes the clipboard
CSI8 = "\x9b2J"  # the 8-bit form of CSI
# Any C0 control but tab and newline, DEL, and C1 controls (as raw bytes, and as UTF-8 encodes them).
RAW_CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")
COMMANDS = [
    ["log"],
    ["log", "3"],
    ["log", "--format", "json"],
    ["search", "Evil"],
    ["search", "--format", "json", "Evil"],
    ["index"],
    ["graph"],
    ["graph", "--format", "dot"],
    ["generate", "toc"],
    ["generate", "graph"],
    ["export", "--format", "csv"],
    ["export"],
    ["export", "--format", "jsonl"],
    ["list", "--format", "json"],
    ["show", "3", "--json"],
    ["lint"],
    ["lint", "--select", "ALL", "--format", "github"],
    ["lint", "--select", "ALL", "--format", "json"],
    ["lint", "--select", "ALL", "--format", "sarif"],
    ["report", "summary"],
    ["report", "risks", "--format", "markdown"],
    ["report", "stale", "--format", "json"],
    ["for", "src/app.py"],
    ["convert", "3", "--style", "madr", "--dry-run"],
    ["list"],
    ["list", "--format", "table"],
    ["show", "3"],
]


def evil_record() -> str:
    return (
        f"# 3. Evil {TITLE_ESC} title {CLEAR}{CSI8}\n\nDate: 2024-01-03\n\n"
        f"## Status\n\nAccepted {CLIPBOARD}\n\n## Context\n\nEvil context {CLEAR} here.\n\n"
        f"## Scope\n\n- src/**\n\n"
        f"## Consequences\n\n### Risks\n\n| Risk | Impact | Likelihood | Mitigation |\n|---|---|---|---|\n"
        f"| Leak {TITLE_ESC} | High | Low | None {CLEAR} |\n"
    )


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("escapes")
    log = make_log(root)
    repo = GitRepo(root)
    repo.commit("Two good records")
    (log / "0003-evil.md").write_text(evil_record(), encoding="utf-8")
    (log / "0001-use-postgres.md").write_text(good_record(1, "Use Postgres") + f"\nTouched {CLEAR}\n")
    repo.commit(f"Add evil {CLEAR}{CLIPBOARD} record", author=f"Eve {TITLE_ESC}", date="2024-02-01T10:00:00+00:00")
    return root


def run(project: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        [sys.executable, "-m", "adrledger", *args], cwd=project, env=env, capture_output=True, timeout=120
    )


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_no_control_character_reaches_a_pipe(command: list[str], project: Path) -> None:
    result = run(project, *command)
    assert b"Traceback" not in result.stderr, result.stderr.decode()
    for stream in (result.stdout, result.stderr):
        found = RAW_CONTROL.search(stream)
        assert found is None, (command, stream[max(0, found.start() - 60) : found.end() + 20] if found else b"")
    # lint shows record text only in findings that quote it; the default rules find nothing to quote here
    assert (
        b"Evil" in result.stdout
        or b"Eve" in result.stdout
        or command == ["list"]
        or command[0] in ("for", "report", "convert", "lint")
    )


def test_the_text_stays_visible_escaped(project: Path) -> None:
    shown = run(project, "show", "3").stdout.decode()
    assert "Evil \\x1b]0;owned\\x07 title" in shown
    logged = run(project, "log").stdout.decode()
    assert "Eve " in logged and "]52;c;" in logged and "\\" in logged  # the author and message, escaped
    exported = run(project, "export").stdout.decode()
    assert "Evil \\u001b]0;owned\\u0007 title" in exported and "\\u009b2J" in exported  # still valid JSON
    import json

    assert json.loads(exported)[2]["title"] == f"Evil {TITLE_ESC} title {CLEAR}{CSI8}"


def test_written_files_keep_the_text_minus_control_characters(project: Path) -> None:
    assert run(project, "index", "--write", "doc/adr/README.md").returncode == 0
    written = (project / "doc" / "adr" / "README.md").read_bytes()
    assert RAW_CONTROL.search(written) is None and b"]0;owned title \\[2J2J" in written
    toc = run(project, "generate", "toc").stdout
    assert b"Evil ]0;owned title [2J2J" in toc
    (project / "doc" / "adr" / "README.md").unlink()


def read_pty(args: list[str], cwd: Path) -> bytes:
    """Run the CLI with a pseudo-terminal as stdout and stderr (colours on), and read all it writes."""
    primary, secondary = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "TERM": "xterm-256color"}
    process = subprocess.Popen(
        [sys.executable, "-m", "adrledger", *args],
        cwd=cwd,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=secondary,
        stderr=secondary,
    )
    os.close(secondary)
    output = b""
    while True:
        ready, _, _ = select.select([primary], [], [], 60)
        if not ready:
            process.kill()
            break
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        output += chunk
    process.wait(timeout=60)
    os.close(primary)
    return output


@pytest.mark.parametrize(
    "command",
    [
        ["search", "Evil"],
        ["log"],
        ["log", "3"],
        ["index"],
        ["graph"],
        ["generate", "toc"],
        ["lint", "--format", "github"],
        ["show", "3"],
    ],
    ids=" ".join,
)
def test_no_escape_sequence_but_our_own_styling_reaches_a_terminal(command: list[str], project: Path) -> None:
    output = read_pty(command, project)
    assert b"Traceback" not in output
    for sequence in (b"\x1b]", b"\x1b[2J", b"\x07", b"\xc2\x9b", b"\x9b"):
        assert sequence not in output, (command, sequence, output[:400])
    # Only the colours search draws itself: bold, dim, yellow highlights and resets.
    assert set(re.findall(rb"\x1b\[[0-9;]*[A-Za-z]", output)) <= {
        b"\x1b[1m",
        b"\x1b[2m",
        b"\x1b[0m",
        b"\x1b[1;33m",
        b"\x1b[22m",
    }
