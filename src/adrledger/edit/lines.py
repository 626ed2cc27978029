"""Line-level surgery for the record editors: where a value sits on a line, and how to replace
it without disturbing its neighbours (emphasis, list markers, table padding, YAML quoting)."""

from __future__ import annotations

import re

from ..parse import lexer
from ..parse.vocab import METADATA_KEYS

_STATUS_KEY = "|".join(
    sorted((re.escape(k).replace("\\ ", r"\s+") for k in METADATA_KEYS["status"]), key=len, reverse=True)
)
# The key of a metadata field and everything up to its value: "**Status:** ", "* Status: ", "| **Status**: ".
_KEY_PREFIX = re.compile(
    # No two quantifiers over spaces side by side: a run of spaces is then scanned once, not once per split.
    rf"(?:^\s*(?:>\s*)*(?:[-*+]\s+)?|\|\s*)(?:(?:\*\*|__)\s*)?(?:{_STATUS_KEY})\s*(?:(?:\*\*|__)\s*)?:\s*"
    rf"(?:(?:\*\*|__)[ \t]*)?",
    re.IGNORECASE,
)
# Where an inline field ends: " | **Date**: ..." starts the next one. Tried only where a run of spaces
# starts (searched from inside a run, "\s+" would scan the rest of it once per position): linear.
_NEXT_FIELD = re.compile(r"(?<!\s)\s+\|\s+(?:\*\*|__)?[A-Za-z][\w /-]{0,30}(?:\*\*|__)?\s*:")
_WRAPPED = re.compile(r"^(\*\*|__|\*|_|`)(.+)\1$")
_LEADING_SYMBOLS = re.compile(r"^([^\w\s\[\]*_`<]+\s*)")
RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,})$")
EMOJI_BY_STATUS = {
    "accepted": "✅",
    "rejected": "❌",
    "deprecated": "⚠️",
    "superseded": "🔄",
    "proposed": "⏸️",
    "draft": "📝",
}
_KNOWN_EMOJI = ("✅", "✔", "❌", "🚫", "⚠", "⏸", "🟡", "🔄", "📝")


def status_value_span(line: str) -> tuple[int, int] | None:
    """The span of the value of a status field on a metadata line, or None when there is none."""
    match = _KEY_PREFIX.search(line)
    if match is None:
        return None
    start = match.end()
    following = _NEXT_FIELD.search(line[start:])  # a slice: the run of spaces at `start` counts as a start
    end = start + following.start() if following else len(line.rstrip())
    if line.lstrip().startswith("|") and following is None:
        cell_end = _next_pipe(line, start)
        end = cell_end if cell_end is not None else end
        while end > start and line[end - 1] in " \t":
            end -= 1
    while end > start and line[end - 1] in " \t":
        end -= 1
    return start, max(end, start)


def _next_pipe(line: str, start: int) -> int | None:
    index = start
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        if line[index] == "|":
            return index
        index += 1
    return None


def restyle_value(old: str, new: str, status: str) -> str:
    """`new` written the way `old` was: same emphasis wrapper, emoji prefix and initial case."""
    wrapped = _WRAPPED.match(old.strip())
    inner = wrapped.group(2) if wrapped else old.strip()
    symbols = _LEADING_SYMBOLS.match(inner)
    prefix = ""
    if symbols and any(e in symbols.group(1) for e in _KNOWN_EMOJI):
        emoji = EMOJI_BY_STATUS.get(status)
        prefix = emoji + (" " if symbols.group(1).endswith(" ") else "") if emoji else ""
        inner = inner[symbols.end() :]
    letters = [c for c in inner if c.isalpha()]
    if letters and letters[0].islower():
        new = new[:1].lower() + new[1:]
    value = prefix + new
    return f"{wrapped.group(1)}{value}{wrapped.group(1)}" if wrapped else value


def replace_span(line: str, span: tuple[int, int], value: str) -> str:
    return line[: span[0]] + value + line[span[1] :]


def table_cells(line: str) -> list[tuple[int, int]]:
    """Spans of the cells of a Markdown table row (between unescaped pipes)."""
    pipes = []
    index = 0
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        if line[index] == "|":
            pipes.append(index)
        index += 1
    stripped = line.strip()
    if not stripped.startswith("|"):
        pipes.insert(0, -1)
    if not stripped.endswith("|") or len(pipes) < 2:
        pipes.append(len(line.rstrip()))
    return [(pipes[i] + 1, pipes[i + 1]) for i in range(len(pipes) - 1)]


def cell_text(line: str, span: tuple[int, int]) -> str:
    return line[span[0] : span[1]].strip()


def replace_cell(line: str, span: tuple[int, int], value: str) -> str:
    """Put `value` in a cell, keeping the cell's width when the value fits (aligned tables stay aligned)."""
    cell = line[span[0] : span[1]]
    lead = cell[: len(cell) - len(cell.lstrip())] or " "
    width = len(cell)
    body = lead + value
    body = body.ljust(width - 1) + " " if len(body) < width else body + " "
    return line[: span[0]] + body + line[span[1] :]


def table_row(cells: list[str], separator: str | None) -> str:
    """A new table row whose cells are padded to the widths of the table's separator row."""
    widths = [len(separator[a:b]) for a, b in table_cells(separator)] if separator else []
    parts = []
    for index, text in enumerate(cells):
        width = widths[index] if index < len(widths) else 0
        body = f" {text}"
        parts.append(body.ljust(width - 1) + " " if len(body) < width else body + " ")
    return "|" + "|".join(parts) + "|"


def escape_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def is_table_row(line: str) -> bool:
    return line.lstrip().startswith("|")


def is_separator_row(line: str) -> bool:
    return bool(re.fullmatch(r"\s*\|?\s*:?-{1,}:?\s*(?:\|\s*:?-{1,}:?\s*)*\|?\s*", line))


def is_list_item(line: str) -> bool:
    return lexer.list_item(line) is not None


def list_marker(line: str) -> str:
    return lexer.list_marker(line)


def front_matter_range(lines: list[str]) -> tuple[int, int] | None:
    """(first, last) line indexes of the --- fences of YAML front matter, when the file has it (as the
    parser reads it: a rule, prose and a rule are no front matter to edit)."""
    return lexer.front_matter_span(lines)


# The value runs up to a comment (spaces, then "#"): each run of spaces is looked at once, not from each
# of its positions as a lazy value followed by "\s+#" would.
_YAML_KEY = re.compile(
    r"^(?P<key>[A-Za-z_][\w-]*)(?P<sep>\s*:[ \t]*)(?P<value>(?:\S|\s+(?![#\s]))*)"
    r"(?P<comment>\s+#.*)?$"
)


def front_matter_key(lines: list[str], key: str) -> tuple[int, tuple[int, int]] | None:
    """(line index, value span) of a top-level front matter key."""
    bounds = front_matter_range(lines)
    if bounds is None:
        return None
    for index in range(bounds[0] + 1, bounds[1]):
        match = _YAML_KEY.match(lines[index])
        if match and match.group("key").lower() == key:
            return index, (match.start("value"), match.end("value"))
    return None


def yaml_scalar(value: str, old: str) -> str:
    """`value` as a YAML scalar, quoted the way the old value was (or when YAML needs it)."""
    if old[:1] == "'" or (old[:1] != '"' and _needs_quotes(value) and "'" not in value):
        return "'" + value.replace("'", "''") + "'"
    if old[:1] == '"' or _needs_quotes(value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def _needs_quotes(value: str) -> bool:
    return not value or value[0] in "[]{}&*!|>'\"%@`#,?:-" or ": " in value or " #" in value or value.strip() != value
