"""What a record page gains: a header (status badge, date, deciders, tags, relations as links) and a
banner on retired decisions naming their successor. HTML, every record value escaped."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from ...model import Record
from ..graph import STATUS_STYLE
from ..identity import Identities
from ..relations import Edge, node_order

# (edge kind, this record's side of the edge, label), in the order the header lists them.
RELATION_LABELS = (
    ("supersedes", "source", "Supersedes"),
    ("supersedes", "target", "Superseded by"),
    ("amends", "source", "Amends"),
    ("amends", "target", "Amended by"),
    ("related", "either", "Related"),
)
BANNERS = {
    "superseded": ("warning", "Superseded"),
    "deprecated": ("warning", "Deprecated"),
    "rejected": ("danger", "Rejected"),
}
CSS_PATH = "assets/adrledger/adrledger.css"
_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")

UrlOf = Callable[[Record], "str | None"]  # the page of a record, relative to the page being written


@dataclass(frozen=True)
class Related:
    """The records one record is linked to, by relation label, in RELATION_LABELS order."""

    groups: tuple[tuple[str, tuple[Record, ...]], ...]

    def of(self, label: str) -> tuple[Record, ...]:
        return next((records for name, records in self.groups if name == label), ())


def adjacency(edges: Sequence[Edge]) -> dict[str, list[Edge]]:
    """Each record key's edges (identity.Identities), either side."""
    found: dict[str, list[Edge]] = {}
    for edge in edges:
        found.setdefault(edge.source, []).append(edge)
        found.setdefault(edge.target, []).append(edge)
    return found


def related(record: Record, edges_of: dict[str, list[Edge]], identities: Identities) -> Related:
    """The record's relations, from whichever side of the log states them; every record file has its own."""
    key = identities.key(record)
    mine = edges_of.get(key, [])
    groups = []
    for kind, side, label in RELATION_LABELS:
        keys = {
            other
            for edge in mine
            if edge.kind == kind
            if (other := _other(edge, key, side)) is not None and other in identities.by_key
        }
        if keys:
            others = sorted((identities.by_key[k] for k in keys), key=node_order)
            groups.append((label, tuple(others)))
    return Related(tuple(groups))


def _other(edge: Edge, key: str, side: str) -> str | None:
    if side in ("source", "either") and edge.source == key:
        return edge.target
    if side in ("target", "either") and edge.target == key:
        return edge.source
    return None


def badge(status: str, raw: str | None = None) -> str:
    """A status badge; its tooltip is the status as the record words it (links reduced to their text)."""
    worded = " ".join(_LINK.sub(r"\1", raw).split()) if raw else ""
    title = f' title="{escape(worded)}"' if worded and worded.lower() != status else ""
    return f'<span class="adrledger-badge adrledger-status-{escape(status)}"{title}>{escape(status)}</span>'


def record_link(record: Record, url_of: UrlOf) -> str:
    """`ADR-0007: Title` linking to the record's page (plain text when it has none in the site)."""
    label = escape(f"{_label(record)}: {' '.join(record.title.split())}" if record.title else _label(record))
    url = url_of(record)
    return f'<a href="{escape(url)}">{label}</a>' if url is not None else label


def _label(record: Record) -> str:
    return f"ADR-{record.number:04d}" if record.number is not None else record.slug


def header_html(record: Record, links: Related, url_of: UrlOf) -> str:
    """The block under a record's title: badge, date, deciders, tags, then its relations."""
    facts = [badge(record.status, record.status_raw)]
    date = record.date or record.date_raw
    if date:
        facts.append(f'<span class="adrledger-date">{escape(date)}</span>')
    if record.deciders:
        facts.append(f'<span class="adrledger-deciders">Deciders: {escape(", ".join(record.deciders))}</span>')
    if record.tags:
        tags = "".join(f'<span class="adrledger-tag">{escape(tag)}</span>' for tag in record.tags)
        facts.append(f'<span class="adrledger-tags">{tags}</span>')
    lines = [
        f'<div class="adrledger-header" data-adr-status="{escape(record.status)}">',
        f'<p class="adrledger-facts">{" ".join(facts)}</p>',
    ]
    for label, records in links.groups:
        targets = ", ".join(record_link(other, url_of) for other in records)
        lines.append(f'<p class="adrledger-relation">{escape(label)} {targets}</p>')
    lines.append("</div>")
    return "\n".join(lines)


def banner_html(record: Record, links: Related, url_of: UrlOf) -> str:
    """An admonition on a superseded, deprecated or rejected record, naming what replaced it."""
    if record.status not in BANNERS:
        return ""
    kind, title = BANNERS[record.status]
    successors = links.of("Superseded by")
    if successors:
        named = ", ".join(record_link(other, url_of) for other in successors)
        text = f"This decision was {escape(title.lower())}: {named} replaces it."
    else:
        text = {
            "superseded": "This decision was superseded; the record does not name its successor.",
            "deprecated": "This decision is deprecated: it no longer applies.",
            "rejected": "This decision was rejected: it was never put into effect.",
        }[record.status]
    return (
        f'<div class="admonition {kind} adrledger-banner" role="note">\n'
        f'<p class="admonition-title">{escape(title)}</p>\n<p>{text}</p>\n</div>'
    )


def stylesheet() -> str:
    """The plugin's CSS: badge colours are the relation graph's status colours, in every theme."""
    rules = [
        ".adrledger-header{margin:.2em 0 1.2em;font-size:.9em}",
        ".adrledger-facts{display:flex;flex-wrap:wrap;gap:.3em .9em;align-items:center;margin:0 0 .3em}",
        ".adrledger-relation{margin:0 0 .2em}",
        ".adrledger-badge{display:inline-block;padding:0 .6em;border:1px solid;border-radius:1em;"
        "font-weight:600;font-size:.85em;line-height:1.6;white-space:nowrap}",
        ".adrledger-tag{display:inline-block;margin-right:.3em;padding:0 .5em;border-radius:.3em;"
        "background:rgba(127,127,127,.15);font-size:.85em}",
        ".adrledger-banner{border-left:.3em solid #d9480f;padding:.4em .9em}",
        ".adrledger-graph{overflow-x:auto}",
        ".adrledger-graph a,.adrledger-graph text{text-decoration:none}",
        ".adrledger-index table th,.adrledger-index table td{padding:.25em .75em;vertical-align:middle}",
    ]
    for status, (fill, stroke, text) in STATUS_STYLE.items():
        rules.append(f".adrledger-status-{status}{{background:{fill};border-color:{stroke};color:{text}}}")
    return "\n".join(rules) + "\n"
