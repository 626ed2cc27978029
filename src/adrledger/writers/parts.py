"""The parts a writer renders from the model: title, metadata, alternatives, consequences, relations.

Each part is written in the form the target `Style` names (never chosen by the style's name).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from ..model import Alternative, Record, Relation
from ..styles import Style

LinkTarget = Callable[[Relation], str | None]
VERDICT_WORDS = {"chosen": "✅ Chosen", "rejected": "❌ Rejected", "deferred": "⏸️ Future consideration"}
_FRONT_KEYS = {
    "status",
    "date",
    "deciders",
    "decision-makers",
    "decision_makers",
    "consulted",
    "informed",
    "tags",
    "title",
    "authors",
    "author",
}
_LABELS = {"supersedes": "Supersedes", "superseded_by": "Superseded by", "amends": "Amends", "amended_by": "Amended by"}


def padded(number: int | None, padding: int) -> str:
    return f"{number:0{padding}d}" if number is not None else "X" * padding


def title_line(record: Record, style: Style, padding: int) -> str:
    title = record.title or record.slug
    if style.title_form == "numbered":
        return f"# {record.number}. {title}" if record.number is not None else f"# {title}"
    if style.title_form == "unnumbered-unless-name-lacks":
        # MADR titles carry no number; keep it when the file name does not.
        keep = record.number is not None and record.number_in_filename != record.number
        return f"# ADR-{padded(record.number, padding)}: {title}" if keep else f"# {title}"
    return f"# ADR-{padded(record.number, padding)}: {title}" if record.number is not None else f"# {title}"


def status_text(record: Record, style: Style | None = None) -> str:
    """The status as written; a bare status word in the case the style uses (MADR: lower case)."""
    raw = record.status_raw or ("" if record.status == "other" else record.status)
    if raw.strip().lower() == record.status:
        return record.status if style is not None and style.lower_case_status else record.status.capitalize()
    return raw


def date_text(record: Record) -> str:
    return record.date_raw or record.date or ""


def people(record: Record, style: Style) -> list[tuple[str, str]]:
    """(label, comma-separated names) of the people fields that are set, labelled as the style does."""
    fields = [
        (style.deciders_label, record.deciders),
        ("Consulted", record.consulted),
        ("Informed", record.informed),
        ("Authors", record.authors),
        ("Tags", record.tags),
    ]
    return [(label, ", ".join(values)) for label, values in fields if values]


def metadata(record: Record, style: Style, extras: list[str], padding: int) -> list[str]:
    """The metadata block under the title (for hybrid: the body of Document Info)."""
    status, date = status_text(record, style), date_text(record)
    named = people(record, style)
    form = style.metadata_form
    if form == "plain":  # adr-tools: the status is a section of its own
        lines = [f"Date: {date}"] if date else []
        return lines + [f"{label}: {value}" for label, value in named] + extras
    if form == "inline":
        # The one-line "Status | Date" is what makes a quick record: it is written even without a date.
        head = f"**Status**: {status} | **Date**: {date}".rstrip()
        return [head] + [f"**{label}**: {value}" for label, value in named] + extras
    if form == "bold-spaced":
        fields = [("Status", status), ("Date", date), *named]
        return _spaced([f"**{label}:** {value}" for label, value in fields if value] + extras)
    if form == "document-info":
        name = f"ADR-{padded(record.number, padding)}: {record.title}" if record.number is not None else record.title
        fields = [("Document Name", name), ("Date", date), *named, ("Status", status)]
        return [f"- **{label}:** {value}" for label, value in fields if value] + extras
    if form == "front-matter":
        return extras
    separator = style.metadata_separator
    fields = [("Date", date), ("Status", status), *named]
    return [f"**{label}{separator} {value}" for label, value in fields if value] + extras


def _spaced(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        out += [line, ""]
    return out[:-1]


def front_matter(record: Record, style: Style) -> dict[str, Any]:
    """Front matter to write: MADR's own fields, and in every style the keys no other line holds."""
    kept = {
        key: value
        for key, value in record.front_matter.items()
        if key not in _FRONT_KEYS
        and key
        not in (
            "supersedes",
            "superseded-by",
            "superseded_by",
            "amends",
            "amended-by",
            "amended_by",
            "related",
            "links",
        )
    }
    if not style.front_matter_metadata:
        return kept
    own: dict[str, Any] = {"status": status_text(record, style) or None, "date": _yaml_date(record)}
    for key, values in (
        ("decision-makers", record.deciders),
        ("consulted", record.consulted),
        ("informed", record.informed),
        ("authors", record.authors),
        ("tags", record.tags),
    ):
        if values:
            own[key] = list(values)
    return {key: value for key, value in {**own, **kept}.items() if value is not None}


def _yaml_date(record: Record) -> Any:
    """An ISO date as a YAML date (written bare, as MADR does), any other date as written."""
    text = date_text(record)
    if record.date and text == record.date:
        return date.fromisoformat(record.date)
    return text or None


def yaml_block(values: dict[str, Any]) -> list[str]:
    if not values:
        return []
    import yaml

    text = yaml.safe_dump(values, sort_keys=False, allow_unicode=True, default_flow_style=False, width=1000)
    return ["---", *text.rstrip("\n").split("\n"), "---"]


