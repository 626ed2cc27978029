"""adr-tools' reports and upgrade, byte for byte: `generate toc`, `generate graph`, `upgrade-repository`.

adr-tools reads only the first line of each file for a title (minus its first two characters)
and the link lines of the `## Status` section, with grep, awk and sed. These functions do the
same on bytes, so their output is identical for every log adr-tools can read; they never
parse a whole record, so a log of ten thousand records is read in a fraction of a second.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..base.textio import open_record, read_record_bytes
from ..edit import Edit, edits_between
from ..log import DecisionLog

# adr-list: find "$adr_dir" | grep -E "^$adr_dir/[0-9]+-[^/]*\.md" | sort
_LISTED = re.compile(r"[0-9]+-[^/]*\.md")
# _adr_links: sed -n -E 's/^(.+) \[.*\]\(0*([1-9][0-9]*).*\)/\2=\1/p'
_LINK_LINE = re.compile(rb"^(.+) \[.*\]\(0*([1-9][0-9]*).*\)")
_UPGRADE_DATE = re.compile(rb"Date: ([0-9]{2})/([0-9]{2})/([0-9]{4})")
TOC_HEADING = b"# Architecture Decision Records\n\n"
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")  # C0 but tab and newline, DEL, C1
_MAX_TITLE_BYTES = 4096


@dataclass(frozen=True)
class Listed:
    """A record file as `adr list` shows it."""

    path: Path
    display: str

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def index(self) -> str:
        """adr-tools' node number: the name before its first "-", without leading zeros."""
        return self.name.split("-", 1)[0].lstrip("0")


def listed_records(log: DecisionLog) -> list[Listed]:
    """The numbered record files at the top of the log folder, sorted, as adr-tools lists them
    (templates left out, as every command leaves them out)."""
    try:
        names = [entry for entry in _scandir_files(log.root) if _LISTED.match(entry)]
    except OSError:
        return []
    records = set(log.relative_files())
    names = [name for name in names if name in records]
    prefix = log.config.dir_display
    return [Listed(log.root / name, f"{prefix}/{name}") for name in sorted(names, key=_c_order)]


def _scandir_files(folder: Path) -> list[str]:
    return [entry.name for entry in os.scandir(folder) if not entry.is_dir()]


def _c_order(name: str) -> bytes:
    return name.encode("utf-8", "surrogateescape")


def first_line_title(path: Path, root: Path | None = None) -> bytes:
    """`head -1 FILE | cut -c 3-`: the first line without its first two bytes (nothing for a pipe or a
    link out of `root`: adr-tools would read them, we do not)."""
    try:
        with open_record(path, root) as handle:
            line = handle.readline(_MAX_TITLE_BYTES)
    except OSError:
        return b""
    return _CONTROL_BYTES.sub(b"", line.rstrip(b"\n")[2:])  # the title's text, never its escape sequences


def toc(log: DecisionLog, intro: bytes | None = None, outro: bytes | None = None, prefix: str = "") -> bytes:
    """The Markdown table of contents `adr generate toc` prints."""
    parts = [TOC_HEADING]
    if intro:
        parts.append(intro + b"\n")
    link_prefix = prefix.encode("utf-8", "surrogateescape")
    for item in listed_records(log):
        name = item.name.encode("utf-8", "surrogateescape")
        parts.append(b"* [" + first_line_title(item.path, log.root) + b"](" + link_prefix + name + b")\n")
    if outro:
        parts.append(b"\n" + outro)
    return b"".join(parts)


def graph(log: DecisionLog, prefix: str = "", extension: str = ".html") -> bytes:
    """The Graphviz digraph `adr generate graph` prints: records in order, then their links."""
    records = listed_records(log)
    out = [b"digraph {\n", b"  node [shape=plaintext];\n", b"  subgraph {\n"]
    for item in records:
        stem = item.name[:-3] if item.name.endswith(".md") else item.name
        url = f"{prefix}{stem}{extension}".encode("utf-8", "surrogateescape")
        index = item.index.encode()
        title = first_line_title(item.path, log.root)
        out.append(b"    _" + index + b' [label="' + title + b'"; URL="' + url + b'"];\n')
        if item.index.isdigit() and int(item.index) > 1:
            out.append(f'    _{int(item.index) - 1} -> _{item.index} [style="dotted", weight=1];\n'.encode())
    out.append(b"  }\n")
    for item in records:
        for target, label in status_links(item.path, log.root):
            if label.endswith(b" by"):
                continue
            out.append(b"  _" + item.index.encode() + b" -> _" + target + b' [label="' + label + b'", weight=0]\n')
    out.append(b"}\n")
    return b"".join(out)


def status_links(path: Path, root: Path | None = None) -> list[tuple[bytes, bytes]]:
    """`_adr_links`: (target number, label) of each link line in the record's Status section."""
    try:
        data = read_record_bytes(path, root)
    except OSError:
        return []
    found = []
    for line in _status_lines(data):
        match = _LINK_LINE.match(line)
        if match:
            found.append((match.group(2), match.group(1) + line[match.end() :]))
    return found


def _status_lines(data: bytes) -> list[bytes]:
    """`awk '/^## Status/,/^#/ && !/^## Status/'`, less headings and empty lines."""
    lines, inside = [], False
    for line in data.split(b"\n"):
        if not inside:
            inside = line.startswith(b"## Status")
            continue
        if line.startswith(b"#") and not line.startswith(b"## Status"):
            inside = False
            continue
        if line and not line.startswith(b"#"):
            lines.append(line)
    return lines


def upgraded(data: bytes) -> bytes:
    """`upgrade-repository`: "Date: DD/MM/YYYY" becomes "Date: YYYY-MM-DD" (first per line)."""
    return b"\n".join(_UPGRADE_DATE.sub(rb"Date: \3-\2-\1", line, count=1) for line in data.split(b"\n"))


def upgrade_repository(log: DecisionLog) -> list[Path]:
    """Rewrite the dates of every listed record, all files in one transaction; the files changed."""
    # lazy: keeps lookup off this module's import
    from .lifecycle import session

    changed = []
    with session(log) as change:
        for item in listed_records(log):
            data = read_record_bytes(item.path, log.root)
            edits = upgrade_edits(item.path, data)
            if edits:
                change.transaction.add(edits, data)
                changed.append(item.path)
        change.transaction.commit()
    return changed


def upgrade_edits(path: Path, data: bytes) -> tuple[Edit, ...]:
    """`upgrade-repository`'s change to one record file, as edits (none when it has no old dates)."""
    new = upgraded(data)
    return edits_between(str(path), data, new, "upgrade-repository") if new != data else ()
