"""Templates beside the records are not records: no command reads them, `--verbose` names them once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adrledger.config import load_config
from adrledger.files.template_files import is_template_name, may_be_unfilled_template
from adrledger.log import DecisionLog


@pytest.mark.parametrize(
    "name",
    [
        "template.md",
        "TEMPLATE.md",
        "_template.md",
        "adr-template.md",
        "ADR-Template.md",
        "madr_template.md",
        "adr.template.md",
        "decision.template.md",
        "0000-template.md",
        "0000-TEMPLATE.md",
        "000-template.md",
        "adr000-template.md",
        "adr-000-template.md",
        "0_template.md",
        "0000-short-title-template.md",
        "0000-Template-For-Nygard.md",
    ],
)
def test_template_names(name: str) -> None:
    assert is_template_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "0010-render-html-templates.md",
        "0012-use-a-template-engine.md",
        "adopt-template.md",
        "template-engine-choice.md",
        "0001-record-architecture-decisions.md",
        "20230604-template-cache.md",
    ],
)
def test_records_that_speak_of_templates_are_records(name: str) -> None:
    assert not is_template_name(name)


@pytest.mark.parametrize(
    ("name", "candidate"),
    [
        ("0001-x.md", False),
        ("12-x.md", False),
        ("000012_x.md", False),
        ("2023-06-04-x.md", False),
        ("20230604-x.md", False),
        ("0000-x.md", True),
        ("XXXX-x.md", True),
        ("notes.md", True),
        ("1234567-x.md", True),
        ("12-folder/notes.md", True),
        ("adr-0003-x.md", False),
    ],
)
def test_only_names_a_template_copy_can_have_are_read(name: str, candidate: bool) -> None:
    # A number other than 0 or a date rules a file out without reading it; the folder is not the name.
    assert may_be_unfilled_template(name) is candidate


PROPOSAL = "# {n}. {title}\n\nDate: 2019-01-01\n\n## Status\n\nProposed\n\n## Context\n\nA {word} here.\n"
UNFILLED = (
    "# [short title of the problem and its solution]\n\n* Status: [proposed | rejected | accepted]\n"
    "* Date: [YYYY-MM-DD]\n\n## Context and Problem Statement\n\n[Describe the zanzibar context.]\n"
)


def _log_with_templates(root: Path) -> Path:
    folder = root / "doc" / "adr"
    (folder / "templates").mkdir(parents=True)
    (folder / "001-keep-a-log.md").write_text(PROPOSAL.format(n=1, title="Keep a log", word="ledger"))
    (folder / "002-pick-a-queue.md").write_text(PROPOSAL.format(n=2, title="Pick a queue", word="ledger"))
    for name in ("template.md", "adr.template.md", "0000-TEMPLATE.md", "0000-nygard-template.md", "000-template.md"):
        (folder / name).write_text(PROPOSAL.format(n=0, title="Title of the decision", word="zanzibar"))
    (folder / "templates" / "template.md").write_text(PROPOSAL.format(n=0, title="Title", word="zanzibar"))
    (folder / "blank-decision.md").write_text(UNFILLED)  # the log's template, copied and never filled in
    return folder


def test_the_log_reads_only_its_records(tmp_path: Path) -> None:
    log = DecisionLog(load_config(_log_with_templates(tmp_path), tmp_path))
    assert log.relative_files() == ["001-keep-a-log.md", "002-pick-a-queue.md"]
    assert [r.path for r in log.records] == ["001-keep-a-log.md", "002-pick-a-queue.md"]
    assert log.skipped_templates() == sorted(
        [
            "0000-TEMPLATE.md",
            "0000-nygard-template.md",
            "000-template.md",
            "adr.template.md",
            "blank-decision.md",
            "template.md",
            "templates/",
        ]
    )


@pytest.mark.parametrize(
    "args",
    [
        ("list",),
        ("list", "--format", "json"),
        ("lint", "--select", "ALL", "--exit-zero"),
        ("export",),
        ("index",),
        ("generate", "toc"),
        ("graph",),
        ("graph", "--format", "dot"),
        ("report", "stale"),
        ("search", "zanzibar"),
    ],
)
def test_no_command_reads_a_template(adr, tmp_path: Path, args: tuple[str, ...]) -> None:
    _log_with_templates(tmp_path)
    result = adr(*args)
    assert result.code in (0, 1), result.err
    for word in ("template", "TEMPLATE", "blank-decision", "zanzibar", "Title of the decision"):
        assert word not in result.out, f"adr {' '.join(args)} read a template"


def test_the_site_publishes_no_template(adr, tmp_path: Path) -> None:
    _log_with_templates(tmp_path)
    assert adr("site", "out").code == 0
    pages = sorted(p.name for p in (tmp_path / "out" / "records").glob("*.html"))
    assert pages == ["0001.html", "0002.html"]
    assert "zanzibar" not in "".join(p.read_text() for p in (tmp_path / "out").rglob("*.js"))


def test_adr_new_neither_counts_nor_imitates_templates(adr, tmp_path: Path) -> None:
    _log_with_templates(tmp_path)
    assert adr("new", "Cache the catalogue").code == 0
    assert (tmp_path / "doc" / "adr" / "003-cache-the-catalogue.md").is_file()  # 3 digits, as the records


def test_verbose_names_the_skipped_templates_once(adr, tmp_path: Path) -> None:
    _log_with_templates(tmp_path)
    result = adr("--verbose", "lint", "--exit-zero")
    assert result.err.count("skipped 7 template files in doc/adr:") == 1
    assert "0000-TEMPLATE.md" in result.err and "templates/" in result.err and "blank-decision.md" in result.err
    assert "skipped" not in adr("lint", "--exit-zero").err


def test_include_brings_a_template_back_and_exclude_leaves_records_out(adr, tmp_path: Path) -> None:
    folder = _log_with_templates(tmp_path)
    (folder / ".adrledger.toml").write_text(
        'include = ["000-template.md", "templates/template.md"]\nexclude = ["002-*"]\n'
    )
    log = DecisionLog(load_config(folder, tmp_path))
    assert log.relative_files() == ["000-template.md", "001-keep-a-log.md", "templates/template.md"]
    exported = json.loads(adr("--dir", "doc/adr", "export").out)
    assert [r["path"] for r in exported] == ["000-template.md", "001-keep-a-log.md", "templates/template.md"]


def test_include_must_be_a_list_of_globs(adr, tmp_path: Path) -> None:
    folder = _log_with_templates(tmp_path)
    (folder / ".adrledger.toml").write_text('include = "template.md"\n')
    result = adr("--dir", "doc/adr", "list")
    assert result.code == 2 and "include must be a list of glob patterns" in result.err
