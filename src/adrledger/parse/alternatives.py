"""Alternatives: from subsections, verdict tables, option lists and MADR's pros and cons; which was chosen."""

from __future__ import annotations

import re

from ..model import Alternative, Section
from .doc import Doc
from .items import BAD, GOOD, LABEL, NEGATIVE_MARKS, NEUTRAL, POSITIVE_MARKS, clean_item
from .tables import Table, normalise_header, strip_inline

_NAME_PREFIX = re.compile(r"^(?:alternative|option|approach|choice|candidate)\s*\d*\s*[:.)–—-]\s*", re.IGNORECASE)
_CHOSEN_OPTION = re.compile(
    r"chosen\s+option\s*:?\s*(?:\"(?P<q1>[^\"\n]+)\"|“(?P<q2>[^”\n]+)”|'(?P<q3>[^'\n]+)'"
    r"|\*\*(?P<q4>[^*\n]+)\*\*|`(?P<q5>[^`\n]+)`|(?P<bare>[^,\n]+?)(?=,|$|\s+because))",
    re.IGNORECASE,
)
_NOT_CHOSEN = re.compile(
    r"(?P<subject>[^.;:\n]{2,80}?)\s+(?:was\s+|were\s+|is\s+)?(?:not\s+(?:selected|chosen)|rejected)"
    r"\s+(?:because|as|since|due\s+to)\s+(?P<reason>[^\n]+?)(?:\.\s|\.$|$)",
    re.IGNORECASE,
)


def extract_alternatives(doc: Doc, decision_text: str) -> tuple[Alternative, ...]:
    section = doc.find("alternatives")
    alternatives: list[Alternative] = []
    if section is not None:
        alternatives = (
            _alternatives_from_table(doc, section)
            or _alternatives_from_subsections(doc, section)
            or _alternatives_from_list(doc, section)
            or _alternatives_from_bold_paragraphs(doc, section)
        )
    pros_cons = doc.find("pros_cons")
    if pros_cons is not None and pros_cons is not section:
        alternatives = _merge_pros_cons(alternatives, _alternatives_from_subsections(doc, pros_cons))
    if not alternatives:
        table = _first_table(doc, ("approach", "option", "alternative", "solution", "candidate"), ("pros", "cons"))
        alternatives = _rows_to_alternatives(table) if table else []
    return tuple(_assign_verdicts(doc, alternatives, decision_text))


def _first_table(doc: Doc, first_column: tuple[str, ...], other: tuple[str, ...]) -> Table | None:
    for table in doc.tables():
        if table.header and normalise_header(table.header[0]).startswith(first_column) and table.column(*other):
            return table
    return None


def _alternatives_from_table(doc: Doc, section: Section) -> list[Alternative]:
    for table in doc.tables_in(section):
        if table.column("pros", "cons", "verdict", "advantages", "decision"):
            return _rows_to_alternatives(table)
    return []


def _rows_to_alternatives(table: Table) -> list[Alternative]:
    pros, cons = table.column("pros", "advantages", "benefits"), table.column("cons", "disadvantages", "drawbacks")
    verdict_col = table.column("verdict", "decision", "outcome", "status", "result")
    description = table.column("description", "summary")
    result = []
    for row, line in zip(table.rows, table.row_lines):
        name = strip_inline(row[0])
        if not name:
            continue
        verdict, reason = _verdict(row[verdict_col]) if verdict_col is not None else (None, "")
        result.append(
            Alternative(
                name=name,
                description=strip_inline(row[description]) if description is not None else "",
                pros=_cell_list(row[pros]) if pros is not None else (),
                cons=_cell_list(row[cons]) if cons is not None else (),
                verdict=verdict,
                reason=reason,
                line=line,
            )
        )
    return result


def _cell_list(cell: str) -> tuple[str, ...]:
    """The points of a pros or cons cell: one per line break. Commas and semicolons join the words of
    one point ("Production build uses Rollup, a second tool"): splitting on them lost words on conversion."""
    parts = re.split(r"<br\s*/?>", cell, flags=re.IGNORECASE)
    return tuple(p for p in (strip_inline(part) for part in parts) if p)


