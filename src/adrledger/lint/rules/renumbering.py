"""ADR409: references left behind by a renumbering, or off by one, read against the log's git history."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ...edit import Edit
from ...model import Record
from ...parse.refs import MD_LINK, cited_numbers, number_from_filename, without_code_spans
from ..context import LogContext
from ..diagnostics import Finding, Fix
from ..registry import check, rule
from ..titles import normalise, titles_match, words

rule(
    "ADR409",
    "renumbered-reference",
    "A reference names a record by a number or file it no longer has",
    severity="warning",
    fixable="unsafe",
    explanation="""
## What it does
Reads each reference to a record by number ("ADR-12", "MADR 053") or by file (a link to
`0012-use-kafka.md`) and reports it when it no longer leads to the record it meant:

* the log's git history shows that, when the reference was written, the number belonged to a
  record that has since been renumbered (another file now has the number, or none has);
* the link names a record file that was renamed since (its number or slug changed);
* the number written in a link's text is not the number of the record the link leads to;
* the title or words beside the reference name the neighbouring record (one number above or
  below), not the one cited: an off-by-one.

The history is read once for the whole log (and cached); numbers of issues and pull requests
(`#12`) and references inside code are not record references. Without git only the last two
checks run, and ADR405 compares the titles written beside references.

## Why it matters
A reference that still resolves is the worst kind of stale: no link checker complains, yet the
reader lands on an unrelated decision. Renumberings (a merge of two series, a fix of duplicate
numbers, a migration from another repository) leave such references behind in every record
written before them.

## Example
A record written in 2024 says "Recently we decided on the SNI format in ADR-053"; in 2025 the
log was renumbered, the SNI decision became 055 and 053 is now an unrelated record.

## How to fix
Point the reference at the record it meant, by its current number or file name (the message
names both).

## Fix safety
The fix rewrites the number or the file name in place. It is unsafe: the history says what the
reference meant when it was written, but only its author knows it was not meant to change.
""",
)

_KEY = "ADR409"
_DATE_NAMED = re.compile(r"(?:19|20)\d\d-?\d\d-?\d\d[-_]")


@dataclass(frozen=True)
class _Site:
    """Where a reference is: its record, line, the span of its text and the line it is on."""

    record: Record
    line: int
    start: int
    end: int
    text: str


@check("ADR409", scope="log")
def renumbered_references(ctx: LogContext) -> Iterator[Finding]:
    """Report references that lead to another record than the one they meant."""
    for findings in stale_references(ctx).values():
        yield from findings


def stale_references(ctx: LogContext) -> dict[tuple[str, int], list[Finding]]:
    """ADR409's findings by (record path, line), computed once per run (ADR404 and ADR405 defer to them)."""
    found = ctx.memo.get(_KEY)
    if found is None:
        found = ctx.memo[_KEY] = _find(ctx)
    return found


def reported_line(ctx: LogContext, record: Record, line: int) -> bool:
    """Whether ADR409 runs and reports a reference on this line of this record (ADR405 then stays silent)."""
    return "ADR409" in ctx.enabled and ctx.is_log and (record.path, line) in stale_references(ctx)


def reported_link(ctx: LogContext, record: Record, line: int, target: str) -> bool:
    """Whether ADR409 runs and reports this link as leading to a renamed record (ADR404 then stays silent)."""
    if "ADR409" not in ctx.enabled or not ctx.is_log:
        return False
    stale_references(ctx)
    base = target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return (record.path, line, base) in ctx.memo[_LINKS]


def renamed_to(ctx: LogContext, record: Record, line: int, target: str) -> str | None:
    """The path of the record file a link on this line leads to by a name it had before a rename, else None."""
    if not ctx.is_log:
        return None
    stale_references(ctx)
    base = target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return ctx.memo[_LINKS].get((record.path, line, base))  # type: ignore[no-any-return]


_LINKS = "ADR409-renamed-links"


def _find(ctx: LogContext) -> dict[tuple[str, int], list[Finding]]:
    resolver = _Resolver(ctx)
    ctx.memo[_LINKS] = resolver.renamed_links
    found: dict[tuple[str, int], list[Finding]] = {}
    for record in ctx.records:
        for number, line in record.citing_lines:  # read by the parser: no file is read here
            for finding in _line_findings(resolver, _Site(record, number, 0, 0, line)):
                found.setdefault((record.path, number), []).append(finding)
    return found


