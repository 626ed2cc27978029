"""The bundled example log (examples/adr) stays complete and internally consistent.

It is the README's demonstration and lint must find nothing in it, so these tests pin the facts
it was written to show: every style, every status, a mirrored supersession chain, an amendment,
a correct decision matrix, risks, checklists and review logs.
"""

from __future__ import annotations

import itertools
import json
import re
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest

from adrledger.model import Record
from adrledger.ops.authoring import slugify
from adrledger.parse import parse_file
from adrledger.styles import STYLE_NAMES, STYLES

from conftest import EXAMPLES

FILES = sorted(EXAMPLES.glob("[0-9][0-9][0-9][0-9]-*.md"))
# The records written in the `table` style mark exactly one alternative as chosen.
SINGLE_CHOICE_STYLES = ("table",)
MIRROR = {
    "supersedes": "superseded_by",
    "superseded_by": "supersedes",
    "amends": "amended_by",
    "amended_by": "amends",
    "related": "related",
}


def _parse(path: Path) -> Record:
    records = parse_file(path, EXAMPLES)
    assert len(records) == 1, path.name
    return records[0]


RECORDS = [_parse(path) for path in FILES]
BY_NUMBER = {record.number: record for record in RECORDS}


def test_the_log_has_twelve_to_twenty_records_numbered_without_gaps():
    assert 12 <= len(RECORDS) <= 20
    assert [r.number for r in RECORDS] == list(range(1, len(RECORDS) + 1))


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.path)
def test_file_name_is_number_and_slug_of_the_title(record: Record):
    assert record.path == f"{record.number:04d}-{slugify(record.title)}.md"
    if record.number_in_heading is not None:
        assert record.number_in_heading == record.number


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: r.path)
def test_record_reads_without_problems(record: Record):
    assert record.problems == ()
    assert record.status != "other" and record.date is not None
    missing = [key for key in STYLES[record.style].required if record.section(key) is None]
    assert missing == []


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_no_template_text_is_left(path: Path):
    text = path.read_text(encoding="utf-8")
    assert "<!--" not in text and "YYYY" not in text and "{" not in text
    # Square brackets only in links and checkboxes.
    assert re.findall(r"\[(?![xX ]\])[^\]]*\](?!\()", text) == []


def test_first_record_is_the_one_adr_init_writes():
    first = BY_NUMBER[1]
    assert first.title == "Record architecture decisions"
    assert (first.style, first.status) == ("nygard", "accepted")


# The example log was written before the Y-statement style; tests/test_y_statement.py covers that one.
EXAMPLE_STYLES = set(STYLE_NAMES) - {"y-statement"}


def test_every_style_is_used_and_madr_with_and_without_front_matter():
    assert {r.style for r in RECORDS} == EXAMPLE_STYLES
    madr = [r for r in RECORDS if r.style == "madr"]
    assert any(r.front_matter for r in madr)
    # MADR 2 as log4brains writes it: "* Status: ..." list metadata, no front matter.
    assert any(not r.front_matter and r.status_source == "list" for r in madr)


def test_every_lifecycle_status_is_present():
    statuses = {r.status for r in RECORDS}
    assert statuses >= {"proposed", "accepted", "rejected", "deprecated", "superseded"}


def test_dates_increase_with_the_number_across_2023_to_2026():
    dates = [r.date for r in RECORDS]
    assert dates == sorted(dates) and len(set(dates)) == len(dates)
    assert dates[0].startswith("2023") and dates[-1].startswith("2026")


def test_most_records_name_deciders_and_tags():
    assert sum(1 for r in RECORDS if r.deciders) >= len(RECORDS) * 3 // 4
    assert sum(1 for r in RECORDS if r.tags) >= len(RECORDS) * 3 // 4


def _chain_from(start: int) -> list[int]:
    chain = [start]
    while BY_NUMBER[chain[-1]].superseded_by:
        (successor,) = BY_NUMBER[chain[-1]].superseded_by
        chain.append(successor)
    return chain


def test_a_supersession_chain_of_three_is_mirrored_on_both_sides():
    heads = [r.number for r in RECORDS if r.superseded_by and not r.supersedes]
    chains = [_chain_from(head) for head in heads]
    longest = max(chains, key=len)
    assert len(longest) >= 3
    for older, newer in itertools.pairwise(longest):
        assert BY_NUMBER[older].status == "superseded"
        assert BY_NUMBER[newer].supersedes == (older,)
    assert BY_NUMBER[longest[-1]].status == "accepted"
    # The chain crosses styles, each writing the relation its own way.
    assert len({BY_NUMBER[n].style for n in longest}) == len(longest)


def test_an_amendment_is_mirrored():
    pairs = [(r.number, target) for r in RECORDS for target in r.amends]
    assert pairs
    for source, target in pairs:
        assert BY_NUMBER[target].amended_by == (source,)


