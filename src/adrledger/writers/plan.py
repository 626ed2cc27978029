"""Where each part of the source record goes in the target style."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..styles import STYLES, Style
from .source import CONSEQUENCE_PARTS, SourceView, Unit, metadata_residue, prose_residue

_MARKS = re.compile(r"\s*[-*+]\s+(?:✅|✔|👍|➕|🟢|❌|✖|👎|➖|🔴|⛔|⚠|ℹ|🟡|➡|⏸)")
_PREFIX = re.compile(r"(alternative|option)\s*\d+\s*:", re.IGNORECASE)
_GOOD_BAD = re.compile(r"\s*[-*+]\s+(?:good|bad|neutral|pro|con)\s*(?:,\s*because|:)", re.IGNORECASE)


@dataclass
class Plan:
    slots: dict[str, list[Unit]] = field(default_factory=dict)
    notes: list[Unit] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)  # metadata-area lines the model does not hold
    status_residue: list[str] = field(default_factory=list)
    render_alternatives: bool = False
    alternative_residue: list[str] = field(default_factory=list)
    render_consequences: bool = False
    consequence_residue: list[str] = field(default_factory=list)
    consequence_extras: list[Unit] = field(default_factory=list)
    carried_lines: set[int] = field(default_factory=set)  # source lines copied as written
    stated: set[str] = field(default_factory=set)  # parts the source states outside sections: from the model


def make_plan(view: SourceView, style: Style) -> Plan:
    keys = style.slot_keys()
    plan = Plan(extras=view.preamble_extras())
    alternatives: list[Unit] = []
    consequences: list[Unit] = []
    for unit in view.units(keys):
        if unit.key in ("status", "document_info"):
            _metadata_unit(view, unit, plan)
        elif unit.key in ("alternatives", "pros_cons"):
            alternatives.append(unit)
        elif unit.key == "consequences":
            consequences.append(unit)
        elif unit.key is not None and (unit.key in keys or unit.key == "notes"):
            plan.slots.setdefault(unit.key, []).append(unit)
        else:
            plan.notes.append(unit)
    _place_alternatives(view, style, alternatives, plan)
    _place_consequences(view, style, consequences, plan)
    _place_stated(view, {unit.key for unit in [*alternatives, *consequences]} | set(plan.slots), plan)
    for units in [*plan.slots.values(), plan.notes]:
        for unit in units:
            plan.carried_lines.update(_lines_of(unit))
    return plan


def _metadata_unit(view: SourceView, unit: Unit, plan: Plan) -> None:
    """Status and Document Info sections: the model renders them; keep only what it does not hold."""
    direct = view.direct_lines(unit)
    if unit.key == "document_info":
        plan.extras += metadata_residue(direct)
        return
    record = view.record
    relation_lines = {r.line for r in record.relations}
    plan.status_residue += [
        text
        for number, text in direct
        if text.strip()
        and number != record.status_line
        and number not in relation_lines
        and not text.strip().startswith("---")
    ]


def _place_alternatives(view: SourceView, style: Style, units: list[Unit], plan: Plan) -> None:
    if not units:
        return
    keys = style.slot_keys()
    shape = alternatives_shape(view, units)
    if "alternatives" not in keys or shape in style.alternative_shapes:
        for unit in units:  # copied as written: into the slot when there is one, else under Notes
            target = unit.key if unit.key in keys else None
            (plan.slots.setdefault(target, []) if target else plan.notes).append(unit)
        return
    plan.render_alternatives = bool(view.record.alternatives)
    if not plan.render_alternatives:
        plan.slots.setdefault("alternatives", []).extend(u for u in units if u.key == "alternatives")
        return
    for unit in units:
        plan.alternative_residue += prose_residue(view.direct_lines(unit))
    if plan.alternative_residue:
        plan.alternative_residue.append("")


def _place_stated(view: SourceView, present: set[str | None], plan: Plan) -> None:
    """Parts the source's style states in a sentence of its own (no section): rendered from the model."""
    source = STYLES.get(view.record.style)
    stated = source.states - present if source is not None else frozenset()
    record = view.record
    plan.render_alternatives |= "alternatives" in stated and bool(record.alternatives)
    plan.render_consequences |= "consequences" in stated and bool(record.consequences)
    plan.stated = {key for key in stated if key not in ("alternatives", "consequences")}


def alternatives_shape(view: SourceView, units: list[Unit]) -> str:
    """madr | table | grouped | subsections | list: how the source writes its alternatives."""
    if any(u.key == "pros_cons" for u in units):
        return "madr"
    unit = units[0]
    if any(text.lstrip().startswith("|") for _, text in view.direct_lines(unit)):
        return "table"
    children = view.children(unit.sections[0])
    if children:
        if any(a.group for a in view.record.alternatives):
            return "grouped"
        prefixes = {m.group(1).lower() for c in children for m in [_PREFIX.match(c.title)] if m}
        return f"{prefixes.pop()}-sections" if len(prefixes) == 1 else "sections"
    return "list"


def _place_consequences(view: SourceView, style: Style, units: list[Unit], plan: Plan) -> None:
    if not units:
        return
    shape = consequences_shape(view, units)
    if shape in style.consequence_shapes or not view.record.consequences.structured:
        plan.slots.setdefault("consequences", []).extend(units)
        return
    plan.render_consequences = True
    for unit in units:
        plan.consequence_residue += prose_residue(view.direct_lines(unit))
        for section in unit.sections:
            for child in view.children(section):
                if child.key not in CONSEQUENCE_PARTS and child not in unit.split:
                    plan.consequence_extras.append(Unit(child.key, child.title, [child]))
    if plan.consequence_residue:
        plan.consequence_residue.append("")
    plan.carried_lines.update(n for unit in plan.consequence_extras for n in _lines_of(unit))


def consequences_shape(view: SourceView, units: list[Unit]) -> str:
    """subsections | marks | goodbad | prose: how the source writes its consequences."""
    for unit in units:
        if unit.gathered:
            return "subsections"
        if any(child.key in CONSEQUENCE_PARTS for child in view.children(unit.sections[0])):
            return "subsections"
    direct = [text for unit in units for _, text in view.direct_lines(unit)]
    if any(_MARKS.match(text) for text in direct):
        return "marks"
    if any(_GOOD_BAD.match(text) for text in direct):
        return "goodbad"
    return "prose"


def _lines_of(unit: Unit) -> set[int]:
    lines: set[int] = set()
    for section in unit.sections:
        lines.update(range(section.line, section.end_line + 1))
    for split in unit.split:
        lines.difference_update(range(split.line, split.end_line + 1))
    return lines
