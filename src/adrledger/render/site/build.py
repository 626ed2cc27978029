"""Build the static site in named stages, skipping every page whose inputs did not change.

Each page gets a key: a digest of everything it shows (the record file's bytes, the titles and
statuses of related records, resolved links and images, git history, templates and assets).
The keys of the last build live in OUT/.adrledger-build.json; a page whose key is unchanged and
whose file still exists is not rendered again. Page files are written with a rename (never
half-visible) but without fsync: they can always be rebuilt, and the manifest, written last
and durably, only ever names pages that were completely written.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...base.textio import atomic_write, naming
from ...cache import digest
from ...files.filenames import read_name
from ...model import Record
from ..relations import node_order
from . import pages
from .context import PageContext, history_for
from .search import build_index, field_terms, loader_script, shard_of, shard_script, stored_fields
from .sources import read_sources

SITE_FORMAT = "1"
MANIFEST = ".adrledger-build.json"
PACKAGE_DIR = Path(__file__).parent
PARALLEL_PAGES = 300  # below this, starting workers costs more than it saves
Progress = Callable[[str, int, int], None]


@dataclass
class BuildReport:
    records: int = 0
    written: int = 0
    skipped: int = 0
    removed: int = 0
    pages: list[str] = field(default_factory=list)  # site paths written this time


def _theme_digest() -> str:
    """One digest of every template and asset: a new release of either rebuilds every page."""
    parts = [SITE_FORMAT.encode()]
    for folder in ("templates", "static"):
        for path in sorted((PACKAGE_DIR / folder).rglob("*")):
            if path.is_file():
                parts += [path.relative_to(PACKAGE_DIR).as_posix().encode(), path.read_bytes()]
    for module in (
        "build.py",
        "context.py",
        "markdown.py",
        "pages.py",
        "layout.py",
        "search.py",
        "record_view.py",
        "sources.py",
    ):
        parts.append((PACKAGE_DIR / module).read_bytes())
    return digest(*parts)


class SiteBuilder:
    """One build of one log into one folder."""

    def __init__(
        self,
        log: Any,
        out: Path,
        base_url: str = "",
        full: bool = False,
        progress: Progress | None = None,
        drafts: bool = False,
    ):
        self.log = log
        self.drafts = drafts
        self.out = Path(out)
        self.base_url = base_url.rstrip("/")
        self.full = full
        self.progress = progress
        self.report = BuildReport()
        self.old: dict[str, str] = {}
        self.new: dict[str, str] = {}

    def build(self) -> BuildReport:
        # Draft files (XXXX-title.md, `adr new --draft`) are work in progress: published only when asked
        # (`adr site --drafts`, the preview). A record of the log whose status says Draft is a record of
        # the log all the same: it gets its page, as every record file does.
        chosen = [r for r in self.log.records if self.drafts or not read_name(r.path).draft]
        records = sorted(chosen, key=node_order)
        self.report.records = len(records)
        self.out.mkdir(parents=True, exist_ok=True)
        self.old = {} if self.full else self._load_manifest()
        theme = _theme_digest()
        index = pages.SiteIndex.build(records)  # one page, node and search entry per record file
        ctx = PageContext(
            self.log,
            self.out,
            index,
            read_sources(self.log.root, records, index.key),
            history_for(self.log),
            theme,
            self.base_url,
        )
        self._copy_static(theme)
        self._record_pages(ctx, records)
        self._summary_pages(ctx, records)
        self._search_index(ctx, records)
        self._remove_stale()
        atomic_write(
            self.out / MANIFEST, json.dumps({"format": SITE_FORMAT, "pages": self.new}, indent=0, sort_keys=True)
        )
        return self.report

    # ---- stages ---------------------------------------------------------------------------

    def _copy_static(self, theme: str) -> None:
        key = digest(theme.encode(), b"static")
        if self._fresh("static/", key, count=False):
            return
        shutil.copytree(PACKAGE_DIR / "static", self.out / "static", dirs_exist_ok=True)
        self.report.pages.append("static/")

    def _record_pages(self, ctx: PageContext, records: list[Record]) -> None:
        todo = [r for r in records if not self._fresh(ctx.index.page(r), ctx.record_key(r))]
        if self.progress:
            self.progress("pages", 0, len(todo))
        workers = min(os.cpu_count() or 1, 8)
        written: Iterable[str]
        if len(todo) >= PARALLEL_PAGES and workers > 1 and _fork_available():
            written = self._render_in_workers(ctx, todo, workers)
        else:
            written = (self._render_one(ctx, record) for record in todo)
        for done, page in enumerate(written, 1):
            self.report.written += 1
            self.report.pages.append(page)
            if self.progress and (done % 50 == 0 or done == len(todo)):
                self.progress("pages", done, len(todo))

    def _render_one(self, ctx: PageContext, record: Record) -> str:
        page = ctx.index.page(record)
        _write_file(self.out / page, ctx.render_record(record))
        return page

    def _render_in_workers(self, ctx: PageContext, todo: list[Record], workers: int) -> Iterator[str]:
        """Render pages in forked workers that inherit the parsed log and the compiled templates."""
        # lazy: multiprocessing is only needed here (startup cost)
        import multiprocessing

        # lazy: concurrent is only needed here (startup cost)
        from concurrent.futures import ProcessPoolExecutor

        global _WORK
        ctx.env.get_template("record.html")  # compile once, before the fork
        _WORK = (self, ctx, todo)
        chunk = max(20, len(todo) // (workers * 8))
        batches = [range(i, min(i + chunk, len(todo))) for i in range(0, len(todo), chunk)]
        try:
            with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
                for pages_done in pool.map(_render_batch, batches):  # in order, as batches finish
                    yield from pages_done
        finally:
            _WORK = None

    def _summary_pages(self, ctx: PageContext, records: list[Record]) -> None:
        key = ctx.summary_key(records)
        for page, render in (
            ("index.html", ctx.render_home),
            ("decisions.html", ctx.render_list),
            ("graph.html", ctx.render_graph),
        ):
            if not self._fresh(page, key):
                self._write(page, render(records))
        if self.base_url and not self._fresh("sitemap.xml", key):
            self._write("sitemap.xml", ctx.render_sitemap(records))

    def _search_index(self, ctx: PageContext, records: list[Record]) -> None:
        """Write the search shards whose records changed, and the loader that lists them."""
        shards: dict[str, list[Record]] = {}
        for record in records:
            shards.setdefault(shard_of(record.number, ctx.index.key(record)), []).append(record)
        names = []
        todo: list[tuple[str, list[Record]]] = []
        for shard, members in sorted(shards.items()):
            name = f"search/{shard}.js"
            names.append(name)
            key = digest(
                ctx.theme.encode(),
                *(ctx.sources[ctx.index.key(r)].digest.encode() + json.dumps(ctx.row(r)).encode() for r in members),
            )
            if not self._fresh(name, key):
                todo.append((name, members))
        # lazy: keeps forkmap off this module's import
        from ...base import forkmap

        jobs = [(self.out, ctx, name, members) for name, members in todo]
        for name in forkmap.map_shared(_write_shard, jobs, min(os.cpu_count() or 1, 8)):
            self.report.written += 1
            self.report.pages.append(name)
        if not self._fresh("search-index.js", digest(ctx.theme.encode(), *(n.encode() for n in names))):
            self._write("search-index.js", loader_script(names))

    def _remove_stale(self) -> None:
        """Delete pages the last build wrote and this one did not; never anything outside OUT."""
        root = self.out.resolve()
        for page in set(self.old) - set(self.new):
            target = self.out / page
            if page.endswith("/") or ".." in page.split("/") or not target.resolve().is_relative_to(root):
                continue  # a hand-edited manifest must not make the build delete other files
            if target.is_file() and not target.is_symlink():
                target.unlink()
                self.report.removed += 1

    # ---- manifest and files ---------------------------------------------------------------

    def _load_manifest(self) -> dict[str, str]:
        try:
            data = json.loads((self.out / MANIFEST).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("format") != SITE_FORMAT:
            return {}
        found = data.get("pages")
        return {str(k): str(v) for k, v in found.items()} if isinstance(found, dict) else {}

    def _fresh(self, page: str, key: str, count: bool = True) -> bool:
        """Record the page's key; True when the last build wrote the same page from the same inputs."""
        self.new[page] = key
        if self.old.get(page) == key and (self.out / page).exists():
            self.report.skipped += count
            return True
        return False

    def _write(self, page: str, text: str) -> None:
        _write_file(self.out / page, text)
        self.report.written += 1
        self.report.pages.append(page)


