"""What a record says: alternatives, consequences, risks, decision matrix, checklists, review log."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..model import (
    Alternative,
    Checklist,
    ChecklistItem,
    Consequences,
    Criterion,
    DecisionMatrix,
    Reference,
    ReviewEntry,
    Risk,
    Section,
)
from .dates import parse_date
from .doc import Doc, Item
from .tables import Table, normalise_header, strip_inline

if TYPE_CHECKING:
    from decimal import Decimal  # imported where matrices are read: `adr new` never needs it

_LABEL = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*|__)(?P<label>[^*_:]{1,40}?):?(?:\*\*|__):?\s*(?P<rest>.*)$")
_NAME_PREFIX = re.compile(r"^(?:alternative|option|approach|choice|candidate)\s*\d*\s*[:.)–—-]\s*", re.IGNORECASE)
_GOOD = re.compile(r"^(?:good|pro|positive|\+)\s*(?:,\s*because|:)\s*", re.IGNORECASE)
_BAD = re.compile(r"^(?:bad|con|negative|-)\s*(?:,\s*because|:)\s*", re.IGNORECASE)
_NEUTRAL = re.compile(r"^(?:neutral|note)\s*(?:,\s*because|:)\s*", re.IGNORECASE)
_SYMBOLS = re.compile(r"^[\s\u2000-\u2bff\u2e00-\u2e7f\U0001f000-\U0001faff\ufe0f\u200d]+")
_POSITIVE_MARKS = ("✅", "✔", "👍", "➕", "🟢")
_NEGATIVE_MARKS = ("❌", "✖", "👎", "➖", "🔴", "⛔")
_NEUTRAL_MARKS = ("⚠", "ℹ", "🟡", "➡", "⏸")
_CHOSEN_OPTION = re.compile(
    r"chosen\s+option\s*:?\s*(?:\"(?P<q1>[^\"\n]+)\"|“(?P<q2>[^”\n]+)”|'(?P<q3>[^'\n]+)'"
    r"|\*\*(?P<q4>[^*\n]+)\*\*|`(?P<q5>[^`\n]+)`|(?P<bare>[^,\n]+?)(?=,|$|\s+because))", re.IGNORECASE)
_NOT_CHOSEN = re.compile(
    r"(?P<subject>[^.;:\n]{2,80}?)\s+(?:was\s+|were\s+|is\s+)?(?:not\s+(?:selected|chosen)|rejected)"
    r"\s+(?:because|as|since|due\s+to)\s+(?P<reason>[^\n]+?)(?:\.\s|\.$|$)", re.IGNORECASE)
_NUMBER = re.compile(r"(?P<value>-?\d+(?:[.,]\d+)?)\s*(?:/\s*(?P<scale>\d+(?:\.\d+)?))?\s*(?P<pct>%)?")
_WEIGHT_IN_HEADER = re.compile(r"\(\s*(?:w(?:eight)?\s*[=:]?\s*)?(?P<w>\d+(?:\.\d+)?)\s*(?P<pct>%)?\s*\)")
_URL = re.compile(r"\((?P<url>(?:https?://|\.{0,2}/|[\w-]+\.md)[^)\s]*)\)|(?P<bare>https?://\S+)")


def clean_item(text: str) -> str:
    """An item's words without its leading emoji and Markdown decoration."""
    return strip_inline(_SYMBOLS.sub("", text))


# ---- alternatives ---------------------------------------------------------------------------

def extract_alternatives(doc: Doc, decision_text: str) -> tuple[Alternative, ...]:
    section = doc.find("alternatives")
    alternatives: list[Alternative] = []
    if section is not None:
        alternatives = _alternatives_from_table(doc, section) or _alternatives_from_subsections(doc, section) \
            or _alternatives_from_list(doc, section)
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
        result.append(Alternative(
            name=name,
            description=strip_inline(row[description]) if description is not None else "",
            pros=_cell_list(row[pros]) if pros is not None else (),
            cons=_cell_list(row[cons]) if cons is not None else (),
            verdict=verdict, reason=reason, line=line,
        ))
    return result