def _line_findings(resolver: _Resolver, site: _Site) -> Iterator[Finding]:
    text = without_code_spans(site.text)
    inside_links: list[tuple[int, int]] = []
    linked: set[int] = set()  # numbers of the record files this line links to: "ADR 7: [Title](0007-x.md)"
    hints: list[tuple[int, int, str]] = []  # a link's file name names the record its text cites
    for link in MD_LINK.finditer(text):
        target = site.text[link.start("target") : link.end("target")].strip("<>")
        span = _Site(site.record, site.line, link.start(), link.end(), site.text)
        finding, handled = resolver.link(span, link.start("text"), link.end("text"), target)
        if finding is not None:
            yield finding
        stem = target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
        hints.append((link.start(), link.end(), stem.replace("-", " ").replace("_", " ")))
        if handled:
            inside_links.append((link.start(), link.end()))
            linked.add(number_from_filename(target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1])[0] or -1)
    for match in cited_numbers(text):
        if any(start <= match.start() < end for start, end in inside_links) or int(match.group("num")) in linked:
            continue  # judged with the link that follows it
        cite = _Site(site.record, site.line, match.start(), match.end(), site.text)
        hint = next((slug for start, end, slug in hints if start <= match.start() < end), "")
        finding = resolver.citation(cite, int(match.group("num")), _title_beside(text, match) or hint)
        if finding is not None:
            yield finding


_TITLE_AFTER = re.compile(r"\s*(?:[:–—-]\s+|\()(?P<title>[^()\[\]\n]{3,80}?)\s*(?:\)|[.,;]|$)")


def _title_beside(text: str, match: re.Match[str]) -> str:
    """The title written right after a citation: "ADR-12: Use Kafka", "ADR-12 (Use Kafka)"."""
    found = _TITLE_AFTER.match(text, match.end())
    return found.group("title").strip() if found else ""


