"""Templates beside the records are not records: known by their names, or as the log's template left unfilled.

Every command reads the log through DecisionLog, which leaves both kinds out (the `include`
setting brings a file back), so no template is ever linted, published, indexed, searched,
exported, reported as a stale proposal or counted by `adr new`'s numbering.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .filenames import number_in_name, read_name

if TYPE_CHECKING:
    from ..model import Record

_WORDS = re.compile(r"[-_.\s]+")
# A name that starts with a number other than 0 of up to six digits (or a date's year) and a separator.
_NUMBERED = re.compile(r"(?=\d{1,6}[-_])0*[1-9]")
# The words that name whose template a file is ("adr-template.md"); "adopt-template.md" is a record.
_TEMPLATE_OWNERS = frozenset(
    {
        "adr",
        "adrs",
        "madr",
        "nygard",
        "rfc",
        "decision",
        "decisions",
        "record",
        "default",
        "blank",
        "empty",
        "base",
        "sample",
        "example",
        "new",
        "log4brains",
        "architecture",
    }
)
# Parser problems that only an unfilled template has.
_PLACEHOLDER_PROBLEMS = frozenset({"placeholder-status", "placeholder-date", "placeholder-number"})
_PLACEHOLDER_TITLE = re.compile(
    r"\s*(?:[\[{<].*[\]}>]|title|short title.*|decision title|record title)\s*", re.IGNORECASE
)


def is_template_name(name: str) -> bool:
    """A template's file name, in any case: template.md, adr-template.md, adr.template.md, 0000-template.md,
    000-template.md, adr000-template.md, 0_template.md, 0000-short-title-template.md, _template.md."""
    stem = name.rsplit("/", 1)[-1].lower()
    if "template" not in stem:
        return False  # every form below holds the word: most names are refused by one search in C
    for suffix in (".md", ".markdown"):
        stem = stem.removesuffix(suffix)
    if stem.endswith(".template") or stem.lstrip("_") == "template":
        return True
    words = [word for word in _WORDS.split(stem) if word]
    if "template" not in words:
        return False
    if len(words) == 2 and words[1] == "template" and words[0] in _TEMPLATE_OWNERS:
        return True  # adr-template, madr_template: a word naming whose template it is
    return number_in_name(stem)[0] == 0  # 0000-template, adr000-template, 0000-my-title-template


def may_be_unfilled_template(name: str) -> bool:
    """Names a template copy can have: number 0, a draft's XXXX-, or neither a number nor a date.

    Only these files are read to ask whether they are an unfilled template, so a numbered or
    date-named log lists its records without reading them.
    """
    if _NUMBERED.match(name, name.rfind("/") + 1):
        return False  # "0012-title.md", "2023-06-04-x.md": a number other than 0, or a date
    found = read_name(name)
    return found.draft or found.number == 0 or (found.number is None and not found.date)


def is_unfilled_template(record: Record) -> bool:
    """The log's own template, copied and never filled in: no real title, no number, placeholder values."""
    if record.number not in (None, 0) or record.ordinal:
        return False
    if record.title.strip() and not _PLACEHOLDER_TITLE.fullmatch(record.title):
        return False
    return any(problem.code in _PLACEHOLDER_PROBLEMS for problem in record.problems)
