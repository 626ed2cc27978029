"""The relation graph as Mermaid or Graphviz DOT text: supersedes, amends and related edges."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..model import Record
from .relations import Edge, edges, numbered, status_rank

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


def select(records: Sequence[Record], statuses: Iterable[str] = ()) -> tuple[list[Record], list[Edge]]:
    """Numbered records (optionally of some statuses) and the edges between them."""
    wanted = set(statuses)
    nodes = [r for r in numbered(records).values() if not wanted or r.status in wanted]
    kept = {r.number for r in nodes}
    return sorted(nodes, key=lambda r: r.number or 0), [
        e for e in edges(records) if e.source in kept and e.target in kept]


def node_label(record: Record) -> str:
    title = " ".join((record.title or "(untitled)").split())
    return f"{record.number}. {title}"


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
    nodes, links = select(records, statuses)
    lines = ["flowchart LR"]
    lines += [f'  n{r.number}["{mermaid_text(node_label(r))}"]' for r in nodes]
    for edge in links:
        arrow = {"supersedes": "-->", "amends": "-.->", "related": "---"}[edge.kind]
        lines.append(f"  n{edge.source} {arrow}|{EDGE_LABEL[edge.kind]}| n{edge.target}")
    by_status: dict[str, list[str]] = {}
    for record in nodes:
        by_status.setdefault(record.status, []).append(f"n{record.number}")
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
    nodes, links = select(records, statuses)
    lines = ["digraph adr {", "  rankdir=LR;", '  node [shape=box, style="rounded,filled", fontname="Helvetica"];',
             '  edge [fontname="Helvetica", fontsize=10];']
    for record in nodes:
        fill, stroke, color = STATUS_STYLE.get(record.status, STATUS_STYLE["other"])
        style = '"rounded,filled,dashed"' if record.status in DASHED else '"rounded,filled"'
        lines.append(f"  n{record.number} [label={dot_string(node_label(record))}, style={style}, "
                     f'fillcolor="{fill}", color="{stroke}", fontcolor="{color}", '
                     f"tooltip={dot_string(record.status)}];")
    for edge in links:
        attributes = {"supersedes": "", "amends": ", style=dashed", "related": ", style=dotted, dir=none"}
        lines.append(f'  n{edge.source} -> n{edge.target} [label="{EDGE_LABEL[edge.kind]}"'
                     f"{attributes[edge.kind]}];")
    lines.append("}")
    return "\n".join(lines) + "\n"
