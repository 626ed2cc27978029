"""MADR logs: docs/decisions (MADR 3 and 4) or docs/adr, files NNNN-title.md with YAML front matter."""

from __future__ import annotations

from pathlib import Path

from .common import SourceFile
from .folders import find_log_folder, numbered_files


def collect(source: Path) -> tuple[Path, list[SourceFile]]:
    folder = find_log_folder(source, "MADR", ("docs/decisions", "docs/adr", "decisions"))
    return folder, numbered_files(folder)