@pytest.mark.parametrize("kind", ["supersedes", "superseded_by", "amends", "amended_by"])
def test_lifecycle_relations_are_mirrored(kind: str):
    for record in RECORDS:
        for relation in record.relations_of(kind):
            other = BY_NUMBER[relation.number]
            mirrored = [r.number for r in other.relations_of(MIRROR[kind])]
            assert record.number in mirrored, (record.path, kind)


def test_related_links_are_mirrored():
    for record in RECORDS:
        for relation in record.relations_of("related"):
            other = BY_NUMBER[relation.number]
            assert record.number in [r.number for r in other.relations_of("related")], record.path


def test_relations_name_existing_records_by_their_exact_title():
    relations = [rel for r in RECORDS for rel in r.relations]
    assert len([rel for rel in relations if rel.kind == "related"]) >= 5
    for relation in relations:
        assert relation.number in BY_NUMBER
        if relation.title:
            assert relation.title == BY_NUMBER[relation.number].title


def test_local_links_and_images_resolve():
    images = []
    for record in RECORDS:
        for link in record.links:
            target = link.target.split("#", 1)[0]
            if not target or re.match(r"[a-z]+:", target):
                continue
            assert (EXAMPLES / target).is_file(), (record.path, target)
            if target.endswith(".svg"):
                images.append(target)
    assert images and all(target.startswith("images/") for target in images)


def test_one_record_holds_a_mermaid_diagram():
    assert sum(1 for path in FILES if "```mermaid\n" in path.read_text(encoding="utf-8")) >= 1


WITH_ALTERNATIVES = [r for r in RECORDS if "alternatives" in STYLES[r.style].required]
WITH_SIDES = [r for r in RECORDS if STYLES[r.style].structured_consequences]


@pytest.mark.parametrize("record", WITH_ALTERNATIVES, ids=lambda r: r.path)
def test_alternatives_are_weighed(record: Record):
    assert len(record.alternatives) >= 2
    assert all(a.verdict in ("chosen", "rejected", "deferred") for a in record.alternatives)
    chosen = [a for a in record.alternatives if a.verdict == "chosen"]
    assert len(chosen) == (1 if record.style in SINGLE_CHOICE_STYLES else len(chosen)) <= 1


@pytest.mark.parametrize("record", WITH_SIDES, ids=lambda r: r.path)
def test_consequences_include_a_negative_one(record: Record):
    assert record.consequences.positive and record.consequences.negative


def _places(raw: str) -> int:
    match = re.search(r"\d+(?:\.(\d+))?", raw)
    assert match, raw
    return len(match.group(1) or "")


def test_decision_matrix_weights_and_totals_are_exact():
    matrices = [r.decision_matrix for r in RECORDS if r.decision_matrix is not None]
    assert len(matrices) >= 1
    for matrix in matrices:
        weights = [Decimal(c.weight_raw.rstrip("%")) for c in matrix.criteria]
        assert sum(weights) == 100
        for option, raw in enumerate(matrix.stated_totals_raw):
            scores = [Decimal(str(row[option])) for row in matrix.scores]
            exact = sum(w * s for w, s in zip(weights, scores, strict=True)) / 100
            stated = Decimal(re.search(r"\d+(?:\.\d+)?", raw).group(0))
            rounded = exact.quantize(Decimal(1).scaleb(-_places(raw)), ROUND_HALF_UP)
            assert rounded == stated, matrix.options[option]
            assert matrix.computed_totals[option] == float(exact)


def test_risks_have_impact_likelihood_and_mitigation():
    risks = [risk for r in RECORDS for risk in r.risks]
    assert len(risks) >= 6
    assert all(risk.impact and risk.likelihood and risk.mitigation for risk in risks)


def test_checklists_have_done_and_open_items():
    items = [item for r in RECORDS for checklist in r.checklists for item in checklist.items]
    assert any(item.done for item in items) and any(not item.done for item in items)


def test_review_logs_have_dated_rows_in_order():
    logs = [(r, r.review_log) for r in RECORDS if r.review_log]
    assert any(len(log) >= 2 for _, log in logs)
    for record, log in logs:
        dates = [entry.date for entry in log]
        assert None not in dates and dates == sorted(dates) and dates[0] == record.date


def test_records_are_concise():
    assert max(r.word_count for r in RECORDS) < 1000


def test_cli_reads_the_log_like_the_library(adr):
    listed = adr("--dir", str(EXAMPLES), "list", "--format", "json")
    assert listed.code == 0, listed.err
    listed_records = [(r["number"], r["title"]) for r in json.loads(listed.out)]
    assert listed_records == [(r.number, r.title) for r in RECORDS]
    exported = adr("--dir", str(EXAMPLES), "export", "--format", "json")
    schema = adr("schema")
    assert exported.code == 0 and schema.code == 0, exported.err + schema.err
    import jsonschema

    records = json.loads(exported.out)
    jsonschema.validate(records, json.loads(schema.out))
    assert {r["style"] for r in records} == EXAMPLE_STYLES
