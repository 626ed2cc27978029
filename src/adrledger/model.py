"""The typed model of a decision record: what the parser produces and everything else reads.

Every part remembers the line it came from (1-based, in the file it was read from), so lint
rules and renderers can point at it without reading the Markdown again.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from .names import STATUSES as STATUSES  # re-exported: the model's status words

# The closed vocabularies of the model, as types (tests/test_model_vocabulary.py keeps them equal
# to the tuples the code iterates: names.STATUSES, styles.STYLE_NAMES).
Status = Literal["proposed", "accepted", "rejected", "deprecated", "superseded", "draft", "other"]
StyleName = Literal["nygard", "madr", "full", "drivers", "quick", "table", "hybrid", "y-statement"]
RelationKind = Literal["supersedes", "superseded_by", "amends", "amended_by", "related"]
# Where a relation was written: a status line, a metadata field, front matter, a link list, a sentence.
RelationSource = Literal["status", "metadata", "front_matter", "links", "prose"]
# How the status line was written ("" when the record has none); "inline" is one field of several
# on a line ("**Status**: Accepted | **Date**: ...").
StatusSource = Literal["bold", "plain", "list", "inline", "table", "section", "front_matter", ""]


@dataclass(frozen=True, slots=True)
class Problem:
    """Something the parser could not read, or read only by guessing."""

    line: int
    code: str
    message: str
    severity: str = "warning"


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the lines it governs (up to the next heading of the same or higher rank)."""

    title: str
    level: int
    line: int
    end_line: int
    key: str | None = None
    body_end_line: int = 0  # last line before the next heading of any level


@dataclass(frozen=True, slots=True)
class Alternative:
    name: str
    description: str = ""
    pros: tuple[str, ...] = ()
    cons: tuple[str, ...] = ()
    verdict: str | None = None  # chosen | rejected | deferred | None when the record does not say
    reason: str = ""
    line: int = 0
    group: str = ""


@dataclass(frozen=True, slots=True)
class Consequences:
    positive: tuple[str, ...] = ()
    negative: tuple[str, ...] = ()
    neutral: tuple[str, ...] = ()
    line: int = 0
    structured: bool = False  # False when the section is prose that cannot be classified

    def __bool__(self) -> bool:
        return bool(self.positive or self.negative or self.neutral)


@dataclass(frozen=True, slots=True)
class Risk:
    risk: str
    impact: str = ""
    likelihood: str = ""
    mitigation: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Criterion:
    name: str
    weight: float | None
    weight_raw: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class DecisionMatrix:
    """A weighted criteria × options table. Scores are indexed [criterion][option]."""

    criteria: tuple[Criterion, ...]
    options: tuple[str, ...]
    scores: tuple[tuple[float | None, ...], ...]
    stated_totals: tuple[float | None, ...]
    stated_totals_raw: tuple[str, ...]
    computed_totals: tuple[float | None, ...]
    weight_unit: str  # "percent", "fraction" or "relative"
    weight_sum: float | None
    line: int
    total_line: int = 0

    @property
    def ranking(self) -> tuple[tuple[str, float], ...]:
        scored = [(o, t) for o, t in zip(self.options, self.computed_totals) if t is not None]
        return tuple(sorted(scored, key=lambda pair: -pair[1]))


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    text: str
    done: bool
    line: int


@dataclass(frozen=True, slots=True)
class Checklist:
    title: str
    items: tuple[ChecklistItem, ...]
    line: int

    @property
    def done(self) -> int:
        return sum(1 for item in self.items if item.done)

    @property
    def total(self) -> int:
        return len(self.items)


@dataclass(frozen=True, slots=True)
class ReviewEntry:
    date: str | None
    change: str
    author: str = ""
    line: int = 0
    date_raw: str = ""


@dataclass(frozen=True, slots=True)
class Reference:
    text: str
    url: str = ""
    line: int = 0


@dataclass(frozen=True, slots=True)
class Link:
    """A Markdown link anywhere in the record (outside code)."""

    text: str
    target: str
    line: int


