"""What a check sees: a record, its file's text when it needs it, and the records around it."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from ..base.remotes import remote_repositories
from ..base.textio import MAX_FILE_BYTES, DecodedText, decode, read_record_bytes
from ..model import Record

if TYPE_CHECKING:
    from ..config import Config

TEXT, CODE, COMMENT, FRONT = 0, 1, 2, 3  # parse.lexer's line kinds (imported lazily: see plain())
_HOSTED_FILE = re.compile(
    r"https?://(?:www\.)?(?P<repo>(?:github\.com|gitlab\.com)/[^/\s]+/[^/\s]+)/(?:-/)?"
    r"(?:blob|tree)/[^/\s]+/(?P<path>[^\s)]+)$",
    re.IGNORECASE,
)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
# A log has conventions of its own once it holds this many records; something fewer than USUAL of
# them have is something the log chose not to have.
CONVENTION_MIN_RECORDS = 5
USUAL = 0.75
# Files that say a folder is built into a docs site (MkDocs, Docusaurus, Jekyll, mdBook, VitePress, Hugo, Antora).
DOCS_SITE_FILES = (
    "mkdocs.yml",
    "mkdocs.yaml",
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "_config.yml",
    "book.toml",
    ".vitepress",
    "hugo.toml",
    "antora.yml",
    "conf.py",
)
UNREAD_PROBLEMS = frozenset({"binary", "unreadable", "not-a-file", "outside-log", "too-large", "too-deep"})


MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd")  # as parse.MARKDOWN_SUFFIXES


def plain(text: str) -> str:
    """A line of Markdown as plain text (the parser's strip_inline, imported only when first needed).

    Importing the parser costs a fifth of a second; a warm run over cached records never needs it.
    """
    # lazy: keeps importlib off this module's import
    from ..parse.tables import strip_inline

    return strip_inline(text)


def on_code_host(target: str) -> bool:
    """Whether a link is a web address of a file on a code host (GitHub, GitLab), of this log or not."""
    return _HOSTED_FILE.match(target.split("#", 1)[0].split("?", 1)[0]) is not None


def unread(record: Record) -> bool:
    """True when nothing of the file could be read (the reading rules say why)."""
    return any(problem.code in UNREAD_PROBLEMS for problem in record.problems)


@dataclass
class Source:
    """The decoded text of one file, split in lines (1-based access), with line kinds on demand."""

    path: str
    decoded: DecodedText
    lines: list[str]
    _kinds: dict[tuple[int, int], bytearray] = field(default_factory=dict)

    def line(self, number: int) -> str:
        return self.lines[number - 1] if 1 <= number <= len(self.lines) else ""

    def kinds(self, record: Record) -> bytes | bytearray:
        """TEXT, CODE, COMMENT or FRONT for each line of a record, as the parser's lexer classified them.

        A record inside a ```markdown fence of a guide is code to the file but prose to itself.
        """
        if len(record.line_kinds) == record.end_line - record.start_line + 1:
            return record.line_kinds
        span = (record.start_line, record.end_line)
        if span not in self._kinds:  # a record built without the lexer's reading (an unread file)
            # lazy: keeps importlib off this module's import
            from ..parse.scanner import scan

            first = record.start_line - 1
            part = self.lines[first : record.end_line]
            self._kinds[span] = scan(part, offset=first, allow_front_matter=first == 0).kinds
        return self._kinds[span]

    def text_lines(self, record: Record, first: int = 0, last: int = 0) -> Iterator[tuple[int, str]]:
        """(number, text) of a record's prose lines (no code, comments or front matter), optionally a range."""
        kinds = self.kinds(record)
        first = max(first or record.start_line, record.start_line)
        last = min(last or record.end_line, record.end_line, len(self.lines))
        for number in range(first, last + 1):
            if kinds[number - record.start_line] == TEXT:
                yield number, self.lines[number - 1]

    def record_text(self, record: Record) -> str:
        return "\n".join(self.lines[record.start_line - 1 : record.end_line])


def read_source(path: Path, display: str) -> Source:
    """Read and decode a file the way the parser did (an unreadable file reads as empty)."""
    try:
        data = read_record_bytes(path)  # never blocks on a pipe the log may hold
    except OSError:
        data = b""
    if len(data) > MAX_FILE_BYTES:
        data = b""
    decoded = decode(data)
    lines = decoded.text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Source(display, decoded, lines)


@dataclass
class SourceStore:
    """Files read at most once per run, relative to the base the record paths are relative to."""

    base: Path
    _files: dict[str, Source] = field(default_factory=dict)
    _absolute: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._base = os.path.abspath(self.base)

    def get(self, path: str) -> Source:
        if path not in self._files:
            self._files[path] = read_source(self.resolve(path), path)
        return self._files[path]

    def resolve(self, path: str) -> Path:
        return self.base / path

    def absolute(self, path: str) -> str:
        """The file's normalised absolute path as a string (cheap: no symbolic links are followed)."""
        found = self._absolute.get(path)
        if found is None:
            found = self._absolute[path] = os.path.normpath(os.path.join(self._base, path))
        return found

    def forget(self, path: str) -> None:
        self._files.pop(path, None)


@dataclass
class RecordContext:
    """One record and what a per-record check may read: its file's text, the log's settings."""

    record: Record
    config: Config
    sources: SourceStore
    in_bundle: bool = False  # the file holds several records (a guide, a template collection)

    @property
    def source(self) -> Source:
        return self.sources.get(self.record.path)


@dataclass
class LogContext:
    """Every record of the run, for checks that compare records with each other."""

    records: list[Record]
    config: Config
    sources: SourceStore
    is_log: bool  # a real decision log folder (not loose files named on the command line)
    today: str
    bundles: frozenset[str] = frozenset()
    since: str = ""  # the revision the change under review starts from ("" = the default branch)
    enabled: frozenset[str] = frozenset()  # the codes this run reports (a rule may leave a case to another)
    memo: dict[str, Any] = field(default_factory=dict)  # results a check shares with others in the same run
    _history: Any = None
    _review: Any = None
    _by_number: dict[int, list[Record]] | None = None
    _by_path: dict[str, Record] | None = None
    # What the file system answered, (exists, lexists) by path: a kept run is reused only while the
    # answers stay the same (lint.reuse).
    probes: dict[str, tuple[bool, bool]] = field(default_factory=dict)
    _md_links_to: dict[str, list[tuple[Record, str, int]]] | None = None
    _outside_links: Any = None
    _repository_root: str | None = None
    _docs_site: bool | None = None
    _remotes: frozenset[str] | None = None

    def md_links_to(self, path: str) -> list[tuple[Record, str, int]]:
        """(record, target, line) of every link to a Markdown file at this absolute path, in record order.

        Built once per run: a fix that renames one of 10,000 misnamed records would otherwise
        scan every link of the log for each of them.
        """
        if self._md_links_to is None:
            index: dict[str, list[tuple[Record, str, int]]] = {}
            for record in self.records:
                for link in record.links:
                    target = link.target.split("#", 1)[0]
                    if target.lower().endswith(MARKDOWN_SUFFIXES):
                        resolved = self.resolve_link(record, target)
                        if resolved is not None:
                            index.setdefault(resolved, []).append((record, target, link.line))
            self._md_links_to = index
        return self._md_links_to.get(path, [])

    def links_from_outside(self, path: str) -> list[Any]:
        """repolinks.LinkAt of every link to this absolute path from the repository's Markdown files that
        are not records of this log (READMEs, docs, a written index). Searched once per run, when asked."""
        if self._outside_links is None:
            # lazy: keeps importlib, subprocess off this module's import
            from ..edit.repolinks import LinkIndex

            records = frozenset(self.sources.absolute(record.path) for record in self.records)
            self._outside_links = LinkIndex(Path(self.repository_root), records)
        return list(self._outside_links.links_to(path))

    @property
    def by_number(self) -> dict[int, list[Record]]:
        if self._by_number is None:
            index: dict[int, list[Record]] = {}
            for record in self.records:
                if record.number is not None:
                    index.setdefault(record.number, []).append(record)
            self._by_number = index
        return self._by_number

    @property
    def by_path(self) -> dict[str, Record]:
        """The first record of each file, by the file's absolute path (see SourceStore.absolute)."""
        if self._by_path is None:
            index: dict[str, Record] = {}
            for record in self.records:
                index.setdefault(self.sources.absolute(record.path), record)
            self._by_path = index
        return self._by_path

    def resolve_link(self, record: Record, target: str) -> str | None:
        """The absolute path of the local file a link points at (None for URLs, mail and in-page anchors)."""
        path = target.split("#", 1)[0].split("?", 1)[0].strip()
        if not path or _SCHEME.match(path) or path.startswith("//"):
            return None
        if "%" in path:
            path = unquote(path)
        if path.startswith("/"):  # as GitHub and GitLab read it: from the repository's root
            return os.path.normpath(os.path.join(self.repository_root, path.lstrip("/")))
        folder = os.path.dirname(self.sources.absolute(record.path))
        if "/" not in path and not path.startswith("."):
            return folder + os.sep + path  # the usual link to a sibling record: nothing to normalise
        return os.path.normpath(os.path.join(folder, path))

    def hosted_copy(self, target: str) -> str | None:
        """The local path of a web link to a file of this log on a code host (GitHub, GitLab), else None.

        `https://github.com/org/repo/blob/main/docs/adr/0016-x.md` names the log's own file when the
        path after the branch starts with the log folder's path in the repository, and `org/repo` is
        the repository's own (one of its git remotes): checked on disk. Another repository's file
        with the same path, or any web link when no remote is known, is not this log's to check.
        """
        match = _HOSTED_FILE.match(target.split("#", 1)[0].split("?", 1)[0])
        if match is None or match.group("repo").lower() not in self.remotes:
            return None
        folder = os.path.relpath(os.path.abspath(self.config.dir), self.repository_root).replace(os.sep, "/")
        path = unquote(match.group("path"))
        if folder.startswith("..") or not path.startswith(folder.rstrip("/") + "/"):
            return None
        return os.path.normpath(os.path.join(self.repository_root, path))

    @property
    def repository_root(self) -> str:
        """The root of the repository holding the log (the nearest folder with .git), else the project root."""
        if self._repository_root is None:
            start = os.path.abspath(self.config.project_root)
            folder = start
            while not os.path.exists(os.path.join(folder, ".git")):
                parent = os.path.dirname(folder)
                if parent == folder:
                    folder = start
                    break
                folder = parent
            self._repository_root = folder
        return self._repository_root

    @property
    def remotes(self) -> frozenset[str]:
        """`host/owner/repo` of the repository's git remotes (read from its config file once per run)."""
        if self._remotes is None:
            self._remotes = remote_repositories(self.repository_root)
        return self._remotes

    @property
    def has_docs_site(self) -> bool:
        """Whether the repository builds its docs with a site generator that resolves routes and bare names."""
        if self._docs_site is None:
            root = self.repository_root
            folders = [root] + [os.path.join(root, name) for name in ("docs", "doc", "documentation", "website")]
            self._docs_site = any(
                self.exists(os.path.join(folder, name)) for folder in folders for name in DOCS_SITE_FILES
            )
        return self._docs_site

    def exists(self, path: str) -> bool:
        """Whether a file exists (asked of the file system once per path and run)."""
        return path in self.by_path or self._probe(path)[0]

    def lexists(self, path: str) -> bool:
        """Whether a file or a symbolic link (even a broken one) is at this path."""
        return path in self.by_path or self._probe(path)[1]

    def _probe(self, path: str) -> tuple[bool, bool]:
        found = self.probes.get(path)
        if found is None:
            found = self.probes[path] = (os.path.exists(path), os.path.lexists(path))
        return found

    def usually(self, has: Callable[[Record], bool]) -> bool:
        """Whether the log's records usually have what `has` checks: at least USUAL of its readable records.

        A log of a few records, or loose files, has no convention of its own yet: the answer is yes.
        A log whose records almost never state something (a date, a status) chose to leave it out;
        reporting every record of it says one thing many times.
        """
        readable = [record for record in self.records if not unread(record)]
        if not self.is_log or len(readable) < CONVENTION_MIN_RECORDS:
            return True
        return sum(1 for record in readable if has(record)) >= USUAL * len(readable)

    def record_at(self, path: str) -> Record | None:
        return self.by_path.get(path)

    def history(self) -> Any:
        """The log's git history (adrledger.history), or None when it cannot be had."""
        if self._history is None:
            self._history = _load_history(self) if self.is_log else False
        return self._history or None

    def review(self) -> Any:
        """The change under review (history.review.Review): a bad `since` revision is a usage error."""
        if self._review is None:
            # lazy: keeps importlib, subprocess off this module's import
            from ..history.review import change_under_review

            self._review = change_under_review(self.config.dir, self.since)
        return self._review


def _load_history(ctx: LogContext) -> Any:
    try:
        from ..history import load_history  # type: ignore[import-not-found,unused-ignore]
        from ..log import DecisionLog
    except ImportError:
        return False
    # Outside git, or when git fails, the history is unavailable (load_history says why); any
    # other exception is a bug of ours and keeps its traceback rather than passing for "no history".
    history = load_history(DecisionLog(ctx.config), parsed=ctx.records)
    return history if getattr(history, "available", False) else False
