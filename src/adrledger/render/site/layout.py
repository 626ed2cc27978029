"""The relation graph drawn as SVG at build time: layered components, then a grid of loners.

Laying out in Python keeps the page instant for 10,000 records (a JavaScript layout engine
would spend seconds or minutes in the reader's browser) and needs no script at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Record
from ..identity import Identities, file_key
from ..relations import Edge, edges, node_order

NODE_W = 230
GAP_X, GAP_Y = 70, 18
MARGIN = 24
ROW_WIDTH = 1150  # fits a laptop screen beside the page margins; wider logs scroll
LINE_CHARS = 28  # what fits a line of the box at the page's 13 px
LABEL_LINES = 3
LINE_HEIGHT = 16
BOX_PADDING = 15  # above and below a label's lines


def node_height(lines: int) -> int:
    """Boxes as tall as the longest label of the graph needs (a log of short titles stays compact)."""
    return 2 * BOX_PADDING + LINE_HEIGHT * max(lines, 1)


MAX_ROWS = 30  # a group of hundreds of related records wraps instead of making a page-tall column


@dataclass(frozen=True)
class Node:
    record: Record
    x: int
    y: int


@dataclass(frozen=True)
class GraphLayout:
    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]
    width: int
    height: int
    positions: dict[str, tuple[int, int]]  # by record key (identity.Identities)
    node_h: int
    labels: dict[str, list[str]]  # record key -> the lines of its box's label
    keys: dict[tuple[str, str, int], str]  # identity.file_key(record) -> record key

    def key(self, record: Record) -> str:
        return self.keys[file_key(record)]

    def label_of(self, record: Record) -> list[str]:
        return self.labels[self.key(record)]

    def label_top(self, record: Record) -> int:
        """The baseline of a label's first line, so that its lines sit centred in the box."""
        lines = len(self.label_of(record))
        return (self.node_h - LINE_HEIGHT * lines) // 2 + LINE_HEIGHT - 4


