"""Search and reports over the example log (examples/adr, the Kestrel decisions)."""

from __future__ import annotations

import pytest

from adrledger.config import load_config
from adrledger.log import DecisionLog
from adrledger.reports import ReportOptions, build_report
from adrledger.reports.render import render
from adrledger.search import SearchIndex, search
from adrledger.search.sources import source_files

from conftest import EXAMPLES
from golden import assert_golden

pytestmark = pytest.mark.skipif(not EXAMPLES.is_dir(), reason="examples/adr is not in this checkout")


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    found = SearchIndex(None)
    found.sync(source_files([DecisionLog(load_config(EXAMPLES))]))
    return found


@pytest.mark.parametrize(
    "query, expected",
    [
        ("postgresql job data", "0003"),
        ("modular monolith", "0002"),
        ("what did we decide about tenants", "0007"),
        ('"row-level security"', "0007"),
        ("firm_id", "0007"),
        ("poll every minute", "0004"),
        ("websockets", "0009"),
        ("react native", "0005"),
        ("photos storage", "0006"),
        ("quickbooks", "0008"),
        ("iif export", "0008"),
        ("invoice lines technicians", "0010"),
        ("appointment reminders", "0011"),
        ("partition history", "0012"),
        ("route optimisation", "0013"),
        ("vroom", "0013"),
        ("sync feed", "0014"),
        ("passkeys", "0015"),
        ("offline", "0016"),
        ("conflict rule", "0016"),
    ],
)
def test_the_expected_example_record_comes_first(index: SearchIndex, query: str, expected: str):
    hits = search(index, query)
    assert hits and hits[0].id == expected, [(h.id, h.title) for h in hits[:3]]


def test_status_filter_over_the_examples(index: SearchIndex):
    hits = search(index, "websockets", statuses=("superseded",))
    assert [h.id for h in hits] == ["0009", "0004"]


def records():
    return DecisionLog(load_config(EXAMPLES)).records


@pytest.mark.parametrize("fmt, suffix", [("text", "txt"), ("markdown", "md"), ("json", "json")])
@pytest.mark.parametrize(
    "name, reference", [("risks", None), ("stale", None), ("checklists", None), ("matrix", "13"), ("summary", None)]
)
def test_example_log_report_golden_files(name: str, reference: str | None, fmt: str, suffix: str):
    # A fixed "today" after the last record, and a month as the age limit, so 0016 is stale.
    options = ReportOptions(today="2026-12-31", days=30, reference=reference)
    assert_golden(render(build_report(name, records(), options), fmt), f"reports/examples/{name}.{suffix}")
