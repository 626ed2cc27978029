"""A scanned record part with its sections: the navigation every extractor shares."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field

from ..base.termtext import clipped
from ..model import Section
from .lexer import CHECKBOX, TEXT, list_item
from .scanner import Heading, Scan, without_comments
from .tables import Table, find_tables, strip_inline
from .vocab import clean_heading, section_key


@dataclass(slots=True)
class Item:
    """A list item: its first line plus continuation lines, with its indent and line number."""

    line: int
    indent: int
    text: str
    checkbox: str | None = None  # " " or "x" when the item is a task


@dataclass(slots=True)
class Doc:
    scan: Scan
    first: int  # index of the first line that belongs to the record body (after the title)
    sections: list[Section] = field(default_factory=list)
    _tables: list[Table] | None = None
    # Extractors ask for overlapping line ranges dozens of times: the text lines and the list
    # item heads among them are worked out once, and each range is a slice found by bisection.
    _text_indexes: list[int] | None = None
    _text_pairs: list[tuple[int, str]] = field(default_factory=list)
    _item_heads: list[tuple[int, str, str | None] | None] | None = None
    _prose_pairs: list[tuple[int, str]] | None = None

    @property
    def lines(self) -> list[str]:
        return self.scan.lines

    def index(self, line: int) -> int:
        return line - self.scan.offset - 1

    def body(self, section: Section, direct: bool = False) -> tuple[int, int]:
        """Index range (inclusive) of the lines under a heading."""
        end = section.body_end_line if direct else section.end_line
        return self.index(section.line) + 1, self.index(end)

    def find(self, *keys: str, within: Section | None = None) -> Section | None:
        for section in self.sections:
            if section.key in keys and (within is None or _inside(section, within)):
                return section
        return None

    def find_all(self, *keys: str, within: Section | None = None) -> list[Section]:
        return [s for s in self.sections if s.key in keys and (within is None or _inside(s, within))]

    def children(self, parent: Section) -> list[Section]:
        nested = [s for s in self.sections if _inside(s, parent)]
        if not nested:
            return []
        top = min(s.level for s in nested)
        return [s for s in nested if s.level == top]

    def _span(self, start: int, end: int) -> tuple[int, int]:
        """Positions in _text_pairs of the text lines whose index is in [start, end]."""
        if self._text_indexes is None:
            kinds, lines, base = self.scan.kinds, self.scan.lines, self.scan.offset + 1
            self._text_indexes = [i for i in range(len(lines)) if kinds[i] == TEXT]
            self._text_pairs = [(i + base, lines[i]) for i in self._text_indexes]
        indexes = self._text_indexes
        return bisect_left(indexes, max(start, 0)), bisect_right(indexes, min(end, len(self.scan.lines) - 1))

    def text_lines(self, start: int, end: int) -> list[tuple[int, str]]:
        """(line number, text) of the non-code lines in an index range."""
        low, high = self._span(start, end)
        return self._text_pairs[low:high]

    def prose_lines(self, start: int, end: int) -> list[tuple[int, str]]:
        """text_lines with inline HTML comments blanked: what a reader sees (links in a comment are not links)."""
        low, high = self._span(start, end)
        if self._prose_pairs is None:
            self._prose_pairs = without_comments(self._text_pairs)
        return self._prose_pairs[low:high]

    def _heads(self) -> list[tuple[int, str, str | None] | None]:
        """(indent, text, checkbox) of every text line that starts a list item, else None."""
        if self._item_heads is None:
            self._span(0, 0)
            heads: list[tuple[int, str, str | None] | None] = []
            for _, line in self._text_pairs:
                match = list_item(line)
                if match is None:
                    heads.append(None)
                    continue
                text = match.group("text").strip()
                checkbox = None
                box = CHECKBOX.match(text)
                if box:
                    checkbox, text = box.group("mark"), box.group("text").strip()
                heads.append((len(match.group("indent").expandtabs(4)), text, checkbox))
            self._item_heads = heads
        return self._item_heads

    def items(self, start: int, end: int) -> list[Item]:
        """List items in an index range, continuation lines folded into their item."""
        items: list[Item] = []
        low, high = self._span(start, end)
        pairs, heads = self._text_pairs, self._heads()
        for position in range(low, high):
            number, line = pairs[position]
            head = heads[position]
            if head is not None:
                items.append(Item(number, *head))
            elif items and line.strip() and line[:1] in " \t" and items[-1].line >= number - 8:
                items[-1].text += " " + line.strip()
            elif not line.strip():
                continue
            elif items and not line[:1].isspace():
                items.append(Item(number, -1, ""))  # a paragraph ends the list
        return [item for item in items if item.indent >= 0]

    def top_items(self, start: int, end: int) -> list[Item]:
        items = self.items(start, end)
        if not items:
            return []
        base = min(item.indent for item in items)
        return [item for item in items if item.indent <= base + 1]

    def paragraphs(self, start: int, end: int) -> list[tuple[int, str]]:
        """Paragraphs (line of first line, joined text) of plain prose in an index range."""
        paragraphs: list[tuple[int, str]] = []
        current: list[str] = []
        first = 0
        for number, line in self.text_lines(start, end):
            stripped = line.strip()
            if not stripped or stripped.startswith(("|", "#")) or set(stripped) <= set("-*_= "):
                if current:
                    paragraphs.append((first, " ".join(current)))
                    current = []
                continue
            if not current:
                first = number
            current.append(stripped)
        if current:
            paragraphs.append((first, " ".join(current)))
        return paragraphs

    def first_paragraph(self, section: Section | None, limit: int = 1200) -> str:
        if section is None:
            return ""
        paragraphs = self.paragraphs(*self.body(section, direct=True))
        prose = [text for _, text in paragraphs if not text.startswith(">")] or [t for _, t in paragraphs]
        if not prose:
            return ""
        text = strip_inline(prose[0].lstrip("> ").strip())
        return clipped(text, limit)

    def section_text(self, section: Section | None) -> str:
        if section is None:
            return ""
        start, end = self.body(section)
        return " ".join(line.strip() for _, line in self.text_lines(start, end) if line.strip())

    def tables(self) -> list[Table]:
        if self._tables is None:
            self._tables = find_tables(self.scan, self.first, len(self.lines) - 1)
        return self._tables

    def tables_in(self, section: Section) -> list[Table]:
        return [t for t in self.tables() if section.line < t.line <= section.end_line]

    def section_at(self, line: int) -> Section | None:
        """The innermost section containing `line`."""
        found = None
        for section in self.sections:
            if section.line <= line <= section.end_line:
                found = section
        return found


def _inside(section: Section, parent: Section) -> bool:
    return parent.line < section.line <= parent.end_line and section.level > parent.level


def _section_ends(scan: Scan, headings: list[Heading], last: int) -> list[int]:
    """The last line of each heading's section, in one pass (a file may hold a million headings)."""
    ends = [last] * len(headings)
    open_positions: list[int] = []  # headings whose section is still open, levels increasing
    for position, heading in enumerate(headings):
        while open_positions and headings[open_positions[-1]].level >= heading.level:
            ends[open_positions.pop()] = scan.lineno(heading.index) - 1
        open_positions.append(position)
    return ends