# Set only while forked workers render pages: what they inherit instead of pickling the log.
_WORK: tuple[SiteBuilder, PageContext, list[Record]] | None = None


def _render_batch(indices: range) -> list[str]:
    assert _WORK is not None
    builder, ctx, todo = _WORK
    return [builder._render_one(ctx, todo[i]) for i in indices]


ShardJob = tuple[Path, PageContext, str, list[Record]]


def _write_shard(job: ShardJob) -> str:
    """Tokenise one shard's records and write its script (in the parent or a forked child)."""
    out, ctx, name, members = job
    documents = [ctx.search_document(r) for r in members]
    _write_file(
        out / name,
        shard_script(build_index([stored_fields(d) for d in documents], [field_terms(d) for d in documents])),
    )
    return name


def _fork_available() -> bool:
    # lazy: multiprocessing is only needed here (startup cost)
    import multiprocessing

    return "fork" in multiprocessing.get_all_start_methods()


def _write_file(target: Path, text: str) -> None:
    """Replace a generated file by rename (readers never see half a page); no fsync: it can be rebuilt."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with naming(target), open(temporary, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temporary, target)
    except BaseException:  # a page that cannot be written leaves no temporary behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def build_site(
    log: Any, out: Path, base_url: str = "", full: bool = False, progress: Progress | None = None, drafts: bool = False
) -> BuildReport:
    """Build (or bring up to date) the static site of `log` in `out`; drafts only when asked."""
    return SiteBuilder(log, out, base_url, full, progress, drafts).build()
