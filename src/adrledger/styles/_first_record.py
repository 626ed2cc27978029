"""The first record of a new log, "Record architecture decisions": the prose every style shares,
and how a style's template is filled with it."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ._base import Style

CONTEXT = (
    "Architectural choices get made every week, in meetings, chats and pull requests. A few months later "
    "nobody can say why a choice was made, which options were weighed, or whether it still holds, and new "
    "colleagues have no way to find out."
)
DECISION = (
    "We will record every significant architectural decision as a numbered Markdown record in this folder, "
    "one file per decision, and keep the log consistent with adrledger (`adr lint` runs in CI)."
)
RATIONALE = (
    "Records kept beside the code are reviewed with the code and cannot drift into a forgotten wiki. "
    "Numbered, immutable records with explicit supersession show what holds today and how we got here."
)
POSITIVE = "- The reasons behind the architecture are written down where the code lives."
NEGATIVE = "- Each significant decision costs the time it takes to write its record."
NEUTRAL = "- Accepted records are not rewritten: a change of mind is a new record that supersedes the old one."


def first_record(style: Style) -> str:
    """The style's template with the first record's content filled in (tokens left for create)."""
    # lazy: importlib is only needed here (startup cost)
    from importlib.resources import files

    text = files("adrledger").joinpath(f"templates/{style.template_file}").read_text(encoding="utf-8")
    return drop_empty_sections(fill_sections(text, dict(style.init_fills)))


# Patterns as text, compiled (and cached by re) on first use: every command imports the style modules.
_COMMENT = r"<!--.*?-->"
_EMPTY_ITEM = r"(?:[-*+]|\d+\.)?\s*(?:\[[ x]\])?\s*$"


def drop_empty_sections(text: str) -> str:
    """Remove optional sections that only hold the template's guidance: the first record is complete."""
    while True:
        lines = text.split("\n")
        headings = [i for i, line in enumerate(lines) if re.match(r"#{2,6}\s", line)]
        for position, start in enumerate(headings):
            end = headings[position + 1] if position + 1 < len(headings) else len(lines)
            level = len(lines[start]) - len(lines[start].lstrip("#"))
            nested = end < len(lines) and len(lines[end]) - len(lines[end].lstrip("#")) > level
            body = [re.sub(_COMMENT, "", line).strip() for line in lines[start + 1 : end]]
            if not nested and all(line == "---" or re.fullmatch(_EMPTY_ITEM, line) for line in body):
                text = "\n".join(lines[:start] + lines[end:])
                break
        else:
            return text


def fill_sections(text: str, fills: dict[str, str]) -> str:
    """Replace the whole body under each named heading (sub-headings included) with new Markdown."""
    output: list[str] = []
    skip_level = 0  # while filling, drop lines until a heading of this level or higher
    pending = dict(fills)
    for line in text.split("\n"):
        heading = re.match(r"(#{1,6})\s+(.*?)\s*$", line)
        if heading:
            level = len(heading.group(1))
            if skip_level and level > skip_level:
                continue
            skip_level = 0
            output.append(line)
            name = re.sub(r"\s*<!--.*?-->\s*", "", heading.group(2))
            if name in pending:
                output.extend(["", pending.pop(name), ""])
                skip_level = level
            continue
        if not skip_level:
            output.append(line)
    return "\n".join(output)
