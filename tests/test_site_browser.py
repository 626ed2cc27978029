"""The built site in real headless Chromium, opened from file:// as a reader would open it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adrledger.log import DecisionLog
from adrledger.render.site import build_site

from browser import Watched
from conftest import EXAMPLES
from publish_helpers import FIXTURE_LOG

pytestmark = pytest.mark.browser
XSS_LOG = Path(__file__).parent / "fixtures" / "xss_log"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    build_site(DecisionLog.discover(FIXTURE_LOG), out)
    return out


def open_page(watched: Watched, site: Path, page: str) -> Any:
    name, _, fragment = page.partition("#")
    watched.page.goto((site / name).as_uri() + (f"#{fragment}" if fragment else ""))
    return watched.page


def test_search_finds_a_record_by_a_word_from_its_body(watched: Watched, site: Path):
    page = open_page(watched, site, "index.html")
    page.fill("#search-input", "zebrafish")
    results = page.locator("#search-results li[role=option] a")
    results.first.wait_for()
    assert results.all_inner_texts() == ["Use PostgreSQL for orders superseded"]
    page.keyboard.press("Enter")  # the keyboard opens the first hit
    page.wait_for_url("**/records/0002.html")
    assert watched.errors == [] and watched.external_requests() == []


def test_search_ranks_title_hits_first_and_takes_prefixes(watched: Watched, site: Path):
    page = open_page(watched, site, "decisions.html")
    page.fill("#search-input", "orde")
    results = page.locator("#search-results li[role=option] a")
    results.first.wait_for()
    texts = results.all_inner_texts()
    assert {t.rsplit(" ", 1)[0] for t in texts[:2]} == {"Use PostgreSQL for orders", "Use CockroachDB for orders"}


def test_status_filter_narrows_the_list_and_lands_in_the_url(watched: Watched, site: Path):
    page = open_page(watched, site, "decisions.html")
    rows = page.locator("#decisions tbody tr:not([hidden])")
    assert rows.count() == 5
    page.select_option("select[data-filter=status]", "accepted")
    assert rows.count() == 2
    assert "status=accepted" in page.url
    assert page.locator("#list-count").inner_text() == "2 of 5 decisions"
    shared = open_page(watched, site, "decisions.html#status=proposed&tag=billing")
    assert [r.get_attribute("data-number") for r in shared.locator("#decisions tbody tr:not([hidden])").all()] == ["4"]
    assert shared.locator("select[data-filter=tag]").input_value() == "billing"


def test_date_range_and_sorting(watched: Watched, site: Path):
    page = open_page(watched, site, "decisions.html#from=2024-02-01&to=2024-08-31&sort=-date")
    numbers = [r.get_attribute("data-number") for r in page.locator("#decisions tbody tr:not([hidden])").all()]
    assert numbers == ["4", "3", "2"]
    page.click("button[data-sort=title]")
    assert "sort=title" in page.url
    titles = [r.get_attribute("data-title") for r in page.locator("#decisions tbody tr:not([hidden])").all()]
    assert titles == sorted(titles)


def test_record_page_shows_its_superseding_record(watched: Watched, site: Path):
    page = open_page(watched, site, "records/0002.html")
    relations = page.locator("section.relations")
    assert "Superseded by" in relations.inner_text()
    page.locator("section.relations a", has_text="3. Use CockroachDB for orders").click()
    page.wait_for_url("**/records/0003.html")
    assert "Supersedes" in page.locator("section.relations").inner_text()


def test_graph_page_draws_nodes_and_edges(watched: Watched, site: Path):
    page = open_page(watched, site, "graph.html")
    nodes = page.locator("#relation-graph .node")
    assert nodes.count() == 5
    box = nodes.first.bounding_box()
    assert box and box["width"] > 100 and box["height"] > 20
    assert page.locator("#relation-graph path.edge.supersedes").count() == 1
    page.uncheck("input[data-graph-status][value=superseded]")
    assert not page.locator('#relation-graph .node[data-number="2"]').is_visible()
    assert not page.locator("#relation-graph path.edge.supersedes").is_visible()


def test_mermaid_blocks_are_drawn(watched: Watched, site: Path):
    page = open_page(watched, site, "records/0003.html")
    diagram = page.locator("div.mermaid svg")
    diagram.wait_for(timeout=15000)
    assert "Orders API" in (diagram.text_content() or "")
    assert watched.errors == []


def test_local_images_are_shown(watched: Watched, site: Path):
    page = open_page(watched, site, "records/0003.html")
    width = page.eval_on_selector("img[alt=Topology]", "img => img.complete && img.naturalWidth")
    assert width == 1


def test_theme_toggle_and_keyboard(watched: Watched, site: Path):
    page = open_page(watched, site, "index.html")
    page.emulate_media(color_scheme="dark")
    page.click("#theme-toggle")
    assert page.evaluate("document.documentElement.dataset.theme") == "light"
    page.reload()
    assert page.evaluate("document.documentElement.dataset.theme") == "light"  # remembered
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.id") == "search-input"


def test_relation_graph_from_adr_graph_is_valid_mermaid(watched: Watched, site: Path, tmp_path: Path):
    from adrledger.render.graph import to_mermaid

    from publish_helpers import write_hostile_log

    log = DecisionLog.discover(write_hostile_log(tmp_path / "adr"))
    text = to_mermaid(log.records)
    page = open_page(watched, site, "index.html")
    page.add_script_tag(url=(site / "static/mermaid.min.js").as_uri())
    svg = page.evaluate(
        "async t => { mermaid.initialize({startOnLoad: false, securityLevel: 'strict'});"
        " return (await mermaid.render('g', t)).svg; }",
        text,
    )
    assert 'Quote "this" and \\back\\slash' in svg.replace("&quot;", '"')
    assert "Brackets [x] (y) {z} | pipe; semi # hash" in svg


def test_hostile_records_run_nothing(watched: Watched, tmp_path: Path):
    out = tmp_path / "site"
    build_site(DecisionLog.discover(XSS_LOG), out)
    pages = ["index.html", "decisions.html", "graph.html", "records/0001.html", "records/0002.html"]
    for name in pages:
        page = open_page(watched, out, name)
        page.wait_for_load_state("load")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__xss") is None, name
    page = open_page(watched, out, "records/0001.html")
    page.locator("div.mermaid svg").wait_for(timeout=15000)
    for target in ("div.mermaid svg g.node", "text=html link", "text=markdown link"):
        if page.locator(target).count():
            page.locator(target).first.click()
    page.fill("#search-input", "xsscanary")
    page.locator("#search-results li[role=option]").first.wait_for()
    page.wait_for_timeout(300)
    assert page.evaluate("window.__xss") is None
    assert watched.dialogs == []
    assert not [e for e in watched.errors if "__xss" in e]
    body = page.locator("article").inner_html().lower()
    assert "onerror" not in body.replace("onerror=window.__xss", "") or '<img src="x" onerror' not in body
    assert "javascript:" not in page.evaluate("[...document.querySelectorAll('a[href]')].map(a => a.href).join()")
    page = open_page(watched, out, "records/0002.html")
    outward = page.evaluate("[...document.querySelectorAll('a[href^=http]')].map(a => a.rel)")
    assert len(outward) == 2 and all("noopener" in rel.split() for rel in outward)
    assert page.evaluate("window.__xss") is None and watched.dialogs == []
    assert watched.external_requests() == []


needs_examples = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/adr is not on this branch")


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    if not EXAMPLES.is_dir():
        pytest.skip("examples/adr is not on this branch")
    log = DecisionLog.discover(EXAMPLES)
    out = tmp_path_factory.mktemp("example-site")
    build_site(log, out)
    return log, out


@needs_examples
def test_example_log_search_finds_a_body_word(watched: Watched, example_site: tuple[Any, Path]):
    log, out = example_site
    record = next(r for r in log.records if r.number is not None and r.context)
    titles_elsewhere = " ".join(r.title.lower() for r in log.records)
    word = max(
        (w.strip(".,;:()") for w in record.context.split()),
        key=lambda w: (w.lower() not in titles_elsewhere, w.isalpha(), len(w)),
    )
    page = open_page(watched, out, "index.html")
    page.fill("#search-input", word)
    page.locator("#search-results li[role=option]").first.wait_for()
    titles = page.locator("#search-results li[role=option] a").all_inner_texts()
    assert any(t.startswith(record.title) for t in titles), (word, titles)
    assert watched.errors == [] and watched.external_requests() == []


@needs_examples
def test_example_log_status_filter(watched: Watched, example_site: tuple[Any, Path]):
    log, out = example_site
    page = open_page(watched, out, "decisions.html")
    rows = page.locator("#decisions tbody tr:not([hidden])")
    assert rows.count() == len(log.records)
    page.select_option("select[data-filter=status]", "superseded")
    assert rows.count() == sum(1 for r in log.records if r.status == "superseded") < len(log.records)
    assert "status=superseded" in page.url


@needs_examples
def test_example_log_record_shows_its_superseding_record(watched: Watched, example_site: tuple[Any, Path]):
    log, out = example_site
    old = next(r for r in log.records if r.superseded_by)
    newer = next(r for r in log.records if r.number == old.superseded_by[0])
    page = open_page(watched, out, f"records/{old.number:04d}.html")
    link = page.locator("section.relations a", has_text=f"{newer.number}. {newer.title}")
    assert "Superseded by" in page.locator("section.relations").inner_text() and link.count() == 1
    link.click()
    page.wait_for_url(f"**/records/{newer.number:04d}.html")


@needs_examples
def test_example_log_graph_mermaid_and_images(watched: Watched, example_site: tuple[Any, Path]):
    log, out = example_site
    page = open_page(watched, out, "graph.html")
    assert page.locator("#relation-graph .node").count() == len({r.number for r in log.records if r.number})
    assert page.locator("#relation-graph path.edge").count() > 0
    with_mermaid = [r for r in log.records if "```mermaid" in (EXAMPLES / r.path).read_text()]
    for record in with_mermaid:
        page = open_page(watched, out, f"records/{record.number:04d}.html")
        page.locator("div.mermaid svg").first.wait_for(timeout=15000)
    with_images = [r for r in log.records if any(link.target.startswith("images/") for link in r.links)]
    for record in with_images:
        page = open_page(watched, out, f"records/{record.number:04d}.html")
        page.wait_for_load_state("load")
        widths = page.eval_on_selector_all(".markdown img", "imgs => imgs.map(i => i.naturalWidth)")
        assert widths and all(w > 0 for w in widths)
    assert with_mermaid and watched.errors == [] and watched.external_requests() == []
