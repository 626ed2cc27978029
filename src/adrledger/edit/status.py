"""Writing a record's status where the record keeps it: a metadata line (bold, plain, listed or
inline), a `## Status` section, a metadata table, or YAML front matter."""

from __future__ import annotations

from ..model import Record
from ..parse.lexer import heading
from ..styles import STYLES
from . import lines as lines_
from .rawtext import RawDocument


def write_status(doc: RawDocument, record: Record, text: str, status: str) -> None:
    """Put `text` where the record keeps its status (`status` is its contract word, for emoji)."""
    if record.status_source == "front_matter":
        found = lines_.front_matter_key(doc.lines, "status")
        if found is not None:
            index, span = found
            old = doc.lines[index][span[0] : span[1]]
            value = lines_.restyle_value(old.strip("'\""), text, status)
            doc.replace(index, lines_.replace_span(doc.lines[index], span, lines_.yaml_scalar(value, old)))
            return
    if record.status_line and record.status_source in ("bold", "plain", "list", "inline", "table", "section"):
        index = record.status_line - 1
        line = doc.lines[index]
        if record.status_source == "section":
            _replace_section_status(doc, index, text, status)
        elif record.status_source == "table":
            _replace_table_status(doc, index, text, status)
        else:
            span = lines_.status_value_span(line) or _whole_value(line)
            old = line[span[0] : span[1]]
            doc.replace(index, lines_.replace_span(line, span, lines_.restyle_value(old, text, status)))
        return
    _add_status(doc, record, text)


def _whole_value(line: str) -> tuple[int, int]:
    colon = line.find(":")
    start = colon + 1 if colon >= 0 else 0
    while start < len(line) and line[start] in " *_":
        start += 1
    return start, len(line.rstrip())


def _replace_section_status(doc: RawDocument, index: int, text: str, status: str) -> None:
    line = doc.lines[index]
    if heading(line):  # "## Status: Accepted"
        colon = line.find(":")
        doc.replace(index, line[: colon + 1] + " " + text)
        return
    marker = lines_.list_marker(line)
    value = line[len(marker) :].rstrip()
    trailing = line[len(marker) + len(value) :]
    doc.replace(index, marker + lines_.restyle_value(value, text, status) + trailing)


def _replace_table_status(doc: RawDocument, index: int, text: str, status: str) -> None:
    line = doc.lines[index]
    cells = lines_.table_cells(line)
    column = _status_column(doc, index, cells)
    if column is None or column >= len(cells):
        return
    old = lines_.cell_text(line, cells[column])
    doc.replace(index, lines_.replace_cell(line, cells[column], lines_.restyle_value(old, text, status)))


def _status_column(doc: RawDocument, index: int, cells: list[tuple[int, int]]) -> int | None:
    line = doc.lines[index]
    first = lines_.cell_text(line, cells[0]).replace("*", "").replace("_", "").strip().rstrip(":").lower()
    if first in ("status", "state", "adr status"):
        return 1  # a key | value row
    if index >= 2 and lines_.is_separator_row(doc.lines[index - 1]):
        header = doc.lines[index - 2]
        names = [lines_.cell_text(header, span).replace("*", "").strip().lower() for span in lines_.table_cells(header)]
        for column, name in enumerate(names):
            if name in ("status", "state", "adr status"):
                return column
    return None


def _add_status(doc: RawDocument, record: Record, text: str) -> None:
    """A record without any status: add one in the form its style uses."""
    bounds = lines_.front_matter_range(doc.lines)
    if bounds is not None:
        doc.insert(bounds[1], [f"status: {lines_.yaml_scalar(text.lower(), '')}"])
    elif record.style in STYLES and STYLES[record.style].status_section:
        where = record.title_line if record.title_line else 0
        doc.insert(where, ["", "## Status", "", text])
    else:
        where = record.title_line if record.title_line else 0
        doc.insert(where, ["", f"**Status:** {text}"])
