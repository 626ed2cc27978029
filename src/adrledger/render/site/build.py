"""Build the static site in named stages, skipping every page whose inputs did not change.

Each page gets a key: a digest of everything it shows (the record file's bytes, the titles and
statuses of related records, resolved links and images, git history, templates and assets).
The keys of the last build live in OUT/.adrledger-build.json; a page whose key is unchanged and
whose file still exists is not rendered again. Page files are written with a rename (never
half-visible) but without fsync: they can always be rebuilt, and the manifest, written last
and durably, only ever names pages that were completely written.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ...cache import Cache, digest
from ...model import Record
from ...textio import atomic_write
from ..relations import edges
from . import pages
from .context import PageContext, history_for
from .sources import read_sources

SITE_FORMAT = "1"
MANIFEST = ".adrledger-build.json"
PACKAGE_DIR = Path(__file__).parent
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
    for module in ("build.py", "context.py", "markdown.py", "pages.py", "layout.py", "search.py"):
        parts.append((PACKAGE_DIR / module).read_bytes())
    return digest(*parts)


class SiteBuilder:
    """One build of one log into one folder."""

    def __init__(self, log: Any, out: Path, base_url: str = "", full: bool = False,
                 progress: Progress | None = None):
        self.log = log
        self.out = Path(out)
        self.base_url = base_url.rstrip("/")
        self.full = full
        self.progress = progress
        self.report = BuildReport()
        self.old: dict[str, str] = {}
        self.new: dict[str, str] = {}

    def build(self) -> BuildReport:
        records = sorted(self.log.records, key=lambda r: (r.number is None, r.number or 0, r.path, r.ordinal))
        self.report.records = len(records)
        self.out.mkdir(parents=True, exist_ok=True)
        self.old = {} if self.full else self._load_manifest()
        theme = _theme_digest()
        index = pages.SiteIndex.build(records, edges(records))
        ctx = PageContext(self.log, self.out, index, read_sources(self.log.root, records),
                          history_for(self.log), theme, self.base_url)
        self._copy_static(theme)
        self._record_pages(ctx, records)
        self._summary_pages(ctx, records)
        self._search_index(ctx, records)
        self._remove_stale()
        atomic_write(self.out / MANIFEST, json.dumps({"format": SITE_FORMAT, "pages": self.new},
                                                    indent=0, sort_keys=True))
        return self.report

    # ---- stages ---------------------------------------------------------------------------

    def _copy_static(self, theme: str) -> None:
        key = digest(theme.encode(), b"static")
        if self._fresh("static/", key, count=False):
            return
        shutil.copytree(PACKAGE_DIR / "static", self.out / "static", dirs_exist_ok=True)
        self.report.pages.append("static/")

    def _record_pages(self, ctx: PageContext, records: list[Record]) -> None:
        total = len(records)
        for done, record in enumerate(records, 1):
            page = ctx.index.page(record)
            if not self._fresh(page, ctx.record_key(record)):
                self._write(page, ctx.render_record(record))
            if self.progress and (done % 50 == 0 or done == total):
                self.progress("pages", done, total)

    def _summary_pages(self, ctx: PageContext, records: list[Record]) -> None:
        key = ctx.summary_key(records)
        for page, render in (("index.html", ctx.render_home), ("decisions.html", ctx.render_list),
                             ("graph.html", ctx.render_graph)):
            if not self._fresh(page, key):
                self._write(page, render(records))
        if self.base_url and not self._fresh("sitemap.xml", key):
            self._write("sitemap.xml", ctx.render_sitemap(records))

    def _search_index(self, ctx: PageContext, records: list[Record]) -> None:
        from .search import build_index, field_terms, index_script

        documents = [ctx.search_document(r) for r in records]
        key = digest(ctx.theme.encode(), json.dumps([d.__dict__ for d in documents]).encode())
        if self._fresh("search-index.js", key):
            return
        cache = Cache.for_log(self.log.root, "site-search", self.log.config.cache_dir, self.log.config.cache)
        terms = []
        for document in documents:
            term_key = digest(b"search-1", json.dumps(document.__dict__, sort_keys=True).encode())
            found = cache.get(term_key)
            if found is None:
                found = field_terms(document)
                cache.put(term_key, found)
            terms.append(found)
        cache.save()
        self._write("search-index.js", index_script(build_index(documents, terms)))

    def _remove_stale(self) -> None:
        for page in set(self.old) - set(self.new):
            if page.endswith("/"):
                continue
            target = self.out / page
            if target.is_file():
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
        target = self.out / page
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.tmp")
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, target)
        self.report.written += 1
        self.report.pages.append(page)


def build_site(log: Any, out: Path, base_url: str = "", full: bool = False,
               progress: Progress | None = None) -> BuildReport:
    """Build (or bring up to date) the static site of `log` in `out`."""
    return SiteBuilder(log, out, base_url, full, progress).build()
