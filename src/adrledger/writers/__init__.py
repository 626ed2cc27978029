"""Write a record in any of the seven styles without losing what it says.

    text = convert(record, source_text, "madr")

Metadata, alternatives, consequences and relations are rendered from the model in the target
style's shape (a source already in that shape is copied as written). Every other section moves
as written, headings re-levelled, into the target's section with the same meaning; a section the
target has no place for goes, verbatim, under Notes. `facts.record_facts` says what must survive.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import UsageError
from ..model import Record, Relation
from ..styles import STYLE_SPECS
from . import parts
from .layout import (
    CONSEQUENCE_TITLES,
    DEFAULT_CONSEQUENCE_TITLES,
    LAYOUTS,
    NUMBERED_HEADINGS,
    RELATIONS_IN,
    Slot,
)
from .plan import Plan, make_plan
from .source import SourceView, trim_blank

LinkTarget = Callable[[Relation], str | None]


def convert(record: Record, text: str, style: str, *, padding: int = 4, link: LinkTarget | None = None) -> str:
    """The Markdown of `record` (whose file holds `text`) written in `style`."""
    if style not in LAYOUTS:
        raise UsageError(f"unknown style '{style}': choose one of {', '.join(LAYOUTS)}")
    view = SourceView(record, text.replace("\r\n", "\n"))
    plan = make_plan(view, style)
    writer = _Writer(view, plan, style, padding, link or (lambda relation: relation.target or None))
    return writer.document()


class _Writer:
    def __init__(self, view: SourceView, plan: Plan, style: str, padding: int, link: LinkTarget):
        self.view, self.plan, self.style, self.padding, self.link = view, plan, style, padding, link
        self.record = view.record
        self.required = set(STYLE_SPECS[style].required) | {"status", "document_info"}
        self.counter = 0
        # Status and Document Info are sections only in nygard and hybrid; elsewhere they are metadata.
        self.plan_only_elsewhere = {"status"} if style != "nygard" else set()
        self.plan_only_elsewhere |= {"document_info"} if style != "hybrid" else set()

    def document(self) -> str:
        record, style = self.record, self.style
        out = parts.yaml_block(parts.front_matter(record, style))
        if out and style != "madr":
            out.append("")
        out += [parts.title_line(record, style, self.padding), ""]
        if style != "hybrid":
            meta = parts.metadata(record, style, self.plan.extras, self.padding)
            out += meta + ([""] if meta else [])
        slots = LAYOUTS[style]
        if not any(slot.key == "notes" for slot in slots):
            slots = (*slots, Slot("notes", "Notes"))
        out += self._slots(slots, 2)
        while out and not out[-1].strip():
            out.pop()
        return "\n".join(out) + "\n"

    def _slots(self, slots: tuple[Slot, ...], level: int) -> list[str]:
        out: list[str] = []
        for slot in slots:
            content = trim_blank(self._content(slot, level))
            children = self._slots(slot.children, level + 1)
            if not content and not children and slot.key not in self.required:
                continue
            if slot.key in self.plan_only_elsewhere:
                continue
            out += [self._heading(slot, level), ""] + content + ([""] if content else []) + children
        return out

    def _heading(self, slot: Slot, level: int) -> str:
        if self.style in NUMBERED_HEADINGS and level == 2:
            self.counter += 1
            return f"## {self.counter}. {slot.title}"
        title = "Neutral / Notes" if slot.key == "neutral" else slot.title
        return "#" * level + " " + title

    def _content(self, slot: Slot, level: int) -> list[str]:
        plan, key = self.plan, slot.key
        if key == "status":
            return [parts.status_text(self.record), *self._relations_here("status"), *plan.status_residue]
        if key == "document_info":
            return parts.metadata(self.record, self.style, plan.extras, self.padding)
        if key == "alternatives" and plan.render_alternatives:
            return plan.alternative_residue + self._alternatives(level)
        if key == "pros_cons" and plan.render_alternatives:
            return parts.alternatives_for_madr(self.record.alternatives, level + 1)[1]
        if key == "consequences" and plan.render_consequences:
            return self._consequences(level)
        out = self._units(key, level)
        if key == "related":
            out = _joined(out, self._relations_here("related"))
        if key == "notes":
            out = _joined(out, self._notes(level))
        return out

    def _units(self, key: str, level: int) -> list[str]:
        rename = {**DEFAULT_CONSEQUENCE_TITLES, **CONSEQUENCE_TITLES.get(self.style, {})} \
            if key == "consequences" else None
        out: list[str] = []
        for position, unit in enumerate(self.plan.slots.get(key, [])):
            if position:
                out += ["", "#" * (level + 1) + " " + unit.title, ""] + self.view.body(unit, level + 1, rename)
            else:
                out += self.view.body(unit, level, rename)
        return out

    def _notes(self, level: int) -> list[str]:
        out: list[str] = []
        for unit in self.plan.notes:
            body = self.view.body(unit, level + 1)
            if body:
                out += (["", ""] if out else []) + ["#" * (level + 1) + " " + unit.title, ""] + body
        if self.plan.status_residue and self.style != "nygard":
            out += ["", "#" * (level + 1) + " Status", "", *self.plan.status_residue]
        relations = self._relations_here("notes")
        if relations:
            out += ["", "#" * (level + 1) + " Related Decisions", "", *relations]
        return [line for index, line in enumerate(out) if line or index == 0 or out[index - 1]]

    def _alternatives(self, level: int) -> list[str]:
        alternatives = self.record.alternatives
        if self.style in ("full", "drivers"):
            return parts.alternatives_as_sections(alternatives, self.style, level + 1)
        if self.style == "madr":
            return parts.alternatives_for_madr(alternatives, level + 1)[0]
        return parts.alternatives_as_table(alternatives)

    def _consequences(self, level: int) -> list[str]:
        shape = {"madr": "goodbad", "hybrid": "marks", "nygard": "marks", "quick": "marks"}.get(self.style,
                                                                                             "subsections")
        neutral = "Neutral / Notes" if self.style == "full" else "Neutral"
        out = self.plan.consequence_residue + parts.consequences(self.record, shape, level + 1, neutral)
        for unit in self.plan.consequence_extras:
            out += ["", "#" * (level + 1) + " " + unit.title, ""] + self.view.body(unit, level + 1)
        return out

    def _relations_here(self, place: str) -> list[str]:
        if RELATIONS_IN[self.style] != place:
            return []
        pending = [r for r in self.record.relations if r.line not in self.plan.carried_lines]
        view = self.record if len(pending) == len(self.record.relations) else _only(self.record, pending)
        return parts.relation_lines(view, self.style, self.padding, self.link)


def _joined(first: list[str], second: list[str]) -> list[str]:
    """Two blocks of lines with one blank line between them (when both have lines)."""
    return [*first, "", *second] if first and second else first or second


def _only(record: Record, relations: list[Relation]) -> Record:
    from dataclasses import replace

    return replace(record, relations=tuple(relations))


__all__ = ["LinkTarget", "convert"]