class _Resolver:
    """Answers, for one run, what a reference leads to now and what it meant when it was written."""

    def __init__(self, ctx: LogContext):
        self.ctx = ctx
        self.history: Any = ctx.history()
        self.by_name: dict[str, list[Record]] = {}
        for record in ctx.records:
            self.by_name.setdefault(record.path, []).append(record)
        self.log_root = os.path.abspath(ctx.config.dir)
        # (record path, line, file name linked) -> the path of the record file it was renamed to
        self.renamed_links: dict[tuple[str, int, str], str] = {}
        self._names: dict[tuple[str, str], str | None] = {}

    # --- links ------------------------------------------------------------------------------------

    def link(self, site: _Site, text_start: int, text_end: int, target: str) -> tuple[Finding | None, bool]:
        """A finding for a link to a record file, and whether the link was judged (its citations with it)."""
        name = self._log_name(site.record, target)
        if name is None:
            return None, False
        text = site.text[text_start:text_end]
        cites = cited_numbers(text)
        current = self._record(name)
        if current is not None and _DATE_NAMED.match(name.rsplit("/", 1)[-1]):
            return None, False  # a date-named record has no number for a citation to agree with
        if current is not None:
            if cites and current.number is not None and int(cites[0].group("num")) != current.number:
                cite = cites[0]
                at = _Site(site.record, site.line, text_start + cite.start(), text_start + cite.end(), site.text)
                return self._mismatch(at, int(cite.group("num")), current), True
            if not cites and current.number is not None:
                return self._off_by_one_link(site, text, target, current), True
            return None, True
        renamed = self._renamed(name)
        if renamed is None:
            return None, False
        return self._renamed_link(site, target, name, renamed, cites, text_start), True

    def _log_name(self, record: Record, target: str) -> str | None:
        """The record file a link leads to, relative to the log folder (None when it is not one);
        worked out once per folder and target (most records link to the same few files)."""
        key = (posixpath.dirname(record.path), target)
        if key not in self._names:
            self._names[key] = self._find_name(record, target)
        return self._names[key]

    def _find_name(self, record: Record, target: str) -> str | None:
        path = target.split("#", 1)[0].split("?", 1)[0]
        base = path.rstrip("/").rsplit("/", 1)[-1]
        if not base.lower().endswith((".md", ".markdown")) or number_from_filename(base)[0] is None:
            return None
        local = self.ctx.resolve_link(record, target)
        if local is None:  # a web address: of this very folder (a forge's view of the file), or of elsewhere
            prefix = getattr(self.history, "prefix", "")
            marker = f"/{prefix}/"
            return path.rsplit(marker, 1)[1] if prefix and marker in path else None
        inside = self.log_root.rstrip(os.sep) + os.sep
        relative = (
            local[len(inside) :]
            if local.startswith(inside)  # both normalised: no relpath needed
            else os.path.relpath(local, self.log_root)
        ).replace(os.sep, "/")
        if not relative.startswith("../") and (self._record(relative) or self._renamed(relative)):
            return relative
        return base if (self._record(base) or self._renamed(base)) else None  # a path written wrong

    def _record(self, name: str) -> Record | None:
        found = self.by_name.get(name)
        return found[0] if found else None

    def _renamed(self, name: str) -> tuple[str, Any] | None:
        """(where the file lives now, the change that moved it) for a record file renamed since."""
        if self.history is None or name in self.by_name:
            return None
        now = self.history.former_paths.get(name)
        if now is None or now not in self.by_name:
            return None
        file = self.history.for_path(now)
        change = next((c for c in getattr(file, "changes", ()) if c.old_path == name), None)
        return now, change

    def _renamed_link(
        self, site: _Site, target: str, name: str, renamed: tuple[str, Any], cites: list[re.Match[str]], text_start: int
    ) -> Finding:
        now, change = renamed
        record = self.by_name[now][0]
        when = f" in {change.sha[:7]} ({change.date[:10]})" if change is not None and change.sha else ""
        old_base, new_base = name.rsplit("/", 1)[-1], now.rsplit("/", 1)[-1]
        self.renamed_links[(site.record.path, site.line, target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1])] = now
        new_line = (
            site.text[: site.start]
            + site.text[site.start : site.end].replace(old_base, new_base)
            + site.text[site.end :]
        )
        old_number = number_from_filename(old_base)[0]
        for cite in reversed(cites):  # the number in the link's text follows the file
            if int(cite.group("num")) == old_number and record.number is not None:
                begin, end = text_start + cite.start(), text_start + cite.end()
                new_line = new_line[:begin] + _renumber(new_line[begin:end], record.number) + new_line[end:]
        message = f"link to {old_base}, which was renamed to {new_base}{when}: record {_label(record)}"
        fix = Fix(f"point the link at {new_base}", "unsafe", (Edit(site.record.path, site.line, site.text, new_line),))
        return Finding("ADR409", site.record, site.line, message, site.start + 1, fix)

    def _mismatch(self, site: _Site, cited: int, current: Record) -> Finding:
        assert current.number is not None
        meant = self._meant(site.record, cited)
        then = f" ({cited} was its number when the reference was written)" if meant is current else ""
        written = site.text[site.start : site.end]
        message = f"the link's text cites {written}, but the link leads to record {_label(current)}{then}"
        return self._finding(site, cited, current.number, message)

    def _off_by_one_link(self, site: _Site, text: str, target: str, current: Record) -> Finding | None:
        """A link whose words name the neighbour of the record it leads to."""
        assert current.number is not None
        said = words(text)
        if not said or said & words(current.title) or said & words(current.slug):
            return None
        neighbour = self._neighbour(current.number, text)
        if neighbour is None:
            return None
        base = target.split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1]
        new_base = neighbour.path.rsplit("/", 1)[-1]
        old = site.text[site.start : site.end]
        new_line = site.text[: site.start] + old.replace(base, new_base, 1) + site.text[site.end :]
        message = (
            f"the link's words name record {_label(neighbour)}, but it leads to the neighbouring "
            f"record {_label(current)}: off by one?"
        )
        fix = Fix(f"point the link at {new_base}", "unsafe", (Edit(site.record.path, site.line, site.text, new_line),))
        return Finding("ADR409", site.record, site.line, message, site.start + 1, fix)

    # --- citations by number ----------------------------------------------------------------------

    def citation(self, site: _Site, cited: int, title: str) -> Finding | None:
        now = self.ctx.by_number.get(cited, [])
        meant = self._meant(site.record, cited, title)
        if meant is not None and meant.number is not None and all(r is not meant for r in now):
            return self._stale(site, cited, meant, now, title)
        if title and now and not any(titles_match(title, r.title) for r in now if r.title):
            neighbour = self._neighbour(cited, title)
            if neighbour is not None and neighbour.number is not None:
                message = (
                    f"{site.text[site.start : site.end]} is cited as '{title}', the title of the neighbouring "
                    f"record {_label(neighbour)}: off by one?"
                )
                return self._finding(site, cited, neighbour.number, message)
        return None

    def _meant(self, record: Record, cited: int, title: str = "") -> Record | None:
        """The record that carried the number when this record's citation of it was written (history)."""
        holder = self._holder(record, cited, title)
        return self._record(holder.now) if holder is not None else None

    def _holder(self, record: Record, cited: int, title: str = "") -> Any:
        """The NumberSpan of the file that carried the number when the citation was written, if history can tell.

        In a log whose records share numbers several files carried it: the one the record itself links to
        by file name, or whose title is written beside the citation, is the one meant.
        """
        if self.history is None:
            return None
        file = self.history.for_path(record.path)
        citation = next((c for c in getattr(file, "citations", ()) if c.number == cited), None)
        if citation is None or citation.order < 0:
            return None
        holders = [span for span in self.history.carried(cited, citation.order) if span.now]
        if len(holders) > 1:
            holders = _disambiguate(holders, self._linked(record).get(cited, set()), title, citation.order)
        return holders[0] if len(holders) == 1 else None

    def _linked(self, record: Record) -> dict[int, set[str]]:
        """number -> where the record files this record links to (by a current or a former name) live now."""
        found: dict[int, set[str]] = {}
        for link in record.links:
            name = self._log_name(record, link.target)
            if name is None:
                continue
            number = number_from_filename(name.rsplit("/", 1)[-1])[0]
            renamed = self._renamed(name)
            now = renamed[0] if renamed else name
            if number is not None:
                found.setdefault(number, set()).add(now)
        return found

    def _stale(self, site: _Site, cited: int, meant: Record, now: list[Record], title: str) -> Finding:
        assert meant.number is not None
        file = self.history.for_path(site.record.path)
        citation = next(c for c in file.citations if c.number == cited)
        span = self._holder(site.record, cited, title)
        written = f"in {citation.sha[:7]} ({citation.date[:10]})" if citation.sha else "before this history"
        today = f"; {cited} is now {_label(now[0])}" if now else f"; no record has number {cited} now"
        message = (
            f"{site.text[site.start : site.end]} was written {written}, when {cited} was '{span.title}' "
            f"({span.path}); that record is now {_label(meant)}{today}"
        )
        return self._finding(site, cited, meant.number, message)

    def _neighbour(self, number: int, text: str) -> Record | None:
        """The one record numbered just above or below whose title the text names."""
        found = [
            r
            for n in (number - 1, number + 1)
            for r in self.ctx.by_number.get(n, [])
            if r.title and _names(text, r.title)
        ]
        return found[0] if len(found) == 1 else None

    def _finding(self, site: _Site, cited: int, number: int, message: str) -> Finding:
        old = site.text[site.start : site.end]
        new = _renumber(old, number)
        new_line = site.text[: site.start] + new + site.text[site.end :]
        fix = Fix(f"cite {new.strip()} instead", "unsafe", (Edit(site.record.path, site.line, site.text, new_line),))
        return Finding("ADR409", site.record, site.line, message, site.start + 1, fix)


