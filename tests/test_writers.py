"""Writers: every record converts to every style and back with its model facts intact."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.base.textio import decode
from adrledger.errors import UsageError
from adrledger.parse import parse_text
from adrledger.styles import STYLE_NAMES
from adrledger.writers import convert
from adrledger.writers.facts import lost_facts, record_facts

from conftest import EXAMPLES, SEEDS, seed_path
from golden import assert_golden

FIXTURES = Path(__file__).parent / "fixtures"
SKIPPED = {"README.md", "index.md", "template.md", "adr-template.md"}


def fixture_files() -> list[Path]:
    """The realistic logs written for these tests (other fixtures hold hostile or broken input)."""
    found = [p for folder in ("importers", "reports") for p in (FIXTURES / folder).rglob("*.md")]
    return sorted(p for p in found if p.name not in SKIPPED and "templates" not in p.parts)


def record_parts(path: Path) -> list[tuple[str, str, str]]:
    """(id, text, file name) of each real record in a file (seed guides hold several, and templates)."""
    text = decode(path.read_bytes()).text
    found = []
    for record in parse_text(text, path.name):
        if record.number is None and record.status == "other":
            continue  # an unfilled template
        part = "\n".join(text.split("\n")[record.start_line - 1 : record.end_line]) + "\n"
        name = path.name if path.suffix == ".md" else f"{record.number or 0:04d}-record.md"
        found.append((f"{path.name}#{record.ordinal}", part, name))
    return found


def all_records() -> list[tuple[str, str, str]]:
    records = [part for path in fixture_files() for part in record_parts(path)]
    if EXAMPLES.is_dir():
        records += [part for path in sorted(EXAMPLES.glob("[0-9]*.md")) for part in record_parts(path)]
    if SEEDS.is_dir():
        records += [part for path in sorted(SEEDS.glob("*.txt")) for part in record_parts(path)]
    return records


@pytest.mark.parametrize("style", STYLE_NAMES)
@pytest.mark.parametrize("name, text, filename", all_records(), ids=lambda value: value if "#" in str(value) else "")
def test_convert_to_every_style_and_back_keeps_the_facts(name: str, text: str, filename: str, style: str):
    (original,) = parse_text(text, filename)
    converted = convert(original, text, style)
    records = parse_text(converted, filename)
    assert len(records) == 1, converted
    (there,) = records
    assert lost_facts(original, there) == [], converted
    assert there.style == style, converted
    back = convert(there, converted, original.style)
    (again,) = parse_text(back, filename)
    assert lost_facts(original, again) == [], back
    assert again.style == original.style, back


def test_every_seed_example_is_in_the_round_trip():
    if not SEEDS.is_dir():
        pytest.skip("seeds absent")
    names = [name for name, _, _ in all_records() if ".txt#" in name]
    assert len(names) >= 5  # seed 000's Redis record, seed 001's three examples, seed 003's record


def test_every_example_record_is_in_the_round_trip():
    if not EXAMPLES.is_dir():
        pytest.skip("examples/adr absent")
    names = {name.split("#")[0] for name, _, _ in all_records()}
    assert {path.name for path in EXAMPLES.glob("[0-9]*.md")} <= names


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_golden_conversions_of_a_madr_record(style: str):
    path = FIXTURES / "importers/madr/docs/decisions/0004-split-the-ledger-into-its-own-service.md"
    (record,) = parse_text(path.read_text(encoding="utf-8"), path.name)
    assert_golden(convert(record, path.read_text(encoding="utf-8"), style), f"writers/madr-0004.{style}.md")


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_golden_conversions_of_the_seed_redis_record(style: str):
    path = seed_path("000")
    text = decode(path.read_bytes()).text
    redis = parse_text(text, path.name)[1]
    part = "\n".join(text.split("\n")[redis.start_line - 1 : redis.end_line]) + "\n"
    (record,) = parse_text(part, "0003-use-redis-for-session-storage.md")
    assert_golden(convert(record, part, style), f"writers/seed-000-redis.{style}.md")


def test_sections_without_a_place_go_to_notes_verbatim():
    path = FIXTURES / "importers/madr/docs/decisions/0002-retry-card-payments-with-idempotency-keys.md"
    text = path.read_text(encoding="utf-8")
    (record,) = parse_text(text, path.name)
    converted = convert(record, text, "nygard")
    notes = converted[converted.index("## Notes") :]
    assert "### Decision Drivers\n\n* A customer must never be charged twice for one order\n" in notes
    assert "### Validation\n\nA contract test replays a timed-out payment twice" in notes
    assert "### Considered Options" in notes and "### Pros and Cons of the Options" in notes


def test_front_matter_is_mapped_and_unknown_keys_are_kept():
    path = FIXTURES / "importers/madr/docs/decisions/0004-split-the-ledger-into-its-own-service.md"
    text = path.read_text(encoding="utf-8")
    (record,) = parse_text(text, path.name)
    converted = convert(record, text, "full")
    assert converted.startswith("---\nparent: Decisions\nnav_order: 4\n---\n\n# ADR-0004: Split the ledger")
    assert "**Decision Makers:** Priya Raman, Amara Okafor" in converted
    assert "**Consulted:** Finance engineering" in converted


def test_relations_use_the_target_style_form():
    folder = FIXTURES / "importers/adr-tools/doc/architecture/decisions"
    path = folder / "0002-publish-order-events-through-rabbitmq.md"
    (record,) = parse_text(path.read_text(encoding="utf-8"), path.name)
    table = convert(record, path.read_text(encoding="utf-8"), "table")
    assert "**Status:** Superseded by [5. Move order events to Kafka](0005-move-order-events-to-kafka.md)" in table
    path = folder / "0006-adopt-consumer-driven-contract-tests.md"
    (record,) = parse_text(path.read_text(encoding="utf-8"), path.name)
    full = convert(record, path.read_text(encoding="utf-8"), "full")
    assert "## Related Decisions\n\n- Relates to [ADR-0005: Move order events to Kafka]" in full


def test_relations_without_a_link_target_are_written_so_the_parser_reads_them():
    text = "# ADR-0007: Cache reads\n\n**Status:** Accepted\n\n**Amends:** ADR-3\n\n## Context\n\nx\n"
    (record,) = parse_text(text, "0007-cache-reads.md")
    assert record.amends == (3,)
    for style in STYLE_NAMES:
        (converted,) = parse_text(convert(record, text, style), "0007-cache-reads.md")
        assert converted.amends == (3,), style


def test_an_unknown_style_is_an_error():
    (record,) = parse_text("# 1. X\n", "0001-x.md")
    with pytest.raises(UsageError):
        convert(record, "# 1. X\n", "fancy")


def test_facts_name_what_changed():
    (a,) = parse_text("# 1. X\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n", "0001-x.md")
    (b,) = parse_text("# 1. X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n", "0001-x.md")
    assert record_facts(a)["date"] == "2024-01-01"
    assert lost_facts(a, b) == ["date: '2024-01-01' became '2024-01-02'"]


def test_a_huge_fact_is_cut_short_in_the_error_line():
    items = "".join(f"* [ ] item {n}\n" for n in range(2000))
    (a,) = parse_text(f"# 1. X\n\n## Context\n\n{items}", "0001-x.md")
    (b,) = parse_text(f"# 1. X\n\n## Context\n\n{items}* [ ] one more\n", "0001-x.md")
    (line,) = lost_facts(a, b)
    assert line.startswith("checklists: (('Context', (('item 0', False)") and " became " in line
    assert len(line) < 200 and "\n" not in line