def stated(record: Record, key: str) -> list[str]:
    """A part the source states in a sentence of its style's own (no section), as a section's body."""
    if key == "drivers":
        return [f"- {driver}" for driver in record.drivers]
    text = {"context": record.context, "decision": record.decision}.get(key, "")
    return [text] if text else []


# ---- alternatives ---------------------------------------------------------------------------


def alternatives_as_sections(alternatives: tuple[Alternative, ...], style: Style, level: int) -> list[str]:
    out: list[str] = []
    for index, alternative in enumerate(alternatives, start=1):
        out += ["#" * level + f" {style.alternative_prefix} {index}: {alternative.name}", ""]
        if alternative.description:
            out += [style.description_label + alternative.description, ""]
        out += _pros_cons(alternative, "**Pros:**", "**Cons:**")
        out += _verdict_lines(alternative)
    return out


def _pros_cons(alternative: Alternative, pros_label: str, cons_label: str) -> list[str]:
    out: list[str] = []
    for label, items in ((pros_label, alternative.pros), (cons_label, alternative.cons)):
        if items:
            out += [label, "", *(f"- {item}" for item in items), ""]
    return out


def _verdict_lines(alternative: Alternative) -> list[str]:
    out = [f"**Verdict:** {VERDICT_WORDS[alternative.verdict]}", ""] if alternative.verdict in VERDICT_WORDS else []
    if alternative.reason:
        out += [f"**Why not chosen:** {alternative.reason}", ""]
    return out


def alternatives_as_table(alternatives: tuple[Alternative, ...]) -> list[str]:
    described = any(a.description for a in alternatives)
    header = ["Approach", *(["Description"] if described else []), "Pros", "Cons", "Verdict"]
    rows = [_row(header), _row(["---"] * len(header))]
    for alternative in alternatives:
        verdict = VERDICT_WORDS.get(alternative.verdict or "", "")
        if alternative.reason:
            verdict = f"{verdict} - {alternative.reason}" if verdict else alternative.reason
        cells = [
            f"**{alternative.name}**",
            *([alternative.description] if described else []),
            "<br>".join(alternative.pros),
            "<br>".join(alternative.cons),
            verdict,
        ]
        rows.append(_row(cells))
    return rows


def _row(cells: list[str]) -> str:
    return "| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |"


def alternatives_for_madr(alternatives: tuple[Alternative, ...], level: int) -> tuple[list[str], list[str]]:
    """MADR's two places: the Considered Options list and the Pros and Cons sub-sections."""
    listed = [f"* {alternative.name}" for alternative in alternatives]
    detailed: list[str] = []
    for alternative in alternatives:
        body = [alternative.description, ""] if alternative.description else []
        body += [f"* Good, because {pro}" for pro in alternative.pros]
        body += [f"* Bad, because {con}" for con in alternative.cons]
        body += [""] if alternative.pros or alternative.cons else []
        body += _verdict_lines(alternative)
        if body:
            detailed += ["#" * level + f" {alternative.name}", "", *body]
    return listed, detailed


# ---- consequences ---------------------------------------------------------------------------


def consequences(record: Record, shape: str, level: int, neutral_title: str = "Neutral") -> list[str]:
    found = record.consequences
    buckets = (
        ("positive", "Positive", "✅", "Good", found.positive),
        ("negative", "Negative", "❌", "Bad", found.negative),
        ("neutral", neutral_title, "⚠️", "Neutral", found.neutral),
    )
    out: list[str] = []
    for _, title, mark, word, items in buckets:
        if not items:
            continue
        if shape == "subsections":
            out += ["#" * level + f" {title}", "", *(f"- {item}" for item in items), ""]
        elif shape == "goodbad":
            out += [f"* {word}, because {item}" for item in items]
        else:
            out += [f"- {mark} {item}" for item in items]
    return out


# ---- relations ------------------------------------------------------------------------------


def relation_lines(record: Record, style: Style, padding: int, link: LinkTarget) -> list[str]:
    """One line per relation, in the form the style's parser reads back (the status line has its own)."""
    mentioned = {
        (r.kind, r.number, r.target) for r in record.relations if r.source == "status" and r.line == record.status_line
    }
    lines = []
    for relation in record.relations:
        if (relation.kind, relation.number, relation.target) in mentioned:
            continue
        lines.append(_relation_line(relation, style, padding, link(relation)))
    return lines


def _relation_line(relation: Relation, style: Style, padding: int, target: str | None) -> str:
    text = _relation_text(relation, style, padding)
    label = _LABELS.get(relation.kind) or relation.label or "Related"
    bullet = style.relation_bullet
    if target:
        reference = f"[{text}]({target})"
        if relation.kind == "related" and not style.adr_tools_links and label.lower() in ("related", "links"):
            return f"{bullet}{reference}"
        return f"{bullet}{label} {reference}"
    # Without a link the label must be a bold one the parser knows.
    if relation.kind == "related":
        label = "Related"
    return f"{bullet}**{label}:** {text}"


def _relation_text(relation: Relation, style: Style, padding: int) -> str:
    if relation.number is None:
        return relation.title or relation.target.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    if style.adr_tools_links:
        return f"{relation.number}. {relation.title}" if relation.title else f"ADR-{padded(relation.number, padding)}"
    base = f"ADR-{padded(relation.number, padding)}"
    return f"{base}: {relation.title}" if relation.title else base
