"""adr-tools logs: the folder named by .adr-dir (default doc/adr), files NNNN-title.md."""

from __future__ import annotations

from pathlib import Path

from .common import SourceFile
from .folders import find_log_folder, numbered_files


def collect(source: Path) -> tuple[Path, list[SourceFile]]:
    folder = find_log_folder(source, "adr-tools", ("doc/adr",))
    return folder, numbered_files(folder)