def _cell_list(cell: str) -> tuple[str, ...]:
    parts = re.split(r"<br\s*/?>|;|,(?![^()]*\))", cell)
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
    if any(mark in cell for mark in _POSITIVE_MARKS) or re.search(r"\b(?:chosen|selected|accepted|adopted|"
                                                                   r"winner|yes|go)\b", head):
        return "chosen", reason
    if any(mark in cell for mark in ("⏸", "🕐", "⏳")) or re.search(r"\b(?:future|deferred|later|postponed|"
                                                                    r"maybe|revisit|parked)\b", head):
        return "deferred", reason
    if any(mark in cell for mark in _NEGATIVE_MARKS) or re.search(r"\b(?:rejected|discarded|no|dropped|"
                                                                  r"declined)\b", head):
        return "rejected", reason
    return None, text


def _alternatives_from_subsections(doc: Doc, section: Section) -> list[Alternative]:
    children = doc.children(section)
    if not children:
        return []
    # Seed 003 groups alternatives ("#### Relational Databases") and lists them as bullets.
    if all(not _labelled_fields(doc, child) for child in children) and any(
            doc.top_items(*doc.body(child)) for child in children) and all(
            _is_group(doc, child) for child in children):
        grouped: list[Alternative] = []
        for child in children:
            grouped.extend(_alternatives_from_list(doc, child, group=child.title))
        return grouped
    return [_alternative_from_section(doc, child) for child in children]


def _is_group(doc: Doc, section: Section) -> bool:
    items = doc.top_items(*doc.body(section))
    return len(items) >= 2 and all(_LABEL.match(f"- {item.text}") or ":" in item.text for item in items)


def _labelled_fields(doc: Doc, section: Section) -> bool:
    """True when the section has "**Pros:**"-style field labels on lines of their own."""
    start, end = doc.body(section)
    for _, line in doc.text_lines(start, end):
        label = _LABEL.match(line)
        if label and not re.match(r"\s*[-*+]\s", line) and _field_for_label(label.group("label")):
            return True
    return False


def _alternative_from_section(doc: Doc, section: Section) -> Alternative:
    start, end = doc.body(section)
    fields: dict[str, list[str]] = {"description": [], "pros": [], "cons": [], "reason": [], "neutral": [],
                                    "verdict": []}
    current = "description"
    for _, line in doc.text_lines(start, end):
        label = _LABEL.match(line)
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
        good, bad, neutral = _GOOD.match(body), _BAD.match(body), _NEUTRAL.match(body)
        if good:
            fields["pros"].append(body[good.end():])
        elif bad:
            fields["cons"].append(body[bad.end():])
        elif neutral:
            fields["neutral"].append(body[neutral.end():])
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
        label = _LABEL.match(f"- {item.text}")
        if label:
            name, description = label.group("label").strip(), label.group("rest").strip()
        else:
            name, description = _split_name(item.text)
        name = _alternative_name(strip_inline(name))
        if name:
            result.append(Alternative(name=name, description=clean_item(description), line=item.line, group=group))
    return result


def _split_name(text: str) -> tuple[str, str]:
    """ "Name: description" split at the first colon outside inline code (within 60 characters)."""
    in_code = False
    for index, char in enumerate(text[:60]):
        if char == "`":
            in_code = not in_code
        elif char == ":" and not in_code and text[index + 1: index + 2] in (" ", ""):
            return text[:index].strip(), text[index + 1:].strip()
    return text, ""


