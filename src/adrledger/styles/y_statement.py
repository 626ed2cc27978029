"""The Y-statement (Zdun et al.): the whole decision in one sentence of six clauses.

    In the context of <use case>, facing <concern>, we decided for <option> and neglected
    <other options>, to achieve <quality>, accepting <downside>.

The sentence lives under a "Y-Statement" heading. Reading maps its clauses onto the model: the
use case and concern give the context, the option the decision and the chosen alternative, the
neglected options the rejected alternatives, the quality the decision drivers, the downside the
negative consequences (a sentence without one names none: lint's ADR604 says so). A section of
the record's own (Context, Alternatives Considered, ...) wins over its clause. Writing composes
the sentence from the model of any other style; the sections that say more follow it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ._base import Style, slot

if TYPE_CHECKING:
    from ..model import Record, Section

TITLE = "Y-Statement"
# Clause markers in the order the sentence states them; "because" is the optional seventh clause.
_CLAUSES = (
    ("use_case", r"in the context of"),
    ("concern", r"facing"),
    ("option", r"we (?:decided|chose|have decided|opted) for"),
    ("neglected", r"and neglected"),
    ("quality", r"(?:in order )?to achieve"),
    ("downside", r"accepting(?: that)?"),
    ("because", r"because"),
)
# Patterns as text: every command imports the registry, so they are compiled (and cached by re) on first use.
_MARKER = "|".join(f"(?P<{name}>(?<![\\w-]){pattern}(?![\\w-]))" for name, pattern in _CLAUSES)
_COMMENT = r"<!--.*?-->"
_OPTIONS_SPLIT = r"\s*(?:,|;|\band\b|\bor\b|\bnor\b)\s*(?:and\s+|or\s+)?"
_QUALITIES_SPLIT = r"\s*[,;]\s*(?:and\s+)?"


def clauses(text: str) -> dict[str, str]:
    """The clauses of a Y-statement, by name; a clause left out or left as a placeholder is absent."""
    plain = " ".join(re.sub(_COMMENT, " ", text, flags=re.DOTALL).replace("**", "").replace("__", "").split())
    found: dict[str, str] = {}
    marks = list(re.finditer(_MARKER, plain, re.IGNORECASE))
    for index, mark in enumerate(marks):
        name = mark.lastgroup or ""
        end = marks[index + 1].start() if index + 1 < len(marks) else len(plain)
        value = plain[mark.end() : end].strip().strip(",;").strip()
        value = value.rstrip(".").strip() if index + 1 == len(marks) else value
        if value and name not in found and not _is_placeholder(value):
            found[name] = value
    return found


def _is_placeholder(value: str) -> bool:
    return bool(re.fullmatch(r"[<\[{(].*[>\]})]|\.*|…", value))


def _items(value: str, separators: str) -> tuple[str, ...]:
    return tuple(item.strip(" .") for item in re.split(separators, value, flags=re.IGNORECASE) if item.strip(" ."))


def _statement_section(record: Record) -> Section | None:
    top = [s for s in record.sections if s.key == "statement"]
    return top[0] if top else None


def read(record: Record, lines: Sequence[str]) -> Record:
    """The record with the parts its sentence states, where no section of its own states them."""
    # lazy: keeps model off this module's import
    from ..model import Alternative, Consequences

    section = _statement_section(record)
    if section is None:
        return record
    body = lines[section.line - record.start_line + 1 : section.body_end_line - record.start_line + 1]
    found = clauses(" ".join(body))
    if not found:
        return record
    changes: dict[str, object] = {}
    if not record.context and "use_case" in found:
        facing = f", facing {found['concern']}" if "concern" in found else ""
        changes["context"] = f"In the context of {found['use_case']}{facing}."
    if not record.decision and "option" in found:
        changes["decision"] = f"We decided for {found['option']}."
    neglected = _items(found.get("neglected", ""), _OPTIONS_SPLIT)
    if not record.alternatives and "option" in found and neglected:
        options = [Alternative(found["option"], verdict="chosen", line=section.line)]
        options += [Alternative(name, verdict="rejected", line=section.line) for name in neglected]
        changes["alternatives"] = tuple(options)
    if not record.drivers and "quality" in found:
        changes["drivers"] = _items(found["quality"], _QUALITIES_SPLIT)
    if not record.consequences.line:  # no section of its own: a sentence without "accepting" names no downside
        downside = (found["downside"],) if "downside" in found else ()
        changes["consequences"] = Consequences(negative=downside, line=section.line, structured=True)
    return replace(record, **changes) if changes else record  # type: ignore[arg-type]


def compose(record: Record) -> list[str]:
    """The sentence for a record written in another style: one clause a line, clauses it lacks left out."""
    chosen = [a.name for a in record.alternatives if a.verdict == "chosen"]
    others = [a.name for a in record.alternatives if a.verdict != "chosen"]
    decided = re.sub(_DECIDED, "", _first_sentence(record.decision), count=1, flags=re.IGNORECASE)
    option = " and ".join(chosen) or decided
    quality = record.drivers or record.consequences.positive
    parts = [
        ("In the context of", _first_sentence(record.context)),
        ("we decided for", option),
        ("and neglected", ", ".join(others) if chosen else ""),
        ("to achieve", "; ".join(_first_sentence(q) for q in quality)),
        ("accepting", "; ".join(_first_sentence(n) for n in record.consequences.negative)),
    ]
    stated = [f"{marker} {value}" for marker, value in parts if value]
    if not stated:
        return []
    lines = [line + "," for line in stated[:-1]] + [stated[-1] + "."]
    return [lines[0][0].upper() + lines[0][1:], *lines[1:]]


_DECIDED = r"we\s+(?:will|shall|decided\s+to|have\s+decided\s+to|chose\s+to)\s+"


def _first_sentence(text: str) -> str:
    """The first sentence of a paragraph, without its full stop, in lower case unless it starts a name."""
    sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0].rstrip(".!?").strip()
    return sentence[:1].lower() + sentence[1:] if sentence[1:2].islower() else sentence


STYLE = Style(
    name="y-statement",
    summary="Y-statement: the decision in one sentence (context, concern, option, neglected, quality, downside)",
    required=("statement",),
    layout=(
        slot("statement", TITLE),
        slot("context", "Context"),
        slot("drivers", "Decision Drivers"),
        slot("alternatives", "Alternatives Considered"),
        slot("decision", "Decision"),
        slot("rationale", "Rationale"),
        slot("consequences", "Consequences"),
        slot("related", "Related Decisions"),
        slot("references", "References"),
    ),
    # A heading named after the style is decisive: it outweighs the sections a converted record carries.
    title_weights={TITLE.lower(): 30, "y statement": 30},
    headings={TITLE.lower(): "statement", "y statement": "statement"},
    read=read,
    states=frozenset({"context", "decision", "alternatives", "drivers", "consequences"}),
    section_names={"statement": TITLE},
    init_fills={
        TITLE: (
            "In the context of a codebase whose architecture changes every week,\n"
            "facing decisions whose reasons are forgotten within months,\n"
            "we decided for numbered decision records in the repository\n"
            "and neglected a wiki page per decision,\n"
            "to achieve reasons that are reviewed and versioned with the code,\n"
            "accepting the time it takes to write each record."
        ),
    },
    metadata_form="bold-spaced",
    alternative_shapes=frozenset(
        {"table", "list", "sections", "alternative-sections", "option-sections", "grouped", "madr"}
    ),
    compose={"statement": compose},
)
