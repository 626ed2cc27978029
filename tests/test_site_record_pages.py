"""Record pages that read well (issue 14), in real headless Chromium: the banner of a retired decision,
the status from the model, metadata as a definition list, the checked matrix after the record, the
phone layout, and graph boxes that hold their whole title."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest

from adrledger.log import DecisionLog
from adrledger.render.site import build_site

from browser import Watched
from conftest import EXAMPLES

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/adr is not on this branch"),
]
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Any, Path]:
    log = DecisionLog.discover(EXAMPLES)
    out = tmp_path_factory.mktemp("example-site")
    build_site(log, out)
    return log, out


def record_with(log: Any, **facts: Any) -> Any:
    return next(r for r in log.records if all(getattr(r, k) == v for k, v in facts.items()))


def open_page(watched: Watched, site: Path, page: str) -> Any:
    watched.page.goto((site / page).as_uri())
    return watched.page


def test_a_superseded_record_opens_with_a_banner_linking_its_successor(
    watched: Watched, example_site: tuple[Any, Path]
):
    log, out = example_site
    old = record_with(log, status="superseded")
    newer = record_with(log, number=old.superseded_by[0])
    page = open_page(watched, out, f"records/{old.number:04d}.html")
    banner = page.locator(".banner")
    assert banner.is_visible() and banner.inner_text().startswith("Superseded.")
    assert banner.bounding_box()["y"] < page.locator(".record-layout").bounding_box()["y"]
    banner.get_by_role("link", name=f"ADR-{newer.number:04d}: {newer.title}").click()
    page.wait_for_url(f"**/records/{newer.number:04d}.html")
    assert page.locator(".banner").count() == 0 or newer.status in ("superseded", "deprecated", "rejected")


@pytest.mark.parametrize(
    "status, words",
    [
        ("deprecated", "Deprecated. This decision no longer applies."),
        ("rejected", "Rejected. This proposal was not adopted."),
    ],
)
def test_deprecated_and_rejected_records_have_a_banner(
    watched: Watched, example_site: tuple[Any, Path], status: str, words: str
):
    log, out = example_site
    record = record_with(log, status=status)
    page = open_page(watched, out, f"records/{record.number:04d}.html")
    assert " ".join(page.locator(".banner").inner_text().split()) == words


def test_the_sidebar_status_comes_from_the_model_with_links(watched: Watched, example_site: tuple[Any, Path]):
    log, out = example_site
    old = record_with(log, status="superseded")
    assert "](" in (old.status_raw or "")  # the record writes a Markdown link in its status
    page = open_page(watched, out, f"records/{old.number:04d}.html")
    status = page.locator(".meta dl dd").first
    assert "](" not in status.inner_text() and ".md" not in status.inner_text()
    assert " ".join(status.inner_text().split()) == f"superseded by ADR-{old.superseded_by[0]:04d}"
    assert status.locator("a").get_attribute("href") == f"../records/{old.superseded_by[0]:04d}.html"


def test_opening_metadata_lines_are_a_definition_list_not_a_run_on_line(
    watched: Watched, example_site: tuple[Any, Path]
):
    log, out = example_site
    for style in ("drivers", "table"):
        record = record_with(log, style=style)
        page = open_page(watched, out, f"records/{record.number:04d}.html")
        text = page.locator(".markdown").inner_text()
        first = text.strip().split("\n", 1)[0]
        assert not re.search(r"\b(?:Status|Date|Deciders)\b\s*:", first), (style, first)
        labels = page.locator(".record-meta dt").all_inner_texts()
        assert labels and not {"Status", "Date", "Deciders", "Tags"} & set(labels), labels  # the sidebar's
        assert page.locator(".record-meta dd").count() == len(labels)


def test_a_matrix_record_shows_its_title_once_and_the_check_after_its_text(
    watched: Watched, example_site: tuple[Any, Path]
):
    log, out = example_site
    record = next(r for r in log.records if r.decision_matrix is not None)
    page = open_page(watched, out, f"records/{record.number:04d}.html")
    headings = page.locator("h1, h2").all_inner_texts()
    assert sum(record.title in heading for heading in headings) == 1, headings
    matrix, text = page.locator("section.matrix"), page.locator(".markdown")
    assert matrix.bounding_box()["y"] > text.bounding_box()["y"] + text.bounding_box()["height"] - 1
    stated = matrix.locator("tfoot tr").nth(0).locator("td").all_inner_texts()[1:]
    computed = matrix.locator("tfoot tr").nth(1).locator("td").all_inner_texts()[1:]
    assert stated and all(s.endswith("/10") for s in stated)  # as the record writes them
    assert all(c.endswith("/10") and "." in c for c in computed), computed


def test_recent_decisions_are_not_numbered_one_to_nine(watched: Watched, example_site: tuple[Any, Path]):
    log, out = example_site
    page = open_page(watched, out, "index.html")
    assert page.locator("ol.recent").count() == 0
    items = page.locator(".recent li")
    assert page.evaluate("getComputedStyle(document.querySelector('.recent li')).listStyleType") == "none"
    newest = max((r for r in log.records if r.date), key=lambda r: (r.date, r.number or 0))
    assert items.first.inner_text().startswith(f"{newest.number} {newest.title}")


def test_every_record_page_fits_a_phone(watched: Watched, example_site: tuple[Any, Path]):
    log, out = example_site
    watched.page.set_viewport_size(PHONE)
    for record in log.records:
        page = open_page(watched, out, f"records/{record.number:04d}.html")
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= PHONE["width"], (record.path, width)
        sidebar = page.locator("aside.meta").bounding_box()
        assert sidebar["x"] >= 0 and sidebar["x"] + sidebar["width"] <= PHONE["width"], (record.path, sidebar)
    for summary in ("index.html", "decisions.html"):
        page = open_page(watched, out, summary)
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], summary


def test_graph_boxes_hold_their_whole_title_and_retired_boxes_are_not_dashed(
    watched: Watched, example_site: tuple[Any, Path]
):
    log, out = example_site
    page = open_page(watched, out, "graph.html")
    for record in log.records:
        node = page.locator(f'#relation-graph .node[data-number="{record.number}"]')
        label = " ".join(node.locator("tspan").all_text_contents())
        assert label == f"{record.number}. {record.title}", label
        box, text = node.locator("rect").bounding_box(), node.locator("text").bounding_box()
        assert box["x"] <= text["x"] and text["x"] + text["width"] <= box["x"] + box["width"], record.title
        assert box["y"] <= text["y"] and text["y"] + text["height"] <= box["y"] + box["height"], record.title
    dashes = "el => getComputedStyle(el).strokeDasharray"
    retired = page.locator("#relation-graph .node.status-superseded rect").first
    assert retired.evaluate(dashes) == "none"
    assert page.locator("#relation-graph path.edge.amends").first.evaluate(dashes) != "none"
    assert watched.errors == []


def test_a_log4brains_record_links_its_successor_by_title(watched: Watched, tmp_path: Path):
    source = Path(__file__).parent / "fixtures/importers/log4brains/packages/tracking/adr"
    shutil.copytree(source, tmp_path / "adr")
    build_site(DecisionLog.discover(tmp_path / "adr"), tmp_path / "site")
    page = open_page(watched, tmp_path / "site", "records/20210615-poll-carrier-apis-every-five-minutes.html")
    banner = page.locator(".banner")
    assert banner.inner_text().startswith("Superseded.")
    banner.get_by_role("link", name="Receive carrier updates through webhooks").click()
    page.wait_for_url("**/records/20220120-receive-carrier-updates-through-webhooks.html")
    assert "Supersedes" in page.locator("section.relations").inner_text()


def test_metadata_values_are_sanitised_like_the_record_text(watched: Watched, tmp_path: Path):
    folder = tmp_path / "adr"
    folder.mkdir()
    (folder / "0001-x.md").write_text(
        "# ADR-0001: X\n\n**Date**: 2024-01-02\n**Status**: Accepted\n"
        '**Technical Story**: <img src=x onerror="window.__xss=1"> [story](javascript:window.__xss=2)\n\n'
        "## Context\n\nC.\n",
        encoding="utf-8",
    )
    build_site(DecisionLog.discover(folder), tmp_path / "site")
    page = open_page(watched, tmp_path / "site", "records/0001.html")
    story = page.locator(".record-meta dd")
    assert page.locator(".record-meta dt").all_inner_texts() == ["Technical story"]
    assert "story" in story.inner_text() and story.locator("img").count() == 0
    assert story.evaluate("dd => [...dd.querySelectorAll('a[href]')].map(a => a.href)") == []
    assert page.evaluate("window.__xss") is None and watched.dialogs == []