def _verdict(cell: str) -> tuple[str | None, str]:
    text = strip_inline(cell)
    if not text or (text.startswith("[") and text.endswith("]")):
        return None, ""
    reason = ""
    parts = re.split(r"\s+[-–—:]\s+|:\s+", text, maxsplit=1)
    if len(parts) == 2:
        reason = parts[1].strip()
    head = parts[0].lower()
    if any(mark in cell for mark in POSITIVE_MARKS) or re.search(
        r"\b(?:chosen|selected|accepted|adopted|"
        r"winner|yes|go)\b",
        head,
    ):
        return "chosen", reason
    if any(mark in cell for mark in ("⏸", "🕐", "⏳")) or re.search(
        r"\b(?:future|deferred|later|postponed|"
        r"maybe|revisit|parked)\b",
        head,
    ):
        return "deferred", reason
    if any(mark in cell for mark in NEGATIVE_MARKS) or re.search(
        r"\b(?:rejected|discarded|no|dropped|"
        r"declined)\b",
        head,
    ):
        return "rejected", reason
    return None, text


def _alternatives_from_subsections(doc: Doc, section: Section) -> list[Alternative]:
    children = doc.children(section)
    if not children:
        return []
    # Seed 003 groups alternatives ("#### Relational Databases") and lists them as bullets.
    if (
        all(not _labelled_fields(doc, child) for child in children)
        and any(doc.top_items(*doc.body(child)) for child in children)
        and all(_is_group(doc, child) for child in children)
    ):
        grouped: list[Alternative] = []
        for child in children:
            grouped.extend(_alternatives_from_list(doc, child, group=child.title))
        return grouped
    return [_alternative_from_section(doc, child) for child in children]


def _is_group(doc: Doc, section: Section) -> bool:
    items = doc.top_items(*doc.body(section))
    return len(items) >= 2 and all(LABEL.match(f"- {item.text}") or ":" in item.text for item in items)


def _labelled_fields(doc: Doc, section: Section) -> bool:
    """True when the section has "**Pros:**"-style field labels on lines of their own."""
    start, end = doc.body(section)
    for _, line in doc.text_lines(start, end):
        label = LABEL.match(line)
        if label and not re.match(r"\s*[-*+]\s", line) and _field_for_label(label.group("label")):
            return True
    return False


def _alternative_from_section(doc: Doc, section: Section) -> Alternative:
    start, end = doc.body(section)
    fields: dict[str, list[str]] = {
        "description": [],
        "pros": [],
        "cons": [],
        "reason": [],
        "neutral": [],
        "verdict": [],
    }
    current = "description"
    for _, line in doc.text_lines(start, end):
        label = LABEL.match(line)
        if label and not re.match(r"\s*[-*+]\s", line):
            current = _field_for_label(label.group("label")) or current
            if label.group("rest").strip():
                fields[current].append(label.group("rest").strip())
            continue
        text = line.strip()
        if not text or set(text) <= set("-*_= "):
            continue
        item = re.match(r"[-*+]\s+(.*)$", text)
        body = item.group(1) if item else text
        good, bad, neutral = GOOD.match(body), BAD.match(body), NEUTRAL.match(body)
        if good:
            fields["pros"].append(body[good.end() :])
        elif bad:
            fields["cons"].append(body[bad.end() :])
        elif neutral:
            fields["neutral"].append(body[neutral.end() :])
        else:
            fields[current].append(body)
    reason = " ".join(clean_item(t) for t in fields["reason"])
    # "**Verdict:** ✅ Chosen" says the verdict outright; a reason alone means a rejection.
    verdict, verdict_reason = _verdict(" ".join(fields["verdict"])) if fields["verdict"] else (None, "")
    reason = reason or verdict_reason
    return Alternative(
        name=_alternative_name(section.title),
        description=" ".join(clean_item(t) for t in fields["description"])[:1000],
        pros=tuple(clean_item(t) for t in fields["pros"] if clean_item(t)),
        cons=tuple(clean_item(t) for t in fields["cons"] if clean_item(t)),
        verdict=verdict or ("rejected" if reason else None),
        reason=reason,
        line=section.line,
    )


def _field_for_label(label: str) -> str | None:
    lowered = label.strip().lower()
    if lowered.startswith(("pro", "advantage", "benefit", "good", "strength")):
        return "pros"
    if lowered.startswith(("con", "disadvantage", "drawback", "bad", "weakness")):
        return "cons"
    if lowered.startswith(("verdict", "outcome")):
        return "verdict"
    if lowered.startswith(("why not", "reason", "rejected", "why rejected", "not chosen")):
        return "reason"
    if lowered.startswith(("description", "summary", "what")):
        return "description"
    return None