def _merge_pros_cons(alternatives: list[Alternative], detailed: list[Alternative]) -> list[Alternative]:
    if not alternatives:
        return detailed
    by_name = {_key(a.name): a for a in detailed}
    merged = []
    for alternative in alternatives:
        extra = by_name.pop(_key(alternative.name), None) or _fuzzy_pop(by_name, alternative.name)
        if extra is not None:
            alternative = Alternative(alternative.name, alternative.description or extra.description,
                                      alternative.pros + extra.pros, alternative.cons + extra.cons,
                                      alternative.verdict or extra.verdict, alternative.reason or extra.reason,
                                      alternative.line, alternative.group)
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
        result.append(Alternative(alternative.name, alternative.description, alternative.pros, alternative.cons,
                                  verdict, reason, alternative.line, alternative.group))
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
    chosen = {i for i, a in enumerate(alternatives)
              if len(a.name) > 1 and re.search(r"(?<!\w)" + re.escape(a.name.lower()) + r"(?!\w)", lowered)}
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


# ---- consequences ---------------------------------------------------------------------------

def extract_consequences(doc: Doc) -> Consequences:
    section = doc.find("consequences")
    buckets: dict[str, list[str]] = {"positive": [], "negative": [], "neutral": []}
    structured = False
    subsections = [s for s in doc.find_all("positive", "negative", "neutral")
                   if section is None or section.line < s.line <= section.end_line or _under_decision(doc, s)]
    for sub in subsections:
        structured = True
        for item in doc.top_items(*doc.body(sub)):
            text = clean_item(_GOOD.sub("", _BAD.sub("", item.text)))
            if text:
                buckets[sub.key or "neutral"].append(text)
    if section is not None:
        skip = {(s.line, s.end_line) for s in doc.sections if section.line < s.line <= section.end_line}
        for item in doc.top_items(*doc.body(section, direct=True)):
            if any(a <= item.line <= b for a, b in skip):
                continue
            kind, text = _classify(item.text)
            structured = structured or kind != "unclassified"
            if text:
                buckets["neutral" if kind == "unclassified" else kind].append(text)
    line = section.line if section else (subsections[0].line if subsections else 0)
    return Consequences(tuple(buckets["positive"]), tuple(buckets["negative"]), tuple(buckets["neutral"]),
                        line, structured)


def _under_decision(doc: Doc, section: Section) -> bool:
    parent = doc.find("decision")
    return parent is not None and parent.line < section.line <= parent.end_line


def _classify(text: str) -> tuple[str, str]:
    for marks, kind in ((_POSITIVE_MARKS, "positive"), (_NEGATIVE_MARKS, "negative"), (_NEUTRAL_MARKS, "neutral")):
        if text.startswith(marks):
            return kind, clean_item(text)
    for pattern, kind in ((_GOOD, "positive"), (_BAD, "negative"), (_NEUTRAL, "neutral")):
        match = pattern.match(text)
        if match and text[match.end():].strip():
            return kind, clean_item(text[match.end():])
    return "unclassified", clean_item(text)


# ---- tables: risks, matrix, review log -----------------------------------------------------

def extract_risks(doc: Doc) -> tuple[Risk, ...]:
    risks = []
    for table in doc.tables():
        risk = table.column("risk", "threat", "concern")
        if risk is None or table.column("weight") is not None:
            continue
        impact, likelihood = table.column("impact", "severity"), table.column("likelihood", "probability")
        mitigation = table.column("mitigation", "response", "countermeasure", "action", "plan")
        if mitigation is None and impact is None and likelihood is None:
            continue
        for row, line in zip(table.rows, table.row_lines):
            text = strip_inline(row[risk])
            if text:
                risks.append(Risk(text, _cell(row, impact), _cell(row, likelihood), _cell(row, mitigation), line))
    return tuple(risks)


def _cell(row: list[str], index: int | None) -> str:
    return strip_inline(row[index]) if index is not None and index < len(row) else ""