@dataclass(frozen=True, slots=True)
class Relation:
    """An edge to another record.

    Where it came from (status line, metadata field, front matter, link list, prose) matters to
    lint and to the editors.
    """

    kind: RelationKind
    number: int | None
    label: str
    title: str = ""
    target: str = ""
    line: int = 0
    source: RelationSource = "links"
    slug: str = ""  # the file stem of a record named without a number (log4brains' YYYYMMDD-slug.md)

    @property
    def ref(self) -> int | str | None:
        """What names the other record: its number, else the slug of its file."""
        return self.number if self.number is not None else (self.slug or None)


@dataclass(frozen=True, slots=True)
class Record:
    """One decision record, as read from one file (or one part of a file)."""

    path: str
    style: StyleName
    title: str
    number: int | None = None
    status: Status = "other"
    status_raw: str | None = None
    date: str | None = None
    date_raw: str | None = None
    deciders: tuple[str, ...] = ()
    consulted: tuple[str, ...] = ()
    informed: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    scope: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    context: str = ""
    decision: str = ""
    drivers: tuple[str, ...] = ()
    alternatives: tuple[Alternative, ...] = ()
    consequences: Consequences = field(default_factory=Consequences)
    risks: tuple[Risk, ...] = ()
    decision_matrix: DecisionMatrix | None = None
    checklists: tuple[Checklist, ...] = ()
    review_log: tuple[ReviewEntry, ...] = ()
    references: tuple[Reference, ...] = ()
    relations: tuple[Relation, ...] = ()
    links: tuple[Link, ...] = ()
    # (line number, text) of the prose lines that may cite a record ("ADR-12") or link to a record file:
    # kept so that log-wide reference checks read no file on a warm run.
    citing_lines: tuple[tuple[int, str], ...] = ()
    front_matter: dict[str, Any] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    # Where the facts came from, for lint and for editors that must touch only those lines.
    number_in_filename: int | None = None
    number_in_heading: int | None = None
    title_line: int = 0
    status_line: int = 0
    date_line: int = 0
    status_source: StatusSource = ""
    start_line: int = 1
    end_line: int = 1
    ordinal: int = 0  # position of this record in a file that holds several
    line_count: int = 0
    word_count: int = 0
    date_candidates: tuple[str, ...] = ()  # ISO readings of an ambiguous day/month date
    package: str = ""  # name of the log this record belongs to, when several are configured
    digest: str = ""
    # The lexer's reading of the record's lines (parse.lexer), kept so that no writer, fix or reader lexes
    # them again: the file line numbers of the front matter's opening and closing `---` (None without
    # front matter), and one kind per line from start_line to end_line (TEXT, CODE, COMMENT, FRONT, UNDERLINE).
    front_matter_lines: tuple[int, int] | None = None
    line_kinds: bytes = b""

    @property
    def id(self) -> str:
        """A stable identifier: the zero-padded number, or the file stem without one."""
        base = f"{self.number:04d}" if self.number is not None else self.slug
        if self.ordinal:
            base = f"{base}#{self.ordinal}"
        return f"{self.package}/{base}" if self.package else base

    @property
    def slug(self) -> str:
        name = self.path.rsplit("/", 1)[-1]
        return name.rsplit(".", 1)[0]

    def section(self, key: str) -> Section | None:
        """Return the first section whose canonical key is `key`."""
        for section in self.sections:
            if section.key == key:
                return section
        return None

    def relations_of(self, kind: str) -> tuple[Relation, ...]:
        return tuple(r for r in self.relations if r.kind == kind)

    # Relations as the JSON contract lists them: record numbers, or file slugs for records without one.
    @property
    def supersedes(self) -> tuple[RecordRef, ...]:
        return _refs(self.relations_of("supersedes"))

    @property
    def superseded_by(self) -> tuple[RecordRef, ...]:
        return _refs(self.relations_of("superseded_by"))

    @property
    def amends(self) -> tuple[RecordRef, ...]:
        return _refs(self.relations_of("amends"))

    @property
    def amended_by(self) -> tuple[RecordRef, ...]:
        return _refs(self.relations_of("amended_by"))


RecordRef = int | str


def cite(ref: RecordRef) -> str:
    """A reference as people read it: ADR-0007, or the slug of a record without a number."""
    return f"ADR-{ref:04d}" if isinstance(ref, int) else ref


def _refs(relations: tuple[Relation, ...]) -> tuple[RecordRef, ...]:
    seen: dict[RecordRef, None] = {}
    for relation in relations:
        if relation.ref is not None:
            seen.setdefault(relation.ref, None)
    return tuple(seen)
