"""What the MkDocs plugin writes (headers, banners, the index and graph pages: golden files), where it puts
it (under the title, in an explicit nav), and which logs it finds under docs_dir."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from adrledger.errors import UsageError
from adrledger.log import DecisionLog
from adrledger.model import Record
from adrledger.render.identity import Identities
from adrledger.render.mkdocs.header import adjacency, banner_html, header_html, related
from adrledger.render.mkdocs.logs import find_logs
from adrledger.render.mkdocs.pages import cell, graph_page, graph_svg, index_block, index_page, index_tables
from adrledger.render.relations import edges

from golden import assert_golden
from publish_helpers import FIXTURE_LOG, copy_fixture_log

pytest.importorskip("mkdocs")
from adrledger.render.mkdocs.plugin import _add_to_nav, after_title


def url_of(record: Record) -> str:
    return f"../{record.slug}/"


def test_headers_and_banners_match_golden_file() -> None:
    records = DecisionLog.discover(FIXTURE_LOG).records
    identities = Identities.of(records)
    edges_of = adjacency(edges(records, identities))
    parts = []
    for record in records:
        links = related(record, edges_of, identities)
        parts += [f"<!-- {record.path} -->", header_html(record, links, url_of), banner_html(record, links, url_of)]
    assert_golden("\n".join(parts) + "\n", "mkdocs/headers.html")


def test_index_and_graph_pages_match_golden_files() -> None:
    records = DecisionLog.discover(FIXTURE_LOG).records
    page = index_page("Decisions", index_block(records), "relation-graph.md")
    tables = index_tables(records, url_of)
    assert all(slot in page for slot in tables)  # each table has its slot in the page's Markdown
    assert_golden(page + "\n".join(tables.values()) + "\n", "mkdocs/index.md")
    assert_golden(graph_page("Relation graph") + graph_svg(records, url_of) + "\n", "mkdocs/graph.md")


def test_an_index_without_groups_is_one_table() -> None:
    records = DecisionLog.discover(FIXTURE_LOG).records
    block = index_block(records, "none")
    ((slot, table),) = index_tables(records, url_of, "none").items()
    assert slot in block and "##" not in block and table.count("<tr>") == len(records) + 1


def test_a_record_without_relations_or_metadata_gets_a_bare_header() -> None:
    record = Record(path="x.md", style="nygard", title="X")
    assert header_html(record, related(record, {}, Identities.of([record])), url_of) == (
        '<div class="adrledger-header" data-adr-status="other">\n'
        '<p class="adrledger-facts"><span class="adrledger-badge adrledger-status-other">other</span></p>\n</div>'
    )
    assert banner_html(record, related(record, {}, Identities.of([record])), url_of) == ""


def test_cells_keep_their_text_and_lose_their_markup() -> None:
    assert (
        cell("a | b [c](d) *e* _f_ `g` <h> & \\i\n j")
        == "a \\| b \\[c\\](d) \\*e\\* \\_f\\_ \\`g\\` &lt;h&gt; &amp; \\\\i j"
    )


@pytest.mark.parametrize(
    "html, expected",
    [
        ('<h1 id="t">3. Title</h1>\n<p>Body</p>', '<h1 id="t">3. Title</h1>\nHEADER\n\n<p>Body</p>'),
        ("<pre>&lt;h1&gt;x&lt;/h1&gt;</pre><H1>T</H1 >", "<pre>&lt;h1&gt;x&lt;/h1&gt;</pre><H1>T</H1 >\nHEADER\n"),
        ("<h2>Only a section</h2>", "HEADER\n<h2>Only a section</h2>"),
    ],
)
def test_the_header_goes_under_the_first_title(html: str, expected: str) -> None:
    assert after_title(html, "HEADER") == expected


def test_generated_pages_join_the_nav_section_that_lists_the_records() -> None:
    nav: list[Any] = [
        {"Home": "index.md"},
        {"Architecture": [{"Overview": "arch.md"}, {"Decisions": ["adr/0001-a.md", "adr/0002-b.md"]}]},
    ]
    _add_to_nav(nav, ["adr/index.md", "adr/relation-graph.md"], "adr")
    assert nav[1]["Architecture"][1] == {
        "Decisions": ["adr/index.md", "adr/relation-graph.md", "adr/0001-a.md", "adr/0002-b.md"]
    }
    placed: list[Any] = [{"Start": "adr/index.md"}, "other.md"]
    _add_to_nav(placed, ["adr/index.md", "adr/relation-graph.md"], "adr")
    assert placed == [{"Start": "adr/index.md"}, "adr/relation-graph.md", "other.md"]
    elsewhere: list[Any] = [{"Home": "index.md"}]
    _add_to_nav(elsewhere, ["adr/index.md"], "adr")
    assert elsewhere == [{"Home": "index.md"}, {"Decisions": ["adr/index.md"]}]


def test_logs_are_the_named_folders_or_those_adr_finds_under_docs_dir(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    copy_fixture_log(docs / "architecture" / "decisions")
    (tmp_path / "doc" / "adr").mkdir(parents=True)  # adr-tools' folder, outside docs_dir: not the site's
    found = find_logs(docs, tmp_path)
    assert [(f.prefix, len(f.log.records)) for f in found] == [("architecture/decisions", 5)]
    (tmp_path / "pyproject.toml").write_text(
        '[tool.adrledger]\ndir = "docs/architecture/decisions"\n\n[[tool.adrledger.logs]]\nname = "billing"\n'
        'path = "docs/billing/adr"\n',
        encoding="utf-8",
    )
    copy_fixture_log(docs / "billing" / "adr")
    found = find_logs(docs, tmp_path)
    assert [(f.prefix, f.log.package) for f in found] == [("architecture/decisions", ""), ("billing/adr", "billing")]
    assert found[1].src_uri("0001-x.md") == "billing/adr/0001-x.md"
    named = find_logs(docs, tmp_path, ["billing/adr"])
    assert [f.prefix for f in named] == ["billing/adr"]
    with pytest.raises(UsageError, match=r"'\.\./doc/adr' is not a folder inside docs_dir"):
        find_logs(docs, tmp_path, ["../doc/adr"])
