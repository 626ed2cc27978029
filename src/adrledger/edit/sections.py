"""Adding lines inside a record's sections: a bullet at the end of a list, a row at the end of a
table, or a whole new section at the end of the file, in the document's own conventions."""

from __future__ import annotations

import re

from ..model import Record, Section
from ..parse.vocab import clean_heading
from . import lines as lines_
from .rawtext import RawDocument

_REVIEW_HEADER = ("Date", "Change", "Author")
_ROLES = {
    "date": ("date", "when"),
    "change": ("change", "changes", "description", "summary", "update", "what", "notes", "comment"),
    "author": ("author", "by", "who", "reviewer", "changed by", "editor"),
}


def section_named(record: Record, keys: tuple[str, ...], titles: tuple[str, ...] = ()) -> Section | None:
    """The first section with one of the canonical `keys`, else one whose title is one of `titles`."""
    for section in record.sections:
        if section.key in keys:
            return section
    for wanted in titles:
        for section in record.sections:
            if clean_heading(section.title).lower() == wanted:
                return section
    return None


def append_bullet(doc: RawDocument, section: Section, text: str, default_marker: str) -> None:
    """Add "MARKER text" after the section's last list item (or after its last paragraph)."""
    heading = section.line - 1
    last = _last_content(doc, heading, section.body_end_line - 1)
    marker = _marker(doc, heading + 1, last) or default_marker
    if last is None:
        following = doc.lines[heading + 1] if heading + 1 < len(doc.lines) else ""
        doc.insert(heading + 1, ["", marker + text] + ([""] if following.strip() else []))
    elif _in_list(doc, heading + 1, last):
        doc.insert(last + 1, [marker + text])
    else:
        doc.insert(last + 1, ["", marker + text])


def _last_content(doc: RawDocument, heading: int, end: int) -> int | None:
    """The last line of the section body that is neither blank nor a horizontal rule."""
    for index in range(min(end, len(doc.lines) - 1), heading, -1):
        line = doc.lines[index]
        if line.strip() and not lines_.RULE.match(line):
            return index
    return None


def _marker(doc: RawDocument, start: int, last: int | None) -> str:
    if last is None:
        return ""
    for index in range(last, start - 1, -1):
        line = doc.lines[index]
        if lines_.is_list_item(line) and not line[:1].isspace():
            return lines_.list_marker(line)
    return ""


def _in_list(doc: RawDocument, start: int, last: int) -> bool:
    """Whether the section's last content line belongs to a list (an item or its continuation)."""
    for index in range(last, start - 1, -1):
        line = doc.lines[index]
        if lines_.is_list_item(line):
            return True
        if not line.strip() or not line[:1].isspace():
            return False
    return False


def append_section(doc: RawDocument, title: str, body: list[str]) -> None:
    """Add "## TITLE" and its body at the end of the file (numbered when the other sections are)."""
    number = _next_section_number(doc)
    heading = f"## {number}. {title}" if number else f"## {title}"
    new = [""] if doc.lines and doc.lines[-1].strip() else []
    doc.insert(len(doc.lines), new + [heading, "", *body])


def _next_section_number(doc: RawDocument) -> int | None:
    numbers = [int(m.group(1)) for line in doc.lines if (m := re.match(r"## (\d+)\.\s", line))]
    return max(numbers) + 1 if len(numbers) >= 2 else None


# ---- review log ---------------------------------------------------------------------------


def append_table_row(doc: RawDocument, record: Record, date: str, change: str, author: str) -> None:
    """A row in the review log table; the table (and its section) are created when absent."""
    values = {"date": date, "change": lines_.escape_cell(change), "author": lines_.escape_cell(author)}
    table = _review_table(doc, record)
    if table is not None:
        header, last = table
        cells = [
            values.get(_role(lines_.cell_text(doc.lines[header], span)), "")
            for span in lines_.table_cells(doc.lines[header])
        ]
        aligned = _aligned(doc.lines[header : last + 1])
        doc.insert(last + 1, [lines_.table_row(cells, doc.lines[header + 1] if aligned else None)])
        return
    rows = _new_table([values["date"], values["change"], values["author"]])
    section = section_named(record, ("review_log",))
    if section is None:
        append_section(doc, "Review and Updates", rows)
        return
    last_line = _last_content(doc, section.line - 1, section.body_end_line - 1)
    where = (last_line + 1) if last_line is not None else section.line
    following = doc.lines[where] if where < len(doc.lines) else ""
    doc.insert(where, [""] + rows + ([""] if following.strip() else []))


def _new_table(cells: list[str]) -> list[str]:
    widths = [max(len(name), len(cell)) for name, cell in zip(_REVIEW_HEADER, cells)]
    separator = "| " + " | ".join("-" * width for width in widths) + " |"
    return [lines_.table_row(list(_REVIEW_HEADER), separator), separator, lines_.table_row(cells, separator)]


def _aligned(rows: list[str]) -> bool:
    """Whether every row's cells are as wide as the separator's (a table someone lined up)."""
    widths = [[b - a for a, b in lines_.table_cells(row)] for row in rows]
    return all(row == widths[1] for row in widths)


def _review_table(doc: RawDocument, record: Record) -> tuple[int, int] | None:
    """(header index, last row index) of the review log table."""
    if record.review_log:
        return _table_around(doc, record.review_log[-1].line - 1)
    section = section_named(record, ("review_log",))
    if section is None:
        return None
    for index in range(section.line, min(section.end_line, len(doc.lines) - 1)):
        if (
            lines_.is_table_row(doc.lines[index])
            and index + 1 < len(doc.lines)
            and lines_.is_separator_row(doc.lines[index + 1])
        ):
            return _table_around(doc, index + 1)
    return None


def _table_around(doc: RawDocument, index: int) -> tuple[int, int] | None:
    start = index
    while start > 0 and lines_.is_table_row(doc.lines[start - 1]):
        start -= 1
    end = index
    while end + 1 < len(doc.lines) and lines_.is_table_row(doc.lines[end + 1]):
        end += 1
    if start + 1 > end or not lines_.is_separator_row(doc.lines[start + 1]):
        return None
    return start, end


def _role(name: str) -> str:
    lowered = name.replace("*", "").strip().lower()
    for role, names in _ROLES.items():
        if lowered in names:
            return role
    return ""
