"""Hostile files in a decision log: every reading command names the file in one line, never hangs, never
shows a traceback, stays within 1 GiB, exits non-zero only when a file could not be read, and still
processes the other records."""

from __future__ import annotations

import codecs
import json
import os
import socket
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from reliability_support import good_record, make_log, run_limited

from adrledger.base.textio import MAX_FILE_BYTES

Run = Callable[..., subprocess.CompletedProcess[str]]

LAUGHS = "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9))
BILLION_LAUGHS = f"---\na: &a [{', '.join(['lol'] * 9)}]\n{LAUGHS}status: accepted\n---\n# 3. Laughs\n"


@dataclass(frozen=True)
class Case:
    name: str  # the file created in the log
    build: Callable[[Path], None]  # writes the file at that path
    message: str | None  # what stderr says about it (None: the file is fine, nothing to say)
    unread: bool = False  # the file cannot be read at all: list and export exit 2, show fails
    title: str | None = None  # the title read, for files that are read


def write_bytes(data: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(data)


def write_text(text: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(text, encoding="utf-8")


def write_large(size: int, unit: bytes) -> Callable[[Path], None]:
    def build(path: Path) -> None:
        block = unit * ((1 << 20) // len(unit))
        with open(path, "wb") as handle:
            while size - handle.tell() >= len(block):
                handle.write(block)
            handle.write(unit * ((size - handle.tell()) // len(unit)))

    return build


def utf16(encoding: str) -> Callable[[Path], None]:
    bom = codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE
    text = "# 3. Décision en UTF-16\r\n\r\nDate: 2024-02-03\r\n\r\n## Status\r\n\r\nAccepted\r\n"
    return write_bytes(bom + text.encode(encoding))


def symlink_to(target: Callable[[Path], Path]) -> Callable[[Path], None]:
    return lambda path: path.symlink_to(target(path))


def outside_secret(path: Path) -> Path:
    secret = path.parents[2] / "secret.md"
    secret.write_text("# 99. TOPSECRET\n\nDate: 2024-01-01\n\nThe password is TOPSECRET.\n", encoding="utf-8")
    return secret


def fifo(path: Path) -> None:
    os.mkfifo(path)


def unix_socket(path: Path) -> None:
    server = socket.socket(socket.AF_UNIX)
    cwd = os.getcwd()
    os.chdir(path.parent)  # a socket path is limited to ~100 bytes: bind the short name
    try:
        server.bind(path.name)
    finally:
        os.chdir(cwd)
    server.close()  # the socket file stays behind


def nested(prefix: str, levels: int) -> str:
    return "# 3. Nested\n\n" + "".join(prefix * level + "item\n" for level in range(1, levels + 1))


CASES = [
    Case("0003-binary.md", write_bytes(bytes(range(256)) * 64), "binary file", unread=True),
    Case("0003-empty.md", write_bytes(b""), "empty file"),
    Case("0003-blank.md", write_text("\n \n\t\n"), "empty file"),
    Case(
        "0003-huge.md", write_large(50 << 20, b"# 3. Huge\n\nword word word\n"), "larger than any record", unread=True
    ),
    Case("0003-newlines.md", write_large(MAX_FILE_BYTES, b"\n"), "empty file"),
    Case("0003-headings.md", write_large(MAX_FILE_BYTES, b"## a\n"), None),
    Case("0003-titles.md", write_large(MAX_FILE_BYTES, b"# a\n"), None),
    Case("0003-list-items.md", write_large(MAX_FILE_BYTES, b"- [ ] x\n"), None),
    Case("0003-table-rows.md", write_large(MAX_FILE_BYTES, b"| a | b |\n"), None),
    Case("0003-fences.md", write_large(MAX_FILE_BYTES, b"```\n"), None),
    Case("0003-list-line.md", write_text("# 3. Nested\n\n" + "- " * 100_000 + "x\n"), None, title="Nested"),
    Case("0003-quote-line.md", write_text("# 3. Nested\n\n" + "> " * 100_000 + "x\n"), None, title="Nested"),
    Case("0003-quote-run.md", write_text("# 3. Nested\n\n" + ">" * 100_000 + " x\n"), None, title="Nested"),
    Case("0003-list-lines.md", write_text(nested("  ", 600) + nested("- ", 600)), None, title="Nested"),
    Case("0003-quote-lines.md", write_text(nested(">", 1400)), None, title="Nested"),
    Case("0003-long-line.md", write_text("# 3. Long\n\n" + "a|*_[`<" * 140_000 + "\n"), None, title="Long"),
    Case(
        "0003-latin1.md",
        write_bytes("# 3. Café crème\n\nDate: 2024-01-01\n".encode("cp1252") + b"\x81\x8d\xff\n"),
        None,
        title="Café crème",
    ),
    Case("0003-utf16le.md", utf16("utf-16-le"), None, title="Décision en UTF-16"),
    Case("0003-utf16be.md", utf16("utf-16-be"), None, title="Décision en UTF-16"),
    Case("0003-laughs.md", write_text(BILLION_LAUGHS), "front matter expands beyond a sane size", title="Laughs"),
    Case(
        "0003-python-tag.md",
        write_text("---\nstatus: !!python/object/apply:os.system ['touch PWNED']\n---\n# 3. Tagged\n"),
        "front matter is not valid YAML",
        title="Tagged",
    ),
    Case(
        "0003-python-name.md",
        write_text("---\nstatus: !!python/name:os.system\n---\n# 3. Named\n"),
        "front matter is not valid YAML",
        title="Named",
    ),
    Case(
        "0003-custom-tag.md",
        write_text("---\nstatus: !accepted yes\n---\n# 3. Custom\n"),
        "front matter is not valid YAML",
        title="Custom",
    ),
    Case(
        "0003-deep-yaml.md",
        write_text("---\nstatus: " + "[" * 100_000 + "\n---\n# 3. Deep\n"),
        "front matter is not valid YAML",
        title="Deep",
    ),
    Case(
        "0003-duplicate-keys.md",
        write_text("---\nstatus: accepted\nstatus: rejected\n---\n# 3. Twice\n"),
        None,
        title="Twice",
    ),
    Case("0003-outside.md", symlink_to(outside_secret), "symbolic link leads outside the decision log", unread=True),
    Case("0003-inside.md", symlink_to(lambda path: path.parent / "0001-use-postgres.md"), None, title="Use Postgres"),
    Case("0003-self-loop.md", symlink_to(lambda path: path), "Too many levels of symbolic links", unread=True),
    Case(
        "0003-dangling.md", symlink_to(lambda path: path.parent / "missing.md"), "leads to a missing file", unread=True
    ),
    Case("0003-fifo.md", fifo, "a named pipe, not a regular file", unread=True),
    Case("0003-socket.md", unix_socket, "a socket, not a regular file", unread=True),
    Case("0003-folder.md", lambda path: path.symlink_to(path.parent), "a folder, not a regular file", unread=True),
    Case("0003-with space.md", write_text("# 3. Spaced\n"), None, title="Spaced"),
    Case("0003-ünïcödé-日本語.md", write_text("# 3. Ünïcödé 日本語\n"), None, title="Ünïcödé 日本語"),
    Case("0003-new\nline.md", write_text("# 3. Newline\n"), None, title="Newline"),
    Case("0003-..-..-etc-passwd.md", write_text("# 3. Dots\n"), None, title="Dots"),
    Case("0003-...md", write_text("# 3. Three dots\n"), None, title="Three dots"),
    Case("0003-\x1b[2J-escape.md", write_text("# 3. Escape\n"), None, title="Escape"),
    Case("0003-bin\nary\x1b[2J.md", write_bytes(b"\x00" * 100), "binary file", unread=True),
]


@pytest.fixture
def limited() -> Run:
    return run_limited


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return make_log(tmp_path)


def display(name: str) -> str:
    """The file as a one-line message names it (control characters escaped)."""
    return "doc/adr/" + name.replace("\n", "\\n").replace("\x1b", "\\x1b")


def check_stderr(result: subprocess.CompletedProcess[str], case: Case) -> None:
    assert "Traceback" not in result.stderr, result.stderr[-3000:]
    lines = result.stderr.splitlines()
    assert all(line.startswith(("Error: ", "Warning: ")) for line in lines), result.stderr[-3000:]
    if case.message is not None:
        assert any(display(case.name) in line and case.message in line for line in lines), result.stderr


@pytest.mark.parametrize("case", CASES, ids=[c.name.encode("unicode_escape").decode() for c in CASES])
def test_list_and_export_survive(case: Case, log_dir: Path, limited: Run) -> None:
    case.build(log_dir / case.name)
    project = log_dir.parents[1]

    table = limited("list", "--format", "table", cwd=project)
    check_stderr(table, case)
    assert table.returncode == (2 if case.unread else 0), table.stderr
    assert "Use Postgres" in table.stdout and "Use Kafka" in table.stdout
    if case.title:
        assert case.title in table.stdout

    exported = limited("export", cwd=project)
    check_stderr(exported, case)
    assert exported.returncode == (2 if case.unread else 0), exported.stderr
    records = {record["path"]: record for record in json.loads(exported.stdout)}
    assert {"0001-use-postgres.md", "0002-use-kafka.md"} <= set(records)
    assert "TOPSECRET" not in table.stdout + exported.stdout + exported.stderr
    if case.title:
        assert records[case.name]["title"] == case.title
    assert not (project / "PWNED").exists()

    linted = limited("lint", "--format", "text", cwd=project)
    assert "Traceback" not in linted.stderr and linted.returncode in (0, 1), linted.stderr
    if case.unread:
        assert linted.returncode == 1
        assert any(line.startswith(display(case.name)) and " error: " in line for line in linted.stdout.splitlines())


@pytest.mark.parametrize(
    "case",
    [c for c in CASES if c.message or c.title],
    ids=[c.name.encode("unicode_escape").decode() for c in CASES if c.message or c.title],
)
def test_show_names_the_file(case: Case, log_dir: Path, limited: Run) -> None:
    case.build(log_dir / case.name)
    project = log_dir.parents[1]
    shown = limited("show", "3", cwd=project)
    assert "Traceback" not in shown.stderr
    if case.unread:
        assert shown.returncode == 2
        assert shown.stderr.startswith(f"Error: {display(case.name)}: ") and case.message in shown.stderr
        assert len(shown.stderr.splitlines()) == 1
    else:
        assert shown.returncode == 0, shown.stderr
        assert case.title is None or case.title in shown.stdout
    other = limited("show", "2", cwd=project)
    assert other.returncode == 0 and "Use Kafka" in other.stdout and not other.stderr


def test_problems_reach_the_export(log_dir: Path, limited: Run) -> None:
    """Warnings the commands do not print (lint's job) are in the export, naming file and line."""
    (log_dir / "0003-twice.md").write_text("---\nstatus: accepted\nstatus: rejected\n---\n# 3. Twice\n")
    (log_dir / "0004-latin1.md").write_bytes(b"# 4. Caf\xe9\n")
    (log_dir / "0005-long.md").write_text("# 5. Long\n\n" + "x" * 1_000_000 + "\n")
    exported = limited("export", cwd=log_dir.parents[1])
    assert exported.returncode == 0 and not exported.stderr
    problems = {record["path"]: {p["code"]: p for p in record["problems"]} for record in json.loads(exported.stdout)}
    assert problems["0003-twice.md"]["front-matter-duplicate-key"]["line"] == 3
    assert problems["0004-latin1.md"]["encoding"]["line"] == 1
    assert problems["0005-long.md"]["long-line"]["line"] == 3


def test_folder_symlinks_are_not_followed(log_dir: Path, limited: Run) -> None:
    """Links to folders (loops, or a way out of the log) are never walked."""
    (log_dir / "loop").symlink_to(log_dir)
    (log_dir / "up").symlink_to(log_dir.parent)
    outside = log_dir.parents[2] / "elsewhere"
    outside.mkdir()
    (outside / "0042-secret.md").write_text("# 42. TOPSECRET\n")
    (log_dir / "more").symlink_to(outside)
    for args in (["list"], ["list", "--format", "table"], ["export"]):
        result = limited(*args, cwd=log_dir.parents[1])
        assert result.returncode == 0 and not result.stderr
        assert "TOPSECRET" not in result.stdout and "0042" not in result.stdout
    listed = limited("list", cwd=log_dir.parents[1]).stdout.splitlines()
    assert listed == ["doc/adr/0001-use-postgres.md", "doc/adr/0002-use-kafka.md"]  # the loop listed nothing twice


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_file(log_dir: Path, limited: Run) -> None:
    locked = log_dir / "0003-locked.md"
    locked.write_text("# 3. Locked\n")
    locked.chmod(0)
    try:
        result = limited("list", "--format", "table", cwd=log_dir.parents[1])
        assert result.returncode == 2 and "Use Kafka" in result.stdout
        assert "Error: doc/adr/0003-locked.md: cannot read file: Permission denied" in result.stderr
    finally:
        locked.chmod(0o644)


def test_file_deleted_between_listing_and_reading(
    log_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file listed, then deleted (a checkout running meanwhile): named, and the others are still read."""
    from adrledger.cli import main
    from adrledger.log import DecisionLog

    listed = DecisionLog.relative_files

    def list_then_delete(self: DecisionLog) -> list[str]:
        names = listed(self)
        (log_dir / "0001-use-postgres.md").unlink()
        return names

    monkeypatch.chdir(log_dir.parents[1])
    monkeypatch.setattr(DecisionLog, "relative_files", list_then_delete)
    assert main(["list", "--format", "table"]) == 2
    out, err = capsys.readouterr()
    assert "Use Kafka" in out
    assert err == (
        "Error: doc/adr/0001-use-postgres.md: file vanished before it could be read (deleted or renamed meanwhile)\n"
    )


def test_record_text_cannot_drive_the_terminal(log_dir: Path, limited: Run) -> None:
    """Titles and values with terminal escapes (retitle the window, clear the screen) are printed escaped."""
    (log_dir / "0003-evil.md").write_text(
        "# 3. Evil \x1b]0;owned\x07 \x9b2J title\x1b[2J\n\nDate: 2024-01-01\n\n## Status\n\nAccepted \x1b[8m\n",
        encoding="utf-8",
    )
    (log_dir / "0004-\x1b[2J.md").write_text("# 4. Name\n", encoding="utf-8")
    project = log_dir.parents[1]
    for args in (["list"], ["list", "--format", "table"], ["show", "3"], ["show", "4"]):
        result = limited(*args, cwd=project)
        assert result.returncode == 0, result.stderr
        assert not any(char in result.stdout for char in "\x1b\x07\x9b"), args
    assert "Evil \\x1b]0;owned\\x07 \\x9b2J title" in limited("show", "3", cwd=project).stdout


OTHER_COMMANDS = [
    ["search", "TOPSECRET"],
    ["search", "Kafka"],
    ["site", "site-out"],
    ["generate", "toc"],
    ["generate", "graph"],
    ["index"],
    ["graph"],
    ["report", "summary"],
    ["report", "risks"],
    ["convert", "2", "--style", "madr", "--dry-run"],
    ["supersede", "1", "2"],
    ["renumber", "2", "9"],
    ["link", "9", "Amends", "1", "Amended by"],
    ["log"],
    ["upgrade-repository"],
]


def test_every_command_skips_pipes_and_links_out_of_the_log(log_dir: Path, limited: Run) -> None:
    """Beyond list/export/show/lint: every command that reads the log's files must neither block on a
    pipe nor read (or publish, or rewrite) what a link out of the log points at."""
    fifo(log_dir / "0003-pipe.md")
    symlink_to(outside_secret)(log_dir / "0004-secret.md")
    project = log_dir.parents[1]
    for command in OTHER_COMMANDS:
        result = limited(*command, cwd=project)
        assert "Traceback" not in result.stderr, (command, result.stderr)
        assert result.returncode in (0, 1, 2), (command, result.stderr)
        assert "TOPSECRET" not in result.stdout + result.stderr, command
    secret = log_dir.parents[1] / "secret.md"
    written = [p for p in project.rglob("*") if p.is_file() and not p.is_symlink() and p != secret]
    assert not [p for p in written if b"TOPSECRET" in p.read_bytes()]  # not published, copied or rewritten
    assert (log_dir / "0004-secret.md").is_symlink() and "TOPSECRET" in secret.read_text()


def test_import_refuses_a_link_out_of_the_source(tmp_path: Path, limited: Run) -> None:
    source = tmp_path / "legacy"
    source.mkdir()
    (source / "0001-use-soap.md").write_text(good_record(1, "Use SOAP"))
    (tmp_path / "secret.md").write_text("# 2. TOPSECRET\n")
    (source / "0002-secret.md").symlink_to(tmp_path / "secret.md")
    project = tmp_path / "project"
    project.mkdir()
    assert limited("init", cwd=project).returncode == 0
    result = limited("import", "--from", "adr-tools", str(source), "--renumber", cwd=project)
    assert result.returncode == 2 and "symbolic link leads outside" in result.stderr
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    assert sorted(p.name for p in (project / "doc" / "adr").iterdir()) == ["0001-record-architecture-decisions.md"]
