"""The MkDocs hooks: find the logs (config), read and lint them and add the generated pages (files),
splice the index into an author's own index page (page_markdown), then fill the generated pages'
slots and give each record page its header and banner (page_content, in HTML: MkDocs' Markdown
reader would spend more time on that HTML than the plugin spends on everything else).

The plugin instance lives as long as `mkdocs serve` (it has on_startup), but each rebuild reads
the logs again: the records come from adrledger's content cache, so an unchanged log is not parsed
again, and per-record lint results come from the lint cache.
"""

from __future__ import annotations

import functools
import logging
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from mkdocs.config import base
from mkdocs.config import config_options as options
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ...errors import AdrError
from ...model import Record
from ...names import INDEX_GROUPS
from ..identity import Identities
from ..index import splice
from ..relations import Edge, edges
from .header import CSS_PATH, Related, adjacency, banner_html, header_html, related, stylesheet
from .logs import DocsLog, find_logs
from .pages import GRAPH_SLOT, graph_page, graph_svg, index_block, index_page, index_tables

log = get_plugin_logger(__name__)


class PluginConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' __init_subclass__ has no hints
    """The plugin's options in mkdocs.yml (MkDocs validates them and reports every problem)."""

    logs = options.ListOfItems(options.Type(str), default=[])  # folders under docs_dir; none: found as `adr` does
    index_page = options.Type(str, default="index.md")  # in each log folder; "" adds none
    graph_page = options.Type(str, default="relation-graph.md")  # in each log folder; "" adds none
    group_by = options.Choice(INDEX_GROUPS, default="status")
    header = options.Type(bool, default=True)
    lint = options.Type(bool, default=True)


@dataclass
class _Site:
    """What one build knows of the logs: each record file's log and record, and the relations."""

    logs: list[DocsLog]
    project: Path  # the folder of mkdocs.yml: lint reports paths from there
    records: dict[str, tuple[DocsLog, Record]] = field(default_factory=dict)  # src_uri -> first record in it
    relations: dict[str, tuple[dict[str, list[Edge]], Identities]] = field(default_factory=dict)
    indexes: dict[str, DocsLog] = field(default_factory=dict)  # index pages (generated or the author's) -> log
    own_indexes: set[str] = field(default_factory=set)  # the author's pages the index is spliced into
    graphs: dict[str, DocsLog] = field(default_factory=dict)  # graph pages -> their log


class AdrLedgerPlugin(BasePlugin[PluginConfig]):  # type: ignore[no-untyped-call]  # as above
    """Decision records in a MkDocs site: headers, banners, an index and a graph page, lint as warnings."""

    def __init__(self) -> None:
        self.site = _Site([], Path.cwd())

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Nothing to start: MkDocs keeps a plugin that has this hook across `mkdocs serve` rebuilds."""

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        project = Path(config.config_file_path or config.docs_dir).resolve().parent
        try:
            self.site = _Site(find_logs(Path(config.docs_dir), project, self.config.logs), project)
        except AdrError as err:
            raise PluginError(f"adrledger: {err}") from err
        if not self.site.logs:
            log.warning("no decision log found under docs_dir: name one with the plugin's `logs` option")
        config.extra_css.append(CSS_PATH)
        if config.nav is not None:
            for docs_log in self.site.logs:
                _add_to_nav(config.nav, self._generated(docs_log), docs_log.prefix)
        return config

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        files.append(File.generated(config, CSS_PATH, content=stylesheet()))
        for docs_log in self.site.logs:
            try:
                records = docs_log.log.records
            except AdrError as err:
                raise PluginError(f"adrledger: {err}") from err
            self._remember(docs_log, records)
            self._add_pages(docs_log, files, config)
            if self.config.lint:
                _report_lint(docs_log, self.site.project)
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        source = page.file.src_uri
        if source not in self.site.own_indexes:
            return markdown
        return splice(markdown, index_block(self.site.indexes[source].log.records, self.config.group_by), source)

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        source = page.file.src_uri
        if source in self.site.indexes:
            docs_log = self.site.indexes[source]
            url_of = _url_maker(docs_log, files, page.file)
            for slot, table in index_tables(docs_log.log.records, url_of, self.config.group_by).items():
                html = html.replace(slot, table, 1)
        if source in self.site.graphs:
            docs_log = self.site.graphs[source]
            html = html.replace(GRAPH_SLOT, graph_svg(docs_log.log.records, _url_maker(docs_log, files, page.file)), 1)
        if self.config.header and source in self.site.records:
            docs_log, record = self.site.records[source]
            edges_of, identities = self.site.relations[docs_log.prefix]
            links = related(record, edges_of, identities)
            html = after_title(html, _decorations(record, links, _url_maker(docs_log, files, page.file)))
        return html

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Callable[..., Any]) -> Any:
        docs = Path(config.docs_dir).resolve()
        for docs_log in self.site.logs:  # a configuration outside docs_dir changes the pages too
            source = docs_log.log.config.source
            if source is not None and not source.resolve().is_relative_to(docs):
                server.watch(str(source))
        return server

    # ---- helpers ------------------------------------------------------------------------------

    def _generated(self, docs_log: DocsLog) -> list[str]:
        names = [self.config.index_page, self.config.graph_page]
        return [docs_log.src_uri(posixpath.normpath(name)) for name in names if name]

    def _remember(self, docs_log: DocsLog, records: list[Record]) -> None:
        for record in records:
            self.site.records.setdefault(docs_log.src_uri(record.path), (docs_log, record))
        identities = Identities.of(records)
        self.site.relations[docs_log.prefix] = (adjacency(edges(records, identities)), identities)

    def _add_pages(self, docs_log: DocsLog, files: Files, config: MkDocsConfig) -> None:
        index_uri, graph_uri = (
            docs_log.src_uri(posixpath.normpath(name)) if name else ""
            for name in (self.config.index_page, self.config.graph_page)
        )
        suffix = f": {docs_log.log.package}" if docs_log.log.package else ""
        if graph_uri:
            _new_file(files, config, graph_uri).content_string = graph_page(f"Relation graph{suffix}")
            self.site.graphs[graph_uri] = docs_log
        if not index_uri:
            return
        existing = _existing_index(files, index_uri)
        if existing is not None:
            self.site.indexes[existing.src_uri] = docs_log
            self.site.own_indexes.add(existing.src_uri)
            return
        block = index_block(docs_log.log.records, self.config.group_by)
        link = posixpath.relpath(graph_uri, posixpath.dirname(index_uri) or ".") if graph_uri else None
        _new_file(files, config, index_uri).content_string = index_page(f"Decisions{suffix}", block, link)
        self.site.indexes[index_uri] = docs_log


def _new_file(files: Files, config: MkDocsConfig, src_uri: str) -> File:
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(f"adrledger: {src_uri} exists in docs_dir; name another page in the plugin's options")
    file = File.generated(config, src_uri, content="")
    files.append(file)
    return file


def _existing_index(files: Files, index_uri: str) -> File | None:
    """The author's own page where the index goes (README.md stands for index.md, as in MkDocs)."""
    found = files.get_file_from_path(index_uri)
    if found is None and posixpath.basename(index_uri) == "index.md":
        found = files.get_file_from_path(posixpath.join(posixpath.dirname(index_uri), "README.md"))
    return found


