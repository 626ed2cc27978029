"""References between records: numbers in titles, file names, status lines, link lists and prose."""

from __future__ import annotations

import re

from ..model import Relation
from .tables import strip_inline

_TITLE_WITH_PREFIX = re.compile(
    r"\s*\[?\s*(?:architecture\s+decision\s+record|decision\s+record|adr|rfc|ad|decision)\s*[-_#:]?\s*"
    r"(?:no\.?\s*)?(?P<num>\d{1,6}|[XN]{2,5}|\[(?:[XN]{2,5}|\d{1,6}|number)\])\]?"
    r"(?:\s*[.:)\]–—-]\s*|\s+)(?P<title>.*)$",
    re.IGNORECASE,
)
_TITLE_BARE_NUMBER = re.compile(r"\s*(?P<num>\d{1,6})\s*(?:[.:)]|\s[-–—])\s*(?P<title>\S.*)$")
_FILENAME_NUMBER = re.compile(r"(?:adr|rfc|ad)?[-_ ]?(?P<num>\d{1,6}|\d{8})(?=[-_ .]|$)", re.IGNORECASE)
_DRAFT_NAME = re.compile(r"(?:x{3,}|n{3,}|draft)(?=[-_ .]|$)", re.IGNORECASE)

# "ADR-0005", "ADR 5", "RFC-7", "#12" in running text.
REFERENCE = re.compile(r"\b(?:ADR|RFC|AD)[-\s#_]?0*(?P<num>\d{1,6})\b|(?<![\w/])#0*(?P<hash>\d{1,5})\b")
# A link never holds its own opener (a "[" in its text or target, a "<" inside <...>): an attempt that
# fails stops where the next one starts, so a line of "[a](" repeated costs one pass, not one per bracket.
MD_LINK = re.compile(r"!?\[(?P<text>[^\[\]\n]{0,500})\]\((?P<target><[^<>\n]*>|[^)\[\s]*)(?:\s+\"[^\"\n]*\")?\)")

# log4brains names records YYYYMMDD-slug.md: a link to one is a relation without a number.
_DATED_RECORD_FILE = re.compile(r"(?:^|/)(?:19|20)\d{6}-[\w.-]+\.md$")

# Greedy, not lazy: only one title can end in a letter with nothing but spaces and one stop after it,
# and a lazy title costs the square of the spaces that follow each of its words.
_TITLE_AFTER = re.compile(r"\s*[:–—-]\s+(?P<title>[^\[\]\n]*[^\s,;.])\s*[,;.]?\s*$")

_VERBS: tuple[tuple[str, str, str], ...] = (
    (r"superseded\s+by|supersceded\s+by|replaced\s+by", "superseded_by", "Superseded by"),
    (r"supersedes|supercedes|replaces", "supersedes", "Supersedes"),
    (r"amended\s+by", "amended_by", "Amended by"),
    (r"amends", "amends", "Amends"),
)
_VERB_RE = re.compile("|".join(f"(?P<v{i}>\\b(?:{p})\\b)" for i, (p, _, _) in enumerate(_VERBS)), re.IGNORECASE)
KIND_BY_LABEL = {
    "supersedes": "supersedes", "replaces": "supersedes", "superseded by": "superseded_by",
    "replaced by": "superseded_by", "superseded-by": "superseded_by", "superseded_by": "superseded_by",
    "amends": "amends", "amended by": "amended_by", "amended-by": "amended_by", "amended_by": "amended_by",
}


def number_from_title(heading: str) -> tuple[int | None, str, bool]:
    """Split "ADR-012: Use X" into (12, "Use X"). The flag says the number is a placeholder."""
    for pattern in (_TITLE_WITH_PREFIX, _TITLE_BARE_NUMBER):
        match = pattern.match(heading)
        if match and match.group("title").strip():
            raw = match.group("num").strip("[]")
            title = match.group("title").strip()
            if raw.isdigit():
                return int(raw), title, False
            return None, title, True
    return None, heading.strip(), False


