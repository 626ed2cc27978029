"""The prose of a record version: the words a reader reads, blind to how they are dressed.

An accepted record counts as edited only when the words of its decision changed. Formatting
sweeps (list markers, emphasis, re-wrapped lines, table padding, escapes), link targets, front
matter, metadata lines, heading numbers and the status and relation lines the lifecycle
commands write all leave the prose as it was, so two versions that differ only there have the
same prose key.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator

from ..cache import digest
from ..model import Record
from ..parse.lexer import CODE, COMMENT, FENCE_OPEN, FRONT, TEXT, UNDERLINE
from ..parse.refs import CITATION, cited_numbers
from ..parse.scanner import Scan, scan

_INLINE_COMMENT = re.compile(r"<!--.*?-->")
_LINK_TARGET = re.compile(r"\]\((?:<[^>\n]*>|[^)\s]*)(?:\s+\"[^\"\n]*\")?\)")  # [text](target) keeps the text
_REFERENCE_TARGET = re.compile(r"\]\[[^\]\n]*\]")  # [text][label]
_LINK_DEFINITION = re.compile(r"\s{0,3}\[[^\]\n]+\]:\s*\S")
_URL = re.compile(r"<?(?:[a-z][a-z0-9+.-]*://|www\.|mailto:)[^\s)>\]]*>?", re.IGNORECASE)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ESCAPE = re.compile(r"\\([^\w\s])")
_LIST_MARKER = re.compile(r"\s*(?:>\s*)*(?:(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?)+")
_HEADING_NUMBER = re.compile(
    r"\s*(?:(?:m?adr|rfc|decision)\s*[-_#:]?\s*(?:no\.?\s*)?\d{1,6}\s*[:.)–—-]?|\d{1,6}(?:\.\d{1,6})*\s*[.:)–—-]?)\s+",
    re.IGNORECASE,
)
_RECORD_LINK = re.compile(r"\[(?P<text>[^\]\n]*)\]\((?P<target>[^)\s]*?\d{1,6}[-_][^)\s/]*\.md(?:#[^)\s]*)?)\)")
_ONLY_A_LINK = re.compile(
    r"\s*(?:[-*+]\s+|\d{1,9}[.)]\s+)?(?:\*\*|__|\*|_)?!?\[[^\]\n]*\]\([^)\n]*\)(?:\*\*|__|\*|_)?"
    r"\s*[.,;]?\s*$"
)
_MARKER_STARTS = frozenset("-*+>0123456789")
_MAX_CORRECTED_SPAN = 2000  # words between the first and the last spelling fix of one edit
_WORD = re.compile(r"[^\W_]+")  # letters and digits: punctuation, emphasis and table pipes are not words


def prose_key(records: list[Record], lines: list[str], skip: Collection[int]) -> str:
    """A digest of the version's words: equal for two versions whose words a reader reads alike."""
    words = prose_words(records, lines, skip)
    return digest(" ".join(words).encode("utf-8", "surrogateescape"))


def cites_of(records: list[Record]) -> frozenset[int]:
    """The record numbers a version cites as "ADR-N" in its prose, titles aside: read from the lines the
    parser kept as possibly citing (Record.citing_lines), so no line is scanned twice."""
    titles = {r.title_line for r in records if r.title_line}
    return frozenset(
        int(match.group("num"))
        for record in records
        for number, text in record.citing_lines
        if number not in titles
        for match in cited_numbers(text)
    )


def prose_words(records: list[Record], lines: list[str], skip: Collection[int], fold: bool = True) -> list[str]:
    """The words of the version as a reader reads them, in order (case-folded unless `fold` is False)."""
    # lazy: keeps parse off this module's import
    from ..parse.metadata import read_line  # only when a version is read: warm runs never get here

    scanned = scan(lines)
    titles = {r.title_line for r in records if r.title_line}
    headings = {heading.index for heading in scanned.headings}
    metadata_end = _metadata_end(scanned, titles)
    words: list[str] = []
    for record in records:  # the title wherever it is written (heading or front matter), without its number
        words += _words(_HEADING_NUMBER.sub("", record.title + " ", count=1), fold)
    for index, text in _reading_lines(scanned, skip):
        number = index + 1
        if number in titles:
            continue
        if scanned.kinds[index] == TEXT:
            if number < metadata_end and read_line(text, number):
                continue  # Date, Deciders, Tags ...: metadata, not the decision's prose
            text = _clean(text, index in headings)
        words += _words(text, fold)
    return words


