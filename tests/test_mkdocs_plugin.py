"""The MkDocs plugin in real `mkdocs build` runs (default theme and Material), the pages looked at in
headless Chromium; lint findings as MkDocs warnings; rebuilds in `mkdocs serve` that parse nothing."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from adrledger.log import DecisionLog
from adrledger.render.graph import STATUS_STYLE

from browser import Watched
from conftest import EXAMPLES
from publish_helpers import write_hostile_log

pytest.importorskip("mkdocs")
CONTENT = ":is(main, [role=main])"  # the page's own content in both themes (not the theme's dialogs)
# Themes with nothing fetched from elsewhere (highlight.js from a CDN, Google fonts): the pages load offline.
THEMES = {
    "mkdocs": "theme:\n  name: mkdocs\n  highlightjs: false",
    "material": "theme:\n  name: material\n  font: false",
}


def make_project(root: Path, theme: str = "mkdocs", plugin: str = "  - adrledger", extra: str = "") -> Path:
    """A MkDocs project whose docs/adr is the bundled example log (sixteen records, all seven styles)."""
    docs = root / "docs"
    docs.mkdir(parents=True)
    shutil.copytree(EXAMPLES, docs / "adr")
    (docs / "index.md").write_text("# Handbook\n\nOur engineering handbook.\n", encoding="utf-8")
    (root / "mkdocs.yml").write_text(
        f"site_name: Handbook\n{THEMES[theme]}\nplugins:\n{plugin}\n{extra}", encoding="utf-8"
    )
    return root


def mkdocs(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        # Today's real date: the example log is dated after the suite's fixed ADR_DATE (ADR211).
        env={**os.environ, "NO_COLOR": "1", "ADR_DATE": ""},
    )


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@dataclass(frozen=True)
class Built:
    url: str
    theme: str


@pytest.fixture(scope="module", params=list(THEMES))
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    """The example log built with the plugin, served on 127.0.0.1 as `mkdocs serve` or TechDocs would serve it."""
    project = make_project(tmp_path_factory.mktemp(f"mkdocs-{request.param}"), request.param)
    result = mkdocs(project, "--strict")
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as url:
        yield Built(url, request.param)


def page_errors(watched: Watched, built: Built) -> list[str]:
    """Script errors on the pages. The mkdocs theme's scroll spy throws on every heading id that starts
    with a digit (a Nygard title, "# 4. Poll the API", gives one), with or without the plugin: only
    Material's pages are expected to be free of them."""
    return watched.errors if built.theme == "material" else []


