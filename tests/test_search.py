"""Search: query parsing, ranking over several logs, an index that is never stale, the command."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from adrledger.config import load_config
from adrledger.errors import UsageError
from adrledger.log import DecisionLog
from adrledger.log.workspace import Workspace
from adrledger.search import HIGHLIGHT, SearchIndex, search
from adrledger.search.query import Term, expression, fold, parse_query
from adrledger.search.sources import source_files

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """Three logs in one project: dispatch (adr-tools), payments (MADR), greenhouse (reports)."""
    shutil.copytree(FIXTURES / "importers/adr-tools/doc/architecture/decisions", tmp_path / "dispatch")
    shutil.copytree(FIXTURES / "importers/madr/docs/decisions", tmp_path / "payments")
    shutil.copytree(FIXTURES / "reports", tmp_path / "greenhouse")
    (tmp_path / ".adrledger.toml").write_text(
        'dir = "dispatch"\nlogs = [{name = "payments", path = "payments"}, '
        '{name = "greenhouse", path = "greenhouse"}]\n'
    )
    return tmp_path


def logs_of(root: Path) -> list[DecisionLog]:
    return Workspace.from_config(load_config(cwd=root), root).logs


def open_index(root: Path, location: Path | None = None) -> SearchIndex:
    index = SearchIndex(location)
    index.sync(source_files(logs_of(root)))
    return index


def first(index: SearchIndex, query: str, **options: object) -> str:
    hits = search(index, query, **options)  # type: ignore[arg-type]
    assert hits, f"nothing found for {query!r}"
    return hits[0].id  # package/NNNN for the records of a named log


@pytest.mark.parametrize(
    "query, expected",
    [
        ("kafka", "0005"),
        ("what did we decide about message brokers rabbitmq", "0002"),
        ("encrypt addresses", "0004"),
        ("idempotency", "payments/0002"),
        ("duplicate charges", "payments/0002"),
        ("feature flags unleash", "payments/0005"),
        ('"month-end close"', "payments/0004"),
        ("ledger", "payments/0004"),
        ("frost alarm", "greenhouse/0004"),  # in its decision; 0002 names it only in a risk
        ("sensor radio wakes", "greenhouse/0002"),
        ("timescale", "greenhouse/0003"),  # a prefix of TimescaleDB
        ("batteries", "greenhouse/0002"),  # stemmed: "battery life", "Batteries last"
        ("tomas ortega", "payments/0001"),  # accents folded: Tomás
        ("contract tests", "0006"),
    ],
)
def test_the_expected_record_comes_first(workspace: Path, query: str, expected: str):
    assert first(open_index(workspace), query) == expected


def test_hits_carry_the_best_passage_with_its_line(workspace: Path):
    (hit,) = search(open_index(workspace), "blind index", limit=1)
    assert (hit.package, hit.id, hit.title) == ("", "0004", "Encrypt customer addresses at rest")
    lines = (workspace / "dispatch" / hit.path).read_text().splitlines()
    assert "blind index" in lines[hit.line - 1] or "blind index" in lines[hit.line]
    assert hit.section == "Consequences"
    start, end = HIGHLIGHT
    assert f"{start}blind{end} {start}index{end}" in hit.snippet


def test_title_words_outweigh_body_words(workspace: Path):
    hits = search(open_index(workspace), "postgresql")
    assert hits[0].title == "Keep customer data in PostgreSQL"


def test_status_filter_and_limit(workspace: Path):
    index = open_index(workspace)
    assert {h.status for h in search(index, "feature flags", statuses=("superseded",))} == {"superseded"}
    assert len(search(index, "we", limit=2)) == 2


def test_any_word_when_no_record_has_them_all(workspace: Path):
    hits = search(open_index(workspace), "kafka greenhouse-unknownword")
    assert hits and hits[0].id == "0005"


def test_an_empty_query_is_an_error(workspace: Path):
    with pytest.raises(UsageError):
        search(open_index(workspace), "  ?! ")


def test_query_parsing():
    query = parse_query('What did we decide about "Event Sourcing" in kube* Café?')
    assert query.terms == (Term(("event", "sourcing")), Term(("kube",), prefix=True), Term(("cafe",)))
    assert expression(query) == '"event sourcing" AND "kube" * AND "cafe"'
    assert expression(query, "OR", expand=lambda word: word == "cafe") == '"event sourcing" OR "kube" * OR "cafe" *'
    assert parse_query("the what").terms == (Term(("the",)), Term(("what",)))  # only stop words: keep them
    assert fold("Straße Émile") == "strasse emile"
    assert expression(parse_query('say "a ""b"')).count('"') % 2 == 0


# ---- freshness -----------------------------------------------------------------------------


def test_the_index_follows_edits_additions_and_removals(workspace: Path, tmp_path: Path):
    location = tmp_path / "cache" / "search.sqlite"
    open_index(workspace, location).close()
    record = workspace / "payments" / "0004-split-the-ledger-into-its-own-service.md"
    record.write_text(record.read_text().replace("ledger", "journal"))
    (workspace / "payments" / "0006-adopt-a-ledger-database.md").write_text(
        "# Adopt a ledger database\n\n## Context\n\nDouble-entry bookkeeping needs a ledger.\n"
    )
    (workspace / "dispatch" / "0005-move-order-events-to-kafka.md").unlink()
    index = open_index(workspace, location)
    assert first(index, "ledger") == "payments/0006"
    assert first(index, "journal") == "payments/0004"
    assert all(h.id != "0005" or h.package for h in search(index, "kafka"))


def test_a_change_that_restores_size_and_modification_time_is_still_seen(workspace: Path, tmp_path: Path):
    record = workspace / "dispatch" / "0004-encrypt-customer-addresses-at-rest.md"
    old = record.stat()
    os.utime(record, ns=(old.st_atime_ns - 10**11, old.st_mtime_ns - 10**11))  # an hour-old file
    before = record.stat()
    location = tmp_path / "cache" / "search.sqlite"
    open_index(workspace, location).close()
    text = record.read_text()
    record.write_text(text.replace("envelope", "wrapping"))  # same length, different words
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))  # and the same modification time
    assert record.stat().st_size == before.st_size and record.stat().st_mtime_ns == before.st_mtime_ns
    index = open_index(workspace, location)
    assert first(index, "wrapping") == "0004"
    assert not search(index, "envelope")


def test_an_unchanged_log_is_not_read_again(workspace: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    location = tmp_path / "cache" / "search.sqlite"
    files = source_files(logs_of(workspace))
    index = SearchIndex(location)
    assert index.sync(files).indexed == len(files)
    index.close()
    # Just-written files are re-read (their change time is too recent to trust) but not re-parsed.
    stats = SearchIndex(location).sync(files)
    assert (stats.indexed, stats.touched) == (0, len(files))
    monkeypatch.setattr("adrledger.search.index.RACY_NS", 0)  # as if the files were written long ago
    stats = SearchIndex(location).sync(files)
    assert (stats.indexed, stats.touched, stats.unchanged) == (0, 0, len(files))


def test_a_corrupt_index_file_is_rebuilt(workspace: Path, tmp_path: Path):
    location = tmp_path / "cache" / "search.sqlite"
    location.parent.mkdir()
    location.write_bytes(b"not a database" * 100)
    assert first(open_index(workspace, location), "kafka") == "0005"


# ---- the command ---------------------------------------------------------------------------


def test_search_command_text(adr, workspace: Path):
    result = adr("search", "idempotency", "keys", "-n", "1", cwd=workspace)
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert lines[0] == "payments/0002  Retry card payments with idempotency keys  [accepted]"
    assert lines[1].startswith("  payments/0002-retry-card-payments-with-idempotency-keys.md:")
    assert "**idempotency**" in lines[2].lower()


def test_search_command_json(adr, workspace: Path):
    result = adr("search", "kafka", "--format", "json", cwd=workspace)
    hits = json.loads(result.out)
    assert hits[0]["id"] == "0005" and hits[0]["path"] == "0005-move-order-events-to-kafka.md"
    assert set(hits[0]) >= {
        "id",
        "number",
        "package",
        "title",
        "status",
        "date",
        "path",
        "line",
        "section",
        "snippet",
        "score",
    }
    assert "**Kafka**" in hits[0]["snippet"] or "**kafka**" in hits[0]["snippet"]


def test_search_command_without_matches_and_without_words(adr, workspace: Path):
    none = adr("search", "zeppelin", cwd=workspace)
    assert (none.code, none.out, none.err) == (1, "", "No record matches.\n")  # as grep
    empty = adr("search", "?", cwd=workspace)
    assert empty.code == 2 and empty.err.startswith("Error:")


def test_a_large_cold_index_is_built_in_several_processes_with_the_same_result(tmp_path: Path):
    from adrledger.search.index import PARALLEL_THRESHOLD

    folder = tmp_path / "large"
    folder.mkdir()
    for number in range(1, PARALLEL_THRESHOLD + 21):
        topic = "kafka" if number % 50 == 0 else "postgres"
        (folder / f"{number:04d}-decision-{number}.md").write_text(
            f"# {number}. Decision {number}\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n\n## Context\n\n"
            f"We looked at {topic} number {number}.\n"
        )
    files = source_files([DecisionLog(load_config(folder))])
    index = SearchIndex(None)
    assert index.sync(files).indexed == len(files)
    assert [h.id for h in search(index, "kafka", limit=20)] == [f"{n:04d}" for n in range(50, len(files) + 1, 50)]


def test_an_index_that_cannot_be_stored_is_built_in_memory(workspace: Path, tmp_path: Path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    index = SearchIndex(blocked / "search.sqlite")
    assert index.location is None
    index.sync(source_files(logs_of(workspace)))
    assert search(index, "kafka")[0].id == "0005"


def test_a_huge_title_is_indexed_in_passages_of_bounded_size(tmp_path: Path):
    """A megabyte-long title line is cut like any paragraph: SQLite's snippet() of one huge passage
    full of matches cost minutes."""
    from adrledger.parse import parse_text
    from adrledger.search.text import MAX_PASSAGE, indexed

    text = "# 3. " + "[a](" * 20_000 + "\n\n## Context\n\nShort.\n"
    (record,) = parse_text(text, "0003-x.md")
    title_passages = [p for p in indexed(record, text.split("\n")).passages if p.line == 1]
    assert len(title_passages) > 1 and all(0 < len(p.text) <= MAX_PASSAGE for p in title_passages)
    assert sum(len(p.text) for p in title_passages) >= len(record.title)  # nothing of it left out
    log = tmp_path / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0003-x.md").write_text(text, encoding="utf-8")
    (hit,) = search(open_index(tmp_path), "a")
    assert hit.line == 1 and f"{HIGHLIGHT[0]}a{HIGHLIGHT[1]}" in hit.snippet and len(hit.snippet) < 500
