"""References between records: numbers in titles, file names, status lines, link lists and prose."""

from __future__ import annotations

import re

from ..files.filenames import number_in_name, read_name
from ..model import Relation, RelationKind, RelationSource
from .lexer import TEXT
from .scanner import Scan
from .tables import strip_inline

_TITLE_WITH_PREFIX = re.compile(
    r"\s*\[?\s*(?:architecture\s+decision\s+record|decision\s+record|adr|rfc|ad|decision)\s*[-_#:]?\s*"
    r"(?:no\.?\s*)?(?P<num>\d{1,6}|[XN]{2,5}|\[(?:[XN]{2,5}|\d{1,6}|number)\])\]?"
    r"(?:\s*[.:)\]–—-]\s*|\s+)(?P<title>.*)$",
    re.IGNORECASE,
)
# "# 7. Title", and a draft's "# XXXX. Title" (a number still to come).
_TITLE_BARE_NUMBER = re.compile(r"\s*(?P<num>\d{1,6}|X{3,8}|[nN])\s*(?:[.:)]|\s[-–—])\s*(?P<title>\S.*)$")
# A padded number followed by a space or a dash and no dot: "# 001 Title", "# 013-plugin-lifecycle".
_TITLE_PADDED_NUMBER = re.compile(r"\s*(?P<num>0\d{1,5})[ -](?P<title>\S.*)$")

# "ADR-0005", "ADR 5", "RFC-7" in running text. "#12" is an issue or pull request, never a record.
REFERENCE = re.compile(r"\b(?:ADR|RFC|AD)[-\s#_]?0*(?P<num>\d{1,6})\b")
# A bare web address, as a relation's target: "Supersedes: https://github.com/org/repo/blob/main/docs/adr/036-x.md".
_BARE_URL = re.compile(r"<?https?://[^\s<>()\[\]]{1,2000}")
# A link never holds its own opener (a "[" in its text or target, a "<" inside <...>): an attempt that
# fails stops where the next one starts, so a line of "[a](" repeated costs one pass, not one per bracket.
MD_LINK = re.compile(r"!?\[(?P<text>[^\[\]\n]{0,500})\]\((?P<target><[^<>\n]*>|[^)\[\s]*)(?:\s+\"[^\"\n]*\")?\)")


# Greedy, not lazy: only one title can end in a letter with nothing but spaces and one stop after it,
# and a lazy title costs the square of the spaces that follow each of its words.
_TITLE_AFTER = re.compile(r"\s*[:–—-]\s+(?P<title>[^\[\]\n]*[^\s,;.])\s*[,;.]?\s*$")

_VERBS: tuple[tuple[str, RelationKind, str], ...] = (
    # "Superseded by" (adr-tools as published: "Superceded by"), also "Superseded [0019](0019-x.md)"
    # and "Superseded (never built) by ADR 32"
    (r"super(?:s|sc|c)eded(?:\s*\([^)\n]{0,60}\))?(?:\s+by)?|replaced\s+by", "superseded_by", "Superseded by"),
    # "This record supersedes ADR 18", and a first-person "We supersede [ADR 18](/adr/18) with this record."
    (r"supersedes|supercedes|replaces|we\s+(?:hereby\s+)?supersede", "supersedes", "Supersedes"),
    (r"amended\s+by", "amended_by", "Amended by"),
    (r"amends", "amends", "Amends"),
)
_VERB_RE = re.compile("|".join(f"(?P<v{i}>\\b(?:{p})\\b)" for i, (p, _, _) in enumerate(_VERBS)), re.IGNORECASE)
KIND_BY_LABEL: dict[str, RelationKind] = {
    "supersedes": "supersedes",
    "supercedes": "supersedes",
    "replaces": "supersedes",
    "superseded by": "superseded_by",
    "superceded by": "superseded_by",
    "replaced by": "superseded_by",
    "superseded-by": "superseded_by",
    "superseded_by": "superseded_by",
    "amends": "amends",
    "amended by": "amended_by",
    "amended-by": "amended_by",
    "amended_by": "amended_by",
}


def number_from_title(heading: str) -> tuple[int | None, str, bool]:
    """Split "ADR-012: Use X" into (12, "Use X"). The flag says the number is a placeholder ("XXXX.", "n.")."""
    for pattern in (_TITLE_WITH_PREFIX, _TITLE_BARE_NUMBER, _TITLE_PADDED_NUMBER):
        match = pattern.match(heading)
        if match and match.group("title").strip():
            raw = match.group("num").strip("[]")
            title = match.group("title").strip()
            if raw.isdigit():
                return int(raw), title, False
            return None, title, True
    return None, heading.strip(), False