def extract_review_log(doc: Doc) -> tuple[ReviewEntry, ...]:
    sections = doc.find_all("review_log")
    tables = [t for s in sections for t in doc.tables_in(s)] or [
        t for t in doc.tables() if t.column("date") == 0 and t.column("change", "changes", "update")]
    for table in tables:
        date_col = table.column("date", "when")
        change_col = table.column("change", "changes", "description", "summary", "update", "what", "notes", "comment")
        if date_col is None or change_col is None:
            continue
        author_col = table.column("author", "by", "who", "reviewer", "changed by", "editor")
        entries = []
        for row, line in zip(table.rows, table.row_lines):
            raw = strip_inline(row[date_col])
            entries.append(ReviewEntry(parse_date(raw).iso, strip_inline(row[change_col]), _cell(row, author_col),
                                       line, raw))
        return tuple(entries)
    return ()


def extract_matrix(doc: Doc) -> DecisionMatrix | None:
    for table in doc.tables():
        first = normalise_header(table.header[0]) if table.header else ""
        weight = table.column("weight", "weighting", "importance")
        if weight is not None and first.startswith(("criteri", "factor", "dimension", "aspect", "requirement")):
            return _matrix_by_criteria(table, weight)
        if _header_weights(table) and first.startswith(("option", "alternative", "approach", "candidate",
                                                         "solution", "tool", "technology", "")):
            return _matrix_by_options(table)
    return None


def _number(cell: str) -> tuple[Decimal | None, bool]:
    from decimal import Decimal, InvalidOperation

    match = _NUMBER.search(strip_inline(cell))
    if not match:
        return None, False
    try:
        return Decimal(match.group("value").replace(",", ".")), bool(match.group("pct"))
    except InvalidOperation:
        return None, False


def _is_total(label: str) -> bool:
    return bool(re.match(r"(?:weighted\s+)?(?:total|sum|score|result|overall)", strip_inline(label).lower()))


def _matrix_by_criteria(table: Table, weight_col: int) -> DecisionMatrix | None:
    option_cols = [i for i in range(len(table.header)) if i not in (0, weight_col)]
    options = tuple(strip_inline(table.header[i]) for i in option_cols)
    criteria, scores, weights = [], [], []
    stated: list[Decimal | None] = [None] * len(option_cols)
    stated_raw = [""] * len(option_cols)
    total_line, percent = 0, False
    for row, line in zip(table.rows, table.row_lines):
        if _is_total(row[0]):
            stated = [_number(row[i])[0] if i < len(row) else None for i in option_cols]
            stated_raw = [strip_inline(row[i]) if i < len(row) else "" for i in option_cols]
            total_line = line
            continue
        value, is_percent = _number(row[weight_col]) if weight_col < len(row) else (None, False)
        percent = percent or is_percent
        criteria.append(Criterion(strip_inline(row[0]), None, strip_inline(row[weight_col]), line))
        weights.append(value)
        scores.append([_number(row[i])[0] if i < len(row) else None for i in option_cols])
    if not criteria:
        return None
    return _finish_matrix(table, criteria, weights, scores, options, stated, stated_raw, percent, total_line)


def _header_weights(table: Table) -> list[tuple[int, Decimal, bool]]:
    from decimal import Decimal

    found = []
    for index, cell in enumerate(table.header[1:], start=1):
        match = _WEIGHT_IN_HEADER.search(cell)
        if match:
            found.append((index, Decimal(match.group("w")), bool(match.group("pct"))))
    return found if len(found) >= 2 else []


