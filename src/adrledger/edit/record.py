"""Style-preserving edits of one record: status, relations, review-log rows, draft numbers.

Each edit changes only the lines that hold the status or the relation (or appends a row or a
section), in the record's own way: the `## Status` section as adr-tools writes it, a bold or
plain metadata line, an inline "**Status**: X | **Date**: D" line, a metadata table, YAML
front matter, a Related list, a table style's `**Supersedes:**` bullets, a MADR links list.
Every other byte stays as it was: line endings, encoding, byte-order mark, final newline.
What the editors changed leaves as textedit.Edit (`EditableRecord.edits`), for the transaction
or a lint fix to apply.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..base.textio import read_record_bytes
from ..errors import UsageError
from ..model import Record, Section
from ..parse.lexer import heading
from ..styles import STYLES
from . import Edit, edits_between
from . import adrtools as edit_adrtools
from .rawtext import RawDocument
from .sections import append_bullet, append_section, append_table_row, section_named
from .spelling import CORRECTED, Spelling
from .status import write_status

STATUS_WORDS = {
    "proposed": "Proposed",
    "accepted": "Accepted",
    "rejected": "Rejected",
    "deprecated": "Deprecated",
    "draft": "Draft",
    "superseded": "Superseded",
}
# Labels the table style keeps as bold bullets ("- **Supersedes:** ...") in its Related section.
_BOLD_LABELS = ("supersedes", "superseded by", "amends", "amended by", "related")
_DRAFT_NUMBER = re.compile(r"(?<![A-Za-z0-9])X{3,8}(?![A-Za-z0-9])")


@dataclass(frozen=True)
class Target:
    """Another record, as a link points at it."""

    number: int
    title: str
    path: Path
    first_line: str = ""
    digits: int = 4

    @property
    def adr_id(self) -> str:
        return f"ADR-{self.number:0{self.digits}d}"

    @property
    def adr_tools_title(self) -> str:
        """adr-tools' link text: the first line of the file without its "# "."""
        if self.first_line.startswith("# "):
            return self.first_line[2:]
        return f"{self.number}. {self.title}"

    def href(self, source: Path) -> str:
        return Path(os.path.relpath(self.path, source.parent)).as_posix()


class EditableRecord:
    """A record file open for editing: its raw lines and the record parsed from them."""

    def __init__(self, path: Path, data: bytes, relative: str):
        self.path = Path(path)
        self.relative = relative
        self.shown = relative  # the path as error messages show it
        self.original = data
        self.moved_from: Path | None = None  # the file it is read from, when it is written under a new name
        self.doc = RawDocument.from_bytes(data, relative)
        self.record = _parse(data, relative)

    @classmethod
    def load(cls, path: Path, relative: str) -> EditableRecord:
        return cls(path, read_record_bytes(path), relative)  # a pipe is refused, not waited on

    def refresh(self) -> None:
        """Re-read the record after an edit so line numbers are current for the next one."""
        self.record = _parse(self.doc.to_bytes(), self.relative)

    def data(self) -> bytes:
        return self.doc.to_bytes()

    @property
    def modified(self) -> bool:
        return self.data() != self.original

    def edits(self, reason: str = "", name: str | None = None) -> tuple[Edit, ...]:
        """What the editors changed, as edits of the file (`name`: how they name it; its path by default).

        A record moved to a new name (a numbered draft) is edited at its old name and renamed."""
        path = str(self.moved_from or self.path) if name is None else name
        edits = edits_between(path, self.original, self.data(), reason)
        if self.moved_from is not None:
            edits += (Edit(path, reason=reason, rename_to=str(self.path)),)
        return edits

    def as_target(self) -> Target:
        number = self.record.number if self.record.number is not None else 0
        digits = len(re.match(r"\d*", self.path.name).group(0)) or 4  # type: ignore[union-attr]
        first = self.doc.lines[0] if self.doc.lines else ""
        return Target(number, self.record.title, self.path, first.lstrip("\ufeff"), digits)

    def home(self) -> str:
        """Where this record keeps its relations: status-section | bold-bullets | links-section | related."""
        record = self.record
        if record.status_source == "section":
            return "status-section"
        related = section_named(record, ("related",))
        if related is not None and any(_bold_label(line) for line in self._body(related)):
            return "bold-bullets"
        home = STYLES[record.style].relations_home if record.style in STYLES else "related"
        if home == "bold-bullets":
            return home
        return "links-section" if record.status_source == "front_matter" else home

    def _body(self, section: Section) -> list[str]:
        return self.doc.lines[section.line : section.body_end_line]


def _parse(data: bytes, relative: str) -> Record:
    # lazy: tests monkeypatch this name at its home
    from ..parse import parse_bytes

    return parse_bytes(data, relative)[0]


def _bold_label(line: str) -> str | None:
    match = re.match(r"\s*[-*+]\s+(?:\*\*|__)([^*_:]{1,40}):?(?:\*\*|__):?", line)
    return match.group(1).strip().lower() if match else None


# ---- status -------------------------------------------------------------------------------


def set_status(editable: EditableRecord, status: str) -> None:
    """Write the status word (proposed, accepted, ...) where the record keeps its status."""
    _write_status(editable, STATUS_WORDS.get(status, status), status)


def _write_status(editable: EditableRecord, text: str, status: str) -> None:
    write_status(editable.doc, editable.record, text, status)
    editable.refresh()


# ---- supersession and links ----------------------------------------------------------------


