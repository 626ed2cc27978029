"""ADR207-ADR208: file names follow the log's own convention and its titles; renaming is an unsafe fix."""

from __future__ import annotations

import os
from collections.abc import Iterator

from ...base.termtext import clipped
from ...edit import Edit
from ...files.filenames import FileName, read_name
from ...files.naming import Convention, convention_of
from ...model import Record
from ...ops.authoring import slugify
from ...styles import STYLES
from ..context import MARKDOWN_SUFFIXES, LogContext, unread
from ..diagnostics import Finding, Fix
from ..registry import check, rule
from ..titles import is_placeholder_title, slug_matches_title

rule(
    "ADR207",
    "file-name-format",
    "The file name departs from the log's naming convention",
    severity="warning",
    fixable="unsafe",
    explanation="""
## What it does
Reports a record file whose name does not follow the convention the rest of the log follows. The
convention is the `file-pattern` setting when the log states one (`NNNN-slug`, `adr-NNN-slug`,
`ADR-NNNN-Slug`, `YYYYMMDD-slug`, `YYYY-MM-DD_NNN-slug`, ...); otherwise each part of it is the one
most of the log's own names share: a number or a date first, what comes before the number
(`adr-`, `ADR-`), the digits of the padding, how the date is written, the character that joins the
words, the `.md` suffix. A part the names do not agree on is no convention, and is not checked.
Capitals in the slug are checked only when the `file-pattern` states the case (`slug`: lower
case, `Slug`: capitals kept): an acronym or a name in capitals in one file of a lower-case log is
cosmetic. Unnumbered drafts (`XXXX-title.md`) are not checked.

## Why it matters
The name is the record's address: links, `adr show 12`, sorting in a file browser and every
other tool rely on it. A log whose names follow one pattern sorts in decision order; the one
name that does not is the one nobody finds.

## Example
`docs/adr/12_Use_Kafka.md` in a log of `0001-use-postgres.md`, `0002-cache-sessions.md`, ... files.

## How to fix
Rename the file the way its neighbours are named: `0012-use-kafka.md`. If the log's convention
is not what most of its files show, state it with the `file-pattern` setting.

## Fix safety
Unsafe: renaming a file breaks every link to it that nobody rewrites (a wiki, a bookmark, another
repository). `adr lint --fix --unsafe-fixes` renames the file and rewrites every link to it from
the repository's Markdown files (the log's records, READMEs, docs, a written index), all in one
transaction.
""",
)

rule(
    "ADR208",
    "title-file-name-mismatch",
    "The file name does not match the record's title",
    severity="warning",
    fixable="unsafe",
    explanation="""
## What it does
Reports a record whose file name shares fewer than a third of its words with the title: the
name of another decision, usually left by a copy-paste. Only the words after the number or date
count; small words such as "use", "for" and "the" are ignored; words joined in the title
(`MeshTrafficPermission`) count one by one, as do other forms of a word ("configure" for
"configuring"); a shortened file name is fine (`0002-api-framework.md` for "API Framework
Selection"), and so is an abbreviation made of the title's initials (`lb` for "load
balancing"). A name that names the topic where the title states the choice
(`0005-frontend-toolchain.md` for "Use Create React App for the frontend") is fine too.

## Why it matters
A retitled record whose file still carries the old title misleads everyone who finds it by name,
and after a copy-paste it is often the sign that the file holds a different decision.

## Example
`0005-use-mysql.md` whose title is `# 5. Use PostgreSQL for orders`.

## How to fix
Rename the file after its title, keeping the log's convention: `0005-use-postgresql-for-orders.md`.
Or, when the title is what is wrong, fix the title.

## Fix safety
Unsafe, as ADR207: the file is renamed and every link to it from the repository's Markdown files
is rewritten in the same transaction; links from elsewhere break.
""",
)


@check("ADR207", "ADR208", scope="log")
def file_names(ctx: LogContext) -> Iterator[Finding]:
    """Report names that depart from the log's convention or from the title; offer an unsafe rename."""
    candidates = [r for r in ctx.records if _is_named_record(ctx, r)]
    names = sorted({r.path.rsplit("/", 1)[-1] for r in candidates})
    convention = convention_of(names, ctx.config.file_pattern, ctx.config.padding)
    for record in candidates:
        name = record.path.rsplit("/", 1)[-1]
        read = read_name(name)
        line = record.title_line or record.start_line
        deviations = [] if read.draft else convention.deviations(read)
        if deviations:
            expected = expected_name(record, read, convention)
            should = f"; expected '{expected}'" if expected else ""
            yield Finding(
                "ADR207",
                record,
                line,
                f"file name '{name}' {'; '.join(deviations)} ({_source(convention)} {convention.pattern}{should})",
                fix=_rename_fix(ctx, record, expected),
            )
        if read.slug and not is_placeholder_title(record.title) and not slug_matches_title(read.slug, record.title):
            retitled = _retitled_name(record, read, convention, bool(deviations))
            yield Finding(
                "ADR208",
                record,
                line,
                f"file name '{name}' does not match the title '{_quoted(record.title)}'",
                fix=_rename_fix(ctx, record, retitled),
            )


