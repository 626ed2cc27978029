"""Relations between records: status lines, adr-tools link lines, Related lists, front matter, prose."""

from __future__ import annotations

import re
from typing import Any

from ..model import Link, Relation, RelationKind, RelationSource
from .doc import Doc
from .frontmatter import as_list, as_text
from .metadata import Meta
from .refs import KIND_BY_LABEL, MD_LINK, relations_in_text

STATUS_LINK_LINE = re.compile(
    r"\s*(?:[-*+]\s+)?(?P<label>[A-Za-z][\w '-]{1,40}?)\s*:?\s+\[(?P<text>[^\]]*)\]\((?P<target>[^)]*)\)"
)
_PROSE_RELATION = re.compile(
    r"\b(?:supersedes|supercedes|we\s+(?:hereby\s+)?supersede|replaces|amends|superseded\s+by|superceded\s+by|replaced\s+by|amended\s+by)\b",
    re.IGNORECASE,
)
_FRONT_RELATION_KEYS: dict[str, RelationKind] = {
    "supersedes": "supersedes",
    "superseded-by": "superseded_by",
    "superseded_by": "superseded_by",
    "supersededby": "superseded_by",
    "amends": "amends",
    "amended-by": "amended_by",
    "amended_by": "amended_by",
    "related": "related",
    "links": "related",
}
MAX_LINKS = 2000
# Labels that make a link line outside the Related/Status sections a relation.
RELATION_LABELS = frozenset(
    {
        "related",
        "related to",
        "see also",
        "refines",
        "refined by",
        "clarifies",
        "clarified by",
        "extends",
        "extended by",
        "depends on",
        "supersedes",
        "superseded by",
        "amends",
        "amended by",
        "replaces",
        "replaced by",
        "supercedes",
        "superceded by",
    }
)


def relations_of(doc: Doc, meta: Meta, status_raw: str | None, status_line: int) -> tuple[Relation, ...]:
    """Every relation the record states, wherever it states it, once each."""
    found: list[Relation] = []
    if status_raw:
        found += relations_in_text(status_raw, status_line, "status")
    status = doc.find("status")
    if status is not None:
        found += _link_lines(doc, status, "status", require_label=True)
    for item in meta.fields:
        if item.key in KIND_BY_LABEL.values() or item.key == "related":
            if item.source == "front_matter":
                continue
            kind = KIND_BY_LABEL.get(item.name, "related")
            found += relations_in_text(item.value, item.line, "metadata", (kind, item.name.capitalize()))
    found += _front_relations(meta.front)
    for section in doc.find_all("related"):
        found += _link_lines(doc, section, "links", require_label=False)
    for section in doc.find_all("references", "notes"):  # MADR 4 keeps links in "More Information"
        found += [
            r for r in _link_lines(doc, section, "links", require_label=True) if r.label.lower() in RELATION_LABELS
        ]
    found += _prose_relations(doc, {s.line for s in doc.find_all("related", "status")})
    return tuple(_dedupe(found))


def _link_lines(doc: Doc, section: Any, source: RelationSource, require_label: bool) -> list[Relation]:
    """The relations of a section's link lines: the first MAX_LINKS lines, as links_of reads the first
    MAX_LINKS links (a hostile Status section may hold 50,000 of them)."""
    found: list[Relation] = []
    read = 0
    for number, line in doc.prose_lines(*doc.body(section, direct=source == "status")):
        text = line.strip()
        if not text:
            continue
        read += 1
        if read > MAX_LINKS:
            break
        labelled = re.match(r"[-*+]?\s*(?:\*\*|__)(?P<label>[^*_:]{1,40}):?(?:\*\*|__):?\s*(?P<rest>.*)$", text)
        if labelled:
            label = labelled.group("label").strip()
            kind = KIND_BY_LABEL.get(label.lower())
            if kind is None and label.lower() not in ("related", "see also", "adr", "adrs", "related adrs"):
                continue  # "**TDD:**", "**Tickets:**" name other documents
            found += relations_in_text(labelled.group("rest"), number, source, (kind or "related", label))
            continue
        match = STATUS_LINK_LINE.match(text)
        if match and not text.lstrip("-*+ ").startswith("["):
            label = match.group("label").strip()
            kind = KIND_BY_LABEL.get(label.lower(), "related")
            found += relations_in_text(text[match.start("text") - 1 :], number, source, (kind, label))
            continue
        if not require_label:
            found += relations_in_text(re.sub(r"^[-*+]\s+", "", text), number, source, ("related", "Related"))
    return found


def _front_relations(front: dict[str, Any]) -> list[Relation]:
    found: list[Relation] = []
    for name, kind in _FRONT_RELATION_KEYS.items():
        if name in front:
            label = name.replace("_", " ").replace("-", " ").capitalize()
            for value in as_list(front[name]) or [as_text(front[name])]:
                text = value if re.search(r"\d", value) else ""
                if text and not re.search(r"[A-Za-z\[]", text):
                    text = f"ADR-{text}"
                found += relations_in_text(text, 1, "front_matter", (kind, label))
    return found


def _prose_relations(doc: Doc, skip_sections: set[int]) -> list[Relation]:
    found: list[Relation] = []
    lines = doc.prose_lines(doc.first, len(doc.lines) - 1)
    if not _may_name_relation("\n".join(line for _, line in lines)):
        return found
    skip = [s for s in doc.sections if s.line in skip_sections]
    for number, line in lines:
        if not _may_name_relation(line) or not _PROSE_RELATION.search(line):
            continue
        if any(s.line <= number <= s.end_line for s in skip):
            continue
        if re.match(r"\s*(?:\*\*|__)?[\w ]{1,30}(?:\*\*|__)?\s*:", line):
            continue  # a metadata line, read elsewhere
        found += relations_in_text(line, number, "prose")
    return found


def _may_name_relation(text: str) -> bool:
    """A cheap test that must pass wherever _PROSE_RELATION matches (casefold() folds as re.IGNORECASE)."""
    folded = text.casefold()
    return "super" in folded or "replace" in folded or "amend" in folded


def _dedupe(relations: list[Relation]) -> list[Relation]:
    seen: set[tuple[str, int | str]] = set()
    unique = []
    for relation in relations:
        # A relation without a number (a log4brains date-named file) is identified by its target.
        identity = relation.number if relation.number is not None else relation.target
        key = (relation.kind, identity)
        if identity in (None, "") or key in seen:
            continue
        seen.add(key)
        unique.append(relation)
    return unique


def without_code_spans(line: str) -> str:
    """The line with the text of its `code spans` blanked (a regex in code is not a link), in one split."""
    parts = line.split("`")
    if len(parts) % 2 == 0:
        return line  # an odd number of backticks: no reliable spans to blank
    return "`".join(part if index % 2 == 0 else " " * len(part) for index, part in enumerate(parts))


def links_of(doc: Doc) -> tuple[Link, ...]:
    """Every Markdown link outside code (bounded: a hostile file may hold millions)."""
    links: list[Link] = []
    for number, line in doc.prose_lines(0, len(doc.lines) - 1):
        if "](" not in line:
            continue
        for match in MD_LINK.finditer(without_code_spans(line) if "`" in line else line):
            links.append(Link(match.group("text"), match.group("target").strip("<>"), number))
            if len(links) >= MAX_LINKS:
                return tuple(links)
    return tuple(links)