def _alternative_name(title: str) -> str:
    return strip_inline(_NAME_PREFIX.sub("", title)).strip() or title


def _alternatives_from_list(doc: Doc, section: Section, group: str = "") -> list[Alternative]:
    start, end = doc.body(section, direct=not group)
    result = []
    for item in doc.top_items(start, end):
        if item.checkbox is not None:
            continue
        label = LABEL.match(f"- {item.text}")
        if label:
            name, description = label.group("label").strip(), label.group("rest").strip()
        else:
            name, description = _split_name(item.text)
        name = _alternative_name(strip_inline(name))
        if name:
            result.append(Alternative(name=name, description=clean_item(description), line=item.line, group=group))
    return result


# A paragraph that opens with its option in bold: "**Option 2:** Release weekly", "**(b) Keep the cache.**
# Rejected: ...", "**1. Read from the subscription**", "**[SELECTED] Option 1:** Submit a form".
_BOLD_OPTION = re.compile(r"\s*(?:\d{1,3}[.)]\s+)?\*\*(?P<name>[^*\n]{1,200})\*\*\s*[:.–—-]?\s*(?P<rest>.*)$")
_OPTION_MARKS = re.compile(r"^\s*(?:\[(?P<mark>[^\]]{1,20})\]\s*)?(?:\(?[a-z0-9]{1,3}[.)]\s*)?", re.IGNORECASE)
_OPTION_LINE = re.compile(r"\s*\*\*(?:\[[^\]]{1,20}\]\s*)?(?:option|alternative|approach)\b", re.IGNORECASE)
_CHOSEN_MARK = re.compile(r"selected|chosen|accepted|preferred|recommended|✅", re.IGNORECASE)
_REJECTED_LEAD = re.compile(r"\brejected\b\s*(?:because|as|since|:|-|–|—)?\s*(?P<reason>[^\n]*)", re.IGNORECASE)


def _alternatives_from_bold_paragraphs(doc: Doc, section: Section) -> list[Alternative]:
    """Options written as paragraphs that start with the option in bold (no list, no sub-headings)."""
    start, end = doc.body(section, direct=True)
    found: list[tuple[int, str, bool, list[str]]] = []
    previous_blank = True
    for number, line in doc.text_lines(start, end):
        match = _BOLD_OPTION.match(line) if previous_blank or _OPTION_LINE.match(line) else None
        previous_blank = not line.strip()
        if match and not _field_for_label(match["name"].rstrip(":")) and not match["name"].lower().startswith("note"):
            marks = _OPTION_MARKS.match(match["name"])
            mark = (marks["mark"] or "") if marks else ""
            name = _alternative_name(strip_inline(match["name"][marks.end() if marks else 0 :]).rstrip(":. "))
            name = name if not re.fullmatch(r"(?:option|alternative|approach)?\s*\w{0,3}", name, re.I) else ""
            rest = match["rest"]
            found.append(
                (
                    number,
                    name or _clip_name(strip_inline(rest)),
                    bool(_CHOSEN_MARK.search(mark)),
                    [rest] if name else [],
                )
            )
        elif found and line.strip():
            found[-1][3].append(line.strip())
    return [_bold_alternative(number, name, chosen, text) for number, name, chosen, text in found if name]


def _bold_alternative(line: int, name: str, chosen: bool, text: list[str]) -> Alternative:
    description = clean_item(" ".join(t for t in text if t))
    rejected = _REJECTED_LEAD.search(description)
    verdict = "chosen" if chosen else ("rejected" if rejected else None)
    reason = rejected["reason"].strip().rstrip(".") if rejected and not chosen else ""
    return Alternative(name=name, description=description[:1000], verdict=verdict, reason=reason, line=line)


def _clip_name(text: str) -> str:
    first = re.split(r"(?<=[.!?])\s", text, maxsplit=1)[0]
    return first if len(first) <= 120 else first[:119].rstrip() + "…"


def _split_name(text: str) -> tuple[str, str]:
    """ "Name: description" split at the first colon outside inline code (within 60 characters)."""
    in_code = False
    for index, char in enumerate(text[:60]):
        if char == "`":
            in_code = not in_code
        elif char == ":" and not in_code and text[index + 1 : index + 2] in (" ", ""):
            return text[:index].strip(), text[index + 1 :].strip()
    return text, ""


