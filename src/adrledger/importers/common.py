"""The common writer of every importer: numbering, file names, links, style, safety check, atomic move.

An importer only says which files a source log has (`SourceFile`); this module plans where each
goes and what it will say, checks that every record reads back with the same facts, and writes
all of them or none.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

from ..base.textio import DecodedText, decode, read_record_bytes
from ..errors import UsageError
from ..log import DecisionLog
from ..model import Record
from ..parse import parse_text
from ..parse.refs import MD_LINK, REFERENCE, number_from_filename
from ..styles import get_style
from ..writers import convert
from ..writers.facts import change, record_facts


@dataclass(frozen=True)
class SourceFile:
    """One record file of the source log, as an importer found it."""

    path: Path
    package: str  # log4brains package ("" for the project's own log)
    number: int | None  # the number its name carries (None: to be assigned)
    slug: str  # the name to keep after the number: "use-kafka-for-order-events"
    order: tuple[object, ...]  # where it goes when numbers are assigned (date, package, name)


@dataclass(frozen=True)
class PlannedFile:
    source: SourceFile
    destination: Path
    number: int
    text: str
    original: DecodedText  # how the source was stored: encoding, BOM and line ends are kept

    def relative(self, root: Path) -> str:
        return self.destination.relative_to(root).as_posix()


@dataclass(frozen=True)
class ImportPlan:
    kind: str
    source: Path
    target: Path
    files: tuple[PlannedFile, ...]
    renumbered: bool


def plan_import(
    kind: str,
    source: Path,
    found: list[SourceFile],
    target: DecisionLog,
    *,
    style: str | None = None,
    renumber: bool = False,
    force: bool = False,
) -> ImportPlan:
    """Decide the number, file name and text of every imported record; raise before anything is written."""
    if not found:
        raise UsageError(f"no {kind} records found", path=source)
    numbers = assign_numbers(found, target, renumber)
    destinations = {f.path.resolve(): target.root / f.package / _name(numbers[f.path], f.slug, target) for f in found}
    files = []
    for item in found:
        original = decode(read_record_bytes(item.path, source))  # a link out of the source is not imported
        destination = destinations[item.path.resolve()]
        text = rewrite_links(original.text, item.path, destination, destinations, numbers)
        text = _in_style(text, destination, target, style)
        _check(item, original.text, text, destination, force)
        files.append(PlannedFile(item, destination, numbers[item.path], text, original))
    renumbered = any(f.source.number != f.number for f in files)
    return ImportPlan(kind, source, target.root, tuple(files), renumbered)


def assign_numbers(found: list[SourceFile], target: DecisionLog, renumber: bool) -> dict[Path, int]:
    """Keep the numbers files carry; number the others (and all, with renumber) after the target's last."""
    used = {number for number, _ in target.numbered_files()}
    kept = {f.path: f.number for f in found if f.number is not None and not renumber}
    clashes = sorted(number for number in kept.values() if number in used)
    if clashes:
        listed = ", ".join(str(n) for n in clashes[:10])
        raise UsageError(
            f"record numbers {listed} are already used in {target.config.dir_display}: "
            "import with --renumber to number the records after the last one"
        )
    duplicates = sorted({n for n in kept.values() if list(kept.values()).count(n) > 1})
    if duplicates:
        raise UsageError(f"the source uses record numbers {', '.join(map(str, duplicates))} twice: use --renumber")
    following = max([*used, *kept.values()], default=0) + 1
    numbers: dict[Path, int] = {}
    for item in sorted(found, key=lambda f: f.order):
        if item.path in kept:
            numbers[item.path] = kept[item.path]
        else:
            numbers[item.path] = following
            following += 1
    return numbers


def _name(number: int, slug: str, target: DecisionLog) -> str:
    return f"{number:0{target.config.padding}d}-{slug}.md"