def _url_maker(docs_log: DocsLog, files: Files, page: File) -> Callable[[Record], str | None]:
    def url_of(record: Record) -> str | None:
        target = files.get_file_from_path(docs_log.src_uri(record.path))
        return target.url_relative_to(page) if target is not None else None

    return url_of


def _decorations(record: Record, links: Related, url_of: Callable[[Record], str | None]) -> str:
    """The header, and the banner of a retired record (which then names the successor, not the header)."""
    banner = banner_html(record, links, url_of)
    if banner:
        links = Related(tuple(group for group in links.groups if group[0] != "Superseded by"))
    return header_html(record, links, url_of) + (f"\n\n{banner}" if banner else "")


_H1_END = re.compile(r"</h1\s*>", re.IGNORECASE)


def after_title(html: str, block: str) -> str:
    """`block` right after the page's first level-1 heading, or at the top when it has none."""
    end = _H1_END.search(html)
    if end is None:
        return f"{block}\n{html}"
    return f"{html[: end.end()]}\n{block}\n{html[end.end() :]}"


def _add_to_nav(nav: list[Any], pages: list[str], prefix: str) -> None:
    """Put the generated pages in an explicit nav: after one the author placed, else before the first
    entry of the log's folder, else in a section of their own at the end."""
    where = {page: _find(nav, functools.partial(_names, page)) for page in pages}
    missing = [page for page, found in where.items() if found is None]
    if not missing:
        return
    placed = [found for found in where.values() if found is not None]
    if placed:
        items, position = placed[-1]
        items[position + 1 : position + 1] = missing
        return
    folder = f"{prefix}/" if prefix else ""
    first = _find(nav, lambda path: path.startswith(folder) and path.endswith(".md"))
    if first is None:
        nav.append({"Decisions": missing})
    else:
        items, position = first
        items[position:position] = missing


def _names(page: str, path: str) -> bool:
    return posixpath.normpath(path) == page


def _find(items: list[Any], wanted: Callable[[str], bool]) -> tuple[list[Any], int] | None:
    """The nav list and position of the first entry whose page path is wanted, depth first."""
    for position, item in enumerate(items):
        values = list(item.values()) if isinstance(item, dict) else [item]
        for value in values:
            if isinstance(value, list):
                inner = _find(value, wanted)
                if inner is not None:
                    return inner
            elif isinstance(value, str) and wanted(value):
                return items, position
    return None


def _report_lint(docs_log: DocsLog, project: Path) -> None:
    """`adr lint` over the log: findings at or above its fail-on severity are MkDocs warnings (so
    `mkdocs build --strict` fails on them), the others information."""
    # lazy: keeps difflib off this module's import
    from ...lint.diagnostics import SEVERITY_RANK
    from ...lint.runner import LintOptions, Target, lint_targets

    config = docs_log.log.config
    target = Target(config, docs_log.log.root, True, log=docs_log.log)
    try:
        diagnostics = lint_targets([target], LintOptions(cwd=project))
    except AdrError as err:
        raise PluginError(f"adrledger: {err}") from err
    threshold = SEVERITY_RANK[config.lint.fail_on]
    for item in diagnostics:
        level = logging.WARNING if SEVERITY_RANK[item.severity] >= threshold else logging.INFO
        where = f"{item.path}:{item.line}" if item.line else item.path
        log.log(level, f"{where}: {item.code} {item.severity}: {item.message}")
