"""How a log spells a supersession in adr-tools' own form (the link lines of a `## Status` section).

adr-tools 3.0.0 as published (Homebrew, installs from source) writes "Supercedes" and "Superceded
by"; Debian's package patches both to "Supersedes" and "Superseded by". A log keeps the spelling
it already uses; a log that has none yet gets the published one; `supersede-spelling` chooses.
Records in the other styles always write "Supersedes" / "Superseded by".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..base.textio import read_record_bytes
from ..files.logfiles import numbered_names

SETTING_CHOICES = ("auto", "supercede", "supersede")


@dataclass(frozen=True)
class Spelling:
    supersedes: str
    superseded_by: str


PUBLISHED = Spelling("Supercedes", "Superceded by")
CORRECTED = Spelling("Supersedes", "Superseded by")
_LINK_LINE = re.compile(rb"^(?P<word>Supercedes|Superceded by|Supersedes|Superseded by) \[", re.MULTILINE)


def spelling_for(folder: Path, setting: str = "auto") -> Spelling:
    """The spelling to write in this log folder: the setting's, else the log's own, else the published one."""
    if setting == "supercede":
        return PUBLISHED
    if setting == "supersede":
        return CORRECTED
    return used_in(folder) or PUBLISHED


def used_in(folder: Path) -> Spelling | None:
    """The spelling of the newest adr-tools link line in the log (files read newest first, until one has one)."""
    for _, name in sorted(numbered_names(folder), reverse=True):
        try:
            data = read_record_bytes(folder / name, folder)
        except OSError:  # an unreadable file says nothing about the spelling
            continue
        found = _LINK_LINE.search(data) if b"Super" in data else None
        if found is not None:
            return PUBLISHED if b"Superc" in found.group("word") else CORRECTED
    return None
