"""A log's own templates (templates/template.md, templates/STYLE.md) come with its files, so a pull request
can make one a link to /etc/passwd or a named pipe: they are opened with the rule records follow (no link
out of the log, regular files only, at most 1 MB). `adr new` then refuses in one line, writing nothing."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from reliability_support import make_log, run_limited

SECRET = "root:x:0:0:TOPSECRET:/root:/bin/bash\n"


def outside(templates: Path) -> Path:
    secret = templates.parents[3] / "passwd"
    secret.write_text(SECRET)
    return secret


def link_out(path: Path) -> None:
    path.symlink_to(outside(path.parent))


def fifo(path: Path) -> None:
    os.mkfifo(path)


def folder_link_out(path: Path) -> None:
    """The templates folder itself is a link to a folder outside the log."""
    elsewhere = path.parents[3] / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / path.name).write_text(SECRET)
    path.parent.rmdir()
    path.parent.symlink_to(elsewhere, target_is_directory=True)


PLANTED: dict[str, tuple[Callable[[Path], None], str]] = {
    "link-out": (link_out, "symbolic link leads outside the decision log"),
    "fifo": (fifo, "a named pipe, not a regular file"),
    "folder-link-out": (folder_link_out, "symbolic link leads outside the decision log"),
}


@pytest.mark.parametrize("style", [None, "madr"])
@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_a_template_leading_out_of_the_log_is_refused(kind: str, style: str | None, tmp_path: Path) -> None:
    log = make_log(tmp_path)
    (log / "templates").mkdir()
    name = f"{style}.md" if style else "template.md"
    build, message = PLANTED[kind]
    build(log / "templates" / name)
    before = sorted(os.listdir(log))
    args = ["new", *(["--style", style] if style else []), "Leak"]
    result = run_limited(*args, cwd=tmp_path, timeout=30)
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stderr.startswith(f"Error: {log}/templates/{name}: cannot read template: {message}")
    assert result.stderr.count("\n") == 1
    assert sorted(os.listdir(log)) == before
    written = [p for p in log.rglob("*.md") if p.is_file() and not p.is_symlink() and "templates" not in p.parts]
    assert not [p for p in written if "TOPSECRET" in p.read_text(errors="replace")]


def test_a_template_linked_inside_the_log_is_used(tmp_path: Path) -> None:
    log = make_log(tmp_path)
    (log / "templates").mkdir()
    (log / "shared.md").write_text("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nOurs.\n")
    (log / "templates" / "template.md").symlink_to(log / "shared.md")
    result = run_limited("new", "Inside", cwd=tmp_path, timeout=30)
    assert result.returncode == 0, result.stderr
    assert "Ours." in (log / "0003-inside.md").read_text()


def test_an_explicit_adr_template_is_read_wherever_it_is(tmp_path: Path) -> None:
    """ADR_TEMPLATE is the user's own choice (like --dir): it may live anywhere, but is never a pipe."""
    make_log(tmp_path)
    mine = tmp_path / "mine.md"
    mine.write_text("# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\nMine.\n")
    assert run_limited("new", "Mine", cwd=tmp_path, env={"ADR_TEMPLATE": str(mine)}, timeout=30).returncode == 0
    assert "Mine." in (tmp_path / "doc" / "adr" / "0003-mine.md").read_text()
    os.mkfifo(tmp_path / "pipe.md")
    piped = run_limited("new", "Piped", cwd=tmp_path, env={"ADR_TEMPLATE": str(tmp_path / "pipe.md")}, timeout=30)
    assert piped.returncode == 2 and "a named pipe, not a regular file" in piped.stderr
