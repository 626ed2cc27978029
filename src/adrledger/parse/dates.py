"""Dates as people write them in records: ISO, European, American, spelled-out months, year first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january", "januar", "janvier", "enero"),
            ("feb", "february", "februar", "fevrier", "février", "febrero"),
            ("mar", "march", "märz", "maerz", "mars", "marzo"),
            ("apr", "april", "avril", "abril"),
            ("may", "mai", "mayo"),
            ("jun", "june", "juni", "juin", "junio"),
            ("jul", "july", "juli", "juillet", "julio"),
            ("aug", "august", "aout", "août", "agosto"),
            ("sep", "sept", "september", "septembre", "septiembre"),
            ("oct", "october", "oktober", "octobre", "octubre", "okt"),
            ("nov", "november", "novembre", "noviembre"),
            ("dec", "december", "dezember", "decembre", "décembre", "diciembre", "dez"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<mon>[A-Za-zéäû]{3,9})\.?"
# A letter glued to the day ("2023-07-2i") is a typo, not a date; "T" starts a time of day.
_ISO = re.compile(r"(?<!\d)(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})(?![\dA-SU-Za-su-z])")
_COMPACT = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)")
_NUMERIC = re.compile(r"(?<![\d.])(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])")
_DAY_MONTH = re.compile(r"(?<!\d)(?P<d>\d{1,2})(?:st|nd|rd|th)?[ -]" + _MONTH + r",?[ -](?P<y>\d{4})")
_MONTH_DAY = re.compile(_MONTH + r" (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})")
# "2019-Oct-22" and "2019 Oct 22" (change logs write the year first to sort their entries)
_YEAR_MONTH = re.compile(r"(?<!\d)(?P<y>\d{4})(?P<sep>[- ])" + _MONTH + r"(?P=sep)(?P<d>\d{1,2})(?:st|nd|rd|th)?(?!\d)")
_YEAR_AND_MONTH = re.compile(r"(?:19|20)\d{2}[-/.](?:0?[1-9]|1[0-2])")
_PLACEHOLDER = re.compile(r"\b(?:yyyy|dd|mm)\b|^\W*(?:date|today|tbd|n/?a|none|-+)\W*$|\{[^}]*\}|\[[^\]]*\]$", re.I)


@dataclass(frozen=True, slots=True)
class DateReading:
    iso: str | None
    candidates: tuple[str, ...] = ()  # both readings when day and month cannot be told apart
    order: str = ""  # "dmy" or "mdy" when the text itself proves it
    problem: str = ""
    placeholder: bool = False


def parse_date(raw: str) -> DateReading:
    """Read the first date in `raw`; say why when there is none or it is ambiguous."""
    text = raw.strip()
    if not text or (_PLACEHOLDER.search(text) and not _ISO.search(text)):
        return DateReading(None, placeholder=bool(text), problem="placeholder" if text else "")
    for reader in (_read_iso, _read_words, _read_numeric, _read_compact):
        reading = reader(text)
        if reading is not None:
            return reading
    if _YEAR_AND_MONTH.fullmatch(text):
        return DateReading(None)  # "2022-09": true, only not a day; the record's other dates may say more
    return DateReading(None, problem=f"cannot read a date in '{_clip(text)}'")


def _clip(text: str) -> str:
    return text if len(text) <= 60 else text[:57] + "..."


def _make(year: int, month: int, day: int, raw: str) -> DateReading:
    try:
        return DateReading(date(year, month, day).isoformat())
    except ValueError:
        return DateReading(None, problem=f"'{_clip(raw)}' is not a calendar date")


def _read_iso(text: str) -> DateReading | None:
    match = _ISO.search(text)
    if not match:
        return None
    return _make(int(match["y"]), int(match["m"]), int(match["d"]), match.group(0))


def _read_compact(text: str) -> DateReading | None:
    match = _COMPACT.search(text)
    if not match:
        return None
    return _make(int(match["y"]), int(match["m"]), int(match["d"]), match.group(0))


def _read_words(text: str) -> DateReading | None:
    for pattern in (_MONTH_DAY, _DAY_MONTH, _YEAR_MONTH):
        for match in pattern.finditer(text):
            month = _MONTHS.get(match["mon"].lower())
            if month:
                return _make(int(match["y"]), month, int(match["d"]), match.group(0))
    return None


def _read_numeric(text: str) -> DateReading | None:
    match = _NUMERIC.search(text)
    if not match:
        return None
    first, second, year = int(match["a"]), int(match["b"]), int(match["y"])
    if len(match["y"]) == 2:
        year += 2000 if year < 70 else 1900
    raw = match.group(0)
    if match["sep"] == ".":  # dotted dates are day-first wherever they are used
        return _make(year, second, first, raw)
    if first > 12 >= second:
        reading = _make(year, second, first, raw)
        return DateReading(reading.iso, order="dmy", problem=reading.problem)
    if second > 12 >= first:
        reading = _make(year, first, second, raw)
        return DateReading(reading.iso, order="mdy", problem=reading.problem)
    if first == second:
        return _make(year, first, second, raw)
    dmy, mdy = _make(year, second, first, raw).iso, _make(year, first, second, raw).iso
    candidates = tuple(c for c in (dmy, mdy) if c)
    return DateReading(
        None, candidates=candidates, problem=f"'{raw}' could be day-first ({dmy}) or month-first ({mdy})"
    )


def resolve(candidates: tuple[str, ...], order: str) -> str | None:
    """Pick the reading of an ambiguous date that matches the log's proven `order`."""
    if len(candidates) != 2 or order not in ("dmy", "mdy"):
        return None
    return candidates[0] if order == "dmy" else candidates[1]
