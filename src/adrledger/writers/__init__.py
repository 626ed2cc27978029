"""Write a record in any style without losing what it says.

    text = convert(record, source_text, "madr")

Metadata, alternatives, consequences and relations are rendered from the model in the forms the
target `Style` names (a source already in that shape is copied as written). Every other section moves
as written, headings re-levelled, into the target's section with the same meaning; a section the
target has no place for goes, verbatim, under Notes. `facts.record_facts` says what must survive.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from ..model import Record, Relation
from ..styles import CONSEQUENCE_TITLES, Slot, Style, get_style
from . import parts
from .plan import Plan, make_plan
from .source import SourceView, trim_blank

LinkTarget = Callable[[Relation], str | None]


def convert(record: Record, text: str, style: str, *, padding: int = 4, link: LinkTarget | None = None) -> str:
    """The Markdown of `record` (whose file holds `text`) written in `style`."""
    target = get_style(style)
    view = SourceView(record, text.replace("\r\n", "\n"))
    plan = make_plan(view, target)
    writer = _Writer(view, plan, target, padding, link or (lambda relation: relation.target or None))
    return writer.document()


class _Writer:
    def __init__(self, view: SourceView, plan: Plan, style: Style, padding: int, link: LinkTarget):
        self.view, self.plan, self.style, self.padding, self.link = view, plan, style, padding, link
        self.record = view.record
        # Status and Document Info are written even when empty where a style has them as sections.
        self.required = set(style.required) | {"status", "document_info"}
        self.counter = 0

    def document(self) -> str:
        record, style = self.record, self.style
        out = parts.yaml_block(parts.front_matter(record, style))
        if out and not style.front_matter_metadata:  # MADR's title follows its front matter directly
            out.append("")
        out += [parts.title_line(record, style, self.padding), ""]
        if not style.metadata_in_section:
            meta = parts.metadata(record, style, self.plan.extras, self.padding)
            out += meta + ([""] if meta else [])
        slots = style.layout
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
            out += [self._heading(slot, level), ""] + content + ([""] if content else []) + children
        return out

    def _heading(self, slot: Slot, level: int) -> str:
        if self.style.numbered_headings and level == 2:
            self.counter += 1
            return f"## {self.counter}. {slot.title}"
        return "#" * level + " " + slot.title

    def _content(self, slot: Slot, level: int) -> list[str]:
        plan, key = self.plan, slot.key
        if key in self.style.compose:
            return self.style.compose[key](self.record)
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
        if not out and key in plan.stated:
            out = parts.stated(self.record, key)
        if key == "related":
            out = _joined(out, self._relations_here("related"))
        if key == "notes":
            out = _joined(out, self._notes(level))
        return out

    def _units(self, key: str, level: int) -> list[str]:
        rename = (
            {part: self.style.consequence_title(part) for part in CONSEQUENCE_TITLES} if key == "consequences" else None
        )
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
        if self.plan.status_residue and "status" not in self.style.slot_keys():
            out += ["", "#" * (level + 1) + " Status", "", *self.plan.status_residue]
        if self.plan.render_alternatives and "alternatives" not in self.style.slot_keys():
            # Stated in the source's own sentence, and the target has no section for them.
            out += ["", "#" * (level + 1) + " Alternatives Considered", "", *self._alternatives(level)]
        relations = self._relations_here("notes")
        if relations:
            out += ["", "#" * (level + 1) + " Related Decisions", "", *relations]
        return [line for index, line in enumerate(out) if line or index == 0 or out[index - 1]]

    def _alternatives(self, level: int) -> list[str]:
        alternatives = self.record.alternatives
        if self.style.alternatives_form == "sections":
            return parts.alternatives_as_sections(alternatives, self.style, level + 1)
        if self.style.alternatives_form == "options-list":
            return parts.alternatives_for_madr(alternatives, level + 1)[0]
        return parts.alternatives_as_table(alternatives)

    def _consequences(self, level: int) -> list[str]:
        style = self.style
        neutral = style.consequence_title("neutral")
        out = self.plan.consequence_residue + parts.consequences(
            self.record, style.consequences_form, level + 1, neutral
        )
        for unit in self.plan.consequence_extras:
            out += ["", "#" * (level + 1) + " " + unit.title, ""] + self.view.body(unit, level + 1)
        return out

    def _relations_here(self, place: str) -> list[str]:
        if self.style.relations_in != place:
            return []
        pending = [r for r in self.record.relations if r.line not in self.plan.carried_lines]
        view = self.record if len(pending) == len(self.record.relations) else _only(self.record, pending)
        return parts.relation_lines(view, self.style, self.padding, self.link)


def _joined(first: list[str], second: list[str]) -> list[str]:
    """Two blocks of lines with one blank line between them (when both have lines)."""
    return [*first, "", *second] if first and second else first or second


def _only(record: Record, relations: list[Relation]) -> Record:
    return replace(record, relations=tuple(relations))


__all__ = ["LinkTarget", "convert"]