def _source(convention: Convention) -> str:
    return "the log's file-pattern is" if convention.stated else "the log names its files"


def _is_named_record(ctx: LogContext, record: Record) -> bool:
    name = record.path.rsplit("/", 1)[-1]
    return record.path not in ctx.bundles and name.lower().endswith(MARKDOWN_SUFFIXES) and not unread(record)


def expected_name(record: Record, read: FileName, convention: Convention) -> str | None:
    """The name the convention gives this file: its own words, number and date, written the log's way."""
    number = read.number if read.number is not None else record.number
    slug = convention.slug(read.slug) or (
        convention.slug(record.title) if not is_placeholder_title(record.title) else ""
    )
    return convention.name(slug, number, _date_for(read, record))


def _date_for(read: FileName, record: Record) -> str | None:
    """The date a renamed file carries: its own, else the record's (never one that contradicts the name)."""
    if read.iso_date:
        return read.iso_date
    if record.date and (not read.date or record.date.startswith(read.date)):
        return record.date
    return None


def _retitled_name(record: Record, read: FileName, convention: Convention, deviates: bool) -> str | None:
    """The name after the title: only the words change, unless the name also departs from the convention."""
    # as `adr new` names it: accents keep their base letter outside adr-tools' own style
    style = STYLES.get(record.style)
    transliterate = style is None or style.transliterate_slugs
    plain = record.title if convention.capitals else slugify(record.title, transliterate=transliterate)
    words = convention.slug(plain)
    if not words:
        return None
    if deviates:
        number = read.number if read.number is not None else record.number
        return convention.name(words, number, _date_for(read, record))
    return read.stem[: len(read.stem) - len(read.slug)] + words + read.suffix


def _rename_fix(ctx: LogContext, record: Record, target: str | None) -> Fix | None:
    folder, _, name = record.path.rpartition("/")
    if target is None or target == name:
        return None
    new_path = f"{folder}/{target}" if folder else target
    # lexists: False, not an error, for a name the system refuses (a huge title's)
    if ctx.lexists(ctx.sources.absolute(new_path)) and target.lower() != name.lower():
        return None  # never overwrite another file
    edits: list[Edit] = [*_inbound_link_edits(ctx, record, target), *_outside_link_edits(ctx, record, target)]
    edits.append(Edit(record.path, rename_to=new_path))
    return Fix(f"rename to {target} and rewrite the links to it", "unsafe", tuple(edits))


def _inbound_link_edits(ctx: LogContext, renamed: Record, new_name: str) -> Iterator[Edit]:
    """Edits that point every link to the renamed file, from the other records, at its new name."""
    # lazy: keeps subprocess off this module's import
    from ...edit.repolinks import retarget

    old = ctx.sources.absolute(renamed.path)
    edits: dict[tuple[str, int], tuple[str, str]] = {}  # (path, line) -> (original, rewritten)
    for record, target, line in ctx.md_links_to(old):
        if record.path == renamed.path:
            continue
        key = (record.path, line)
        original = ctx.sources.get(record.path).line(line)
        current = edits[key][1] if key in edits else original
        rewritten = retarget(current, target, new_name)
        if rewritten != current:
            edits[key] = (original, rewritten)
    for (path, line), (original, rewritten) in edits.items():
        yield Edit(path, line, original, rewritten)


def _outside_link_edits(ctx: LogContext, renamed: Record, new_name: str) -> Iterator[Edit]:
    """Edits for the links to the renamed file from the repository's other Markdown files."""
    # lazy: keeps subprocess off this module's import
    from ...edit.repolinks import retarget

    base = os.path.abspath(ctx.sources.base)
    rewritten: dict[tuple[str, int], tuple[str, str]] = {}
    for link in ctx.links_from_outside(ctx.sources.absolute(renamed.path)):
        key = (link.file, link.line)
        current = rewritten[key][1] if key in rewritten else link.text
        changed = retarget(current, link.target, new_name)
        if changed != current:
            rewritten[key] = (link.text, changed)
    for (file, line), (original, text) in rewritten.items():
        yield Edit(os.path.relpath(file, base), line, original, text)


def _quoted(title: str, limit: int = 120) -> str:
    """A title as a message shows it: a hostile megabyte title must not make a megabyte line."""
    return clipped(title, limit)
