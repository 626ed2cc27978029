"""`adr site`: pages, sanitising, link and image rewriting, search index, incremental builds."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from adrledger.log import DecisionLog
from adrledger.render.site import build_site
from adrledger.render.site.markdown import markdown_to_html
from adrledger.render.site.search import tokens

from publish_helpers import copy_fixture_log


@pytest.fixture
def log_dir(tmp_path: Path) -> Path:
    return copy_fixture_log(tmp_path / "log")


def build(log_dir: Path, out: Path, **options: object):
    return build_site(DecisionLog.discover(log_dir), out, **options)


def test_cli_builds_every_page(adr, log_dir: Path, tmp_path: Path):
    result = adr("--dir", str(log_dir), "site", "out", "--base-url", "https://adr.example.org/")
    assert result.code == 0, result.err
    assert result.out == "out: 11 pages written, 0 unchanged (5 records)\n"
    out = tmp_path / "out"
    for page in (
        "index.html",
        "decisions.html",
        "graph.html",
        "search-index.js",
        "sitemap.xml",
        "static/app.js",
        "static/minisearch.js",
        "static/mermaid.min.js",
        "static/THIRD_PARTY.txt",
    ):
        assert (out / page).is_file(), page
    assert sorted(p.name for p in (out / "records").iterdir()) == [f"000{n}.html" for n in range(1, 6)]
    assert (
        '<link rel="canonical" href="https://adr.example.org/records/0003.html">'
        in (out / "records/0003.html").read_text()
    )
    assert "<loc>https://adr.example.org/records/0005.html</loc>" in (out / "sitemap.xml").read_text()


def test_record_page_content(log_dir: Path, tmp_path: Path):
    build(log_dir, tmp_path / "out")
    page = (tmp_path / "out/records/0002.html").read_text()
    assert "<h1>Use PostgreSQL for orders</h1>" in page
    assert re.search(r'<h3>Superseded by</h3>\s*<ul><li><a href="../records/0003.html">3. Use CockroachDB', page)
    newer = (tmp_path / "out/records/0003.html").read_text()
    assert '<a href="../records/0002.html" rel="noopener noreferrer">ADR 2</a>' in newer  # .md link rewritten
    assert '<a href="https://example.com/notes" rel="noopener noreferrer">vendor notes</a>' in newer
    assert '<pre class="mermaid-source" lang="mermaid">' in newer
    image = re.search(r'<img src="\.\./(media/[0-9a-f]+\.png)" alt="Topology">', newer)
    assert image and (tmp_path / "out" / image.group(1)).read_bytes() == (log_dir / "images/topology.png").read_bytes()


def test_matrix_totals_and_checklist_progress(log_dir: Path, tmp_path: Path):
    build(log_dir, tmp_path / "out")
    page = (tmp_path / "out/records/0004.html").read_text()
    assert "1 stated total disagrees with the weighted sum" in page
    # The stated total as the record writes it ("4.0"), the computed one written alike
    assert re.search(r'<td class="mismatch" title="stated 4.0, computed 3.4">4.0', page)
    assert '<progress max="3" value="1"' in page
    assert "Ada Lovelace, Grace Hopper" in page and 'href="../decisions.html#tag=billing"' in page
    assert "History" not in page  # not a git repository: no history panel


def test_list_and_home_pages(log_dir: Path, tmp_path: Path):
    build(log_dir, tmp_path / "out")
    listing = (tmp_path / "out/decisions.html").read_text()
    assert listing.count("<tr data-number=") == 5
    assert 'data-tags=\'["billing", "events"]\'' in listing
    assert '<option value="madr">madr</option>' in listing
    home = (tmp_path / "out/index.html").read_text()
    assert re.search(r'href="decisions.html#status=accepted"><span class="n">2</span> Accepted', home)
    assert home.index("Reject nightly batch exports") < home.index("Record architecture decisions")


def test_raw_html_and_dangerous_urls_never_survive():
    hostile = (
        '<script>window.pwned=1</script>\n\n<img src=x onerror="window.pwned=2">\n\n'
        "[click](javascript:window.pwned=3) [data](data:text/html;base64,PHNjcmlwdD4=)\n\n"
        '<iframe src="https://evil.example"></iframe>\n\n<svg onload="window.pwned=4"><circle/></svg>\n\n'
        '<a href="JaVaScRiPt:alert(1)" onclick="x()">a</a> <div style="background:url(x)">s</div>\n\n'
        '<form action="https://evil.example"><input name=q></form> <object data=x></object>\n\n'
        "<details><summary>kept</summary>fine<br>line</details>"
    )
    html = markdown_to_html(hostile).lower()
    tags = " ".join(re.findall(r"<[^>]*>", html))  # markup only: the payloads may stay visible as text
    for forbidden in (
        "<script",
        "onerror",
        "javascript:",
        "data:",
        "<iframe",
        "<svg",
        "onload",
        "onclick",
        "style=",
        "<form",
        "<object",
        "name=",
        "<math",
        "<input",
    ):
        assert forbidden not in tags, forbidden
    assert "<details>" not in html and "<p>a s</p>" in html  # raw HTML dropped, Markdown text kept


def test_an_unclosed_foreign_tag_does_not_swallow_the_rest():
    html = markdown_to_html(
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n\n## After\n\nStill here.\n"
    )
    assert "Still here." in html and "onerror" not in html


def test_external_links_get_noopener():
    html = markdown_to_html("[out](https://example.org) <https://example.net>")
    assert html.count('rel="noopener noreferrer"') == 2


def test_images_outside_the_log_are_not_copied(log_dir: Path, tmp_path: Path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG secret")
    record = log_dir / "0001-record-architecture-decisions.md"
    record.write_text(record.read_text() + "\n![s](../secret.png) ![p](/etc/passwd)\n")
    build(log_dir, tmp_path / "out")
    page = (tmp_path / "out/records/0001.html").read_text()
    assert '<img src="../secret.png" alt="s">' in page  # left as written, never copied
    assert not any(b"secret" in p.read_bytes() for p in (tmp_path / "out/media").iterdir())


def test_search_index_is_minisearch_shaped(log_dir: Path, tmp_path: Path):
    build(log_dir, tmp_path / "out")
    loader = (tmp_path / "out/search-index.js").read_text()
    data = json.loads(loader.removeprefix("window.ADRLEDGER_SEARCH=").rstrip().rstrip(";"))
    assert data["shards"] == ["search/0000.js"] and "the" in data["stopWords"]
    script = (tmp_path / "out/search/0000.js").read_text()
    prefix = "(window.ADRLEDGER_SEARCH_SHARDS=window.ADRLEDGER_SEARCH_SHARDS||[]).push("
    assert script.startswith(prefix) and "</" not in script
    index = json.loads(script.removeprefix(prefix).rstrip().removesuffix(");"))
    assert index["serializationVersion"] == 2 and index["documentCount"] == 5
    assert index["fieldIds"] == {"title": 0, "tags": 1, "text": 2}
    terms = dict((term, postings) for term, postings in index["index"])
    assert terms["zebrafish"] == {"2": {"1": 1}}  # only record 2's body says it
    assert index["storedFields"]["1"]["url"] == "records/0002.html"
    assert "the" not in terms


def test_search_shards_follow_record_numbers(tmp_path: Path):
    log = tmp_path / "big"
    log.mkdir()
    for number in (1, 199, 200, 1200):  # shards of 200 records
        (log / f"{number:04d}-r.md").write_text(
            f"# {number}. Record {number}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nWords.\n"
        )
    out = tmp_path / "out"
    build(log, out)
    assert sorted(p.name for p in (out / "search").iterdir()) == ["0000.js", "0001.js", "0006.js"]
    record = log / "1200-r.md"
    record.write_text(record.read_text().replace("Words.", "Other words."))
    assert sorted(build(log, out).pages) == ["records/1200.html", "search/0006.js"]


def test_tokens_match_the_browser_tokeniser():
    assert tokens("Use PostgreSQL_for the order-service (v2), café!") == [
        "use",
        "postgresql",
        "order",
        "service",
        "v2",
        "café",
    ]


def test_second_build_writes_nothing(log_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    first = build(log_dir, out)
    assert (first.written, first.skipped) == (10, 0)
    second = build(log_dir, out)
    assert (second.written, second.skipped) == (0, 10)


def test_one_changed_record_rebuilds_its_page_and_the_summaries(log_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(log_dir, out)
    record = log_dir / "0005-reject-nightly-batch-exports.md"
    record.write_text(record.read_text().replace("Finance asked", "Accounting asked"))
    report = build(log_dir, out)
    assert sorted(report.pages) == ["records/0005.html", "search/0000.js"]  # summaries show no body text


def test_a_changed_title_updates_the_pages_that_show_it(log_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(log_dir, out)
    record = log_dir / "0003-use-cockroachdb-for-orders.md"
    record.write_text(record.read_text().replace("# 3. Use CockroachDB for orders", "# 3. Use Spanner for orders"))
    report = build(log_dir, out)
    assert {"records/0002.html", "records/0003.html", "records/0004.html"} <= set(report.pages)
    assert "records/0001.html" not in report.pages
    assert "3. Use Spanner for orders" in (out / "records/0002.html").read_text()


def test_template_change_rebuilds_everything(log_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from adrledger.render.site import build as build_module

    out = tmp_path / "out"
    build(log_dir, out)
    monkeypatch.setattr(build_module, "SITE_FORMAT", "test-next")
    assert build(log_dir, out).skipped == 0


def test_deleted_record_page_is_removed(log_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(log_dir, out)
    (log_dir / "0005-reject-nightly-batch-exports.md").unlink()
    report = build(log_dir, out)
    assert report.removed == 1 and not (out / "records/0005.html").exists()
    assert (out / "records/0004.html").exists()


def test_an_empty_log_builds(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    report = build(tmp_path / "empty", tmp_path / "out")
    assert report.records == 0
    assert "0 decisions recorded" in (tmp_path / "out/index.html").read_text()


def test_missing_log_folder_is_a_one_line_error(adr, tmp_path: Path):
    result = adr("--dir", "nowhere", "site", "out")
    assert result.code == 2 and result.err.startswith("Error: ") and "nowhere" in result.err
    assert "Traceback" not in result.err and not (tmp_path / "out").exists()


def test_history_panel_follows_the_agreed_interface(log_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Until the history module lands, check the panel against the interface in HISTORY_API.md."""
    import sys
    import types
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Change:
        sha: str
        date: str
        author: str
        email: str
        message: str
        kind: str
        status: str | None
        path: str
        old_path: str | None = None

    created = Change("a1", "2024-02-03T10:00:00+00:00", "Ada", "ada@x", "add", "created", "proposed", "p")
    accepted = Change("b2", "2024-02-10T10:00:00+00:00", "Grace", "g@x", "accept", "status", "accepted", "p")

    @dataclass(frozen=True)
    class FileHistory:
        path: str
        changes: tuple[Change, ...]
        created: Change | None
        accepted: Change | None
        status_changes: tuple[Change, ...]
        edits_after_acceptance: tuple[object, ...]
        authors: tuple[str, ...]

    class LogHistory:
        available = True

        def for_path(self, path: str) -> FileHistory | None:
            if not path.startswith("0002"):
                return None
            return FileHistory(path, (created, accepted), created, accepted, (accepted,), (), ("Ada", "Grace"))

    fake = types.ModuleType("adrledger.history")
    fake.load_history = lambda log: LogHistory()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "adrledger.history", fake)
    build(log_dir, tmp_path / "out")
    page = (tmp_path / "out/records/0002.html").read_text()
    assert '<h2 id="history-title">History</h2>' in page
    assert "<dt>Created</dt><dd>2024-02-03 by Ada</dd>" in page and "<dd>Ada, Grace</dd>" in page
    assert "History" not in (tmp_path / "out/records/0001.html").read_text()


