"""What a record lists: risks, review log, checklists, references, drivers.

Alternatives, consequences and decision matrices have modules of their own.
"""

from __future__ import annotations

import re

from ..model import Checklist, ChecklistItem, Reference, ReviewEntry, Risk, Section
from .alternatives import extract_alternatives
from .consequences import extract_consequences
from .dates import parse_date
from .doc import Doc
from .items import clean_item
from .matrix import extract_matrix
from .tables import strip_inline

__all__ = [
    "extract_alternatives",
    "extract_checklists",
    "extract_consequences",
    "extract_drivers",
    "extract_matrix",
    "extract_references",
    "extract_review_log",
    "extract_risks",
]

_URL = re.compile(r"\((?P<url>(?:https?://|\.{0,2}/|[\w-]+\.md)[^)\s]*)\)|(?P<bare>https?://\S+)")


def extract_risks(doc: Doc) -> tuple[Risk, ...]:
    risks = []
    for table in doc.tables():
        risk = table.column("risk", "threat", "concern")
        if risk is None or table.column("weight") is not None:
            continue
        impact, likelihood = table.column("impact", "severity"), table.column("likelihood", "probability")
        mitigation = table.column("mitigation", "response", "countermeasure", "action", "plan")
        if mitigation is None and impact is None and likelihood is None:
            continue
        for row, line in zip(table.rows, table.row_lines):
            text = strip_inline(row[risk])
            if text:
                risks.append(Risk(text, _cell(row, impact), _cell(row, likelihood), _cell(row, mitigation), line))
    return tuple(risks)


def _cell(row: list[str], index: int | None) -> str:
    return strip_inline(row[index]) if index is not None and index < len(row) else ""


# A change-log list item that starts with its date: "- 2020-07-09: Initial Draft", "* 05/01/2022 - first draft",
# "- January 28th, 2022: Initial Draft". The date ends at the first colon or dash that follows it.
_DATED_ITEM = re.compile(r"(?P<date>[^:]{6,40}?)\s*(?::|\s[-–—]\s)\s*(?P<change>.*)$")


def extract_review_log(doc: Doc) -> tuple[ReviewEntry, ...]:
    sections = doc.find_all("review_log")
    table_entries = _review_table(doc, sections)
    if table_entries:
        return table_entries
    return tuple(entry for section in sections for entry in _review_items(doc, section))


def _review_items(doc: Doc, section: Section) -> list[ReviewEntry]:
    entries = []
    for item in doc.top_items(*doc.body(section)):
        match = _DATED_ITEM.match(strip_inline(item.text))
        if match is None:
            continue
        raw = match["date"].strip()
        reading = parse_date(raw)
        if reading.iso or reading.candidates:
            entries.append(ReviewEntry(reading.iso, match["change"].strip(), "", item.line, raw))
    return entries


def _review_table(doc: Doc, sections: list[Section]) -> tuple[ReviewEntry, ...]:
    tables = [t for s in sections for t in doc.tables_in(s)] or [
        t for t in doc.tables() if t.column("date") == 0 and t.column("change", "changes", "update")
    ]
    for table in tables:
        date_col = table.column("date", "when")
        change_col = table.column("change", "changes", "description", "summary", "update", "what", "notes", "comment")
        if date_col is None or change_col is None:
            continue
        author_col = table.column("author", "by", "who", "reviewer", "changed by", "editor")
        entries = []
        for row, line in zip(table.rows, table.row_lines):
            raw = strip_inline(row[date_col])
            entries.append(
                ReviewEntry(parse_date(raw).iso, strip_inline(row[change_col]), _cell(row, author_col), line, raw)
            )
        return tuple(entries)
    return ()


def extract_checklists(doc: Doc) -> tuple[Checklist, ...]:
    groups: dict[int, list[ChecklistItem]] = {}
    for item in doc.items(doc.first, len(doc.lines) - 1):
        if item.checkbox is None:
            continue
        section = doc.section_at(item.line)
        key = section.line if section else 0
        groups.setdefault(key, []).append(ChecklistItem(strip_inline(item.text), item.checkbox != " ", item.line))
    by_line = {s.line: s for s in doc.sections}
    return tuple(
        Checklist(by_line[line].title if line in by_line else "", tuple(items), items[0].line)
        for line, items in groups.items()
    )


def extract_references(doc: Doc) -> tuple[Reference, ...]:
    section = doc.find("references")
    if section is None:
        return ()
    references = []
    for item in doc.top_items(*doc.body(section)):
        url = _URL.search(item.text)
        link = (url.group("url") or url.group("bare")) if url else ""
        references.append(Reference(strip_inline(item.text), link, item.line))
    return tuple(references)


def extract_drivers(doc: Doc) -> tuple[str, ...]:
    section = doc.find("drivers")
    if section is None:
        return ()
    return tuple(text for text in (clean_item(i.text) for i in doc.top_items(*doc.body(section))) if text)