def number_from_filename(name: str) -> tuple[int | None, bool]:
    """The number a file name starts with; the flag says the name is an unnumbered draft.

    log4brains names files YYYYMMDD-slug.md: that is a date, not a number.
    """
    stem = name.rsplit("/", 1)[-1]
    if _DRAFT_NAME.match(stem):
        return None, True
    match = _FILENAME_NUMBER.match(stem)
    if not match:
        return None, False
    digits = match.group("num")
    if len(digits) == 8 and digits[:2] in ("19", "20") and "01" <= digits[4:6] <= "12":
        return None, False
    if len(digits) > 6:
        return None, False
    return int(digits), False


def number_from_reference(text: str, target: str = "") -> int | None:
    """The record number a link points at: from its file name, else from its text."""
    if target:
        name = target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        if name.lower().endswith((".md", ".markdown", ".html")) or not name.startswith(("http", "www")):
            number, _ = number_from_filename(name)
            if number is not None:
                return number
    match = REFERENCE.search(text)
    if match:
        return int(match.group("num") or match.group("hash"))
    number, _, placeholder = number_from_title(text)
    return None if placeholder else number


def title_from_reference(text: str) -> str:
    """ "ADR-002: API Framework Selection" -> "API Framework Selection"."""
    number, title, _ = number_from_title(strip_inline(text))
    return title if number is not None else ""


def relations_in_text(text: str, line: int, source: str,
                      default: tuple[str, str] | None = None) -> list[Relation]:
    """Relations named by verbs in a line: "Superseded by [ADR-5](0005-x.md)", "accepted; supersedes ADR-45".

    `default` is the (kind, label) of references that no verb introduces, as in a
    "Related Decisions" list; without it such references are not relations.
    """
    found: list[Relation] = []
    verbs = list(_VERB_RE.finditer(text))
    if not verbs and default is None:
        return found
    spans = [(m.start(), m.end(), _kind_of(m)) for m in verbs]
    if default is not None and (not spans or (spans[0][0] > 0 and _targets(text[: spans[0][0]]))):
        spans.insert(0, (0, 0, default))
    for position, (_, end, (kind, label)) in enumerate(spans):
        stop = spans[position + 1][0] if position + 1 < len(spans) else len(text)
        for number, title, target in _targets(text[end:stop]):
            found.append(Relation(kind, number, label, title, target, line, source))
    return found


def _kind_of(match: re.Match[str]) -> tuple[str, str]:
    index = int((match.lastgroup or "v0")[1:])
    return _VERBS[index][1], _VERBS[index][2]


def _targets(fragment: str) -> list[tuple[int | None, str, str]]:
    targets: list[tuple[int | None, str, str]] = []
    consumed = fragment
    for link in MD_LINK.finditer(fragment):
        text, target = link.group("text"), link.group("target").strip("<>")
        number = number_from_reference(text, target)
        if number is not None:
            targets.append((number, title_from_reference(text) or _title_after_number(text), target))
        elif _DATED_RECORD_FILE.search(target.split("#", 1)[0]) and "://" not in target:
            targets.append((None, _dated_link_title(text, target), target))
        consumed = consumed.replace(link.group(0), " ")
    matches = list(REFERENCE.finditer(consumed))
    for position, match in enumerate(matches):
        stop = matches[position + 1].start() if position + 1 < len(matches) else len(consumed)
        title = _TITLE_AFTER.match(consumed, match.end(), stop)
        targets.append((int(match.group("num") or match.group("hash")),
                        strip_inline(title.group("title")) if title else "", ""))
    return targets


def _dated_link_title(text: str, target: str) -> str:
    """The title of a link to a date-named record: its text, unless the text is just the file stem."""
    plain = strip_inline(text)
    stem = target.split("#", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return "" if plain == stem else plain


def _title_after_number(text: str) -> str:
    _, title, _ = number_from_title(strip_inline(text))
    return title if title != strip_inline(text) else ""
