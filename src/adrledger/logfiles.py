"""Finding a log's record files by their names alone: no file is opened, no Path is built.

The names are handled as strings: at 100,000 files, pathlib's parsing and relative_to()
cost seconds, a string join costs milliseconds.
"""

from __future__ import annotations

import os
import re
from fnmatch import fnmatch
from pathlib import Path

# Files that live beside records but are not records.
NOT_RECORDS = {"readme.md", "index.md", "template.md", "_template.md", "adr-template.md", "changelog.md",
               "contributing.md", "license.md", "summary.md", "toc.md"}
SKIPPED_DIRS = {"templates", "template", "node_modules", "assets", "images", "img", "_site", "site", "build"}
MAX_DEPTH = 4


def record_files(root: Path, exclude: tuple[str, ...] = (), skipped: list[str] | None = None) -> list[str]:
    """Relative POSIX paths of the record files under root, sorted.

    A file or folder whose name is not valid UTF-8 (git stores names as bytes, so a pull request
    can add one) is left out: its escaped path goes to `skipped` for the caller to report.
    """
    if not root.is_dir():
        return []
    found: list[str] = []
    _walk(str(root), "", found, 0, exclude, [] if skipped is None else skipped)
    found.sort()
    return found


def _walk(folder: str, prefix: str, found: list[str], depth: int, exclude: tuple[str, ...],
          skipped: list[str]) -> None:
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
                if not is_utf8_name(name):
                    skipped.append(escaped_name(prefix + name) + "/")
                    continue
                _walk(entry.path, f"{prefix}{name}/", found, depth + 1, exclude, skipped)
        elif is_record_name(name, prefix + name, exclude):
            if is_utf8_name(name):
                found.append(prefix + name)
            else:
                skipped.append(escaped_name(prefix + name))


def is_utf8_name(name: str) -> bool:
    """False for a name that is not valid UTF-8: Python keeps its bytes as lone surrogates, which no
    output (terminal, JSON, HTML) can encode."""
    if name.isascii():
        return True
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def escaped_name(name: str) -> str:
    """A name that is not valid UTF-8 as text: each undecodable byte written \\xNN."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def is_record_name(name: str, relative: str, exclude: tuple[str, ...] = ()) -> bool:
    lowered = name.lower()
    if not lowered.endswith((".md", ".markdown")) or lowered in NOT_RECORDS:
        return False
    return not any(fnmatch(relative, pattern) for pattern in exclude)


# parse.refs.number_from_filename's reading of a name that starts with a digit (its prefixes,
# drafts and log4brains dates need a letter first or more than six digits), as one pattern:
# tests/test_load_pipeline.py checks the two agree.
_NUMBER_AT_START = re.compile(r"(\d{1,6})(?=[-_ .]|$)")


def folder_names(root: Path) -> list[str]:
    """The names in a folder ([] when it cannot be listed)."""
    try:
        return os.listdir(root)
    except OSError:
        return []


def numbered_names(root: Path, names: list[str] | None = None) -> list[tuple[int, str]]:
    """(number, file name) of the files named NNNN-*.md at the top of root (or among `names`, its listing)."""
    if names is None:
        names = folder_names(root)
    found = []
    for name in names:
        match = _NUMBER_AT_START.match(name)
        if match:
            found.append((int(match.group(1)), name))
    return found