def mark_superseded(editable: EditableRecord, by: Target, spelling: Spelling = CORRECTED) -> None:
    """The old record's side of a supersession: its status becomes "Superseded by" the new one.

    `spelling` is how the log writes adr-tools' link lines ("Superceded by" as adr-tools is published).
    """
    if editable.home() == "status-section":
        record = editable.record
        current = editable.doc.lines[record.status_line - 1] if record.status_line else None
        adr_tools_link(editable, spelling.superseded_by, by)
        if current is not None and not heading(current):  # a "## Status: ..." heading stays
            edit_adrtools.remove_status(editable.doc, editable.record, current)
            editable.refresh()
        return
    link = f"[{by.adr_id}]({by.href(editable.path)})"
    _write_status(editable, f"Superseded by {link}", "superseded")
    add_relation(editable, "Superseded by", by)


def add_supersedes(editable: EditableRecord, target: Target, spelling: Spelling = CORRECTED) -> None:
    """The new record's side of a supersession: "Supersedes" (adr-tools' form as the log spells it)."""
    add_relation(editable, spelling.supersedes if editable.home() == "status-section" else "Supersedes", target)


def add_relation(editable: EditableRecord, label: str, target: Target) -> None:
    """A link line "LABEL target" in the record's own way (adr-tools' `_adr_add_link` for nygard)."""
    home = editable.home()
    if home == "status-section":
        adr_tools_link(editable, label, target)
        return
    href = target.href(editable.path)
    if home == "bold-bullets" and label.lower() in _BOLD_LABELS:
        _fill_bold_bullet(editable, label, f"[{target.adr_id}: {target.title}]({href})")
        return
    if home == "links-section":
        _madr_link(editable, f"{label} [{target.adr_id}]({href})", label)
        return
    section = section_named(editable.record, ("related",))
    _append_or_create(
        editable, section, f"{label} [{target.adr_id}: {target.title}]({href})", "Related Decisions", "- "
    )


def _madr_link(editable: EditableRecord, bullet: str, label: str) -> None:
    """MADR keeps links in "## Links" (MADR 2) or "## More Information" (MADR 3 and 4).

    More Information is prose too: readers take only the usual relation words from it, so a
    link with another label goes to a Links section, created when needed.
    """
    # lazy: keeps parse off this module's import
    from ..parse.relations import RELATION_LABELS

    record = editable.record
    section = section_named(record, ("related",))
    if section is None and label.lower() in RELATION_LABELS:
        section = section_named(record, (), ("more information",))
        _append_or_create(editable, section, bullet, "More Information", "* ")
        return
    _append_or_create(editable, section, bullet, "Links", "* ")


def _append_or_create(editable: EditableRecord, section: Section | None, bullet: str, title: str, marker: str) -> None:
    if section is not None:
        append_bullet(editable.doc, section, bullet, marker)
    else:
        append_section(editable.doc, title, [marker + bullet])
    editable.refresh()


def _fill_bold_bullet(editable: EditableRecord, label: str, link: str) -> None:
    doc, record = editable.doc, editable.record
    related = section_named(record, ("related",))
    if related is not None:
        for index in range(related.line, related.body_end_line):
            found = _bold_label(doc.lines[index])
            if found == label.lower():
                doc.replace(index, _with_value(doc.lines[index], link))
                editable.refresh()
                return
    _append_or_create(editable, related, f"**{label}:** {link}", "Related", "- ")


def _with_value(line: str, link: str) -> str:
    """Fill a labelled bullet: replace a placeholder, or add to the values already there."""
    match = re.match(r"(\s*[-*+]\s+(?:\*\*|__)[^*_:]{1,40}:?(?:\*\*|__):?)(\s*)(.*)$", line)
    assert match is not None
    head, value = match.group(1), match.group(3).rstrip()
    if not value or _is_placeholder(value):
        return f"{head} {link}"
    return f"{head}{match.group(2)}{value}, {link}"


def _is_placeholder(value: str) -> bool:
    stripped = value.strip()
    if re.fullmatch(r"<!--.*-->", stripped) or stripped.lower() in ("-", "—", "n/a", "none", "tbd"):
        return True
    return bool(re.fullmatch(r"\[[^\]]*\]", stripped))  # "[Link to ADR this replaces]" with no target


def adr_tools_link(editable: EditableRecord, label: str, target: Target) -> None:
    """adr-tools' link line: "LABEL [N. Title](NNNN-title.md)" in the Status section."""
    line = f"{label} [{target.adr_tools_title}]({target.path.name})"
    edit_adrtools.add_link(editable.doc, editable.record, line)
    editable.refresh()


# ---- review log and numbers ----------------------------------------------------------------


def append_review_row(editable: EditableRecord, date: str, change: str, author: str) -> None:
    """Add a row to the record's review log table, creating "## Review and Updates" when absent."""
    append_table_row(editable.doc, editable.record, date, change, author)
    editable.refresh()


def set_number(editable: EditableRecord, number: int, digits: int) -> None:
    """Give a draft its number: the XXXX placeholders in its title (and document name) lines."""
    doc, record = editable.doc, editable.record
    candidates = {record.title_line - 1} if record.title_line else set()
    candidates |= {i for i, line in enumerate(doc.lines[:40]) if re.search(r"ADR[-_ ]?X{3,}", line)}
    for index in sorted(candidates):
        line = doc.lines[index]
        plain = line.lstrip().startswith("# ") and re.match(r"#\s+X{3,8}\.", line.lstrip())
        value = str(number) if plain else f"{number:0{digits}d}"
        doc.replace(index, _DRAFT_NUMBER.sub(value, line))
    editable.refresh()


def require_single(editable: EditableRecord) -> None:
    """Refuse files that hold several records: which one to edit would be a guess."""
    # lazy: tests monkeypatch this name at its home
    from ..parse import parse_bytes

    if len(parse_bytes(editable.original, editable.relative)) > 1:
        raise UsageError("the file holds several records: edit it by hand", path=editable.relative)
