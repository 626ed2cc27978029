"""The relation graph drawn as SVG at build time: layered components, then a grid of loners.

Laying out in Python keeps the page instant for 10,000 records (a JavaScript layout engine
would spend seconds or minutes in the reader's browser) and needs no script at all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ...model import Record
from ..relations import Edge, edges, numbered

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
    positions: dict[int, tuple[int, int]]
    node_h: int
    labels: dict[int, list[str]]  # number -> the lines of its box's label

    def label_top(self, number: int) -> int:
        """The baseline of a label's first line, so that its lines sit centred in the box."""
        lines = len(self.labels[number])
        return (self.node_h - LINE_HEIGHT * lines) // 2 + LINE_HEIGHT - 4


def _components(numbers: Sequence[int], links: Sequence[Edge]) -> list[list[int]]:
    parent = {n: n for n in numbers}

    def find(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for edge in links:
        parent[find(edge.source)] = find(edge.target)
    groups: dict[int, list[int]] = {}
    for n in numbers:
        groups.setdefault(find(n), []).append(n)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))


def _layers(members: list[int], links: Sequence[Edge]) -> dict[int, int]:
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


def _place_component(members: list[int], links: Sequence[Edge],
                     node_h: int) -> tuple[dict[int, tuple[int, int]], int, int]:
    """Columns by layer; a layer taller than MAX_ROWS wraps into several columns side by side."""
    layer = _layers(members, links)
    columns: dict[int, list[int]] = {}
    for n in sorted(members):
        columns.setdefault(layer[n], []).append(n)
    spots = {}
    x = 0
    tallest = 0
    for _, column in sorted(columns.items()):
        for start in range(0, len(column), MAX_ROWS):
            for row, n in enumerate(column[start:start + MAX_ROWS]):
                spots[n] = (x, row * (node_h + GAP_Y))
            tallest = max(tallest, min(len(column) - start, MAX_ROWS))
            x += NODE_W + GAP_X
    return spots, x - GAP_X, tallest * (node_h + GAP_Y) - GAP_Y


def layout(records: Sequence[Record]) -> GraphLayout:
    """Position every numbered record: related groups first (shelf-packed), loners in a grid."""
    known = numbered(records)
    links = edges(records)
    labels = {n: label_lines(record) for n, record in known.items()}
    node_h = node_height(max((len(lines) for lines in labels.values()), default=1))
    positions: dict[int, tuple[int, int]] = {}
    x = y = MARGIN
    shelf = 0
    width = 0
    groups = _components(sorted(known), links)
    linked = [g for g in groups if len(g) > 1]
    loners = sorted(n for g in groups if len(g) == 1 for n in g)
    for members in linked:
        spots, w, h = _place_component(members, links, node_h)
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
    nodes = tuple(Node(known[n], *positions[n]) for n in sorted(positions))
    return GraphLayout(nodes, tuple(links), width + MARGIN, height, positions, node_h, labels)


def label_lines(record: Record) -> list[str]:
    """The box's label wrapped at word boundaries: whole titles, cut only past three lines."""
    import textwrap

    text = f"{record.number}. {' '.join((record.title or '(untitled)').split())}"
    lines = textwrap.wrap(text, LINE_CHARS, break_on_hyphens=False) or [text]
    if len(lines) > LABEL_LINES:
        last = " ".join(lines[LABEL_LINES - 1:])
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
