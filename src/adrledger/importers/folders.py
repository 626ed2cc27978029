"""Finding a source log's folder and its record files, the way its own tool would."""

from __future__ import annotations

import re
from pathlib import Path

from ..config import CONVENTIONAL_DIRS, load_config
from ..errors import UsageError
from ..log import DecisionLog
from ..parse.refs import number_from_filename
from .common import SourceFile

_NUMBER_PREFIX = re.compile(r"^(?:adr[-_]?)?\d+[-_ ]?", re.IGNORECASE)


def find_log_folder(source: Path, kind: str, extra_dirs: tuple[str, ...] = ()) -> Path:
    """SRC itself when it holds numbered records, else the folder its .adr-dir or conventions name."""
    if not source.is_dir():
        raise UsageError(f"{source} is not a folder")
    adr_dir = source / ".adr-dir"
    if adr_dir.is_file():
        named = source / adr_dir.read_text(encoding="utf-8", errors="replace").strip()
        if named.is_dir():
            return named
    if any(number_from_filename(p.name)[0] is not None for p in source.glob("*.md")):
        return source
    for name in (*extra_dirs, *CONVENTIONAL_DIRS):
        if (source / name).is_dir():
            return source / name
    raise UsageError(f"no {kind} decision log found in {source}")


def numbered_files(folder: Path, package: str = "") -> list[SourceFile]:
    """The record files of a folder (templates, READMEs and indexes left out), numbered or not."""
    log = DecisionLog(load_config(folder))
    found = []
    for path in log.files():
        number = number_from_filename(path.name)[0]
        stem = path.stem
        slug = _NUMBER_PREFIX.sub("", stem) if number is not None else stem
        found.append(SourceFile(path, package, number, slug or stem, (number is None, number or 0, stem)))
    return found
