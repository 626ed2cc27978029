"""Assemble a Record from one scanned part of a file."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..model import Problem, Record, Status, StatusSource
from ..styles import STYLES, StyleEvidence, detect_style
from . import content
from .dates import parse_date
from .doc import Doc, build_sections
from .frontmatter import as_list, as_text, parse_front_matter
from .metadata import (
    Field,
    Meta,
    interpret_status,
    is_placeholder,
    read_line,
    read_table,
    split_people,
    split_tags,
)
from .refs import citing_lines, number_from_title
from .relations import STATUS_LINK_LINE, links_of, relations_of
from .scanner import Scan
from .tables import strip_inline
from .vocab import DATE_PRIORITY, METADATA_KEY_BY_NAME, PROSE_DATE_LABELS, clean_heading, section_key

_NUMBERED_SUBSECTION = tuple((p, re.compile(p + r"\s*\d+\s*:")) for p in ("alternative", "option"))


@dataclass(slots=True)
class PartInfo:
    """Facts about the part being parsed that do not come from its lines."""

    path: str
    filename_number: int | None
    ordinal: int = 0
    draft_name: bool = False
    problems: list[Problem] = field(default_factory=list)
    filename_date: str | None = None  # YYYY-MM-DD from a date-named file (filenames.date_in_name)


def build_record(scan: Scan, info: PartInfo) -> Record:
    problems = list(info.problems) + scan.problems
    title_heading = _title_heading(scan)
    sections = build_sections(scan, title_heading.index if title_heading else None)
    first = (title_heading.index + 1) if title_heading else (scan.front_matter[1] + 1 if scan.front_matter else 0)
    doc = Doc(scan, first, sections)
    meta = _collect_metadata(doc, problems)

    title, title_line, heading_number = _title(doc, title_heading, meta, problems, info.draft_name)
    number = _number(info, heading_number, meta)
    status, status_raw, status_line, status_source = _status(doc, meta, problems)
    if info.draft_name and status == "other":
        status = "draft"
    review_log = content.extract_review_log(doc)
    date, date_raw, date_line, candidates = _date(meta, review_log, status_raw, problems, _front_key_line(doc, "date"))
    if date is None and date_raw is None and info.filename_date:
        date, date_raw = info.filename_date, info.filename_date  # the record states none: its file name does

    decision_section = doc.find("decision")
    decision_text = doc.section_text(decision_section)
    alternatives = content.extract_alternatives(doc, decision_text)
    relations = relations_of(doc, meta, status_raw, status_line)
    deciders = _people(meta, "deciders")
    evidence = _evidence(
        doc,
        meta,
        status_source,
        title_heading is not None and bool(re.match(r"\s*\d+\.\s", title_heading.text)),
        alternatives,
    )
    lines = scan.lines
    style_name = detect_style(evidence)
    style = STYLES[style_name]
    record = Record(
        path=info.path,
        style=style_name,
        title=title,
        number=number,
        status=status,
        status_raw=status_raw,
        date=date,
        date_raw=date_raw,
        deciders=deciders,
        consulted=_people(meta, "consulted"),
        informed=_people(meta, "informed"),
        authors=_people(meta, "authors"),
        tags=_tags(meta),
        scope=_scope(doc, meta),
        sections=tuple(sections),
        context=doc.first_paragraph(doc.find("context") or doc.find("summary")),
        decision=doc.first_paragraph(decision_section),
        drivers=content.extract_drivers(doc),
        alternatives=alternatives,
        consequences=content.extract_consequences(doc),
        risks=content.extract_risks(doc),
        decision_matrix=content.extract_matrix(doc),
        checklists=content.extract_checklists(doc),
        review_log=review_log,
        references=content.extract_references(doc),
        relations=relations,
        links=links_of(doc),
        citing_lines=citing_lines(scan, title_line),
        front_matter=meta.front,
        problems=tuple(problems),
        number_in_filename=info.filename_number,
        number_in_heading=heading_number,
        title_line=title_line,
        status_line=status_line,
        date_line=date_line,
        status_source=status_source,
        start_line=scan.offset + 1,
        end_line=scan.offset + len(lines),
        ordinal=info.ordinal,
        line_count=len(lines),
        word_count=_prose_words(scan),
        date_candidates=candidates,
        front_matter_lines=(scan.lineno(scan.front_matter[0]), scan.lineno(scan.front_matter[1]))
        if scan.front_matter
        else None,
        line_kinds=bytes(scan.kinds),
    )
    # A style that states parts of the record outside their own sections reads them itself.
    return style.read(record, lines) if style.read is not None else record


_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def _prose_words(scan: Scan) -> int:
    """Words a reader reads: not front matter, code, comments, link targets or table rules."""
    kinds, lines = scan.kinds, scan.lines
    prose = [lines[i] for i in range(len(lines)) if kinds[i] == 0 and not _is_rule(lines[i])]
    text = " ".join(prose)  # one call: as fast as counting line by line, and much faster at scale
    words = (_LINK_TARGET.sub("]", text) if "](" in text else text).split()
    return sum(1 for word in words if not _MARKUP_ONLY.issuperset(word))  # "#", "|", "-" are not words


def _is_rule(line: str) -> bool:
    """A table's delimiter row or a horizontal rule: no words in it."""
    return "-" in line and not set(line) - _RULE_CHARACTERS