def _merge_pros_cons(alternatives: list[Alternative], detailed: list[Alternative]) -> list[Alternative]:
    if not alternatives:
        return detailed
    by_name = {_key(a.name): a for a in detailed}
    merged = []
    for alternative in alternatives:
        extra = by_name.pop(_key(alternative.name), None) or _fuzzy_pop(by_name, alternative.name)
        if extra is not None:
            alternative = Alternative(
                alternative.name,
                alternative.description or extra.description,
                alternative.pros + extra.pros,
                alternative.cons + extra.cons,
                alternative.verdict or extra.verdict,
                alternative.reason or extra.reason,
                alternative.line,
                alternative.group,
            )
        merged.append(alternative)
    return merged + list(by_name.values())


def _fuzzy_pop(by_name: dict[str, Alternative], name: str) -> Alternative | None:
    for key in list(by_name):
        if _overlap(key, name) >= 0.6:
            return by_name.pop(key)
    return None


def _key(name: str) -> str:
    return re.sub(r"\W+", " ", name.lower()).strip()


def _tokens(text: str) -> set[str]:
    return {t for t in re.split(r"[^\w]+", text.lower()) if len(t) > 1}


def _overlap(a: str, b: str) -> float:
    ta, tb = _tokens(a), _tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def _assign_verdicts(doc: Doc, alternatives: list[Alternative], decision_text: str) -> list[Alternative]:
    if not alternatives:
        return alternatives
    chosen = _chosen_by_outcome(decision_text, alternatives)
    if chosen is None and all(a.verdict is None for a in alternatives):
        chosen = _chosen_by_mention(decision_text, alternatives)
    reasons = _rejection_reasons(doc, alternatives)
    result = []
    for index, alternative in enumerate(alternatives):
        verdict, reason = alternative.verdict, alternative.reason
        if chosen is not None and verdict is None:
            verdict = "chosen" if index in chosen else "rejected"
        if index in reasons and not reason:
            reason = reasons[index]
            verdict = verdict or "rejected"
        result.append(
            Alternative(
                alternative.name,
                alternative.description,
                alternative.pros,
                alternative.cons,
                verdict,
                reason,
                alternative.line,
                alternative.group,
            )
        )
    return result


def _chosen_by_outcome(decision_text: str, alternatives: list[Alternative]) -> set[int] | None:
    match = _CHOSEN_OPTION.search(decision_text)
    if not match:
        return None
    name = next(group for group in match.groups() if group).strip()
    for index, alternative in enumerate(alternatives):
        if _key(alternative.name) == _key(name):
            return {index}
    best = max(range(len(alternatives)), key=lambda i: _overlap(alternatives[i].name, name))
    return {best} if _overlap(alternatives[best].name, name) >= 0.5 else None


def _chosen_by_mention(decision_text: str, alternatives: list[Alternative]) -> set[int] | None:
    lowered = decision_text.lower()
    if not lowered:
        return None
    chosen = {
        i
        for i, a in enumerate(alternatives)
        if len(a.name) > 1 and re.search(r"(?<!\w)" + re.escape(a.name.lower()) + r"(?!\w)", lowered)
    }
    if not chosen:
        return None
    if any(a.group for a in alternatives):
        return chosen  # grouped alternatives: one choice per group
    first = min(chosen, key=lambda i: (lowered.find(alternatives[i].name.lower()), -len(alternatives[i].name)))
    return {first}


def _rejection_reasons(doc: Doc, alternatives: list[Alternative]) -> dict[int, str]:
    section = doc.find("rationale")
    if section is None:
        return {}
    reasons: dict[int, str] = {}
    for _, paragraph in doc.paragraphs(*doc.body(section)):
        text = strip_inline(paragraph)
        folded = text.casefold()  # as re.IGNORECASE folds: a cheap test before a costly pattern
        if "rejected" not in folded and "selected" not in folded and "chosen" not in folded:
            continue
        for match in _NOT_CHOSEN.finditer(text):
            for subject in re.split(r"/|\band\b|,", match.group("subject")):
                index = _best_match(subject, alternatives)
                if index is not None:
                    reasons.setdefault(index, match.group("reason").strip().rstrip("."))
    return reasons


def _best_match(subject: str, alternatives: list[Alternative]) -> int | None:
    scored = [(_overlap(subject, a.name), i) for i, a in enumerate(alternatives)]
    score, index = max(scored, default=(0.0, 0))
    return index if score >= 0.6 else None