def number_from_filename(name: str) -> tuple[int | None, bool]:
    """The number a file name carries; the flag says the name is an unnumbered draft.

    A date at the start of a name (log4brains' YYYYMMDD-slug.md, YYYY-MM-DD-slug.md) is not a
    number; a number written after the date (YYYY-MM-DD_NNN-slug.md) is (see filenames.py).
    """
    return number_in_name(name)


def _is_dated_record_link(target: str) -> bool:
    """A link to a date-named record file: a relation without a number (the file names the record)."""
    path = target.split("#", 1)[0]
    if "://" in path or not path.lower().endswith(".md"):
        return False
    found = read_name(path)
    return bool(found.date) and found.number is None


def _is_record_file(target: str) -> bool:
    """A web address of a Markdown file (a record on a code host), not of a page or a site."""
    return target.split("#", 1)[0].split("?", 1)[0].lower().endswith((".md", ".markdown"))


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
        return int(match.group("num"))
    number, _, placeholder = number_from_title(text)
    return None if placeholder else number


def title_from_reference(text: str) -> str:
    """ "ADR-002: API Framework Selection" -> "API Framework Selection"."""
    number, title, _ = number_from_title(strip_inline(text))
    return title if number is not None else ""


def relations_in_text(
    text: str, line: int, source: RelationSource, default: tuple[RelationKind, str] | None = None
) -> list[Relation]:
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
            slug = _stem(target) if number is None else ""
            found.append(Relation(kind, number, label, title, target, line, source, slug))
    return found


def _kind_of(match: re.Match[str]) -> tuple[RelationKind, str]:
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
        elif _is_dated_record_link(target):
            targets.append((None, _dated_link_title(text, target), target))
        consumed = consumed.replace(link.group(0), " ")
    for url in _BARE_URL.finditer(consumed):
        target = url.group(0).lstrip("<").rstrip(">.,;")
        number = number_from_reference("", target) if _is_record_file(target) else None
        if number is not None:
            targets.append((number, "", target))
            consumed = consumed.replace(url.group(0), " ")
    matches = list(REFERENCE.finditer(consumed))
    for position, match in enumerate(matches):
        stop = matches[position + 1].start() if position + 1 < len(matches) else len(consumed)
        title = _TITLE_AFTER.match(consumed, match.end(), stop)
        targets.append((int(match.group("num")), strip_inline(title.group("title")) if title else "", ""))
    return targets


def _dated_link_title(text: str, target: str) -> str:
    """The title of a link to a date-named record: its text, unless the text is just the file stem."""
    plain = strip_inline(text)
    return "" if plain == _stem(target) else plain


def _stem(target: str) -> str:
    """ "../adr/20240601-use-remix.md#top" -> "20240601-use-remix": the record's slug."""
    return target.split("#", 1)[0].rsplit("/", 1)[-1].rsplit(".", 1)[0]


def _title_after_number(text: str) -> str:
    _, title, _ = number_from_title(strip_inline(text))
    return title if title != strip_inline(text) else ""


# A record cited by number as people write it: "ADR-12", "ADR 0012", "MADR-053", "MADR #36" (never a bare "#12").
CITATION = re.compile(r"(?<![\w/#.-])(?:M?ADR)[-\s_]?#?0*(?P<num>\d{1,6})(?![\w-]*\.md)\b", re.IGNORECASE)
_CODE_SPAN = re.compile(r"(`+)[^`]*?\1")


def without_code_spans(text: str) -> str:
    """The line with `inline code` blanked out, keeping every other character where it was."""
    return _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text) if "`" in text else text


def citing_lines(scan: Scan, title_line: int) -> tuple[tuple[int, str], ...]:
    """(line number, text) of the prose lines, the title's aside, that may cite a record ("ADR-12",
    "madr 3": "dr" in any case) or link to a Markdown file (".md"). Found by a literal search in C,
    one per such line, not by a Python loop over every line."""
    text = "\n".join(scan.lines)
    candidates = _lines_holding(text.lower(), "dr")
    if ".md" in text:
        candidates = sorted(set(candidates).union(_lines_holding(text, ".md")))
    kinds, lines = scan.kinds, scan.lines
    return tuple(
        (scan.lineno(index), lines[index])
        for index in candidates
        if kinds[index] == TEXT and scan.lineno(index) != title_line
    )


def _lines_holding(text: str, needle: str) -> list[int]:
    """The indexes of the lines of `text` that hold `needle`."""
    indexes: list[int] = []
    index, position = 0, 0
    while (start := text.find(needle, position)) >= 0:
        index += text.count("\n", position, start)
        indexes.append(index)
        position = text.find("\n", start)  # on to the next line: the count from here includes it
        if position < 0:
            break
    return indexes


def cited_numbers(text: str) -> list[re.Match[str]]:
    """The citations of record numbers in a line of prose, outside inline code."""
    if "dr" not in text.lower():
        return []
    return list(CITATION.finditer(without_code_spans(text)))
