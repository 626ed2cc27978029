"""A log's file-naming convention: stated in configuration (`file-pattern`) or read from its own names.

A log keeps its own consistent convention (`0001-slug.md`, `adr-001-slug.md`, `ADR-0001-slug.md`,
`20230604-slug.md`, `2021-06-04_001-slug.md`, capitals kept in the slug or not, words joined by
dashes or underscores). Each part of the convention is the one most of the log's names agree on;
a part the names do not agree on binds nothing. `adr new` names new files with it and ADR207
reports only the names that deviate from it (ADR-0038).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from .filenames import FileName, read_name

PARTS = ("shape", "prefix", "width", "date_form", "after_date", "joiner", "capitals", "suffix")
DATE_PATTERNS = {"yyyymmdd": "YYYYMMDD", "yyyy-mm-dd": "YYYY-MM-DD", "yyyy-mm": "YYYY-MM"}
# Capitals in this share of a log's names (and at least two of them) make capitals part of its convention:
# a log that keeps acronyms in upper case has many such names, a lower-case log one or two slips.
CAPITALS_SHARE = 0.1
_PATTERN = re.compile(
    r"(?:(?P<date>YYYYMMDD|YYYY-MM-DD|YYYY-MM)(?:(?P<after>[-_])(?P<dnum>N{1,8}))?"
    r"|(?P<prefix>[A-Za-z]*?[-_]?)(?P<num>N{1,8}))"
    r"(?P<sep>[-_])(?P<slug>slug|Slug)(?P<suffix>\.md|\.markdown)?"
)
_WORD_JOINERS = re.compile(r"[-_ ]+")
T = TypeVar("T")


@dataclass(frozen=True)
class Convention:
    """How a log names its record files. `settled` holds the parts its names agree on."""

    prefix: str = ""  # before the number: "adr-", "ADR-", "adr"
    width: int = 4  # digits of the number; 0 when the names carry no number
    date_form: str = ""  # "", "yyyymmdd", "yyyy-mm-dd" or "yyyy-mm"
    after_date: str = ""  # between the date and the number: "_" in 2021-06-04_001-slug.md
    joiner: str = "-"  # before the slug and between its words
    capitals: bool = False  # the slug keeps capitals (acronyms, names)
    suffix: str = ".md"
    settled: frozenset[str] = field(default=frozenset(PARTS))
    stated: bool = False  # from the `file-pattern` setting

    @property
    def numbered(self) -> bool:
        return self.width > 0

    @property
    def pattern(self) -> str:
        """The convention written as a `file-pattern` value (with the suffix): `adr-NNN-slug.md`."""
        number = "N" * self.width
        slug = "Slug" if self.capitals else "slug"
        if self.date_form:
            head = DATE_PATTERNS[self.date_form] + (f"{self.after_date or '-'}{number}" if number else "")
        else:
            head = self.prefix + number
        return f"{head}{self.joiner}{slug}{self.suffix}"

    def slug(self, text: str) -> str:
        """A title or an existing slug in this convention's words: joined and cased as the log writes them."""
        words = [w for w in re.split(r"[^A-Za-z0-9]+", text) if w]
        joined = bounded_slug(words, self.joiner)
        return joined if self.capitals else joined.lower()

    def name(self, slug: str, number: int | None, iso_date: str | None) -> str | None:
        """A file name in this convention (`slug` already in its words); None when a part it needs is unknown."""
        if not slug or (self.numbered and number is None) or (self.date_form and not iso_date):
            return None
        head = ""
        if self.date_form:
            head = _format_date(iso_date or "", self.date_form)
            if self.numbered:
                head += f"{self.after_date or '-'}{number:0{self.width}d}"
        elif number is not None:
            head = f"{self.prefix}{number:0{self.width}d}"
        return f"{head}{self.joiner}{slug}{self.suffix}"

    def deviations(self, name: FileName) -> list[str]:
        """How a file name departs from the convention, in words (empty when it follows it)."""
        found: list[str] = []
        for part, check in _CHECKS:
            if part in self.settled:
                problem = check(self, name)
                if problem:
                    found.append(problem)
        return found


