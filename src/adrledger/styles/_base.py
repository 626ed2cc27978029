"""What a record style is: the `Style` object every reader, writer and lint rule asks.

A style is data plus a few optional hooks. The writers, the parser and lint choose what to do
from the *forms* a style names (how its title, metadata, alternatives, consequences and relations
are written), never from its name: adding a style is adding one module to this package.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from ..model import Record

TitleForm = Literal["numbered", "adr-id", "unnumbered-unless-name-lacks"]
MetadataForm = Literal["plain", "inline", "bold", "bold-spaced", "document-info", "front-matter"]
AlternativesForm = Literal["sections", "options-list", "table"]  # options-list: a list, then pros and cons
ConsequencesForm = Literal["subsections", "marks", "goodbad"]
RelationsPlace = Literal["status", "notes", "related"]
RelationsHome = Literal["related", "bold-bullets", "links-section"]  # links-section: MADR's Links

# The sentence-case names lint uses for a missing section when the style gives it no title of its own.
SECTION_NAMES = {
    "status": "Status",
    "context": "Context",
    "decision": "Decision",
    "consequences": "Consequences",
    "alternatives": "Alternatives Considered",
    "rationale": "Rationale",
    "drivers": "Decision Drivers",
    "summary": "Summary",
    "acceptance_criteria": "Acceptance Criteria",
}
CONSEQUENCE_TITLES = {"positive": "Positive", "negative": "Negative", "neutral": "Neutral"}


@dataclass(frozen=True)
class Slot:
    """A section of a style's layout: its canonical key, its heading, its sub-sections."""

    key: str
    title: str
    children: tuple[Slot, ...] = ()


def slot(key: str, title: str, *children: Slot) -> Slot:
    return Slot(key, title, children)


@dataclass(frozen=True, slots=True)
class StyleEvidence:
    """What the parser noticed about a record's shape."""

    keys: frozenset[str]
    titles: frozenset[str]  # cleaned, lower-case section titles
    meta_keys: frozenset[str]  # lower-case metadata key names as written
    status_source: str
    title_is_numbered_dot: bool
    has_front_matter: bool
    alternatives_table: bool
    decision_before_context: bool
    subsection_prefixes: frozenset[str]  # "alternative", "option"


def _no_shape(evidence: StyleEvidence) -> int:
    return 0


# Section keys the parser reads from a record's whole body; a style's statement reader fills them.
Reader = Callable[["Record", Sequence[str]], "Record"]
# The Markdown a style writes for a slot it composes from the model rather than copies (a statement).
Composer = Callable[["Record"], list[str]]


@dataclass(frozen=True)
class Style:
    """Everything a record style means, in one place."""

    name: str
    summary: str
    # -- reading: what a record of the style contains and how to recognise one
    required: tuple[str, ...]  # canonical section keys every record of the style has
    layout: tuple[Slot, ...]  # its sections in order (after its template)
    title_weights: Mapping[str, int] = field(default_factory=dict)  # lower-case section title -> evidence
    meta_weights: Mapping[str, int] = field(default_factory=dict)  # lower-case metadata key -> evidence
    shape: Callable[[StyleEvidence], int] = _no_shape  # evidence from the record's shape
    headings: Mapping[str, str] = field(default_factory=dict)  # extra heading title -> section key it reads as
    read: Reader | None = None  # fills model parts the record states outside sections
    # The section keys `read` may fill from a statement: a writer converting such a record renders
    # them from the model where the record has no section of that key.
    states: frozenset[str] = frozenset()
    structured_consequences: bool = True  # Positive / Negative are told apart
    section_names: Mapping[str, str] = field(default_factory=dict)  # lint's name of a missing section
    # -- writing: a new record, and a record converted into the style
    initial_status: str = "Proposed"
    template: str = ""  # file under adrledger/templates (default NAME.md)
    template_tokens: bool = False  # adr-tools' NUMBER / TITLE / DATE / STATUS tokens, replaced as sed does
    init_template: str = ""  # the first record's own template file; empty: the template with `init_fills`
    init_title: str = "Record architecture decisions"
    init_fills: Mapping[str, str] = field(default_factory=dict)  # heading -> the first record's Markdown
    remembered: bool = True  # `adr init` writes the style into .adrledger.toml
    transliterate_slugs: bool = True  # "Café" names a file "cafe" (adr-tools keeps ASCII letters only)
    title_form: TitleForm = "adr-id"
    metadata_form: MetadataForm = "bold"
    metadata_separator: str = "**:"  # "**Date**: D" or, with ":**", "**Date:** D" (form "bold")
    deciders_label: str = "Deciders"
    lower_case_status: bool = False  # a bare status word written in lower case
    numbered_headings: bool = False  # "## 3. Problem & Context"
    alternatives_form: AlternativesForm = "table"
    alternative_prefix: str = "Alternative"  # "### Alternative 1: Name" (form "sections")
    description_label: str = ""  # "**Description:** " before an alternative's description
    alternative_shapes: frozenset[str] = frozenset()  # source shapes copied as written
    consequences_form: ConsequencesForm = "subsections"
    consequence_shapes: frozenset[str] = frozenset({"subsections", "prose"})
    consequence_titles: Mapping[str, str] = field(default_factory=dict)  # positive/negative/neutral headings
    relations_in: RelationsPlace = "related"  # where a converted record's relations are written
    relations_home: RelationsHome = "related"  # how `adr link` adds one to a record of the style
    relation_bullet: str = "- "
    adr_tools_links: bool = False  # "Superseded by [3. Title](...)" lines in the Status section
    status_section: bool = False  # a record without a status gets a "## Status" section, not a line
    compose: Mapping[str, Composer] = field(default_factory=dict)  # slot key -> composed from the model

    @property
    def template_file(self) -> str:
        return self.template or f"{self.name}.md"

    @property
    def metadata_in_section(self) -> bool:
        """The metadata is the body of a section (hybrid's Document Info), not lines under the title."""
        return self.metadata_form == "document-info"

    @property
    def front_matter_metadata(self) -> bool:
        return self.metadata_form == "front-matter"

    def wrote(self, record: Record) -> bool:
        """The record is already written in this style (as the parser recognised it)."""
        return record.style == self.name

    def slot_keys(self) -> frozenset[str]:
        """Every key the style has a place for, nested ones included."""
        keys: set[str] = set()

        def walk(slots: tuple[Slot, ...]) -> None:
            for one in slots:
                keys.add(one.key)
                walk(one.children)

        walk(self.layout)
        return frozenset(keys)

    def consequence_title(self, part: str) -> str:
        """The heading of a part of the consequences (positive, negative, neutral) in this style."""
        return self.consequence_titles.get(part) or CONSEQUENCE_TITLES[part]

    def section_name(self, key: str) -> str:
        """How lint names a section of this style that a record lacks."""
        return self.section_names.get(key) or SECTION_NAMES.get(key, key.replace("_", " ").title())

    def score(self, evidence: StyleEvidence) -> int:
        """How strongly the evidence speaks for this style."""
        titles = sum(weight for title, weight in self.title_weights.items() if title in evidence.titles)
        meta = sum(weight for key, weight in self.meta_weights.items() if key in evidence.meta_keys)
        return titles + meta + self.shape(evidence)