def rewrite_links(text: str, source: Path, destination: Path, moved: dict[Path, Path], numbers: dict[Path, int]) -> str:
    """Point links between imported records at their new files; renumber references that moved."""
    renumbered = {}
    for old_path, number in numbers.items():
        old_number = _number_in_name(old_path.name)
        if old_number is not None and old_number != number:
            renumbered[old_number] = number

    def link(match: re.Match[str]) -> str:
        label, target = match.group("text"), match.group("target").strip("<>")
        address, anchor = (target.split("#", 1) + [""])[:2]
        if not address or "://" in address or address.startswith("mailto:"):
            return match.group(0)
        old = (source.parent / address).resolve()
        if old not in moved:
            return match.group(0)
        new = Path(os.path.relpath(moved[old], destination.parent)).as_posix()
        new_label = _relabel(label, old, moved[old], renumbered)
        return f"[{new_label}]({new}{'#' + anchor if anchor else ''})"

    text = MD_LINK.sub(lambda m: m.group(0) if m.group(0).startswith("!") else link(m), text)
    if renumbered:
        text = _renumber_references(text, renumbered)
    return text


def _relabel(label: str, old: Path, new: Path, renumbered: dict[int, int]) -> str:
    if label == old.stem:
        return new.stem  # log4brains links read "20210615-poll-carrier-apis"
    number = _number_in_name(old.name)
    if number is not None and number in renumbered:
        # "ADR-0003" becomes "ADR-0010", zero-padded as it was written (as references outside links are)
        return re.sub(
            rf"^(\s*(?:ADR[-\s#]?)?)(0*{number})\b",
            lambda m: m.group(1) + str(renumbered[number]).zfill(len(m.group(2))),
            label,
        )
    return label


def _renumber_references(text: str, renumbered: dict[int, int]) -> str:
    def swap(match: re.Match[str]) -> str:
        digits = match.group("num")
        if digits is None or int(digits) not in renumbered:
            return match.group(0)
        start, end = match.span("num")
        new = str(renumbered[int(digits)]).zfill(len(digits))
        whole = match.group(0)
        return whole[: start - match.start()] + new + whole[end - match.start() :]

    # Only outside links: a link's text and target were rewritten already.
    parts = re.split(r"(\[[^\]\n]*\]\([^)\n]*\))", text)
    return "".join(part if index % 2 else REFERENCE.sub(swap, part) for index, part in enumerate(parts))


def _number_in_name(name: str) -> int | None:
    return number_from_filename(name)[0]


def _in_style(text: str, destination: Path, target: DecisionLog, style: str | None) -> str:
    if style is None:
        return text
    records = parse_text(text, destination.name)
    if len(records) != 1 or get_style(style).wrote(records[0]):
        return text  # a file of several records is copied as it is
    return convert(records[0], text, style, padding=target.config.padding)


def _check(item: SourceFile, before: str, after: str, destination: Path, force: bool) -> None:
    """The imported file must say what the source said (numbers and links aside, when they moved)."""
    old = parse_text(before, item.path.name)
    new = parse_text(after, destination.name)
    problems = [] if len(old) == len(new) else [f"{len(old)} records became {len(new)}"]
    for a, b in zip(old, new):
        problems += comparable_differences(a, b)
    if problems and not force:
        raise UsageError(
            "importing would change what the record says (use --force to import anyway): " + "; ".join(problems),
            path=item.path,
        )


def comparable_differences(before: Record, after: Record) -> list[str]:
    """Fact differences, leaving out numbers and relation targets (an import may renumber records).

    The kinds of relations must stay; which record each one names is checked by the tests that
    compare an import with the log read in place.
    """
    old, new = record_facts(before), record_facts(after)
    found = [
        change(name, old[name], new[name])
        for name in old
        if name not in ("number", "relations") and old[name] != new[name]
    ]
    if sorted(kind for kind, _ in old["relations"]) != sorted(kind for kind, _ in new["relations"]):
        found.append(change("relations", old["relations"], new["relations"]))
    return found