_RULE_CHARACTERS = frozenset("|:- \t")
_MARKUP_ONLY = frozenset("#|>*-+_=`~:")


def _title_heading(scan: Scan) -> Any:
    for heading in scan.headings:
        if heading.level == 1:
            return heading
    if scan.headings and scan.headings[0].level == 2 and section_key(clean_heading(scan.headings[0].text)) is None:
        return scan.headings[0]
    return None


def _collect_metadata(doc: Doc, problems: list[Problem]) -> Meta:
    meta = Meta()
    scan = doc.scan
    if scan.front_matter is not None:
        start, end = scan.front_matter
        text = "\n".join(scan.lines[start + 1 : end])
        meta.front, found = parse_front_matter(text, scan.lineno(start))
        problems.extend(found)
        meta.fields.extend(_front_fields(meta.front, scan.lineno(start)))
    first_section = doc.sections[0].line if doc.sections else scan.lineno(len(scan.lines) - 1) + 1
    ranges = [(doc.first, doc.index(first_section) - 1)]
    ranges += [doc.body(s, direct=True) for s in doc.sections if s.key == "document_info"]
    for start, end in ranges:
        for number, line in doc.text_lines(start, end):
            meta.fields.extend(read_line(line, number))
        meta.fields.extend(read_table(doc, start, end))
    return meta


def _front_fields(front: dict[str, Any], line: int) -> list[Field]:
    fields = []
    for name, value in front.items():
        key = METADATA_KEY_BY_NAME.get(name.replace("_", " ")) or METADATA_KEY_BY_NAME.get(name)
        if key:
            fields.append(Field(key, name, value if isinstance(value, str) else "", line, "front_matter"))
    return fields


def _title(
    doc: Doc, heading: Any, meta: Meta, problems: list[Problem], draft: bool = False
) -> tuple[str, int, int | None]:
    heading_text = strip_inline(heading.text) if heading else ""
    number, title, placeholder = number_from_title(heading_text)
    line = doc.scan.lineno(heading.index) if heading else 0
    named = meta.front.get("title") if isinstance(meta.front.get("title"), str) else None
    named_field = meta.first("title")
    if named:
        title = named.strip()
    elif named_field and named_field.source != "front_matter" and named_field.value:
        field_number, field_title, _ = number_from_title(strip_inline(named_field.value))
        if field_number is not None or not title:
            title, line = field_title, named_field.line
            number = number if number is not None else field_number
    if placeholder and not draft:  # a draft's XXXX is a number still to come, not a template left unfilled
        problems.append(Problem(line, "placeholder-number", "the title's number is a template placeholder"))
    return title, line, number


# A front matter number: "12", "0012" or "ADR-12" (a prefix, not a set of characters to strip: "DDR-5" is no
# number, and only ASCII digits are: "²" passes str.isdigit() but not int()).
_FRONT_NUMBER = re.compile(r"(?:ADR[-_ ]?)?([0-9]{1,9})", re.IGNORECASE)


def _number(info: PartInfo, heading_number: int | None, meta: Meta) -> int | None:
    if info.filename_number is not None:
        return info.filename_number
    for key in ("number", "adr", "id"):
        value = meta.front.get(key)
        if isinstance(value, int) and value >= 0:
            return value
        written = _FRONT_NUMBER.fullmatch(value.strip()) if isinstance(value, str) else None
        if written:
            return int(written.group(1))
    return heading_number


