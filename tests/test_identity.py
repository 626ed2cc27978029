"""Identity by file: every record file gets its own page, graph node, index row and search entry."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from adrledger.log import DecisionLog
from adrledger.parse import parse_text
from adrledger.render.graph import to_dot, to_mermaid
from adrledger.render.identity import Identities
from adrledger.render.site import build_site

from browser import Watched
from golden import assert_golden

NYGARD = "# {n}. {title}\n\nDate: 2024-0{m}-10\n\n## Status\n\n{status}\n\n## Context\n\n{body}\n"


def _write_mixed_log(folder: Path) -> Path:
    """A log whose records share numbers, lack numbers (dated files) or are drafts."""
    folder.mkdir(parents=True)
    records = {
        "0036-keep-a-ledger.md": (36, "Keep a ledger", "Accepted", "Start here."),
        "0037-delay-retries.md": (37, "Delay retries", "Accepted", "See [the ledger](0036-keep-a-ledger.md)."),
        "0037-clean-test-queues.md": (37, "Clean test queues", "Accepted", "Nothing."),
        "0037-reject-bad-messages.md": (
            37,
            "Reject bad messages",
            "Superseded by [ADR 38](0038-park-bad-messages.md)",
            "Nothing.",
        ),
        "0037-schedule-in-the-broker.md": (37, "Schedule in the broker", "Accepted", "Nothing."),
        "0037-analyse-at-build-time.md": (37, "Analyse at build time", "Proposed", "Nothing."),
        "0038-park-bad-messages.md": (
            38,
            "Park bad messages",
            "Accepted",
            "Supersedes [Reject bad messages](0037-reject-bad-messages.md).",
        ),
    }
    for name, (number, title, status, body) in records.items():
        (folder / name).write_text(NYGARD.format(n=number, title=title, m=number % 9 + 1, status=status, body=body))
    (folder / "20240301-trace-every-request.md").write_text(
        "# Trace every request\n\n## Status\n\nAccepted\n\n## Context\n\n"
        "Links [the parking](0038-park-bad-messages.md).\n"
    )
    (folder / "XXXX-try-a-new-broker.md").write_text("# Try a new broker\n\n## Status\n\nDraft\n")
    return folder


def test_keys_are_the_number_the_number_and_slug_or_the_stem() -> None:
    texts = {
        "0001-a.md": "# 1. A\n",
        "0002-b.md": "# 2. B\n",
        "0002-c.md": "# 2. C\n",
        "20240301-d.md": "# D\n",
        "sub/20240301-d.md": "# D again\n",
    }
    records = [r for path, text in texts.items() for r in parse_text(text, path)]
    identities = Identities.of(records)
    assert [identities.key(r) for r in records] == ["0001", "0002-b", "0002-c", "20240301-d", "sub/20240301-d"]


def test_a_relation_to_a_shared_number_resolves_by_the_file_it_links_or_the_title_it_quotes() -> None:
    records = [
        *parse_text("# 2. B\n", "0002-b.md"),
        *parse_text("# 2. C\n", "0002-c.md"),
        *parse_text("# 3. D\n\n## Status\n\nAccepted\n\nSupersedes [ADR 2](0002-c.md)\n", "0003-d.md"),
        *parse_text("# 4. E\n\n## Related Decisions\n\n- Amends ADR-2: B\n", "0004-e.md"),
        *parse_text("# 5. F\n\n## Related Decisions\n\n- Amends ADR-2\n", "0005-f.md"),
    ]
    identities = Identities.of(records)
    targets = [identities.target_of(r, relation) for r in records for relation in r.relations]
    assert [t.path if t else None for t in targets] == ["0002-c.md", "0002-b.md", None]


def test_the_site_has_a_page_and_a_node_per_record_file(tmp_path: Path) -> None:
    log = DecisionLog.discover(_write_mixed_log(tmp_path / "adr"))
    report = build_site(log, tmp_path / "out", drafts=True)  # drafts too: every file
    pages = sorted(p.name for p in (tmp_path / "out" / "records").glob("*.html"))
    assert report.records == len(log.records) == len(pages) == 9
    assert pages == [
        "0036.html",
        "0037-analyse-at-build-time.html",
        "0037-clean-test-queues.html",
        "0037-delay-retries.html",
        "0037-reject-bad-messages.html",
        "0037-schedule-in-the-broker.html",
        "0038.html",
        "20240301-trace-every-request.html",
        "XXXX-try-a-new-broker.html",
    ]
    graph = (tmp_path / "out" / "graph.html").read_text()
    assert graph.count('class="node ') == 9
    shards = "".join(p.read_text() for p in (tmp_path / "out" / "search").glob("*.js"))
    assert len(set(re.findall(r'"url":"(records/[^"]+)"', shards))) == 9
    parked = (tmp_path / "out" / "records" / "0038.html").read_text()
    assert 'href="../records/0037-reject-bad-messages.html">37. Reject bad messages</a>' in parked


def test_the_graph_draws_every_record_file(tmp_path: Path) -> None:
    records = DecisionLog.discover(_write_mixed_log(tmp_path / "adr")).records
    dot, mermaid = to_dot(records), to_mermaid(records)
    assert len(re.findall(r"^\s+n\w+ \[label=", dot, re.MULTILINE)) == 9
    assert "n_0037_reject_bad_messages" in dot and "n38 -> n_0037_reject_bad_messages" in dot
    assert_golden(dot, "graph/identity.dot")
    assert_golden(mermaid, "graph/identity.mmd")


def test_export_ids_are_unique_per_file(adr, tmp_path: Path) -> None:
    _write_mixed_log(tmp_path / "doc" / "adr")
    exported = json.loads(adr("export").out)
    ids = [r["id"] for r in exported]
    assert len(ids) == len(set(ids)) == 9 and "0037-delay-retries" in ids and "0036" in ids


def test_the_index_has_a_row_per_file_linking_to_it(adr, tmp_path: Path) -> None:
    _write_mixed_log(tmp_path / "doc" / "adr")
    index = adr("index").out
    links = re.findall(r"\]\(([^)]+)\)", index)
    assert len(links) == len(set(links)) == 9


@pytest.mark.browser
def test_each_row_of_the_decisions_page_opens_its_own_record(watched: Watched, tmp_path: Path) -> None:
    build_site(DecisionLog.discover(_write_mixed_log(tmp_path / "adr")), tmp_path / "out", drafts=True)
    page: Any = watched.page
    page.goto((tmp_path / "out" / "decisions.html").as_uri())
    rows = page.locator("#decisions tbody tr")
    assert rows.count() == 9
    hrefs = [rows.nth(i).locator("a").first.get_attribute("href") for i in range(rows.count())]
    assert len(set(hrefs)) == 9
    titles = [rows.nth(i).locator("a").first.inner_text() for i in range(rows.count())]
    for title, href in zip(titles, hrefs):
        page.goto((tmp_path / "out" / href).as_uri())
        assert page.locator("h1").first.inner_text().endswith(title), href
        page.go_back()
    assert watched.errors == []


@pytest.mark.browser
def test_hiding_a_status_hides_that_record_s_node_and_edges(watched: Watched, tmp_path: Path) -> None:
    build_site(DecisionLog.discover(_write_mixed_log(tmp_path / "adr")), tmp_path / "out", drafts=True)
    page: Any = watched.page
    page.goto((tmp_path / "out" / "graph.html").as_uri())
    assert page.locator(".node:visible").count() == 9
    page.uncheck("input[data-graph-status][value=superseded]")
    assert page.locator(".node:visible").count() == 8
    assert page.locator(".edge.supersedes:visible").count() == 0


def test_a_numbered_record_whose_status_says_draft_has_its_page(tmp_path: Path) -> None:
    folder = _write_mixed_log(tmp_path / "adr")
    (folder / "0039-shard-the-ledger.md").write_text(
        NYGARD.format(n=39, title="Shard the ledger", m=3, status="Draft", body="Maybe.")
    )
    build_site(DecisionLog.discover(folder), tmp_path / "out")  # without --drafts: only the XXXX- file is left out
    pages = {p.name for p in (tmp_path / "out" / "records").glob("*.html")}
    assert "0039.html" in pages and "XXXX-try-a-new-broker.html" not in pages and len(pages) == 9