def _components(keys: Sequence[str], links: Sequence[Edge], rank: dict[str, int]) -> list[list[str]]:
    parent = {n: n for n in keys}

    def find(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for edge in links:
        parent[find(edge.source)] = find(edge.target)
    groups: dict[str, list[str]] = {}
    for n in keys:
        groups.setdefault(find(n), []).append(n)
    return sorted(groups.values(), key=lambda g: (-len(g), rank[g[0]]))


def _layers(members: list[str], links: Sequence[Edge]) -> dict[str, int]:
    """Older decisions to the left: a record sits one layer right of what it supersedes or amends."""
    layer = dict.fromkeys(members, 0)
    directed = [e for e in links if e.kind != "related" and e.source in layer]
    for _ in range(len(members)):  # bounded: a cycle in bad data cannot loop forever
        moved = False
        for edge in directed:
            if layer[edge.source] < layer[edge.target] + 1 <= len(members):
                layer[edge.source] = layer[edge.target] + 1
                moved = True
        if not moved:
            break
    return layer


def _place_component(
    members: list[str], links: Sequence[Edge], node_h: int, rank: dict[str, int]
) -> tuple[dict[str, tuple[int, int]], int, int]:
    """Columns by layer; a layer taller than MAX_ROWS wraps into several columns side by side."""
    layer = _layers(members, links)
    columns: dict[int, list[str]] = {}
    for n in sorted(members, key=rank.__getitem__):
        columns.setdefault(layer[n], []).append(n)
    spots = {}
    x = 0
    tallest = 0
    for _, column in sorted(columns.items()):
        for start in range(0, len(column), MAX_ROWS):
            for row, n in enumerate(column[start : start + MAX_ROWS]):
                spots[n] = (x, row * (node_h + GAP_Y))
            tallest = max(tallest, min(len(column) - start, MAX_ROWS))
            x += NODE_W + GAP_X
    return spots, x - GAP_X, tallest * (node_h + GAP_Y) - GAP_Y


def layout(records: Sequence[Record], identities: Identities | None = None) -> GraphLayout:
    """Position every record, numbered or not: related groups first (shelf-packed), loners in a grid."""
    known = identities or Identities.of(records)
    ordered = sorted(records, key=node_order)
    keys = [known.key(r) for r in ordered]
    rank = {key: position for position, key in enumerate(keys)}
    links = edges(records, known)
    labels = {key: label_lines(record) for key, record in zip(keys, ordered)}
    node_h = node_height(max((len(lines) for lines in labels.values()), default=1))
    positions: dict[str, tuple[int, int]] = {}
    x = y = MARGIN
    shelf = 0
    width = 0
    groups = _components(keys, links, rank)
    linked = [g for g in groups if len(g) > 1]
    loners = sorted((n for g in groups if len(g) == 1 for n in g), key=rank.__getitem__)
    for members in linked:
        spots, w, h = _place_component(members, links, node_h, rank)
        if x > MARGIN and x + w > ROW_WIDTH:
            x, y, shelf = MARGIN, y + shelf + GAP_Y * 3, 0
        positions.update({n: (x + dx, y + dy) for n, (dx, dy) in spots.items()})
        width = max(width, x + w)
        x, shelf = x + w + GAP_X * 2, max(shelf, h)
    if loners:
        y = y + shelf + GAP_Y * 3 if linked else y
        per_row = max(1, (max(width, ROW_WIDTH) - MARGIN) // (NODE_W + GAP_Y))
        for i, n in enumerate(loners):
            positions[n] = (MARGIN + (i % per_row) * (NODE_W + GAP_Y), y + (i // per_row) * (node_h + GAP_Y))
        width = max(width, MARGIN + min(len(loners), per_row) * (NODE_W + GAP_Y))
    height = max((py for _, py in positions.values()), default=0) + node_h + MARGIN
    nodes = tuple(Node(known.by_key[n], *positions[n]) for n in sorted(positions, key=rank.__getitem__))
    return GraphLayout(
        nodes,
        tuple(links),
        width + MARGIN,
        height,
        positions,
        node_h,
        labels,
        {file_key(r): key for key, r in zip(keys, ordered)},
    )


def label_lines(record: Record) -> list[str]:
    """The box's label wrapped at word boundaries: whole titles, cut only past three lines."""
    # lazy: textwrap is only needed here (startup cost)
    import textwrap

    title = " ".join((record.title or record.slug or "(untitled)").split())
    text = f"{record.number}. {title}" if record.number is not None else title
    lines = textwrap.wrap(text, LINE_CHARS, break_on_hyphens=False) or [text]
    if len(lines) > LABEL_LINES:
        last = " ".join(lines[LABEL_LINES - 1 :])
        lines = lines[: LABEL_LINES - 1] + [last[: LINE_CHARS - 1].rstrip() + "…"]
    return lines


def edge_path(graph: GraphLayout, edge: Edge) -> str:
    """An SVG path from one box to another: sideways between layers, arched within one."""
    (sx, sy), (tx, ty) = graph.positions[edge.source], graph.positions[edge.target]
    if sx == tx:  # same column: arch out to the right
        x = sx + NODE_W
        y1, y2 = sy + graph.node_h // 2, ty + graph.node_h // 2
        bend = x + 40 + abs(y2 - y1) // 6
        return f"M{x},{y1} C{bend},{y1} {bend},{y2} {x},{y2}"
    if sx > tx:  # newer on the right points back at the older one on the left
        x1, x2 = sx, tx + NODE_W
    else:
        x1, x2 = sx + NODE_W, tx
    y1, y2 = sy + graph.node_h // 2, ty + graph.node_h // 2
    mid = (x1 + x2) // 2
    return f"M{x1},{y1} C{mid},{y1} {mid},{y2} {x2},{y2}"