def _status(doc: Doc, meta: Meta, problems: list[Problem]) -> tuple[Status, str | None, int, StatusSource]:
    candidates: list[tuple[str, int, StatusSource]] = []
    front = meta.front.get("status")
    if front is not None:
        candidates.append((as_text(front), _front_key_line(doc, "status"), "front_matter"))
    candidates += [(f.value, f.line, f.source) for f in meta.all("status") if f.source != "front_matter"]
    section = doc.find("status")
    if section is not None:
        inline = section.title.split(":", 1)[1].strip() if ":" in section.title else ""
        if inline:
            candidates.append((inline, section.line, "section"))
        candidates += _status_from_section(doc, section)
    for raw, line, source in candidates:
        value = raw.strip()
        if not value:
            continue
        status, placeholder = interpret_status(value)
        if placeholder:
            problems.append(Problem(line, "placeholder-status", f"status is an unfilled template: '{_clip(value)}'"))
            return "other", value, line, source
        return status, value, line, source
    return "other", None, 0, ""


def _front_key_line(doc: Doc, key: str) -> int:
    """The line of a top-level front matter key (the first line of the front matter when it cannot be told)."""
    scan = doc.scan
    if scan.front_matter is None:
        return 1
    start, end = scan.front_matter
    for index in range(start + 1, end):
        line = scan.lines[index]
        if line.startswith(key) and line[len(key) :].lstrip().startswith(":"):
            return scan.lineno(index)
    return scan.lineno(start)


# Link lines of a Status section searched for the one that names the status: adr-tools puts it first or
# after an "Amended by" line or two, and reading 50,000 of them cost seconds per parse.
STATUS_LINES = 100


def _status_from_section(doc: Doc, section: Any) -> list[tuple[str, int, StatusSource]]:
    lines = [(n, line.strip()) for n, line in doc.prose_lines(*doc.body(section, direct=True)) if line.strip()]
    plain = [(n, text) for n, text in lines if not STATUS_LINK_LINE.match(text)]
    # adr-tools leaves only link lines once a record is superseded, and `adr link` may have put an
    # "Amended by [...]" line first: the status is the link line that names one, wherever it stands.
    chosen = (
        plain[0]
        if plain
        else next(
            ((n, text) for n, text in lines[:STATUS_LINES] if interpret_status(_section_value(text))[0] != "other"),
            lines[0] if lines else None,
        )
    )
    return [(_section_value(chosen[1]), chosen[0], "section")] if chosen else []


def _section_value(text: str) -> str:
    return re.sub(r"^[-*+]\s+", "", text).replace("**", "")


def _date(
    meta: Meta, review_log: Any, status_raw: str | None, problems: list[Problem], front_line: int = 1
) -> tuple[str | None, str | None, int, tuple[str, ...]]:
    fields = sorted((f for f in meta.all("date") if _may_be_date(f)), key=lambda f: _date_rank(f.name))
    front = meta.front.get("date")
    if front is not None:
        fields.insert(0, Field("date", "date", as_text(front), front_line, "front_matter"))
    for position, item in enumerate(fields):
        if not item.value.strip():
            continue
        reading = parse_date(item.value)
        if reading.placeholder:
            problems.append(Problem(item.line, "placeholder-date", f"date is an unfilled template: '{item.value}'"))
            return None, item.value, item.line, ()
        if reading.candidates:
            problems.append(Problem(item.line, "date-ambiguous", reading.problem))
            return None, item.value, item.line, reading.candidates
        if reading.iso is None and not reading.problem:
            continue  # a year and month only: not wrong, not a day either
        if reading.iso is None:
            problems.append(Problem(item.line, "date-invalid", reading.problem))
            return None, item.value, item.line, ()
        _check_other_dates(fields[position + 1 :], problems)
        return reading.iso, item.value, item.line, ()
    logged = _change_log_date(review_log, problems)
    if logged is not None:
        return logged
    if status_raw:
        reading = parse_date(status_raw)
        if reading.iso:
            return reading.iso, status_raw, 0, ()
    return None, None, 0, ()


def _check_other_dates(fields: list[Field], problems: list[Problem]) -> None:
    """A second date line ("Last Modified: 2023-07-2i") that cannot be read is wrong too, though not the date."""
    for item in fields:
        reading = parse_date(item.value) if item.value.strip() else None
        if (
            reading is not None
            and reading.iso is None
            and reading.problem
            and not reading.candidates
            and not reading.placeholder
        ):
            problems.append(Problem(item.line, "date-invalid", reading.problem))


def _change_log_date(
    review_log: Any, problems: list[Problem]
) -> tuple[str | None, str | None, int, tuple[str, ...]] | None:
    """The earliest dated change-log entry: the record was written then (logs list newest first or last)."""
    dated = [entry for entry in review_log if entry.date]
    if dated:
        entry = min(dated, key=lambda e: (e.date, e.line))
        problems.append(
            Problem(entry.line, "date-from-log", "no date line: the date is taken from the change log", "info")
        )
        return entry.date, entry.date_raw, entry.line, ()
    for entry in review_log:  # only day/month-ambiguous dates: the log's other dates may settle them
        reading = parse_date(entry.date_raw)
        if reading.candidates:
            problems.append(Problem(entry.line, "date-ambiguous", reading.problem))
            return None, entry.date_raw, entry.line, reading.candidates
    return None