@contextlib.contextmanager
def serving(site: Path) -> Iterator[str]:
    """A built site on an HTTP server of its own on 127.0.0.1 (directory URLs need a server)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def example_records() -> list[Any]:
    return DecisionLog.discover(EXAMPLES).records


def open_page(watched: Watched, site: str | Built, page: str) -> Any:
    watched.page.goto((site.url if isinstance(site, Built) else site) + (page + "/" if page else ""))
    return watched.page


def follow(page: Any, link: Any) -> Any:
    with page.expect_navigation():
        link.click()
    return page


def rgb(colour: str) -> str:
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgb({red}, {green}, {blue})"


def page_of(record: Any) -> str:
    return "adr/" + record.path.removesuffix(".md")


@pytest.mark.browser
def test_record_pages_carry_a_status_badge_date_deciders_tags_and_relations(watched: Watched, built: Built) -> None:
    by_number = {r.number: r for r in example_records()}
    record = next(r for r in example_records() if r.deciders and r.tags and r.supersedes)
    page = open_page(watched, built, page_of(record))
    badge = page.locator(".adrledger-header .adrledger-badge")
    assert badge.inner_text() == record.status
    fill, _, text = STATUS_STYLE[record.status]
    colours = badge.evaluate("e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).color]")
    assert colours == [rgb(fill), rgb(text)]
    facts = page.locator(".adrledger-facts").inner_text()
    assert record.date in facts and record.deciders[0] in facts and record.tags[-1] in facts
    relation = page.locator(".adrledger-relation", has_text="Supersedes")
    follow(page, relation.locator("a").first)
    assert page.url.endswith(page_of(by_number[record.supersedes[0]]) + "/")
    assert page_errors(watched, built) == [] and watched.external_requests() == []


@pytest.mark.browser
def test_retired_records_carry_a_banner_naming_their_successor(watched: Watched, built: Built) -> None:
    records = example_records()
    by_number = {r.number: r for r in records}
    superseded = next(r for r in records if r.status == "superseded" and r.superseded_by)
    page = open_page(watched, built, page_of(superseded))
    banner = page.locator(".adrledger-banner")
    assert banner.is_visible() and page.locator(".adrledger-banner .admonition-title").inner_text() == "Superseded"
    successor = by_number[superseded.superseded_by[0]]
    assert successor.title in banner.inner_text()
    follow(page, banner.locator("a").first)
    assert page.url.endswith(page_of(successor) + "/")
    for status, title in (("deprecated", "Deprecated"), ("rejected", "Rejected")):
        retired = next(r for r in records if r.status == status)
        page = open_page(watched, built, page_of(retired))
        assert page.locator(".adrledger-banner .admonition-title").inner_text() == title
    accepted = next(r for r in records if r.status == "accepted")
    assert open_page(watched, built, page_of(accepted)).locator(".adrledger-banner").count() == 0
    assert page_errors(watched, built) == []


@pytest.mark.browser
def test_the_index_page_lists_every_record_grouped_by_status(watched: Watched, built: Built) -> None:
    records = example_records()
    page = open_page(watched, built, "adr")
    assert page.locator("h1").first.inner_text() == "Decisions"
    rows = page.locator(CONTENT + " table tbody tr")
    assert rows.count() == len(records)
    headings = [h.strip() for h in page.locator("h2").all_inner_texts() if re.match(r"\w+ \(\d+\)", h.strip())]
    assert headings[0] == f"Accepted ({sum(r.status == 'accepted' for r in records)})"
    assert {h.split(" ")[0].lower() for h in headings} == {r.status for r in records}
    badges = page.locator(CONTENT + " table .adrledger-badge").all_inner_texts()
    assert sorted(badges) == sorted(r.status for r in records)
    follow(page, page.locator(CONTENT + " table a", has_text=records[-1].title))
    assert page.url.endswith(page_of(records[-1]) + "/") and page.locator(".adrledger-header").count() == 1
    assert page_errors(watched, built) == [] and watched.external_requests() == []


@pytest.mark.browser
def test_the_graph_page_draws_every_record_and_opens_them(watched: Watched, built: Built) -> None:
    records = example_records()
    page = open_page(watched, built, "adr/relation-graph")
    nodes = page.locator("svg a.adrledger-node")
    assert nodes.count() == len(records)
    assert page.locator("svg path.adrledger-edge").count() >= 3
    superseded = next(r for r in records if r.status == "superseded")
    node = page.locator(f'svg a.adrledger-node[data-number="{superseded.number}"] rect')
    assert node.get_attribute("fill") == STATUS_STYLE["superseded"][0]
    assert node.bounding_box()["width"] > 50  # drawn, not collapsed
    follow(page, node)
    assert page.url.endswith(page_of(superseded) + "/")
    assert page_errors(watched, built) == []


@pytest.mark.browser
def test_record_values_are_escaped_everywhere(watched: Watched, tmp_path: Path) -> None:
    project = make_project(tmp_path)
    shutil.rmtree(project / "docs" / "adr")
    write_hostile_log(project / "docs" / "adr")
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    with serving(project / "site") as site:
        # Every page that shows record 3's title beside its own content (record 3's own page runs what its
        # Markdown holds, as MkDocs renders any page: the plugin adds nothing to it that could).
        for page in ("adr", "adr/relation-graph", "adr/0004-x", "adr/0002-y", ""):
            open_page(watched, site, page)
        assert watched.dialogs == []
        titles = {r.number: r.title for r in DecisionLog.discover(project / "docs" / "adr").records}
        assert "<" not in titles[3] and "&" in titles[3]  # the reader keeps the text of a title, not its tags
        index = open_page(watched, site, "adr")
        links = index.locator(CONTENT + " table a")
        assert sorted(links.all_inner_texts()) == sorted(titles.values())  # brackets, pipes, stars: all text
        graph = open_page(watched, site, "adr/relation-graph")
        assert graph.locator('a.adrledger-node[data-number="2"] title').text_content() == f"2. {titles[2]} (accepted)"
        successor = open_page(watched, site, "adr/0004-x").locator(".adrledger-relation", has_text="Supersedes")
        assert successor.inner_text() == f"Supersedes ADR-0003: {titles[3]}"
        assert watched.dialogs == []
        banner = open_page(watched, site, "adr/0003-x").locator(".adrledger-banner")
        assert f"ADR-0004: {titles[4]}" in banner.inner_text()


@pytest.mark.slow  # a real `mkdocs build`
def test_a_lint_finding_fails_a_strict_build_and_the_log_configuration_selects_rules(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    log = project / "docs" / "adr"
    text = (log / "0001-record-architecture-decisions.md").read_text(encoding="utf-8")
    (log / "17_Keep_Records.md").write_text(
        text.replace("# 1. Record architecture decisions", "# 17. Keep records"), encoding="utf-8"
    )
    failed = mkdocs(project, "--strict")
    assert failed.returncode == 1
    assert re.search(r"WARNING +- +adrledger: docs/adr/17_Keep_Records\.md:1: ADR207 warning: file name", failed.stderr)
    assert "Aborted with 1 warnings in strict mode!" in failed.stdout + failed.stderr
    (log / ".adrledger.toml").write_text('[lint]\nignore = ["ADR207"]\n', encoding="utf-8")
    assert mkdocs(project, "--strict").returncode == 0


@pytest.mark.slow  # a real `mkdocs build`
def test_lint_can_be_turned_off_and_information_is_not_a_warning(tmp_path: Path) -> None:
    project = make_project(tmp_path, plugin="  - adrledger:\n      lint: false")
    (project / "docs" / "adr" / "17_Bad.md").write_text("# 17. Bad\n\nStatus: Accepted\n", encoding="utf-8")
    assert mkdocs(project, "--strict").returncode == 0
    (project / "docs" / "adr" / ".adrledger.toml").write_text('[lint]\nfail-on = "error"\n', encoding="utf-8")
    (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text().replace("lint: false", "lint: true"))
    quiet = mkdocs(project, "--strict")  # the findings are warnings, below the log's fail-on: information
    assert quiet.returncode == 0 and "INFO    -  adrledger: docs/adr/17_Bad.md" in quiet.stderr


@pytest.mark.slow  # a real `mkdocs build`
def test_an_explicit_nav_gains_the_index_and_graph_in_the_records_section(tmp_path: Path) -> None:
    nav = "nav:\n  - Home: index.md\n  - Decisions:\n    - adr/0001-record-architecture-decisions.md\n"
    project = make_project(tmp_path, extra=nav)
    result = mkdocs(project)
    assert result.returncode == 0, result.stderr
    home = (project / "site" / "index.html").read_text(encoding="utf-8")
    section = home[home.index("Decisions") :]
    links = re.findall(r'href="(adr/[^"]*)"', section)
    assert links[:3] == ["adr/", "adr/relation-graph/", "adr/0001-record-architecture-decisions/"]


@pytest.mark.slow  # a real `mkdocs build`
def test_an_index_page_of_the_authors_own_keeps_its_text(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "docs" / "adr" / "README.md").write_text("# Our decisions\n\nHow we decide.\n", encoding="utf-8")
    assert mkdocs(project, "--strict").returncode == 0
    page = (project / "site" / "adr" / "index.html").read_text(encoding="utf-8")
    assert "How we decide." in page and "<h1" in page and "Our decisions" in page
    assert page.count("adrledger-badge") == len(example_records())


@pytest.mark.slow  # a real `mkdocs build`
def test_logs_are_found_as_adr_finds_them_or_named(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    (project / "docs" / "adr").rename(project / "docs" / "records")
    (project / ".adr-dir").write_text("docs/records\n", encoding="utf-8")
    assert mkdocs(project, "--strict").returncode == 0
    assert (project / "site" / "records" / "relation-graph" / "index.html").exists()
    (project / ".adr-dir").unlink()
    missing = mkdocs(project, "--strict")  # docs/records is not a usual name: nothing to read
    assert missing.returncode == 1 and "no decision log found under docs_dir" in missing.stderr
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text().replace("  - adrledger", "  - adrledger:\n      logs: [records, nowhere]")
    )
    wrong = mkdocs(project)
    assert wrong.returncode == 1 and "logs: 'nowhere' is not a folder inside docs_dir" in wrong.stderr


def test_serve_rebuilds_parse_only_what_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As `mkdocs serve` does: startup once, then a fresh configuration and a build per change."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    import adrledger.parse

    project = make_project(tmp_path)
    parsed: list[str] = []
    real = adrledger.parse.parse_bytes

    def counting(data: bytes, path: str) -> Any:
        parsed.append(path)
        return real(data, path)

    monkeypatch.setattr(adrledger.parse, "parse_bytes", counting)
    first = load_config(str(project / "mkdocs.yml"))
    first.plugins.on_startup(command="serve", dirty=False)
    build(first)
    assert len(parsed) == len(example_records())
    again = load_config(str(project / "mkdocs.yml"))
    assert again.plugins["adrledger"] is first.plugins["adrledger"]  # one plugin across rebuilds
    parsed.clear()
    build(again)
    assert parsed == []  # an unchanged log: nothing parsed again
    record = project / "docs" / "adr" / "0006-store-job-photos-in-s3-compatible-object-storage.md"
    record.write_text(record.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    build(load_config(str(project / "mkdocs.yml")))
    assert parsed == ["0006-store-job-photos-in-s3-compatible-object-storage.md"]


@pytest.mark.slow  # a real `mkdocs build`
def test_the_readme_configuration_builds(tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    config = re.search(r"```yaml\n(# mkdocs\.yml.*?)```", readme, re.DOTALL)
    assert config is not None
    project = make_project(tmp_path)
    # techdocs-core is Backstage's plugin (not installed here): MkDocs' own search stands in for it.
    (project / "mkdocs.yml").write_text(config.group(1).replace("- techdocs-core", "- search"), encoding="utf-8")
    result = mkdocs(project, "--strict")
    assert result.returncode == 0, result.stderr
    assert (project / "site" / "adr" / "relation-graph" / "index.html").exists()
