"""Render each page: the jinja2 environment, the page keys, and the URL rewriting of record bodies."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any

from ...base.textio import naming
from ...cache import digest
from ...model import Record
from . import pages, record_view
from .markdown import markdown_to_html, plain_text, rewrite_urls
from .search import SearchDocument
from .sources import IMAGE_TYPES, Source, digest_media, link_path, local_file, media_bytes, media_root

STATUS_LABELS = {s: s.capitalize() for s in pages.STATUS_ORDER}


def history_for(log: Any) -> Any:
    """The log's git history when the history module is present and the log is in git, else None."""
    try:
        from ...history import load_history  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    history = load_history(log)  # unavailable outside git or when git fails; never raises for that
    return history if getattr(history, "available", False) else None


@dataclass
class PageContext:
    log: Any
    out: Path
    index: pages.SiteIndex
    sources: dict[str, Source]
    history: Any
    theme: str
    base_url: str
    _media: dict[Path, str | None] = field(default_factory=dict)
    _svg: dict[Path, bytes] = field(default_factory=dict)  # sanitised SVG content, by source file
    _rows: dict[str, dict[str, Any]] = field(default_factory=dict)

    @cached_property
    def env(self) -> Any:
        import jinja2

        env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            auto_reload=False,
            undefined=jinja2.StrictUndefined,
        )
        env.globals.update(status_labels=STATUS_LABELS, site_title=self.site_title)
        return env

    def _render(self, template: str, **values: Any) -> str:
        return str(self.env.get_template(template).render(**values))

    @cached_property
    def site_title(self) -> str:
        """The `title` setting, else the project's name, else "Decision log"."""
        config = self.log.config
        return str(getattr(config, "title", "") or _project_name(Path(config.project_root)) or "Decision log")

    @cached_property
    def allowed_media(self) -> Path:
        return media_root(self.log.root)

    # ---- keys -----------------------------------------------------------------------------

    def record_key(self, record: Record) -> str:
        related = [
            (label, [(r.number, r.title, r.status, r.page) for r in links])
            for label, links in self.index.relations(record)
        ]
        targets = sorted({link.target for link in record.links})
        resolved = [(t, self._resolve_link(record, t, copy=False)) for t in targets]
        key = self.index.key(record)
        facts = (
            self.theme,
            self.base_url,
            self.site_title,
            key,
            self.index.page(record),
            self.sources[key].digest,
            related,
            resolved,
            self._history_facts(record),
        )
        # repr() of str, int, None, tuples and lists is exact and stable, and faster than JSON.
        return digest(repr(facts).encode("utf-8", "surrogatepass"))

    def summary_key(self, records: list[Record]) -> str:
        rows = [self.row(r) for r in records]
        return digest(
            json.dumps(
                [
                    self.theme,
                    self.base_url,
                    self.site_title,
                    rows,
                    [list(e.__dict__.values()) for e in self.index.edges],
                ]
            ).encode()
        )

    def _history_facts(self, record: Record) -> str | None:
        """Everything the page's history panel is drawn from: the file's whole history, as text."""
        if self.history is None:
            return None
        found = self.history.for_path(record.path)
        return None if found is None or not getattr(found, "changes", ()) else repr(found)

    # ---- record pages ---------------------------------------------------------------------

    def render_record(self, record: Record) -> str:
        metadata, text = record_view.leading_metadata(self.sources[self.index.key(record)].body)
        relations = self.index.relations(record)
        return self._render(
            "record.html",
            root="../",
            page="record",
            record=record,
            body=self._html(record, text),
            relations=relations,
            metadata=[(label, self._html(record, value, inline=True)) for label, value in metadata],
            status_note=record_view.status_note(record),
            banner=record_view.banner(record, relations),
            matrix=pages.matrix_view(record.decision_matrix),
            checklists=pages.checklist_views(record),
            history=self.history_view(record),
            canonical=self._canonical(self.index.page(record)),
            title=_display_title(record),
        )

    def _html(self, record: Record, markdown: str, inline: bool = False) -> str:
        """Record Markdown as safe HTML, its links to records and images pointed into the site."""
        html = markdown_to_html(markdown)
        if inline and html.startswith("<p>") and html.rstrip().endswith("</p>") and html.count("<p>") == 1:
            html = html.rstrip()[3:-4]
        return rewrite_urls(
            html,
            lambda t: self._resolve_link(record, t, copy=True),
            lambda t: self._resolve_image(record, t, copy=True),
        )

    def _resolve_link(self, record: Record, target: str, copy: bool) -> str | None:
        other = self.index.by_path.get(link_path(target, record.path) or "")
        if other is not None:
            return "../" + self.index.page(other)
        if PurePosixPath(target.split("#", 1)[0].split("?", 1)[0]).suffix.lower() in IMAGE_TYPES:
            return self._resolve_image(record, target, copy)
        return None

    def _resolve_image(self, record: Record, target: str, copy: bool) -> str | None:
        found = local_file(target, record.path, self.log.root, self.allowed_media)
        if found is None or found.suffix.lower() not in IMAGE_TYPES:
            return None
        return self._media_url(found, copy)

    def _media_url(self, path: Path, copy: bool) -> str | None:
        if path not in self._media:
            self._media[path] = self._media_digest(path)
        hashed = self._media[path]
        if hashed is None:
            return None
        name = f"media/{hashed}{path.suffix.lower()}"
        target = self.out / name
        if copy and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")  # workers may race
            try:
                with naming(target):
                    if path in self._svg:
                        temporary.write_bytes(self._svg[path])
                    else:
                        shutil.copyfile(path, temporary)
                os.replace(temporary, target)
            except BaseException:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
                raise
        return "../" + name

    def _media_digest(self, path: Path) -> str | None:
        """The published file's name: the digest of what is published (an SVG: its sanitised text)."""
        data = media_bytes(path)
        if data is not None and path.suffix.lower() == ".svg":
            # lazy: keeps render off this module's import
            from .svg import SvgRefused, sanitize_svg

            try:
                data = self._svg[path] = sanitize_svg(data)
            except SvgRefused:
                return None  # not published: the link stays as written and leads nowhere
        return None if data is None else digest_media(data)

    def history_view(self, record: Record) -> dict[str, Any] | None:
        if self.history is None:
            return None
        found = self.history.for_path(record.path)
        if found is None or not getattr(found, "changes", ()):
            return None
        return {
            "created": found.created,
            "accepted": found.accepted,
            "status_changes": list(found.status_changes),
            "authors": list(found.authors),
            "changes": list(found.changes)[-20:],
            "edits_after_acceptance": len(getattr(found, "edits_after_acceptance", ())),
        }

    # ---- summary pages --------------------------------------------------------------------

    def row(self, record: Record) -> dict[str, Any]:
        """What list, home and search show of a record (computed once per build)."""
        key = self.index.key(record)
        found = self._rows.get(key)
        if found is None:
            found = self._rows[key] = self._row(record)
        return found

    def _row(self, record: Record) -> dict[str, Any]:
        return {
            "id": self.index.key(record),
            "number": record.number,
            "title": _display_title(record),
            "status": record.status,
            "date": record.date or "",
            "style": record.style,
            "tags": list(record.tags),
            "deciders": list(record.deciders),
            "page": self.index.page(record),
        }

    def render_home(self, records: list[Record]) -> str:
        return self._render(
            "home.html",
            root="",
            page="home",
            total=len(records),
            counts=pages.status_counts(records),
            recent=[self.row(r) for r in pages.recent(records)],
            timeline=[(month, [self.row(r) for r in group]) for month, group in pages.timeline(records)],
            canonical=self._canonical("index.html"),
            title="Home",
        )

    def render_list(self, records: list[Record]) -> str:
        return self._render(
            "list.html",
            root="",
            page="list",
            rows=[self.row(r) for r in records],
            facets=pages.facets(records),
            canonical=self._canonical("decisions.html"),
            title="Decisions",
        )

    def render_graph(self, records: list[Record]) -> str:
        # lazy: keeps render off this module's import
        from .layout import LINE_HEIGHT, NODE_W, edge_path, layout

        graph = layout(records, self.index.identities)
        return self._render(
            "graph.html",
            root="",
            page="graph",
            graph=graph,
            edge_path=edge_path,
            node_w=NODE_W,
            line_height=LINE_HEIGHT,
            node_page=lambda r: self.index.page(r),
            node_key=self.index.key,
            statuses=[s for s, _ in pages.status_counts(records)],
            canonical=self._canonical("graph.html"),
            title="Relation graph",
        )

    def render_sitemap(self, records: list[Record]) -> str:
        urls = ["index.html", "decisions.html", "graph.html"] + [self.index.page(r) for r in records]
        return self._render("sitemap.xml", base=self.base_url, urls=urls)

    def _canonical(self, page: str) -> str:
        return f"{self.base_url}/{page}" if self.base_url else ""

    def search_document(self, record: Record) -> SearchDocument:
        key = self.index.key(record)
        return SearchDocument(
            id=key,
            title=_display_title(record),
            tags=" ".join(record.tags),
            text=plain_text(self.sources[key].body),
            url=self.index.page(record),
            status=record.status,
            date=record.date or "",
        )


def _project_name(root: Path) -> str:
    """pyproject.toml's [project] name, else the name of the project's folder."""
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        if sys.version_info >= (3, 11):
            # lazy: tomllib is only needed here (startup cost)
            import tomllib
        else:  # pragma: no cover - Python 3.10
            # lazy: tomli is only needed here (startup cost)
            import tomli as tomllib
        try:
            name = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {}).get("name")
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, AttributeError):
            name = None
        if isinstance(name, str) and name.strip():
            return name.strip()
    return root.resolve().name


def _display_title(record: Record) -> str:
    return record.title or record.slug