def _format_date(iso: str, form: str) -> str:
    year, month, day = iso[:4], iso[5:7], iso[8:10]
    forms = {"yyyymmdd": f"{year}{month}{day}", "yyyy-mm-dd": f"{year}-{month}-{day}", "yyyy-mm": f"{year}-{month}"}
    return forms[form]


def _shape(convention: Convention, name: FileName) -> str:
    if convention.date_form and not name.date:
        return f"does not start with a date ({DATE_PATTERNS[convention.date_form]})"
    if not convention.date_form and name.date:
        return "starts with a date where the log's names start with a number"
    if convention.numbered and not name.digits:
        return "has no number"
    if not convention.numbered and name.digits:
        return "carries a number where the log's names carry none"
    return ""


def _prefix(convention: Convention, name: FileName) -> str:
    if convention.date_form or not name.digits or name.prefix == convention.prefix:
        return ""
    written = f"'{name.prefix}'" if name.prefix else "nothing"
    wanted = f"'{convention.prefix}'" if convention.prefix else "nothing"
    return f"puts {written} before the number where the log puts {wanted}"


def _width(convention: Convention, name: FileName) -> str:
    digits = name.digits
    if not digits or not convention.numbered or len(digits) == convention.width:
        return ""
    if len(digits) > convention.width and not digits.startswith("0"):
        return ""  # the log outgrew its padding: 10000 after 9999 is fine
    return f"has a {len(digits)}-digit number where the log pads its numbers to {convention.width} digits"


def _date_form(convention: Convention, name: FileName) -> str:
    if not name.date or not convention.date_form or name.date_form == convention.date_form:
        return ""
    return (
        f"writes the date as {DATE_PATTERNS[name.date_form]} where the log writes {DATE_PATTERNS[convention.date_form]}"
    )


def _after_date(convention: Convention, name: FileName) -> str:
    if not (name.date and name.digits and convention.date_form and convention.numbered):
        return ""
    written = name.stem[len(name.date) : len(name.date) + 1]
    wanted = convention.after_date or "-"
    return "" if written == wanted else f"joins the date and the number with '{written}' where the log uses '{wanted}'"


def _joiner(convention: Convention, name: FileName) -> str:
    used = joiners(name)
    odd = sorted(used - {convention.joiner})
    if not odd:
        return ""
    shown = " and ".join("spaces" if j == " " else f"'{j}'" for j in odd)
    return f"joins words with {shown} where the log uses '{convention.joiner}'"


def _capitals(convention: Convention, name: FileName) -> str:
    if convention.capitals or name.slug == name.slug.lower():
        return ""
    return "has capitals where the log writes its names in lower case"


def _suffix(convention: Convention, name: FileName) -> str:
    if name.suffix.lower() == convention.suffix:
        return ""
    return f"ends in '{name.suffix}' where the log uses '{convention.suffix}'"


_CHECKS = (
    ("shape", _shape),
    ("prefix", _prefix),
    ("width", _width),
    ("date_form", _date_form),
    ("after_date", _after_date),
    ("joiner", _joiner),
    ("capitals", _capitals),
    ("suffix", _suffix),
)


def joiners(name: FileName) -> set[str]:
    """The characters that join the parts of a name after its number or date: "-", "_", " "."""
    found = set(_WORD_JOINERS.findall(name.slug))
    characters = {char for run in found for char in run}
    if name.separator in ("-", "_", " ") and name.slug:
        characters.add(name.separator)
    return characters