def _may_be_date(item: Field) -> bool:
    """False for "Decided: use Kafka": a label that is a word of prose too, without a digit after it."""
    return item.name not in PROSE_DATE_LABELS or any(c.isdigit() for c in item.value)


def _date_rank(name: str) -> int:
    return DATE_PRIORITY.index(name) if name in DATE_PRIORITY else len(DATE_PRIORITY)


def _people(meta: Meta, key: str) -> tuple[str, ...]:
    if key in ("deciders",) and ("decision-makers" in meta.front or "deciders" in meta.front):
        return tuple(as_list(meta.front.get("decision-makers") or meta.front.get("deciders")))
    if key in meta.front:
        return tuple(as_list(meta.front[key]))
    found = meta.first(key)
    return split_people(found.value) if found else ()


def _tags(meta: Meta) -> tuple[str, ...]:
    for name in ("tags", "keywords", "labels"):
        if name in meta.front:
            return tuple(as_list(meta.front[name]))
    found = meta.first("tags")
    return split_tags(found.value) if found else ()


def _scope(doc: Doc, meta: Meta) -> tuple[str, ...]:
    if "scope" in meta.front:
        return tuple(as_list(meta.front["scope"]))
    section = doc.find("scope")
    if section is not None:
        return tuple(strip_inline(item.text).strip("`") for item in doc.top_items(*doc.body(section)))
    found = meta.first("scope") or _scope_in_status(doc)
    if found is None:
        return ()
    return tuple(p.strip().strip("`") for p in _scope_value(doc, found).split(",") if p.strip())


_SCOPE_KEY = r"(?:scope|applies to|governs)"
# The bold around the key closes before the colon or after it; what follows is the value, "**" and all.
_SCOPE_LINE = re.compile(
    rf"\s*(?:[-*+]\s+)?(?:(?P<bold>\*\*|__)\s*{_SCOPE_KEY}\s*(?:(?P=bold)\s*:|:\s*(?P=bold))"
    rf"|{_SCOPE_KEY}\s*:)\s*(?P<value>.*?)\s*$",
    re.IGNORECASE,
)


def _scope_value(doc: Doc, found: Field) -> str:
    """A Scope line's patterns as written: metadata values lose their "**", but in a glob it crosses folders."""
    match = _SCOPE_LINE.match(doc.scan.lines[doc.index(found.line)])
    return match.group("value") if match else found.value


def _scope_in_status(doc: Doc) -> Field | None:
    """adr-tools records keep everything but the date under `## Status`: a "Scope:" line there counts."""
    section = doc.find("status")
    if section is None:
        return None
    for number, line in doc.text_lines(*doc.body(section, direct=True)):
        found = next((f for f in read_line(line, number) if f.key == "scope"), None)
        if found is not None:
            return found
    return None


def _evidence(doc: Doc, meta: Meta, status_source: str, numbered_dot: bool, alternatives: Any) -> StyleEvidence:
    keys = frozenset(s.key for s in doc.sections if s.key and s.level <= 2)
    # Sections kept under Notes or an Appendix (a converted record keeps its old sections there)
    # are quoted material: they do not make the record's shape.
    quoted = [s for s in doc.sections if s.key in ("notes", "appendix")]
    shaping = [s for s in doc.sections if not any(q.line < s.line <= q.end_line for q in quoted)]
    titles = frozenset(s.title.lower() for s in shaping)
    prefixes = frozenset(p for s in shaping for p, pattern in _NUMBERED_SUBSECTION if pattern.match(s.title.lower()))
    context, decision = doc.find("context"), doc.find("decision")
    return StyleEvidence(
        keys=keys,
        titles=titles,
        meta_keys=frozenset(f.name for f in meta.fields),
        status_source=status_source,
        title_is_numbered_dot=numbered_dot,
        has_front_matter=bool(meta.front),
        alternatives_table=any(a.verdict is not None for a in alternatives)
        and any(doc.tables_in(s) for s in doc.find_all("alternatives") if s in shaping),
        decision_before_context=bool(context and decision and decision.line < context.line and decision.level == 2),
        subsection_prefixes=prefixes,
    )


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


__all__ = ["PartInfo", "build_record", "is_placeholder"]
