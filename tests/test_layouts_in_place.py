"""adr-tools, MADR and log4brains logs read in place, without converting anything."""

from __future__ import annotations

from pathlib import Path

from adrledger.config import load_config
from adrledger.log import DecisionLog

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


def records(folder: Path):
    return DecisionLog(load_config(folder)).records


def test_adr_tools_log_is_found_through_adr_dir():
    config = load_config(cwd=FIXTURES / "adr-tools")
    assert config.dir == (FIXTURES / "adr-tools" / "doc/architecture/decisions").resolve()
    log = DecisionLog(config)
    # The template folder and the generated README are not records.
    assert [r.number for r in log.records] == [1, 2, 3, 4, 5, 6]


def test_adr_tools_statuses_dates_and_relations_in_both_directions():
    found = {r.number: r for r in records(FIXTURES / "adr-tools/doc/architecture/decisions")}
    assert {n: r.status for n, r in found.items()} == {
        1: "accepted",
        2: "superseded",
        3: "accepted",
        4: "accepted",
        5: "accepted",
        6: "proposed",
    }
    assert found[2].date == "2019-05-14" and found[6].date == "2022-02-17"
    assert found[2].superseded_by == (5,) and found[5].supersedes == (2,)
    assert found[3].amended_by == (4,) and found[4].amends == (3,)
    relations = [(r.kind, r.number, r.label) for r in found[6].relations]
    assert relations == [("related", 5, "Relates to")]
    assert all(r.style == "nygard" for r in found.values())


def test_madr_3_and_4_front_matter():
    found = {r.number: r for r in records(FIXTURES / "madr/docs/decisions")}
    assert sorted(found) == [1, 2, 3, 4, 5]  # adr-template.md and index.md are skipped
    assert found[2].deciders == ("Priya Raman", "Lukas Becker")  # MADR 3: deciders
    assert found[2].consulted == ("Card acquiring team",)
    assert found[2].informed == ("Customer support",)
    # MADR 4 names them decision-makers, here as a YAML list.
    assert found[4].deciders == ("Priya Raman", "Amara Okafor")
    assert found[4].tags == ("ledger", "architecture")
    assert found[4].front_matter["nav_order"] == 4  # Jekyll keys are kept beside the real ones
    assert found[4].consequences.neutral == ("reporting queries move to the new database",)
    first = found[2].alternatives[0]
    assert (first.name, first.verdict) == ("Idempotency key per order attempt", "chosen")
    assert found[3].status == "superseded" and found[3].superseded_by == (5,)
    assert found[5].supersedes == (3,)  # said in prose: "This replaces ADR-0003"
    assert all(r.style == "madr" for r in found.values())


def test_log4brains_monorepo_configuration_names_the_packages():
    config = load_config(cwd=FIXTURES / "log4brains")
    assert config.dir == (FIXTURES / "log4brains/docs/adr").resolve()
    assert [spec.name for spec in config.logs] == ["tracking", "billing"]


def test_log4brains_records_have_no_number_and_keep_their_relations():
    tracking = {r.slug: r for r in records(FIXTURES / "log4brains/packages/tracking/adr")}
    poll = tracking["20210615-poll-carrier-apis-every-five-minutes"]
    hooks = tracking["20220120-receive-carrier-updates-through-webhooks"]
    assert poll.number is None and poll.date == "2021-06-15" and poll.status == "superseded"
    assert [(r.kind, r.target) for r in poll.relations] == [
        ("superseded_by", "20220120-receive-carrier-updates-through-webhooks.md")
    ]
    labels = [(r.kind, r.label) for r in hooks.relations]
    assert labels == [("supersedes", "Supersedes"), ("related", "Refines")]
    assert hooks.tags == ("tracking", "integration")
    assert poll.alternatives[0].verdict == "chosen"
