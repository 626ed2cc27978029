"""init, new, list, show, export, schema through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from adrledger.parse import parse_file
from adrledger.styles import STYLE_NAMES, STYLES

from golden import assert_golden


def test_init_and_new_in_the_default_folder(adr, tmp_path: Path):
    assert adr("init").out == "doc/adr/0001-record-architecture-decisions.md\n"
    result = adr("new", "Use", "PostgreSQL", "for", "storage")
    assert (result.code, result.out, result.err) == (0, "doc/adr/0002-use-postgresql-for-storage.md\n", "")
    text = (tmp_path / "doc/adr/0002-use-postgresql-for-storage.md").read_text()
    assert text.startswith("# 2. Use PostgreSQL for storage\n\nDate: 2024-05-01\n\n## Status\n\nAccepted\n")
    assert adr("list").out.splitlines() == [
        "doc/adr/0001-record-architecture-decisions.md",
        "doc/adr/0002-use-postgresql-for-storage.md",
    ]


def test_init_with_a_folder_writes_adr_dir_and_works_from_a_subfolder(adr, tmp_path: Path):
    assert adr("init", "docs/decisions").out == "docs/decisions/0001-record-architecture-decisions.md\n"
    assert (tmp_path / ".adr-dir").read_text() == "docs/decisions\n"
    (tmp_path / "src" / "pkg").mkdir(parents=True)
    result = adr("new", "Split the monolith", cwd=tmp_path / "src" / "pkg")
    assert result.out == "../../docs/decisions/0002-split-the-monolith.md\n"


def test_new_without_a_title_fails_like_adr_tools(adr):
    result = adr("new")
    assert (result.code, result.out) == (1, "ERROR: no title given\n")


def test_list_of_a_missing_folder(adr):
    result = adr("list")
    assert (result.code, result.out) == (1, "The doc/adr directory does not exist\n")


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_every_template_parses_back_to_its_style_with_every_section(adr, tmp_path: Path, style: str):
    adr("init", "--style", style)
    created = adr("new", "--style", style, "Adopt", "event", "sourcing").out.strip()
    text = (tmp_path / created).read_text(encoding="utf-8")
    assert_golden(text, f"templates/{style}.md")
    (record,) = parse_file(tmp_path / created)
    assert record.style == style
    assert record.title == "Adopt event sourcing" and record.number == 2
    assert record.date == "2024-05-01"
    assert record.status == ("accepted" if style == "nygard" else "proposed")
    assert set(STYLES[style].required) <= {s.key for s in record.sections} | {"status"}


@pytest.mark.parametrize("style", [s for s in STYLE_NAMES if s != "nygard"])
def test_init_in_any_style_remembers_the_style(adr, tmp_path: Path, style: str):
    adr("init", "--style", style)
    (first,) = parse_file(tmp_path / "doc/adr/0001-record-architecture-decisions.md")
    assert (first.style, first.status, first.title) == (style, "accepted", "Record architecture decisions")
    created = adr("new", "Next", "one").out.strip()
    assert parse_file(tmp_path / created)[0].style == style


def test_project_template_and_adr_template(adr, tmp_path: Path):
    adr("init")
    (tmp_path / "doc/adr/templates").mkdir()
    (tmp_path / "doc/adr/templates/template.md").write_text("# NUMBER. TITLE\n\nDATE STATUS DATE\n")
    created = adr("new", "Custom").out.strip()
    assert (tmp_path / created).read_text() == "# 2. Custom\n\n2024-05-01 Accepted DATE\n"
    other = tmp_path / "other.md"
    other.write_text("# TITLE (NUMBER)\n")
    created = adr("new", "Env", env={"ADR_TEMPLATE": str(other)}).out.strip()
    assert (tmp_path / created).read_text() == "# Env (3)\n"


def test_editor_is_run_on_the_new_file(adr, tmp_path: Path):
    adr("init")
    script = tmp_path / "editor.sh"
    script.write_text('#!/bin/sh\necho "edited $1" > edited.txt\n')
    script.chmod(0o755)
    created = adr("new", "Edit", "me", env={"EDITOR": str(script)}).out.strip()
    assert (tmp_path / "edited.txt").read_text() == f"edited {created}\n"


def test_show_and_json_contract(adr, tmp_path: Path):
    adr("init")
    adr("new", "Use Redis")
    shown = adr("show", "2")
    assert shown.code == 0 and "Use Redis" in shown.out and "accepted" in shown.out
    data = json.loads(adr("show", "2", "--json").out)
    assert (data["number"], data["title"], data["status"], data["date"], data["path"]) == (
        2,
        "Use Redis",
        "accepted",
        "2024-05-01",
        "0002-use-redis.md",
    )
    missing = adr("show", "9")
    assert missing.code == 2 and missing.err.startswith("Error: no record matches '9'")


def test_export_validates_against_the_published_schema(adr, tmp_path: Path):
    adr("init")
    for style in STYLE_NAMES:
        adr("new", "--style", style, f"A {style} record")
    schema = json.loads(adr("schema").out)
    exported = json.loads(adr("export").out)
    jsonschema.validate(exported, schema)
    assert [r["style"] for r in exported] == ["nygard", *STYLE_NAMES]
    lines = adr("export", "--format", "jsonl").out.splitlines()
    assert len(lines) == len(exported) and json.loads(lines[1])["style"] == STYLE_NAMES[0]
    csv = adr("export", "--format", "csv").out.splitlines()
    assert csv[0].startswith("number,title,status,date,path")


def test_list_filters_and_table(adr, tmp_path: Path):
    adr("init")
    adr("new", "--style", "madr", "--status", "Rejected", "Use Mongo")
    rejected = adr("list", "--status", "rejected").out.splitlines()
    assert rejected == ["doc/adr/0002-use-mongo.md"]
    table = adr("list", "--format", "table").out
    assert "Use Mongo" in table and "rejected" in table


def test_global_dir_option_and_version(adr, tmp_path: Path):
    folder = tmp_path / "records"
    folder.mkdir()
    (folder / "0001-a.md").write_text("# 1. A\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n")
    assert adr("--dir", "records", "list").out == "records/0001-a.md\n"
    assert adr("--version").out.startswith("adrledger ")


def test_errors_are_one_line_without_traceback(adr, tmp_path: Path):
    (tmp_path / "pyproject.toml").write_text("[tool.adrledger]\nstyle = 'fancy'\npadding = 'x'\n")
    result = adr("list")
    assert result.code == 2
    assert result.err.count("\n") == 1 and "Traceback" not in result.err
    assert "style = 'fancy'" in result.err and "padding" in result.err


def test_list_shows_what_adr_tools_lists(adr, tmp_path: Path):
    adr("init")
    adr("new", "--draft", "Maybe later")
    (tmp_path / "doc/adr/glossary.md").write_text("# Glossary\n")
    assert adr("list").out.splitlines() == ["doc/adr/0001-record-architecture-decisions.md"]
    table = adr("list", "--format", "table").out
    assert "Maybe later" in table and "Glossary" in table


@pytest.mark.parametrize("style", STYLE_NAMES)
def test_the_first_record_of_a_new_log_lints_clean(adr, style: str):
    adr("init", "--style", style)
    result = adr("lint")
    assert (result.code, result.out.strip()) == (0, "All checks passed.")


def test_a_one_shot_command_freezes_the_records_it_loaded(adr, tmp_path: Path):
    """gc.freeze is the CLI's choice: once the records of a one-shot command are loaded."""
    import os
    import subprocess
    import sys

    from conftest import ROOT

    adr("init")
    script = (
        "import gc, sys; from adrledger.cli import main; before = gc.get_freeze_count(); "
        "status = main(sys.argv[1:]); print(status, before, gc.get_freeze_count() > before)"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    for command, frozen in ((["list"], "False"), (["export"], "True")):  # list reads no record
        done = subprocess.run(
            [sys.executable, "-c", script, *command], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
        )
        assert done.stdout.splitlines()[-1] == f"0 0 {frozen}", done.stderr


@pytest.mark.parametrize(("command", "one_shot"), [("serve", False), ("export", True)])
def test_serve_is_the_command_that_never_freezes(tmp_path: Path, command: str, one_shot: bool):
    import click

    from adrledger.cli._app import AppContext, cli

    app = AppContext(None, cwd=tmp_path)
    with pytest.raises(click.UsageError):  # the group's choices are made before the command's options are read
        cli.main(["--dir", str(tmp_path), command, "--no-such-option"], standalone_mode=False, obj=app)
    assert app.one_shot is one_shot
    log = app.log
    assert (log.after_load is not None) is one_shot