def _matrix_by_options(table: Table) -> DecisionMatrix | None:
    weighted = _header_weights(table)
    total_col = next((i for i, cell in enumerate(table.header) if _is_total(cell)), None)
    criteria = [Criterion(_WEIGHT_IN_HEADER.sub("", strip_inline(table.header[i])).strip(), None,
                          str(w) + ("%" if p else ""), table.line) for i, w, p in weighted]
    weights: list[Decimal | None] = [w for _, w, _ in weighted]
    options, stated, stated_raw = [], [], []
    columns: list[list[Decimal | None]] = []
    for row in table.rows:
        options.append(strip_inline(row[0]))
        columns.append([_number(row[i])[0] if i < len(row) else None for i, _, _ in weighted])
        stated.append(_number(row[total_col])[0] if total_col is not None and total_col < len(row) else None)
        stated_raw.append(strip_inline(row[total_col]) if total_col is not None and total_col < len(row) else "")
    scores = [[column[c] for column in columns] for c in range(len(criteria))]
    percent = any(p for _, _, p in weighted)
    return _finish_matrix(table, criteria, weights, scores, tuple(options), stated, stated_raw, percent,
                          table.line if total_col is not None else 0)


def _finish_matrix(table: Table, criteria: list[Criterion], weights: list[Decimal | None],
                   scores: list[list[Decimal | None]], options: tuple[str, ...], stated: list[Decimal | None],
                   stated_raw: list[str], percent: bool, total_line: int) -> DecisionMatrix:
    from decimal import Decimal

    known = [w for w in weights if w is not None]
    total_weight = sum(known, Decimal(0))
    if percent or (known and abs(total_weight - 100) <= 1 and any(w > 1 for w in known)):
        unit, fractions = "percent", [w / 100 if w is not None else None for w in weights]
    elif known and all(w <= 1 for w in known):
        unit, fractions = "fraction", weights
    else:
        unit, fractions = "relative", weights
    computed: list[float | None] = []
    for option in range(len(options)):
        column = [scores[c][option] if option < len(scores[c]) else None for c in range(len(criteria))]
        if any(v is None for v in column) or any(f is None for f in fractions):
            computed.append(None)
            continue
        computed.append(float(sum((f * v for f, v in zip(fractions, column)), Decimal(0))))  # type: ignore[operator]
    weight_sum = float(total_weight * (100 if unit == "fraction" else 1)) if known else None
    criteria = [Criterion(c.name, float(f) if f is not None else None, c.weight_raw, c.line)
                for c, f in zip(criteria, fractions)]
    return DecisionMatrix(
        criteria=tuple(criteria), options=options,
        scores=tuple(tuple(float(v) if v is not None else None for v in row) for row in scores),
        stated_totals=tuple(float(v) if v is not None else None for v in stated),
        stated_totals_raw=tuple(stated_raw), computed_totals=tuple(computed),
        weight_unit=unit, weight_sum=weight_sum, line=table.line, total_line=total_line,
    )


# ---- lists: checklists, references, drivers -------------------------------------------------

def extract_checklists(doc: Doc) -> tuple[Checklist, ...]:
    groups: dict[int, list[ChecklistItem]] = {}
    for item in doc.items(doc.first, len(doc.lines) - 1):
        if item.checkbox is None:
            continue
        section = doc.section_at(item.line)
        key = section.line if section else 0
        groups.setdefault(key, []).append(ChecklistItem(strip_inline(item.text), item.checkbox != " ", item.line))
    by_line = {s.line: s for s in doc.sections}
    return tuple(Checklist(by_line[line].title if line in by_line else "", tuple(items), items[0].line)
                 for line, items in groups.items())


def extract_references(doc: Doc) -> tuple[Reference, ...]:
    section = doc.find("references")
    if section is None:
        return ()
    references = []
    for item in doc.top_items(*doc.body(section)):
        url = _URL.search(item.text)
        link = (url.group("url") or url.group("bare")) if url else ""
        references.append(Reference(strip_inline(item.text), link, item.line))
    return tuple(references)


def extract_drivers(doc: Doc) -> tuple[str, ...]:
    section = doc.find("drivers")
    if section is None:
        return ()
    return tuple(text for text in (clean_item(i.text) for i in doc.top_items(*doc.body(section))) if text)


def item_texts(items: list[Item]) -> list[str]:
    return [clean_item(item.text) for item in items]
