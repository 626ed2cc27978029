"""Find template placeholders in a record's prose: `[Decision Title]`, `{short title}`, `YYYY-MM-DD`, `ADR-XXX`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..model import Record
from .context import Source

_DATE = re.compile(r"\b(?:YYYY[-/.]MM[-/.]DD|DD[-/.]MM[-/.]YYYY|MM[-/.]DD[-/.]YYYY)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\b(?:ADR|RFC)[-_ ]?\[?(?:X{2,}|N{2,}|Y{2,}|#{2,})\]?", re.IGNORECASE)
# A bracketed span that is not a link, an image, a reference link, a footnote or a task box, and is not
# attached to a word: `UsePolicy[Async]`, `meshtrace_[zipkin|otel]` and `[in|out]|port` are notation.
_BRACKETS = re.compile(r"(?<![\w\]!\[\\|])\[(?P<inner>[^\[\]\n]{2,200})\](?![\w(\[:|])")
# A braced span not attached to a word (`{Broker}Publisher`), not a template tag (`{% endhint %}`, `{{x}}`).
_BRACES = re.compile(r"(?<![\w/{$#%\\])\{(?P<inner>[^{}%\n]{2,120})\}(?![\w}])")
_OPEN_BRACKET = re.compile(r"\s*(?:[-*+]\s+)?\[(?P<inner>[^\[\]\n]{3,})$")
_CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
_LINK_DEFINITION = re.compile(r"^\s{0,3}\[(?P<label>[^\]\n]+)\]:\s", re.MULTILINE)
# Cheap tests that rule placeholders out for most records before any line is classified.
# Each starts with a literal character, so the regex engine skips ahead to it instead of trying every position.
_CLOSING_BRACKET = re.compile(r"\](?![(\[:])")  # a "]" that ends no link (task boxes are told apart below)
_UNCLOSED_BRACKET = re.compile(r"\n[ \t]*(?:[-*+][ \t]+)?\[[^\]\n]*\n")
_NUMBER_HINT = ("XX", "NN", "YY", "##[")
_MARKERS = ("YYYY", "yyyy", "{", "<")
_LINE_MARKERS = ("[", "{", "<", "YYYY", "yyyy", "DD", "MM", "dd", "mm")
_ELLIPSIS_ITEMS = frozenset(f"{marker} {dots}" for marker in "-*+" for dots in ("...", "…"))
# An instruction in angle brackets ("<delete the items that do not apply>"), not an HTML tag or autolink.
_ANGLES = re.compile(r"(?<![\w<`])<(?P<inner>[A-Za-z][^<>=\"'/\n]{2,160} [^<>=\"'/\n]{1,160})>")
_NOT_PLACEHOLDER = re.compile(r"\s*(?:\^.*|!\w+|\d+(?:[,-]\s*\d+)*|[xX ✓✔]|sic|citation needed)\s*")
MULTILINE_LIMIT = 12


def find_placeholders(source: Source, record: Record) -> Iterator[tuple[int, str]]:
    """(line, placeholder text) for each placeholder in the record's prose."""
    sentences = template_sentences()
    for number, line in source.text_lines(record):
        text = line.strip()
        if text in sentences:  # a sentence of a template `adr new` writes, never replaced
            yield number, _clip(text)
        elif text in _ELLIPSIS_ITEMS:  # the template's "- …" that says "add more items here"
            yield number, text
    text = source.record_text(record)
    if not _maybe(text):
        return  # most records: no need to classify lines at all
    defined = {m.group("label").strip().lower() for m in _LINK_DEFINITION.finditer(text)}
    lines = dict(source.text_lines(record))
    skip_until = 0
    for number, line in lines.items():
        if number <= skip_until:
            continue
        plain = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), line)
        yield from ((number, found) for found in _in_line(plain, defined))
        opened = _OPEN_BRACKET.match(plain)
        if opened and not _BRACKETS.search(plain):
            close = _closing_line(lines, number)
            if close:
                skip_until = close
                yield number, "[" + _clip(opened.group("inner").strip()) + " …]"


