"""The relation graph as Mermaid or Graphviz DOT text: supersedes, amends and related edges."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ..model import Record
from .identity import Identities
from .relations import Edge, edges, node_order, status_rank

# Fill, border and text colour per status; retired decisions are drawn dashed and muted.
STATUS_STYLE: dict[str, tuple[str, str, str]] = {
    "accepted": ("#d8f3dc", "#2d6a4f", "#1b4332"),
    "proposed": ("#fff3bf", "#b08900", "#5c4400"),
    "draft": ("#f1f3f5", "#868e96", "#343a40"),
    "superseded": ("#e9ecef", "#6c757d", "#495057"),
    "deprecated": ("#ffe8cc", "#d9480f", "#7c2d12"),
    "rejected": ("#ffe3e3", "#c92a2a", "#7f1d1d"),
    "other": ("#ffffff", "#495057", "#212529"),
}
DASHED = {"superseded", "deprecated", "rejected"}
EDGE_LABEL = {"supersedes": "supersedes", "amends": "amends", "related": "related"}


def select(records: Sequence[Record], statuses: Iterable[str] = ()) -> tuple[list[Record], list[Edge], dict[str, str]]:
    """Every record (optionally of some statuses), the edges between them, and each one's node id by key."""
    wanted = set(statuses)
    identities = Identities.of(records)
    nodes = sorted((r for r in records if not wanted or r.status in wanted), key=node_order)
    ids = node_ids(nodes, identities)
    links = [e for e in edges(records, identities) if e.source in ids and e.target in ids]
    return nodes, links, ids


def node_ids(nodes: Sequence[Record], identities: Identities) -> dict[str, str]:
    """A node id per record key, safe in Mermaid and DOT: n12 for record 12, n_ and the key's letters else."""
    ids: dict[str, str] = {}
    used: set[str] = set()
    for record in nodes:
        key = identities.key(record)
        plain = record.number is not None and key == f"{record.number:04d}"
        candidate = f"n{record.number}" if plain else "n_" + re.sub(r"[^A-Za-z0-9]", "_", key)
        while candidate in used:
            candidate += "_"
        used.add(candidate)
        ids[key] = candidate
    return ids


def node_label(record: Record) -> str:
    title = " ".join((record.title or record.slug or "(untitled)").split())
    return f"{record.number}. {title}" if record.number is not None else title


# ---- Mermaid -------------------------------------------------------------------------------


def mermaid_text(label: str) -> str:
    """Escape a label for a quoted Mermaid node: entity codes for every character Mermaid reads."""
    out = []
    for char in label:
        if char in '"#<>&`[](){}|;\\':
            out.append(f"#{ord(char)};")
        else:
            out.append(char)
    return "".join(out)


def to_mermaid(records: Sequence[Record], statuses: Iterable[str] = ()) -> str:
    """A Mermaid flowchart: one node per record, classes by status, labelled edges."""
    nodes, links, ids = select(records, statuses)
    keys = list(ids)
    lines = ["flowchart LR"]
    lines += [f'  {ids[key]}["{mermaid_text(node_label(r))}"]' for key, r in zip(keys, nodes)]
    for edge in links:
        arrow = {"supersedes": "-->", "amends": "-.->", "related": "---"}[edge.kind]
        lines.append(f"  {ids[edge.source]} {arrow}|{EDGE_LABEL[edge.kind]}| {ids[edge.target]}")
    by_status: dict[str, list[str]] = {}
    for key, record in zip(keys, nodes):
        by_status.setdefault(record.status, []).append(ids[key])
    for status in sorted(by_status, key=status_rank):
        fill, stroke, color = STATUS_STYLE.get(status, STATUS_STYLE["other"])
        dash = ",stroke-dasharray:5 3" if status in DASHED else ""
        lines.append(f"  classDef {status} fill:{fill},stroke:{stroke},color:{color}{dash}")
        lines.append(f"  class {','.join(by_status[status])} {status}")
    return "\n".join(lines) + "\n"


# ---- Graphviz DOT --------------------------------------------------------------------------


def dot_string(text: str) -> str:
    """A double-quoted DOT string: backslashes and quotes escaped, no raw line breaks."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + escaped.replace("\r", " ").replace("\n", " ") + '"'


def to_dot(records: Sequence[Record], statuses: Iterable[str] = ()) -> str:
    """A Graphviz digraph: filled boxes coloured by status, dashed when the decision is retired."""
    nodes, links, ids = select(records, statuses)
    lines = [
        "digraph adr {",
        "  rankdir=LR;",
        '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize=10];',
    ]
    for key, record in zip(ids, nodes):
        fill, stroke, color = STATUS_STYLE.get(record.status, STATUS_STYLE["other"])
        style = '"rounded,filled,dashed"' if record.status in DASHED else '"rounded,filled"'
        lines.append(
            f"  {ids[key]} [label={dot_string(node_label(record))}, style={style}, "
            f'fillcolor="{fill}", color="{stroke}", fontcolor="{color}", '
            f"tooltip={dot_string(record.status)}];"
        )
    for edge in links:
        attributes = {"supersedes": "", "amends": ", style=dashed", "related": ", style=dotted, dir=none"}
        lines.append(
            f'  {ids[edge.source]} -> {ids[edge.target]} [label="{EDGE_LABEL[edge.kind]}"{attributes[edge.kind]}];'
        )
    lines.append("}")
    return "\n".join(lines) + "\n"
