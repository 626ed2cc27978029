"""ADR207-ADR208: file names, `NNNN-short-kebab-case-title.md`, and the fix that renames a record safely."""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ...model import Record
from ..context import MARKDOWN_SUFFIXES, LogContext, unread
from ..diagnostics import Edit, Finding, Fix, LineEdit, RenameEdit
from ..registry import check, rule
from ..titles import is_placeholder_title, slug_matches_title

rule("ADR207", "file-name-format", "The file name is not NNNN-short-kebab-case-title.md", severity="warning",
     fixable="safe", explanation="""
## What it does
Reports a record file whose name is not its zero-padded number, a dash and its title in lower-case
words joined by dashes, ending in `.md`: capitals, spaces, underscores, a missing number or a
number padded differently from the rest of the log. Unnumbered drafts (`XXXX-title.md`) and
log4brains' date-named files (`20240120-title.md`) follow their own conventions and are accepted.
The padding is the one most of the log's files use (the `padding` setting when there is no
majority).

## Why it matters
The name is the record's address: links, `adr show 12`, sorting in a file browser and every
other tool rely on it. A log whose names follow one pattern sorts in decision order.

## Example
`docs/adr/12_Use_Kafka.md` in a log of `0001-...md` files.

## How to fix
Rename the file to `0012-use-kafka.md`.

## Fix safety
Safe: the fix renames the file and rewrites every link to it from the other records of the log,
all in one step (all files or none). Links from outside the log (a README, a wiki) are not seen
and must be updated by hand.
""")

rule("ADR208", "title-file-name-mismatch", "The file name does not match the record's title",
     severity="warning", fixable="safe", explanation="""
## What it does
Reports a record whose file name shares fewer than half of its words with the title (small words
such as "use", "for" and "the" are ignored, and a shortened file name is fine:
`0002-api-framework.md` for "API Framework Selection").

## Why it matters
A retitled record whose file still carries the old title misleads everyone who finds it by name,
and after a copy-paste it is often the sign that the file holds a different decision.

## Example
`0005-use-mysql.md` whose title is `# 5. Use PostgreSQL for orders`.

## How to fix
Rename the file after its title: `0005-use-postgresql-for-orders.md`.

## Fix safety
Safe, with the same care as ADR207: links from the other records of the log are rewritten in the
same step; links from outside the log are not seen.
""")

_GOOD_NAME = re.compile(r"(?P<num>\d+|[Xx]{3,}|[Nn]{3,})-[a-z0-9]+(?:-[a-z0-9]+)*\.md")
_DATE_NAME = re.compile(r"(?:19|20)\d{2}[01]\d[0-3]\d-")


@check("ADR207", "ADR208", scope="log")
def file_names(ctx: LogContext) -> Iterator[Finding]:
    """Report file names that break the convention or disagree with the title; offer a rename."""
    candidates = [r for r in ctx.records if _is_named_record(ctx, r)]
    width = _dominant_width(candidates, ctx.config.padding)
    for record in candidates:
        name = record.path.rsplit("/", 1)[-1]
        stem = name.rsplit(".", 1)[0]
        wrong_format = _format_problem(name, width)
        titled = not is_placeholder_title(record.title)
        mismatched = titled and not slug_matches_title(re.sub(r"^\d+-?", "", stem), record.title)
        if not wrong_format and not mismatched:
            continue
        fix = _rename_fix(ctx, record, width)
        line = record.title_line or record.start_line
        if wrong_format:
            expected = expected_name(record, width)
            should = f" (expected '{expected}')" if expected else ""
            yield Finding("ADR207", record, line, f"file name '{name}' {wrong_format}{should}", fix=fix)
        if mismatched:
            yield Finding("ADR208", record, line, f"file name '{name}' does not match the title '{record.title}'",
                          fix=fix)


def _is_named_record(ctx: LogContext, record: Record) -> bool:
    name = record.path.rsplit("/", 1)[-1]
    return (record.path not in ctx.bundles and name.lower().endswith(MARKDOWN_SUFFIXES)
            and not _DATE_NAME.match(name) and not unread(record))


def _dominant_width(records: list[Record], default: int) -> int:
    widths = Counter(len(m.group("num")) for r in records
                     if (m := re.match(r"(?P<num>\d+)-", r.path.rsplit("/", 1)[-1])))
    if not widths:
        return default
    (width, count), *rest = widths.most_common()
    return width if not rest or count > rest[0][1] else default


def _format_problem(name: str, width: int) -> str:
    match = _GOOD_NAME.fullmatch(name)
    if match is None:
        if not re.match(r"\d+", name) and not re.match(r"[Xx]{3,}|[Nn]{3,}", name):
            return "does not start with the record's number"
        return "is not the number, a dash and the title in lower-case kebab-case ending in .md"
    digits = match.group("num")
    if digits.isdigit() and len(digits) != width and not (len(digits) > width and digits[0] != "0"):
        return f"pads the number to {len(digits)} digits where the log uses {width}"
    return ""


def expected_name(record: Record, width: int) -> str | None:
    """The file name a record should have: None when its number or title is unknown."""
    from ...authoring import slugify

    slug = slugify(record.title)
    if record.number is None or not slug or is_placeholder_title(record.title):
        return None
    return f"{record.number:0{width}d}-{slug}.md"


def _rename_fix(ctx: LogContext, record: Record, width: int) -> Fix | None:
    target = expected_name(record, width)
    folder, _, name = record.path.rpartition("/")
    if target is None or target == name:
        return None
    new_path = f"{folder}/{target}" if folder else target
    if os.path.lexists(ctx.sources.resolve(new_path)):  # False, not an error, for a name the system refuses
        return None  # never overwrite another file
    edits: list[Edit] = list(_inbound_link_edits(ctx, record, target))
    edits.append(RenameEdit(record.path, new_path))
    return Fix(f"rename to {target}", "safe", tuple(edits))


def _inbound_link_edits(ctx: LogContext, renamed: Record, new_name: str) -> Iterator[LineEdit]:
    """Edits that point every link to the renamed file, from the other records, at its new name."""
    old = ctx.sources.absolute(renamed.path)
    edits: dict[tuple[str, int], tuple[str, str]] = {}  # (path, line) -> (original, rewritten)
    for record, target, line in ctx.md_links_to(old):
        if record.path == renamed.path:
            continue
        new_target = target[: len(target) - len(Path(target).name)] + new_name
        key = (record.path, line)
        original = ctx.sources.get(record.path).line(line)
        current = edits[key][1] if key in edits else original
        if f"]({target}" in current:
            edits[key] = (original, current.replace(f"]({target}", f"]({new_target}"))
    for (path, line), (original, rewritten) in edits.items():
        yield LineEdit(path, line, original, rewritten)