_LABEL_PARENTS = frozenset({"decision", "consequences"})
_LABEL_CHILDREN = frozenset({"positive", "negative", "neutral", "consequences", "confirmation"})


def _with_labels(headings: list[Heading], labels: list[Heading]) -> list[Heading]:
    """Headings plus the bold labels that name a known section, one level below the heading they follow."""
    merged: list[Heading] = []
    pending = iter(labels)
    label = next(pending, None)
    parents: list[tuple[int, str | None]] = []
    for heading in [*headings, None]:
        while label is not None and (heading is None or label.index < heading.index):
            parent_key = parents[-1][1] if parents else None
            key = section_key(clean_heading(label.text), parent_key)
            # A label is a section title at the top of the record, or a consequence group under its decision;
            # elsewhere (`**Pros:**` under an alternative) it is a field of the section it stands in.
            if key is not None and (not parents or (parent_key in _LABEL_PARENTS and key in _LABEL_CHILDREN)):
                level = parents[-1][0] + 1 if parents else 2
                if level <= 6:
                    merged.append(Heading(label.index, level, label.text))
            label = next(pending, None)
        if heading is not None:
            while parents and parents[-1][0] >= heading.level:
                parents.pop()
            if heading.level > 1:
                parents.append((heading.level, section_key(clean_heading(heading.text))))
            merged.append(heading)
    return merged


def build_sections(scan: Scan, skip_index: int | None) -> list[Section]:
    """Sections from the scanned headings (the title heading itself is not a section)."""
    headings = [h for h in scan.headings if h.index != skip_index]
    if scan.labels:
        headings = _with_labels(headings, scan.labels)
    last = scan.lineno(len(scan.lines) - 1)
    sections: list[Section] = []
    parents: list[tuple[int, str | None]] = []  # (level, key) stack
    ends = _section_ends(scan, headings, last)
    for position, heading in enumerate(headings):
        end = ends[position]
        body_end = scan.lineno(headings[position + 1].index) - 1 if position + 1 < len(headings) else last
        while parents and parents[-1][0] >= heading.level:
            parents.pop()
        title = clean_heading(heading.text)
        key = section_key(title, parents[-1][1] if parents else None)
        sections.append(Section(title, heading.level, scan.lineno(heading.index), end, key, body_end))
        parents.append((heading.level, key))
    return sections
