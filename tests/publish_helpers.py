"""Fixture logs for the publishing tests: the hand-written five-record log, and hostile titles."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURE_LOG = Path(__file__).parent / "fixtures" / "publish_log"

# Titles that break naive Mermaid, DOT, Markdown or HTML output.
HOSTILE_TITLES = {
    1: 'Quote "this" and \\back\\slash',
    2: "Brackets [x] (y) {z} | pipe; semi # hash",
    3: "<script>alert(1)</script> & <b>bold</b>",
    4: "Back`tick` and *stars* and _under_",
}


def copy_fixture_log(target: Path) -> Path:
    """A private copy of the fixture log (tests may edit it)."""
    shutil.copytree(FIXTURE_LOG, target)
    return target


def write_hostile_log(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, title in HOSTILE_TITLES.items():
        status = "Superseded by [ADR-0004](0004-next.md)" if number == 3 else "Accepted"
        extra = "\nSupersedes [ADR-0003](0003-x.md)\n" if number == 4 else ""
        extra += "\nAmends [ADR-0001](0001-x.md)\n" if number == 2 else ""
        (folder / f"{number:04d}-x.md").write_text(
            f"# {number}. {title}\n\nDate: 2024-03-0{number}\n\n## Status\n\n{status}\n{extra}\n"
            f"## Context\n\nSome context.\n\n## Decision\n\nA decision.\n",
            encoding="utf-8",
        )
    (folder / "0002-x.md").rename(folder / "0002-y.md")
    return folder
