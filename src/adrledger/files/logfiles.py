"""Finding a log's record files by their names alone: no file is opened, no Path is built.

The names are handled as strings: at 100,000 files, pathlib's parsing and relative_to()
cost seconds, a string join costs milliseconds.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..base import globs
from .filenames import number_in_name
from .template_files import is_template_name

# Files that live beside records but are not records.
NOT_RECORDS = {"readme.md", "index.md", "changelog.md", "contributing.md", "license.md", "summary.md", "toc.md"}
SKIPPED_DIRS = {"templates", "template", "node_modules", "assets", "images", "img", "_site", "site", "build"}
MAX_DEPTH = 4


def record_files(
    root: Path, exclude: tuple[str, ...] = (), include: tuple[str, ...] = (), skipped: list[str] | None = None
) -> list[str]:
    """Relative POSIX paths of the record files under root, sorted.

    A file or folder whose name is not valid UTF-8 (git stores names as bytes, so a pull request
    can add one) is left out: its escaped path goes to `skipped` for the caller to report.
    """
    found, _ = _listing(root, exclude, include, skipped)
    return sorted(found)


def skipped_templates(root: Path, exclude: tuple[str, ...] = (), include: tuple[str, ...] = ()) -> list[str]:
    """Relative POSIX paths of the template files and folders the listing leaves out, sorted."""
    return sorted(_listing(root, exclude, include)[1])


def _listing(
    root: Path, exclude: tuple[str, ...], include: tuple[str, ...], unnamed: list[str] | None = None
) -> tuple[list[str], list[str]]:
    found: list[str] = []
    templates: list[str] = []
    if root.is_dir():
        _walk(str(root), "", _Walk(found, templates, exclude, include, [] if unnamed is None else unnamed), 0)
    return found, templates


class _Walk:
    """What one walk collects, and the settings it obeys."""

    def __init__(
        self,
        found: list[str],
        templates: list[str],
        exclude: tuple[str, ...],
        include: tuple[str, ...],
        unnamed: list[str],
    ):
        self.found, self.templates, self.exclude, self.include = found, templates, exclude, include
        self.unnamed = unnamed  # escaped names that are not UTF-8

    def wants_folder(self, relative: str) -> bool:
        """A skipped folder (templates/, assets/) is walked only when an `include` pattern names it."""
        return any(pattern.lstrip("/").startswith(relative) for pattern in self.include)


def _walk(folder: str, prefix: str, walk: _Walk, depth: int) -> None:
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        relative = prefix + name
        if entry.is_dir(follow_symlinks=False):
            if depth >= MAX_DEPTH:
                continue
            if name.lower() not in SKIPPED_DIRS or walk.wants_folder(relative + "/"):
                if not is_utf8_name(name):
                    walk.unnamed.append(escaped_name(relative) + "/")
                    continue
                _walk(entry.path, relative + "/", walk, depth + 1)
            elif name.lower() in ("templates", "template"):
                walk.templates.append(relative + "/")
        elif is_record_name(name, relative, walk.exclude, walk.include):
            if is_utf8_name(name):
                walk.found.append(relative)
            else:
                walk.unnamed.append(escaped_name(relative))
        elif is_template_name(name) and not globs.matches(walk.exclude, relative) and is_utf8_name(name):
            walk.templates.append(relative)


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


def is_record_name(name: str, relative: str, exclude: tuple[str, ...] = (), include: tuple[str, ...] = ()) -> bool:
    """A Markdown file that is a record: not a README or template, not excluded (`include` overrides both)."""
    lowered = name.lower()
    if not lowered.endswith((".md", ".markdown")):
        return False
    if include and globs.matches(include, relative):
        return True
    if lowered in NOT_RECORDS or is_template_name(name):
        return False
    return not globs.matches(exclude, relative)


def folder_names(root: Path) -> list[str]:
    """The names in a folder ([] when it cannot be listed)."""
    try:
        return os.listdir(root)
    except OSError:
        return []


def numbered_names(root: Path, names: list[str] | None = None) -> list[tuple[int, str]]:
    """(number, file name) of the numbered record files at the top of root (or among `names`, its listing).

    Numbers are read as the parser reads them (filenames.read_name): `adr-012-x.md` is 12,
    `2021-06-04_001-x.md` is 1, and a date-named `20230604-x.md` has no number at all.
    """
    if names is None:
        names = folder_names(root)
    found = []
    for name in names:
        # Any file counts, as in adr-tools (`0007-diagram.png` holds number 7), but never a template.
        number = number_in_name(name)[0] if name[:1].isalnum() else None
        if number is not None and not is_template_name(name):
            found.append((number, name))
    return found