def parse_pattern(text: str) -> Convention:
    """A `file-pattern` setting (`NNNN-slug`, `adr-NNN-slug`, `YYYY-MM-DD_NNN-slug.md`, ...) as a convention."""
    match = _PATTERN.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"'{text}' is not a file pattern: write it like NNNN-slug, adr-NNN-slug, ADR-NNNN-Slug, "
            "YYYYMMDD-slug or YYYY-MM-DD_NNN-slug (N: a digit of the number; Slug keeps capitals)"
        )
    form = {v: k for k, v in DATE_PATTERNS.items()}.get(match.group("date") or "", "")
    number = match.group("dnum") or match.group("num") or ""
    return Convention(
        prefix=match.group("prefix") or "",
        width=len(number),
        date_form=form,
        after_date=match.group("after") or "",
        joiner=match.group("sep"),
        capitals=match.group("slug") == "Slug",
        suffix=match.group("suffix") or ".md",
        stated=True,
    )


def infer(names: Iterable[str], padding: int = 4) -> Convention:
    """The convention most of these file names follow; `padding` where their numbers do not say."""
    read = [read_name(n) for n in names]
    read = [n for n in read if not n.draft and n.slug]
    if not read:
        return Convention(width=padding, settled=frozenset())
    settled: set[str] = set()
    shape = _majority([(bool(n.date), bool(n.digits)) for n in read], settled, "shape")
    dated, numbered = shape if shape is not None else (False, True)
    width = _width_of(read, padding, settled)
    prefix = _majority([n.prefix for n in read if n.digits and not n.date], settled, "prefix") or ""
    date_form = _majority([n.date_form for n in read if n.date], settled, "date_form") or ""
    after = _majority([n.stem[len(n.date)] for n in read if n.date and n.digits], settled, "after_date") or ""
    joiner = _majority([j for n in read if len(used := joiners(n)) == 1 for j in used], settled, "joiner") or "-"
    capitalised = sum(1 for n in read if n.slug != n.slug.lower())
    capitals = capitalised >= 2 and capitalised >= CAPITALS_SHARE * len(read)
    # Case is never settled by inference: a capital in one name of a lower-case log (an acronym, a
    # proper name) is cosmetic. New names follow the log's case; a stated pattern (slug/Slug) binds it.
    suffix = _majority([n.suffix.lower() for n in read], settled, "suffix") or ".md"
    return Convention(
        prefix=prefix,
        width=width if numbered else 0,
        date_form=date_form if dated else "",
        after_date=after,
        joiner=joiner,
        capitals=capitals,
        suffix=suffix,
        settled=frozenset(settled),
    )


def _majority(values: Sequence[T], settled: set[str], part: str) -> T | None:
    """The value more than half of `values` share (the part is then settled), else None."""
    if not values:
        return None
    value, count = Counter(values).most_common(1)[0]
    if count * 2 > len(values):
        settled.add(part)
        return value
    return None


def _width_of(read: list[FileName], padding: int, settled: set[str]) -> int:
    """The padding most numbers use; on a tie the `padding` setting when it is one of the tied widths."""
    widths = Counter(len(n.digits) for n in read if n.digits)
    if not widths:
        return padding
    (width, count), *rest = widths.most_common()
    if not rest or count > rest[0][1]:
        settled.add("width")
        return width
    if widths.get(padding) == count:
        settled.add("width")
        return padding
    return padding


def convention_of(names: Iterable[str], file_pattern: str = "", padding: int = 4) -> Convention:
    """The log's convention: the `file-pattern` setting when there is one, else read from its names."""
    if file_pattern:
        return parse_pattern(file_pattern)
    return infer(names, padding)


SLUG_LIMIT = 100  # characters of a slug: a readable file name, far below the 255 bytes a name may have


def bounded_slug(words: list[str], joiner: str) -> str:
    """The words joined, cut after the last whole word within SLUG_LIMIT (a single giant word is cut at
    the limit): a huge title must still give a name the file system accepts."""
    joined = joiner.join(words)
    if len(joined) <= SLUG_LIMIT:
        return joined
    kept: list[str] = []
    length = -len(joiner)
    for word in words:
        length += len(joiner) + len(word)
        if length > SLUG_LIMIT:
            break
        kept.append(word)
    return joiner.join(kept) or joined[:SLUG_LIMIT]
