"""What a record's file name says: its number, the date it carries, and the shape of the name.

Names are read as strings (no file is opened, nothing else is imported), so the loader, the
numbering of `adr new`, the parser and the naming rule all read a name the same way.

A date at the start of a name is never a number: log4brains writes `20230604-slug.md`, others
`2023-06-04-slug.md` or `2026-01-slug.md`. Some logs put the number after the date
(`2021-06-04_001-slug.md`): that number is the record's number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

# A date at the start of a stem, in the forms logs use. Dashed dates are recognised by their shape
# even when the calendar says no (`2023-13-10` is a date written wrong, not record 2023).
_DATE = re.compile(
    r"(?P<date>(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])"  # 20230604
    r"|(?:19|20)\d{2}-[01]?\d-[0-3]?\d"  # 2023-06-04 (and 2023-6-4)
    r"|(?:19|20)\d{2}-[01]\d)"  # 2026-01
    r"(?=[-_ .]|$)"
)
# The number some logs write after the date: `_001` (any digits), or `-001` (zero-padded only,
# so `2023-05-01-3-tier-architecture` keeps its slug).
_NUMBER_AFTER_DATE = re.compile(r"(?:_(?P<any>\d{1,6})|-(?P<padded>0\d{0,5}))(?=[-_ .]|$)")
_NUMBER = re.compile(r"(?P<prefix>(?:adr|rfc|ad)?[-_ ]?)(?P<digits>\d{1,6}|\d{8})(?=[-_ .]|$)", re.IGNORECASE)
_DRAFT = re.compile(r"(?:x{3,}|n{3,}|draft)(?=[-_ .]|$)", re.IGNORECASE)
_SEPARATOR = re.compile(r"[-_ .]")


@dataclass(frozen=True, slots=True)
class FileName:
    """The parts of a record's file name, as written."""

    stem: str
    suffix: str = ""  # ".md", with the case it was written in
    prefix: str = ""  # what comes before the number: "adr-", "ADR-", "adr", "" (a date-named log: "")
    digits: str = ""  # the number as written ("0012"); "" when the name has none
    date: str = ""  # the date as written ("20230604", "2023-06-04", "2026-01"); "" when none
    separator: str = ""  # what joins the number (or the date) to the slug: "-", "_", " ", "." or ""
    slug: str = ""  # the rest of the stem
    draft: bool = False  # XXXX-slug.md, NNNN-slug.md, draft-slug.md: an unnumbered draft

    @property
    def number(self) -> int | None:
        return int(self.digits) if self.digits else None

    @property
    def date_form(self) -> str:
        """How the date is written: "yyyymmdd", "yyyy-mm-dd", "yyyy-mm", or "" when there is none."""
        if not self.date:
            return ""
        if "-" not in self.date:
            return "yyyymmdd"
        return "yyyy-mm-dd" if self.date.count("-") == 2 else "yyyy-mm"

    @property
    def iso_date(self) -> str | None:
        """The date as YYYY-MM-DD when the name carries a whole, real calendar date."""
        if self.date_form == "yyyy-mm" or not self.date:
            return None
        digits = self.date.replace("-", "") if self.date_form == "yyyymmdd" else None
        year, month, day = (digits[:4], digits[4:6], digits[6:]) if digits else self.date.split("-")
        try:
            return date(int(year), int(month), int(day)).isoformat()
        except ValueError:
            return None


def read_name(name: str) -> FileName:
    """The parts of a file name (a path's folders are ignored)."""
    return _read_base(name.rsplit("/", 1)[-1])


@lru_cache(maxsize=1 << 17)  # listing, naming rules and reference checks each read the same names again
def _read_base(base: str) -> FileName:
    stem, dot, suffix = base.rpartition(".")
    if not dot or not stem:
        stem, suffix = base, ""
    else:
        suffix = "." + suffix
    draft = _DRAFT.match(stem)
    if draft:
        separator, slug = _rest(stem, draft.end())
        return FileName(stem, suffix, separator=separator, slug=slug, draft=True)
    dated = _DATE.match(stem)
    if dated:
        return _dated(stem, suffix, dated.group("date"))
    numbered = _NUMBER.match(stem)
    if numbered is None or not _is_number(numbered.group("digits")):
        return FileName(stem, suffix, slug=stem)
    separator, slug = _rest(stem, numbered.end())
    return FileName(
        stem, suffix, prefix=numbered.group("prefix"), digits=numbered.group("digits"), separator=separator, slug=slug
    )


def _dated(stem: str, suffix: str, date: str) -> FileName:
    after = _NUMBER_AFTER_DATE.match(stem, len(date))
    separator, slug = _rest(stem, after.end() if after else len(date))
    digits = (after.group("any") or after.group("padded")) if after else ""
    return FileName(stem, suffix, date=date, digits=digits, separator=separator, slug=slug)


def _rest(stem: str, position: int) -> tuple[str, str]:
    """The separator at `position` and the slug after it."""
    if position < len(stem) and _SEPARATOR.match(stem, position):
        return stem[position], stem[position + 1 :]
    return "", stem[position:]


def _is_number(digits: str) -> bool:
    # Eight digits are a log4brains date when they read as one (handled above); otherwise numbers
    # longer than six digits are identifiers of some other kind, not record numbers.
    return len(digits) <= 6


def number_in_name(name: str) -> tuple[int | None, bool]:
    """(the record number a file name carries, whether the name marks an unnumbered draft)."""
    found = read_name(name)
    return found.number, found.draft


def date_in_name(name: str) -> str | None:
    """The record's date a file name carries (YYYY-MM-DD), used when the record states none."""
    return read_name(name).iso_date
