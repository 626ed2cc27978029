"""Consequences: Positive / Negative / Neutral sub-sections, emoji marks, MADR's "Good, because"."""

from __future__ import annotations

from ..model import Consequences, Section
from .doc import Doc
from .items import BAD, GOOD, NEGATIVE_MARKS, NEUTRAL, NEUTRAL_MARKS, POSITIVE_MARKS, clean_item


def extract_consequences(doc: Doc) -> Consequences:
    section = doc.find("consequences")
    buckets: dict[str, list[str]] = {"positive": [], "negative": [], "neutral": []}
    structured = False
    subsections = [
        s
        for s in doc.find_all("positive", "negative", "neutral")
        if section is None or section.line < s.line <= section.end_line or _under_decision(doc, s)
    ]
    for sub in subsections:
        structured = True
        for item in doc.top_items(*doc.body(sub)):
            text = clean_item(GOOD.sub("", BAD.sub("", item.text)))
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
    return Consequences(
        tuple(buckets["positive"]), tuple(buckets["negative"]), tuple(buckets["neutral"]), line, structured
    )


def _under_decision(doc: Doc, section: Section) -> bool:
    parent = doc.find("decision")
    return parent is not None and parent.line < section.line <= parent.end_line


def _classify(text: str) -> tuple[str, str]:
    for marks, kind in ((POSITIVE_MARKS, "positive"), (NEGATIVE_MARKS, "negative"), (NEUTRAL_MARKS, "neutral")):
        if text.startswith(marks):
            return kind, clean_item(text)
    for pattern, kind in ((GOOD, "positive"), (BAD, "negative"), (NEUTRAL, "neutral")):
        match = pattern.match(text)
        if match and text[match.end() :].strip():
            return kind, clean_item(text[match.end() :])
    return "unclassified", clean_item(text)