@lru_cache(maxsize=1)
def template_sentences() -> frozenset[str]:
    """The prose lines of the templates adrledger writes (adr-tools' own Nygard text among them)."""
    # lazy: importlib is only needed here (startup cost)
    from importlib.resources import files

    sentences = set()
    for template in files("adrledger").joinpath("templates").iterdir():
        if not template.name.endswith(".md") or template.name.endswith("-init.md"):
            continue  # the first record `init` writes is a real decision, not a template
        for line in template.read_text(encoding="utf-8").splitlines():
            text = line.strip()
            if text[:1].isalpha() and "{{" not in text and "<!--" not in text and len(text.split()) >= 6:
                sentences.add(text)
    return frozenset(sentences)


def is_number_placeholder(text: str) -> bool:
    """Whether a found placeholder is an unfilled record number ("ADR-XXXX")."""
    return bool(_NUMBER.fullmatch(text))


def _maybe(text: str) -> bool:
    """A quick, generous test: False only when the text cannot hold a placeholder."""
    if any(marker in text for marker in _MARKERS):
        return True
    if any(hint in text for hint in _NUMBER_HINT) and _NUMBER.search(text):
        return True
    for match in _CLOSING_BRACKET.finditer(text):
        if text[max(match.start() - 2, 0) : match.start()] not in ("[ ", "[x", "[X"):
            return True
    return bool(_UNCLOSED_BRACKET.search("\n" + text + "\n"))


def _in_line(line: str, defined: set[str]) -> list[str]:
    """Placeholders in one line, in order; a pattern inside a bracketed prompt is not counted twice."""
    found: list[tuple[int, int, str]] = []
    if not any(marker in line for marker in _LINE_MARKERS) and not _NUMBER.search(line):
        return []
    for match in _BRACKETS.finditer(line):
        if _is_prompt(match.group("inner"), defined) and not _quoted_or_linked(line, match):
            found.append((match.start(), match.end(), "[" + _clip(match.group("inner")) + "]"))
    for match in _BRACES.finditer(line):
        inner = match.group("inner")
        # One word in braces is notation (`{tableName}`, `{name}`); a template asks in words or choices.
        if (
            not re.search(r"[:\"'=;.()]", inner)
            and re.search(r"[A-Za-z]", inner)
            and (len(inner.split()) > 1 or _asks(inner))
        ):
            found.append((match.start(), match.end(), "{" + _clip(inner) + "}"))
    for match in _ANGLES.finditer(line) if "<" in line else ():
        if _asks(match.group("inner")):
            found.append((match.start(), match.end(), "<" + _clip(match.group("inner")) + ">"))
    for pattern in (_DATE, _NUMBER):
        for match in pattern.finditer(line):
            if not any(start <= match.start() < end for start, end, _ in found):
                found.append((match.start(), match.end(), match.group(0)))
    return [text for _, _, text in sorted(found)]


def _is_prompt(inner: str, defined: set[str]) -> bool:
    if _NOT_PLACEHOLDER.fullmatch(inner) or inner.strip().lower() in defined:
        return False
    # lazy: keeps importlib off this module's import
    from ..parse.refs import REFERENCE
    from ..parse.vocab import asks_for_input

    if REFERENCE.fullmatch(inner.strip()):
        return False  # "[ADR-0005]": a shortcut reference to a record, not a prompt
    return asks_for_input(inner)


def _asks(inner: str) -> bool:
    # lazy: keeps importlib off this module's import
    from ..parse.vocab import asks_for_input

    return asks_for_input(inner)


def _quoted_or_linked(line: str, match: re.Match[str]) -> bool:
    """A bracket inside quotes ("[your sandbox]", an instruction) or a link broken by a space (`[x] (url)`)."""
    before, after = line[: match.start()], line[match.end() :]
    if before.endswith(('"', "'")) and after.startswith(('"', "'")):
        return True
    return after.startswith((" (http", " (./", " (../", " (/"))


def _closing_line(lines: dict[int, str], start: int) -> int:
    """The line that closes a bracket opened at the end of line `start`, within a few lines."""
    for number in range(start + 1, start + MULTILINE_LIMIT):
        line = lines.get(number)
        if line is None:
            continue
        if "[" in line:
            return 0
        if "]" in line:
            return number if line.rstrip().endswith(("]", "].", "]:")) else 0
    return 0


def _clip(text: str) -> str:
    return text if len(text) <= 40 else text[:39].rstrip() + "…"
