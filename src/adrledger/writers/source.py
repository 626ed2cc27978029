"""The source record as the writer sees it: its lines, its sections grouped into movable units.

A unit is a section (with its sub-sections) that moves as a whole into the target style: into the
slot with the same key, or into Notes. Sub-sections whose key has a slot of its own in the target
are split out as separate units; Positive / Negative sub-sections outside a Consequences section
(MADR 2, log4brains) are gathered into one consequences unit.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..model import Record, Section
from ..parse.lexer import UNDERLINE, heading, list_item
from ..parse.metadata import read_line

# Sections whose heading holds nothing of its own: their children are always units of their own.
CONTAINERS = frozenset({"adr"})
CONSEQUENCE_PARTS = frozenset({"positive", "negative", "neutral"})
# Sub-sections that stand on their own: without a slot in the target they go to Notes, not with their parent.
MOVABLE = frozenset(
    {
        "confirmation",
        "drivers",
        "rationale",
        "related",
        "references",
        "review_log",
        "risks",
        "decision_matrix",
        "acceptance_criteria",
        "requirements",
        "roadmap",
        "success_metrics",
    }
)
# Metadata the writer renders from the model: source lines holding only these are not copied.
MODEL_FIELDS = frozenset(
    {
        "status",
        "date",
        "deciders",
        "consulted",
        "informed",
        "authors",
        "tags",
        "title",
        "supersedes",
        "superseded_by",
        "amends",
        "amended_by",
        "related",
    }
)
_RULE = re.compile(r" {0,3}(?:[-*_][ \t]*){3,}$")


@dataclass
class Unit:
    key: str | None
    title: str
    sections: list[Section]
    split: list[Section] = field(default_factory=list)  # sub-sections moved out as units of their own
    gathered: bool = False  # parts collected from elsewhere: each keeps its own heading


class SourceView:
    """The lines of one record (1-based, as in the file) and its section tree."""

    def __init__(self, record: Record, text: str):
        self.record = record
        self.lines = text.split("\n")
        self.sections = sorted(record.sections, key=lambda s: s.line)
        self._starts = [s.line for s in self.sections]
        self._headings = {s.line: s for s in self.sections}

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 0 < number <= len(self.lines) else ""

    def kind(self, number: int) -> int:
        """The parser's kind of a line of the record (parse.lexer: TEXT, CODE, ...); TEXT outside it."""
        kinds, index = self.record.line_kinds, number - self.record.start_line
        return kinds[index] if 0 <= index < len(kinds) else 0

    def children(self, section: Section) -> list[Section]:
        # The sections inside one are a run of the sorted list: found by bisection, not by a scan of all.
        first = bisect_right(self._starts, section.line)
        last = bisect_right(self._starts, section.end_line)
        inside = [s for s in self.sections[first:last] if s.level > section.level]
        if not inside:
            return []
        top = min(s.level for s in inside)
        return [s for s in inside if s.level == top]

    def top_sections(self) -> list[Section]:
        """Sections inside no other: one pass with a stack of the open ones (their ranges nest)."""
        tops: list[Section] = []
        open_sections: list[Section] = []
        for section in self.sections:
            while open_sections and not _contains(open_sections[-1], section):
                open_sections.pop()
            if not open_sections:
                tops.append(section)
            open_sections.append(section)
        return tops

    # ---- units --------------------------------------------------------------------------

    def units(self, slot_keys: frozenset[str]) -> list[Unit]:
        """Every section of the record as a movable unit, in document order."""
        units: list[Unit] = []
        parts: list[Section] = []
        for section in self.top_sections():
            self._visit(section, slot_keys, units, parts)
        if parts:
            units.append(Unit("consequences", "Consequences", parts, gathered=True))
        return sorted(units, key=lambda u: u.sections[0].line)

    def _visit(self, section: Section, slot_keys: frozenset[str], units: list[Unit], parts: list[Section]) -> None:
        unit = Unit(section.key, section.title, [section])
        units.append(unit)
        for child in self.children(section):
            if child.key in CONSEQUENCE_PARTS and section.key != "consequences":
                unit.split.append(child)
                parts.append(child)
            elif (
                child.key
                and child.key != section.key
                and (child.key in slot_keys or section.key in CONTAINERS or child.key in MOVABLE)
            ):
                unit.split.append(child)
                self._visit(child, slot_keys, units, parts)

    # ---- text ---------------------------------------------------------------------------

    def body(self, unit: Unit, level: int, rename: dict[str, str] | None = None) -> list[str]:
        """The unit's content under a heading of `level` (the caller writes that heading).

        `rename` gives new titles to sub-sections by key (one style's neutral heading becomes another's).
        """
        rename = rename or {}
        if not unit.gathered:
            section = unit.sections[0]
            return self._lines(section.line + 1, section.end_line, unit.split, level - section.level, rename)
        out: list[str] = []
        for section in unit.sections:  # gathered parts keep their own headings, one level down
            out += ["#" * min(level + 1, 6) + " " + rename.get(section.key or "", section.title), ""]
            out += self._lines(section.line + 1, section.end_line, unit.split, level + 1 - section.level, rename)
            out.append("")
        return trim(out)

    def direct_lines(self, unit: Unit) -> list[tuple[int, str]]:
        """(line number, text) of the unit's own body, before its first sub-section."""
        found = []
        for section in unit.sections:
            found += [(n, self.line(n)) for n in range(section.line + 1, section.body_end_line + 1)]
        return found

    def _lines(
        self, first: int, last: int, skipped: Iterable[Section], shift: int, rename: dict[str, str]
    ) -> list[str]:
        skip = [(s.line, s.end_line) for s in skipped]
        headings = self._headings
        out: list[str] = []
        number = first
        while number <= last:
            if any(a <= number <= b for a, b in skip):
                number += 1
                continue
            text = self.line(number)
            if number in headings:
                section = headings[number]
                title = rename.get(section.key or "") or _heading_text(text)
                out.append("#" * max(1, min(section.level + shift, 6)) + " " + title)
                if self.kind(number + 1) == UNDERLINE:
                    number += 1  # a setext heading: its underline goes with it
            else:
                out.append(text)
            number += 1
        return trim(out)

    def preamble_extras(self) -> list[str]:
        """Lines between the title and the first section that the model does not render itself."""
        record = self.record
        start = (record.title_line or record.start_line) + 1
        first_section = self.sections[0].line if self.sections else record.end_line + 1
        if self.record.front_matter_lines:
            start = max(start, self.record.front_matter_lines[1] + 1)
        return metadata_residue((n, self.line(n)) for n in range(start, first_section))