def _disambiguate(holders: list[Any], linked: set[str], hint: str, order: int) -> list[Any]:
    """Among files that shared a number, the one meant: the one the record links to, the one whose title
    (or slug) is written beside the citation, or the one written in the same commit as the citation."""
    by_link = [h for h in holders if h.now in linked]
    if by_link:
        return by_link
    by_title = [h for h in holders if hint and h.title and titles_match(hint, h.title)]
    if by_title:
        return by_title
    said = words(hint)
    overlap = {id(h): len(said & (words(h.title) | words(h.path.rsplit("/", 1)[-1]))) for h in holders}
    best = max(overlap.values(), default=0)
    if best and sum(1 for v in overlap.values() if v == best) == 1:
        return [h for h in holders if overlap[id(h)] == best]
    return [h for h in holders if h.start == order]  # records written together cite each other


def _renumber(token: str, number: int) -> str:
    """ "ADR 0014" -> "ADR 0023": the same prefix and the same width of zero padding."""
    return re.sub(r"\d+(?=\D*$)", lambda m: str(number).zfill(len(m.group(0))), token, count=1)


def _names(text: str, title: str) -> bool:
    """Whether `text` names the record titled `title`: every meaningful word of the title is in it."""
    wanted = words(title)
    return bool(wanted) and (wanted <= words(text) or normalise(text) == normalise(title))


def _label(record: Record) -> str:
    number = f"{record.number} " if record.number is not None else ""
    return f"{number}'{record.title}' ({record.path.rsplit('/', 1)[-1]})"
