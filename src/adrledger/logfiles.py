"""Finding a log's record files by their names alone: no file is opened, no Path is built.

The names are handled as strings: at 100,000 files, pathlib's parsing and relative_to()
cost seconds, a string join costs milliseconds.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from fnmatch import fnmatch
from pathlib import Path

# Files that live beside records but are not records.
NOT_RECORDS = {"readme.md", "index.md", "template.md", "_template.md", "adr-template.md", "changelog.md",
               "contributing.md", "license.md", "summary.md", "toc.md"}
SKIPPED_DIRS = {"templates", "template", "node_modules", "assets", "images", "img", "_site", "site", "build"}
MAX_DEPTH = 4


def record_files(root: Path, exclude: tuple[str, ...] = ()) -> list[str]:
    """Relative POSIX paths of the record files under root, sorted."""
    if not root.is_dir():
        return []
    found: list[str] = []
    _walk(str(root), "", found, 0, exclude)
    found.sort()
    return found


def _walk(folder: str, prefix: str, found: list[str], depth: int, exclude: tuple[str, ...]) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            if depth < MAX_DEPTH and name.lower() not in SKIPPED_DIRS:
                _walk(entry.path, f"{prefix}{name}/", found, depth + 1, exclude)
        elif is_record_name(name, prefix + name, exclude):
            found.append(prefix + name)


def is_record_name(name: str, relative: str, exclude: tuple[str, ...] = ()) -> bool:
    lowered = name.lower()
    if not lowered.endswith((".md", ".markdown")) or lowered in NOT_RECORDS:
        return False
    return not any(fnmatch(relative, pattern) for pattern in exclude)


def numbered_names(root: Path) -> Iterator[tuple[int, str]]:
    """(number, path) of the files named NNNN-*.md at the top of root."""
    if not root.is_dir():
        return
    from .parse.refs import number_from_filename  # the parser's rules, imported only when numbers are needed

    for entry in os.scandir(root):
        if entry.name[:1].isdigit():
            number, _ = number_from_filename(entry.name)
            if number is not None:
                yield number, entry.path