def metadata_residue(lines: Iterable[tuple[int, str]]) -> list[str]:
    """Lines that are neither blank, nor rules, nor metadata the writer renders from the model."""
    kept = []
    for number, text in lines:
        if not text.strip() or _RULE.match(text):
            continue
        fields = read_line(text, number)
        if fields and all(f.key in MODEL_FIELDS for f in fields):
            continue
        kept.append(text)
    return kept


def prose_residue(lines: Iterable[tuple[int, str]]) -> list[str]:
    """Paragraph lines of a body whose lists and tables the model already holds."""
    kept: list[str] = []
    for _, text in lines:
        stripped = text.strip()
        if list_item(text) or stripped.startswith("|") or heading(text) or _RULE.match(text):
            continue
        if not stripped and (not kept or not kept[-1]):
            continue
        if text[:1].isspace() and stripped and kept and not kept[-1]:
            continue  # continuation of a list item
        kept.append(text)
    return trim(kept)


def trim(lines: list[str]) -> list[str]:
    """Without leading and trailing blank lines or horizontal rules."""
    start, end = 0, len(lines)
    while start < end and (not lines[start].strip() or _RULE.match(lines[start])):
        start += 1
    while end > start and (not lines[end - 1].strip() or _RULE.match(lines[end - 1])):
        end -= 1
    return lines[start:end]


def _contains(outer: Section, inner: Section) -> bool:
    return outer.line < inner.line <= outer.end_line and outer.level < inner.level


def _heading_text(line: str) -> str:
    found = heading(line)
    return found[1] if found else line.strip()


def trim_blank(lines: list[str]) -> list[str]:
    """Without leading and trailing blank lines (rules are kept)."""
    start, end = 0, len(lines)
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return lines[start:end]