def test_history_panel_from_a_real_git_repository(log_dir: Path, tmp_path: Path):
    import shutil
    import subprocess

    if shutil.which("git") is None:
        pytest.skip("git is not installed")

    def git(*args: str, date: str = "2024-02-03T10:00:00+00:00", author: str = "Ada Lovelace") -> None:
        env = {
            "GIT_AUTHOR_NAME": author,
            "GIT_AUTHOR_EMAIL": "a@example.org",
            "GIT_COMMITTER_NAME": author,
            "GIT_COMMITTER_EMAIL": "a@example.org",
            "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_DATE": date,
            "PATH": os.environ["PATH"],
            "HOME": str(tmp_path),
        }
        subprocess.run(["git", *args], cwd=log_dir, env=env, check=True, capture_output=True)

    record = log_dir / "0004-adopt-event-sourcing-for-billing.md"
    git("init", "-q")
    git("add", ".")
    git("commit", "-qm", "Add records")
    record.write_text(record.read_text().replace("status: proposed", "status: accepted"))
    git("commit", "-qam", "Accept 4", date="2024-09-01T09:00:00+00:00", author="Grace Hopper")
    build(log_dir, tmp_path / "out")
    page = (tmp_path / "out/records/0004.html").read_text()
    assert '<h2 id="history-title">History</h2>' in page
    assert "<dt>Created</dt><dd>2024-02-03 by Ada Lovelace</dd>" in page
    assert "<dt>Accepted</dt><dd>2024-09-01</dd>" in page
    assert "Ada Lovelace, Grace Hopper" in page


def test_graph_layout_stays_compact_for_a_big_related_group():
    from adrledger.model import Record, Relation
    from adrledger.render.site.layout import MAX_ROWS, layout

    hub = Record(path="0001-hub.md", style="nygard", title="Hub", number=1)
    spokes = [
        Record(
            path=f"{n:04d}-s.md",
            style="nygard",
            title=f"S{n}",
            number=n,
            relations=(Relation("related", 1, "Related"),),
        )
        for n in range(2, 302)
    ]
    graph = layout([hub, *spokes])
    assert len(graph.nodes) == 301 and len(graph.edges) == 300
    assert graph.node_h == 46 and graph.height < (MAX_ROWS + 2) * 70  # one-line labels: boxes of one line
    assert len(set(graph.positions.values())) == 301  # no two boxes on the same spot


def test_a_tampered_manifest_cannot_delete_files_outside_the_site(log_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    build(log_dir, out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    manifest = json.loads((out / ".adrledger-build.json").read_text())
    manifest["pages"]["../victim.txt"] = "x"
    manifest["pages"][str(victim)] = "x"
    (out / ".adrledger-build.json").write_text(json.dumps(manifest))
    build(log_dir, out)
    assert victim.read_text() == "keep me"
