"""Importers: each source log imports to the same records it reads as in place, all or nothing."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from adrledger.config import load_config
from adrledger.errors import UsageError
from adrledger.importers import plan_from, write_plan
from adrledger.log import DecisionLog
from adrledger.model import Record
from adrledger.writers.facts import record_facts

FIXTURES = Path(__file__).parent / "fixtures" / "importers"
ADR_TOOLS = FIXTURES / "adr-tools"
MADR = FIXTURES / "madr"
LOG4BRAINS = FIXTURES / "log4brains"


def target(tmp_path: Path) -> DecisionLog:
    return DecisionLog(load_config(tmp_path / "imported"))


def in_place(folder: Path) -> list[Record]:
    return DecisionLog(load_config(folder)).records


def imported(tmp_path: Path) -> list[Record]:
    return DecisionLog(load_config(tmp_path / "imported")).records


def facts(record: Record, numbers: dict[str, int] | None = None) -> dict[str, object]:
    """Model facts with relations named by record number (log4brains ones mapped from their file stem)."""
    found = record_facts(record)
    if numbers is not None:
        found["relations"] = tuple(sorted((kind, str(numbers.get(who, who))) for kind, who in found["relations"]))
        found["number"] = None
    return found


def test_adr_tools_log_imports_unchanged(tmp_path: Path):
    written = write_plan(plan_from("adr-tools", ADR_TOOLS, target(tmp_path)))
    source = ADR_TOOLS / "doc/architecture/decisions"
    assert sorted(p.name for p in written) == sorted(p.name for p in source.glob("0*.md"))
    for path in written:  # without --style a record is copied byte for byte
        assert path.read_bytes() == (source / path.name).read_bytes()
    assert [facts(r) for r in imported(tmp_path)] == [facts(r) for r in in_place(source)]


def test_madr_log_imports_with_its_front_matter(tmp_path: Path):
    write_plan(plan_from("madr", MADR, target(tmp_path)))
    source = MADR / "docs/decisions"
    assert [facts(r) for r in imported(tmp_path)] == [facts(r) for r in in_place(source)]
    ledger = next(r for r in imported(tmp_path) if r.number == 4)
    assert ledger.front_matter["nav_order"] == 4 and ledger.deciders == ("Priya Raman", "Amara Okafor")
    assert not (tmp_path / "imported" / "adr-template.md").exists()


def log4brains_records() -> dict[str, Record]:
    folders = {
        "": LOG4BRAINS / "docs/adr",
        "tracking": LOG4BRAINS / "packages/tracking/adr",
        "billing": LOG4BRAINS / "packages/billing/adr",
    }
    return {f"{package}/{r.slug}".lstrip("/"): r for package, folder in folders.items() for r in in_place(folder)}


def test_log4brains_monorepo_is_numbered_in_date_order_with_packages_in_folders(tmp_path: Path):
    written = write_plan(plan_from("log4brains", LOG4BRAINS, target(tmp_path)))
    names = sorted(p.relative_to(tmp_path / "imported").as_posix() for p in written)
    assert names == [
        "0001-use-log4brains-to-manage-the-adrs.md",
        "0002-build-every-package-from-one-repository.md",
        "billing/0004-invoice-merchants-once-a-month.md",
        "billing/0006-charge-surcharges-in-the-merchants-currency.md",
        "tracking/0003-poll-carrier-apis-every-five-minutes.md",
        "tracking/0005-receive-carrier-updates-through-webhooks.md",  # same day as 0006: package order
    ]


def test_log4brains_records_import_as_they_read_in_place(tmp_path: Path):
    plan = plan_from("log4brains", LOG4BRAINS, target(tmp_path))
    write_plan(plan)
    number_of = {planned.source.path.stem: planned.number for planned in plan.files}
    after = {r.number: r for r in imported(tmp_path)}
    for key, record in log4brains_records().items():
        stem = key.rpartition("/")[2]
        assert facts(record, number_of) == facts(after[number_of[stem]], {}), key
    poll, hooks = after[3], after[5]
    assert poll.superseded_by == (5,) and hooks.supersedes == (3,)  # both directions, new numbers
    assert [(r.number, r.label) for r in hooks.relations_of("related")] == [(2, "Refines")]


def test_links_between_imported_records_point_at_their_new_files(tmp_path: Path):
    write_plan(plan_from("log4brains", LOG4BRAINS, target(tmp_path)))
    root = tmp_path / "imported"
    surcharge = (root / "billing/0006-charge-surcharges-in-the-merchants-currency.md").read_text()
    assert "[Invoice merchants once a month](0004-invoice-merchants-once-a-month.md)" in surcharge
    hooks = (root / "tracking/0005-receive-carrier-updates-through-webhooks.md").read_text()
    assert (
        "Refines [Build every package from one repository](../0002-build-every-package-from-one-repository.md)" in hooks
    )
    poll = (root / "tracking/0003-poll-carrier-apis-every-five-minutes.md").read_text()
    assert (
        "superseded by [0005-receive-carrier-updates-through-webhooks]"
        "(0005-receive-carrier-updates-through-webhooks.md)"
    ) in poll


@pytest.mark.parametrize("style", ["nygard", "full", "hybrid"])
def test_import_in_another_style_keeps_the_facts(tmp_path: Path, style: str):
    write_plan(plan_from("madr", MADR, target(tmp_path), style=style))
    records = imported(tmp_path)
    assert {r.style for r in records} == {style}
    assert [facts(r) for r in records] == [facts(r) for r in in_place(MADR / "docs/decisions")]


def test_numbers_already_used_are_refused_and_nothing_is_written(tmp_path: Path):
    write_plan(plan_from("adr-tools", ADR_TOOLS, target(tmp_path)))
    before = sorted(p.name for p in (tmp_path / "imported").iterdir())
    with pytest.raises(UsageError, match="already used"):
        plan_from("adr-tools", ADR_TOOLS, target(tmp_path))
    assert sorted(p.name for p in (tmp_path / "imported").iterdir()) == before


def test_renumbered_import_rewrites_links_and_references(tmp_path: Path):
    write_plan(plan_from("adr-tools", ADR_TOOLS, target(tmp_path)))
    write_plan(plan_from("adr-tools", ADR_TOOLS, target(tmp_path), renumber=True))
    records = {r.number: r for r in imported(tmp_path)}
    assert sorted(records) == list(range(1, 13))
    assert records[8].superseded_by == (11,) and records[11].supersedes == (8,)
    assert records[9].amended_by == (10,) and records[10].amends == (9,)
    text = (tmp_path / "imported" / "0008-publish-order-events-through-rabbitmq.md").read_text()
    assert "Superseded by [11. Move order events to Kafka](0011-move-order-events-to-kafka.md)" in text


def test_a_failure_while_writing_leaves_the_log_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import adrledger.ops.transaction

    plan = plan_from("log4brains", LOG4BRAINS, target(tmp_path))
    real_stage, calls = adrledger.ops.transaction._stage, []

    def failing_stage(destination: Path, data: bytes) -> Path:
        calls.append(destination)
        if len(calls) == 4:
            raise OSError(errno.ENOSPC, "disk full")
        return real_stage(destination, data)

    monkeypatch.setattr(adrledger.ops.transaction, "_stage", failing_stage)
    with pytest.raises(OSError, match="disk full"):
        write_plan(plan)
    assert len(calls) == 4
    assert [p for p in (tmp_path / "imported").rglob("*") if p.is_file()] == []


def test_an_interrupted_import_is_finished_by_the_next_command_that_writes(adr, tmp_path: Path):
    killed = adr.process(
        "import", "--from", "madr", str(MADR), "--into", "decisions", env={"ADRLEDGER_FAULT": "after-first-rename"}
    )
    assert killed.code != 0
    assert len(list((tmp_path / "decisions").glob("0*.md"))) < 5
    reading = adr("--dir", "decisions", "list")  # a command that only reads says so and changes nothing
    assert reading.code == 0 and "interrupted change" in reading.err
    assert len(list((tmp_path / "decisions").glob("0*.md"))) < 5
    assert adr("--dir", "decisions", "new", "Finish").code == 0  # the next command that writes finishes it
    listing = adr("--dir", "decisions", "list")
    assert listing.code == 0 and not listing.err
    assert len(listing.out.splitlines()) == 6


def test_an_existing_file_is_never_overwritten(tmp_path: Path):
    plan = plan_from("madr", MADR, target(tmp_path))
    (tmp_path / "imported").mkdir()
    squatter = tmp_path / "imported" / plan.files[2].destination.name
    squatter.write_text("mine\n")
    with pytest.raises(UsageError, match="overwrite"):
        write_plan(plan)
    assert squatter.read_text() == "mine\n"
    assert sorted(p.name for p in (tmp_path / "imported").iterdir()) == [squatter.name]


def test_a_folder_without_a_log_is_an_error(tmp_path: Path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="no adr-tools decision log"):
        plan_from("adr-tools", tmp_path / "empty", target(tmp_path))


def test_import_command(adr, tmp_path: Path):
    dry = adr("import", "--from", "adr-tools", str(ADR_TOOLS), "--into", "decisions", "--dry-run")
    assert dry.code == 0, dry.err
    assert dry.out.splitlines()[0].startswith("decisions/0001-record-architecture-decisions.md <- ")
    assert not (tmp_path / "decisions").exists()
    done = adr("import", "--from", "madr", str(MADR), "--into", "decisions", "--style", "quick")
    assert done.code == 0 and done.err == "5 records imported into decisions\n"
    again = adr("import", "--from", "madr", str(MADR), "--into", "decisions")
    assert again.code == 2 and "--renumber" in again.err
    listing = adr("--dir", "decisions", "list", "--format", "json")
    assert len(__import__("json").loads(listing.out)) == 5