def _reading_lines(scanned: Scan, skip: Collection[int]) -> Iterator[tuple[int, str]]:
    """(index, text) of the lines a reader reads: no front matter, comments, underlines, fences, skipped lines."""
    for index, text in enumerate(scanned.lines):
        kind = scanned.kinds[index]
        if kind in (FRONT, COMMENT, UNDERLINE) or (index + 1) in skip or not text.strip():
            continue
        if kind == CODE and FENCE_OPEN.match(text):
            continue  # a fence line: adding a language name to it changes no prose
        if kind == TEXT and (_LINK_DEFINITION.match(text) or _ONLY_A_LINK.match(text)):
            continue  # [label]: target, or a line that is one link: a reference, not the decision's prose
        yield index, text


def _metadata_end(scanned: Scan, titles: set[int]) -> int:
    """The 1-based line of the first section heading after the title: metadata lines live above it."""
    for heading in scanned.headings:
        if heading.index + 1 not in titles:
            return heading.index + 1
    return len(scanned.lines) + 1


def _clean(text: str, heading: bool) -> str:
    if "<" in text:
        text = _INLINE_COMMENT.sub(" ", text)
        text = _HTML_TAG.sub(" ", text)
    if "](" in text or "][" in text:
        if ".md" in text:  # the numbers of records a renumbering changed are not the decision's words
            text = _RECORD_LINK.sub(lambda m: "[" + re.sub(r"\d", "", m.group("text")) + "]", text)
        text = _REFERENCE_TARGET.sub("]", _LINK_TARGET.sub("]", text))
    if "adr" in text.lower():
        text = CITATION.sub("ADR", text)
    if "://" in text or "www." in text or "mailto:" in text:
        text = _URL.sub(" ", text)
    if "\\" in text:
        text = _ESCAPE.sub(r"\1", text)
    if text.lstrip()[:1] in _MARKER_STARTS:
        text = _LIST_MARKER.sub(" ", text, count=1)
    if heading:
        text = _HEADING_NUMBER.sub(" ", text.lstrip("# ") + " ", count=1)
    return text


def _words(text: str, fold: bool = True) -> list[str]:
    return _WORD.findall(text.casefold() if fold else text)


def only_corrections(old: list[str], new: list[str]) -> bool:
    """True when the words differ only by spelling fixes: "accomodate" to "accommodate", "set up" to "setup",
    a doubled word removed. A word that gains a prefix or suffix ("sync", "async") is a change of meaning.
    """
    # lazy: difflib is only needed here (startup cost)
    from difflib import SequenceMatcher

    folded_old, folded_new = [w.casefold() for w in old], [w.casefold() for w in new]
    start = 0  # the words both versions share at the start and at the end need no diff
    while start < min(len(old), len(new)) and folded_old[start] == folded_new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and folded_old[-1 - end] == folded_new[-1 - end]:
        end += 1
    if max(len(old), len(new)) - start - end > _MAX_CORRECTED_SPAN:
        return False  # a rewrite spanning a whole passage is not a few spelling fixes
    matcher = SequenceMatcher(
        None, folded_old[start : len(old) - end], folded_new[start : len(new) - end], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        i1, i2, j1, j2 = i1 + start, i2 + start, j1 + start, j2 + start
        if tag == "equal":
            continue
        before, after = old[i1:i2], new[j1:j2]
        if "".join(before).casefold() == "".join(after).casefold():
            continue  # words split or joined
        if tag in ("delete", "insert") and _doubled(
            old if tag == "delete" else new, i1 if tag == "delete" else j1, len(before or after)
        ):
            continue
        if tag != "replace" or len(before) != len(after) or not all(map(_misspelt, before, after)):
            return False
    return True


def _doubled(words: list[str], start: int, count: int) -> bool:
    """The `count` words at `start` repeat the words just before them ("the the")."""
    return start >= count and [w.casefold() for w in words[start - count : start]] == [
        w.casefold() for w in words[start : start + count]
    ]


def _misspelt(old: str, new: str) -> bool:
    """Whether `new` corrects the spelling of `old`: plain words, close letters, neither inside the other."""
    a, b = old.casefold(), new.casefold()
    if a == b:
        return True
    if not (old.isalpha() and new.isalpha()) or min(len(a), len(b)) < 4 or max(len(a), len(b)) < 5:
        return False  # "not" / "now", "must" / "most", versions and numbers: changes of meaning
    if a in b or b in a or not (_plain_case(old) and _plain_case(new)):
        return False  # a prefix or suffix added, or a name such as MySQL / MSSQL
    return _distance(a, b) <= 2


def _plain_case(word: str) -> bool:
    return word.islower() or (word.isupper() and len(word) < 2) or (word[:1].isupper() and word[1:].islower())


def _distance(a: str, b: str) -> int:
    """Edit distance with transpositions (optimal string alignment), stopping early above 2."""
    if abs(len(a) - len(b)) > 2:
        return 3
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > 2:
            return 3
        previous2, previous = previous, current
    return previous[-1]
