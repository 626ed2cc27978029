"""The first hour of a new user (issue 14): what a user meets first, through the real `adr` entry point."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import jsonschema
import pytest

from conftest import ROOT
from gitrepo import GitRepo, nygard

FIXTURES = Path(__file__).parent / "fixtures" / "importers"


@pytest.fixture
def log4brains(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "log4brains", tmp_path / "project")
    return tmp_path / "project"


# ---- log4brains records read in place -------------------------------------------------------------

POLL = "20210615-poll-carrier-apis-every-five-minutes"
HOOKS = "20220120-receive-carrier-updates-through-webhooks"


def test_log4brains_supersession_is_read_in_place_as_slugs(adr, log4brains: Path):
    tracking = ["--dir", "packages/tracking/adr"]
    poll = json.loads(adr(*tracking, "show", POLL, "--json", cwd=log4brains).out)
    hooks = json.loads(adr(*tracking, "show", HOOKS, "--json", cwd=log4brains).out)
    assert (poll["status"], poll["superseded_by"], poll["supersedes"]) == ("superseded", [HOOKS], [])
    assert (hooks["status"], hooks["supersedes"], hooks["superseded_by"]) == ("accepted", [POLL], [])
    exported = json.loads(adr(*tracking, "export", "--format", "json", cwd=log4brains).out)
    jsonschema.validate(exported, json.loads(adr("schema", cwd=log4brains).out))
    shown = adr(*tracking, "show", POLL, cwd=log4brains).out
    assert f"superseded by {HOOKS}\n" in shown and "?" not in shown
    linted = adr(*tracking, "lint", "--select", "ADR4", cwd=log4brains)
    assert "ADR407" not in linted.out, linted.out


def test_a_date_named_record_is_found_by_the_start_of_its_file_name(adr, log4brains: Path):
    tracking = ["--dir", "packages/tracking/adr"]
    found = adr(*tracking, "show", "20210615", cwd=log4brains)
    assert found.code == 0 and found.out.startswith(f"{POLL}  Poll carrier APIs every five minutes\n")
    assert adr(*tracking, "show", "7", cwd=log4brains).code == 2  # digits that start no file name


# ---- adr new --deciders --tags ---------------------------------------------------------------------


@pytest.mark.parametrize("style", ["nygard", "madr", "full", "drivers", "quick", "table", "hybrid"])
def test_new_writes_deciders_and_tags_in_every_style(adr, tmp_path: Path, style: str):
    adr("init")
    created = adr("new", "--style", style, "--deciders", "Ann Lee, Bo Chen", "--tags", "db, ops", "Split", "jobs")
    assert created.code == 0, created.err
    shown = json.loads(adr("show", created.out.strip(), "--json").out)
    assert (shown["style"], shown["deciders"], shown["tags"]) == (style, ["Ann Lee", "Bo Chen"], ["db", "ops"])


def test_new_with_tags_and_a_supersession_writes_both(adr, tmp_path: Path):
    adr("init")
    created = adr("new", "--style", "madr", "--tags", "db", "-s", "1", "Replace", "the", "log")
    assert created.code == 0, created.err
    shown = json.loads(adr("show", "2", "--json").out)
    assert (shown["tags"], shown["supersedes"]) == (["db"], [1])


def test_a_template_without_metadata_refuses_tags_naming_the_style(adr, tmp_path: Path):
    adr("init")
    (tmp_path / "doc/adr/templates").mkdir()
    (tmp_path / "doc/adr/templates/template.md").write_text("# NUMBER. TITLE\n\n## Context\n\nWhy.\n")
    refused = adr("new", "--tags", "db", "Custom")
    assert refused.code == 2 and "the nygard template has no metadata line to hold tags" in refused.err
    assert sorted(p.name for p in (tmp_path / "doc/adr").glob("*.md")) == ["0001-record-architecture-decisions.md"]


# ---- adr-tools' spelling: "Supercedes" as published, "Supersedes" as Debian's package ----------------


def status_section(path: Path) -> str:
    text = path.read_text()
    return text.split("## Status\n", 1)[1].split("## Context", 1)[0]


def test_a_new_log_spells_supersession_as_adr_tools_is_published(adr, tmp_path: Path):
    adr("init")
    adr("new", "Use", "PostgreSQL")
    adr("new", "-s", "2", "Use", "MySQL")
    old, new = tmp_path / "doc/adr/0002-use-postgresql.md", tmp_path / "doc/adr/0003-use-mysql.md"
    assert status_section(old) == "\nSuperceded by [3. Use MySQL](0003-use-mysql.md)\n\n"
    assert status_section(new) == "\nAccepted\n\nSupercedes [2. Use PostgreSQL](0002-use-postgresql.md)\n\n"
    assert '_3 -> _2 [label="Supercedes", weight=0]' in adr("generate", "graph").out
    shown = json.loads(adr("show", "2", "--json").out)
    assert (shown["status"], shown["superseded_by"]) == ("superseded", [3])
    assert json.loads(adr("show", "3", "--json").out)["supersedes"] == [2]
    linted = adr("lint", "--select", "ADR4")
    assert linted.code == 0, linted.out


def test_a_log_keeps_the_spelling_it_already_uses(adr, tmp_path: Path):
    adr("init")
    adr("new", "First")
    adr("new", "Second")
    corrected = tmp_path / "doc/adr/0003-second.md"
    corrected.write_text(
        corrected.read_text().replace(
            "Accepted\n",
            "Accepted\n\nSupersedes [1. Record architecture decisions](0001-record-architecture-decisions.md)\n",
            1,
        )
    )
    adr("new", "-s", "2", "Third")
    assert "\nSuperseded by [4. Third](0004-third.md)\n" in (tmp_path / "doc/adr/0002-first.md").read_text()
    assert "\nSupersedes [2. First](0002-first.md)\n" in (tmp_path / "doc/adr/0004-third.md").read_text()


def test_the_setting_chooses_debians_spelling(adr, tmp_path: Path):
    (tmp_path / ".adrledger.toml").write_text('supersede-spelling = "supersede"\n')
    adr("init")
    adr("new", "First")
    assert adr("supersede", "1", "2").code == 0
    assert (
        "\nSuperseded by [2. First](0002-first.md)\n"
        in (tmp_path / "doc/adr/0001-record-architecture-decisions.md").read_text()
    )
    assert "\nSupersedes [1. Record architecture decisions]" in (tmp_path / "doc/adr/0002-first.md").read_text()
    (tmp_path / ".adrledger.toml").write_text('supersede-spelling = "supersedes"\n')
    refused = adr("list")
    assert refused.code == 2 and "supersede-spelling" in refused.err


# ---- adr for PATH: scopes declared in a Scope: line --------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "**Scope:** src/billing/**, `docs/*.md`",
        "**Scope**: src/billing/**, docs/*.md",
        "- Scope: src/billing/**, docs/*.md",
    ],
)
def test_a_scope_line_keeps_its_globs_and_governs_files(adr, tmp_path: Path, line: str):
    adr("init")
    (tmp_path / "doc/adr/0002-bill-monthly.md").write_text(
        f"# ADR-0002: Bill monthly\n\n**Status:** Accepted\n**Date:** 2024-01-02\n{line}\n\n## Context\n\nC.\n"
    )
    shown = json.loads(adr("show", "2", "--json").out)
    assert shown["scope"] == ["src/billing/**", "docs/*.md"]
    found = adr("for", "src/billing/deep/invoice.py")
    assert found.out == "0002       accepted    Bill monthly  [src/billing/**]\n", found.err


def test_a_scope_line_in_an_adr_tools_status_section_counts(adr, tmp_path: Path):
    adr("init")
    (tmp_path / "doc/adr/0002-bill-monthly.md").write_text(
        "# 2. Bill monthly\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\nScope: **/billing/\n\n## Context\n\nC.\n"
    )
    assert adr("for", "src/billing/invoice.py").out.startswith("0002       accepted    Bill monthly")


def test_help_for_says_how_a_record_declares_its_scope(adr):
    text = adr("help", "for").out
    assert "scope: [" in text and "## Scope" in text and "Scope: src/billing/**" in text and ".gitignore" in text


# ---- lifecycle corners ----------------------------------------------------------------------------


def test_supersede_refuses_a_successor_still_proposed_unless_accept(adr, tmp_path: Path):
    adr("init", "--style", "madr")
    adr("new", "Use", "Kafka")
    folder = tmp_path / "doc/adr"
    before = {p.name: p.read_bytes() for p in folder.glob("*.md")}
    refused = adr("supersede", "1", "2")
    assert refused.code == 2 and "ADR-0002 is proposed" in refused.err and "--accept" in refused.err
    assert {p.name: p.read_bytes() for p in folder.glob("*.md")} == before
    accepted = adr("supersede", "1", "2", "--accept")
    assert accepted.code == 0, accepted.err
    old, new = (json.loads(adr("show", n, "--json").out) for n in ("1", "2"))
    assert (old["status"], old["superseded_by"]) == ("superseded", [2])
    assert (new["status"], new["supersedes"]) == ("accepted", [1])


def test_accept_prints_the_lint_errors_of_the_record(adr, tmp_path: Path):
    adr("init", "--style", "full")
    created = adr("new", "Pick", "a", "queue").out.strip()
    path = tmp_path / created
    path.write_text(
        path.read_text() + "\n## Decision Matrix\n\n| Criterion | Weight | Kafka | SQS |\n"
        "|---|---|---|---|\n| Cost | 60% | 5 | 3 |\n| Speed | 40% | 2 | 4 |\n"
        "| **Total** | 100% | 4.0 | 3.4 |\n"
    )
    result = adr("accept", "2")
    assert result.code == 0 and result.out == f"{created}\n"
    assert result.err.startswith(f"{created} is accepted with 1 lint error:\n")
    assert "ADR601 error" in result.err and "warning" not in result.err
    assert json.loads(adr("show", "2", "--json").out)["status"] == "accepted"
    clean = adr("new", "Clean", "one")
    assert adr("accept", clean.out.strip()).err == ""


def test_init_refuses_a_folder_that_already_holds_a_log(adr, tmp_path: Path):
    assert adr("init").code == 0
    again = adr("init")
    assert (
        again.code == 2
        and again.err == "Error: doc/adr already holds a decision log (1 record): add records with adr new\n"
    )
    assert [p.name for p in (tmp_path / "doc/adr").iterdir()] == ["0001-record-architecture-decisions.md"]
    (tmp_path / "docs/decisions").mkdir(parents=True)
    (tmp_path / "docs/decisions/0001-x.md").write_text("# 1. X\n")
    named = adr("init", "docs/decisions")
    assert named.code == 2 and "docs/decisions already holds a decision log" in named.err
    assert not (tmp_path / ".adr-dir").exists()


# ---- drafts -------------------------------------------------------------------------------------------


def test_drafts_are_shown_as_drafts_with_no_number_and_a_narrow_table(adr, tmp_path: Path):
    adr("init")
    adr("new", "--draft", "Try", "event", "sourcing")
    adr("new", "--style", "madr", "--draft", "Use", "a", "much", "longer", "title", "for", "the", "draft")
    table = adr("list", "--format", "table").out.splitlines()
    assert table[0].startswith("#      Title ")
    assert table[1:] == [
        "0001   Record architecture decisions          accepted  2024-05-01  nygard",
        "draft  Try event sourcing                     draft     2024-05-01  nygard",
        "draft  Use a much longer title for the draft  draft     2024-05-01  madr",
    ]
    shown = adr("show", "XXXX-try").out
    assert shown.startswith("draft  Try event sourcing\n") and "path          XXXX-try-event-sourcing.md" in shown
    data = json.loads(adr("show", "XXXX-try", "--json").out)
    assert (data["number"], data["title"], data["status"]) == (None, "Try event sourcing", "draft")
    linted = adr("lint", "doc/adr/XXXX-try-event-sourcing.md")
    assert "number is a template placeholder" not in linted.out


def test_the_site_leaves_drafts_out_unless_asked(adr, tmp_path: Path):
    adr("init")
    adr("new", "--draft", "Try", "event", "sourcing")
    assert adr("site", "out").out == "out: 6 pages written, 0 unchanged (1 record)\n"
    assert sorted(p.name for p in (tmp_path / "out/records").iterdir()) == ["0001.html"]
    assert "Try event sourcing" not in (tmp_path / "out/search-index.js").read_text()
    assert adr("site", "out", "--drafts").code == 0
    assert sorted(p.name for p in (tmp_path / "out/records").iterdir()) == ["0001.html", "XXXX-try-event-sourcing.html"]
    assert "Try event sourcing" in (tmp_path / "out/decisions.html").read_text()
    assert adr("site", "out").code == 0  # and out again: the draft's page is removed
    assert sorted(p.name for p in (tmp_path / "out/records").iterdir()) == ["0001.html"]


# ---- small things a user notices ----------------------------------------------------------------------


def test_a_refused_transition_uses_the_right_article(adr, tmp_path: Path):
    adr("init")
    (tmp_path / "doc/adr/0002-x.md").write_text(
        "# 2. X\n\nDate: 2024-01-02\n\n## Status\n\nPondering\n\n## Context\n\nC.\n"
    )
    refused = adr("deprecate", "2")
    assert refused.code == 2 and "only an accepted record can be deprecated" in refused.err


def test_reports_and_imports_write_real_plurals(adr, tmp_path: Path):
    adr("init", "--style", "table")
    report = adr("report", "risks").out
    assert "1 risk in 1 record" in report and "(s)" not in report
    source = tmp_path / "elsewhere"
    shutil.copytree(FIXTURES / "adr-tools/doc/architecture/decisions", source)
    imported = adr("import", "--from", "adr-tools", str(source), "--renumber", "--dry-run")
    assert "(dry run: 6 records would be imported)" in imported.err and "(s)" not in imported.err


def test_status_filters_take_commas_like_tags(adr, tmp_path: Path):
    adr("init")
    adr("new", "--style", "madr", "Use", "Kafka")
    adr("new", "--style", "madr", "Use", "SQS")
    adr("reject", "3")
    table = adr("list", "--format", "table", "--status", "accepted,proposed").out
    assert "Record architecture decisions" in table and "Use Kafka" in table and "Use SQS" not in table
    exported = json.loads(adr("export", "--status", "rejected,proposed").out)
    assert [r["number"] for r in exported] == [2, 3]
    wrong = adr("list", "--status", "accepted,nope")
    assert wrong.code == 2 and "'nope' is not a status" in wrong.err


def test_search_exits_1_when_nothing_matches_as_grep(adr, tmp_path: Path):
    adr("init")
    assert adr("search", "architectural").code == 0
    missing = adr("search", "nosuchwordanywhere")
    assert (missing.code, missing.out) == (1, "")
    assert adr("search", "nosuchwordanywhere", "--format", "json").code == 1


def test_lint_diff_fails_while_problems_remain(adr, tmp_path: Path):
    adr("init")
    (tmp_path / "doc/adr/0002-x.md").write_text(
        "# 2. X\n\nDate: 2024-01-02\n\n## Status\n\nAccepted\n\n## Context\n\nSuperseded by [ADR-9](0009-gone.md)\n"
    )
    checked = adr("lint")
    assert checked.code == 1
    dry = adr("lint", "--diff")
    assert dry.code == 1, dry.err
    assert adr("lint", "--diff", "--exit-zero").code == 0


def test_report_without_a_name_says_which_there_are_on_one_line(adr, tmp_path: Path):
    adr("init")
    result = adr("report")
    assert (result.code, result.err) == (
        2,
        "Error: name a report: risks, stale, checklists, matrix, summary, edits (for example: adr report summary)\n",
    )


@pytest.mark.parametrize(
    "style, name", [("madr", "0002-cafe-au-lait-for-strasse.md"), ("nygard", "0002-caf-au-lait-for-stra-e.md")]
)  # as adr-tools names it
def test_accented_titles_are_transliterated_except_in_adr_tools_names(adr, tmp_path: Path, style: str, name: str):
    adr("init")
    created = adr("new", "--style", style, "Café", "au", "lait", "for", "Straße")
    assert created.out == f"doc/adr/{name}\n"
    assert "ADR208" not in adr("lint").out  # lint expects the name `adr new` gives


def test_a_log4brains_folder_is_shown_without_its_dot_slash(adr, log4brains: Path):
    listed = adr("list", cwd=log4brains).out.splitlines()
    assert listed and all(line.startswith("docs/adr/2021") for line in listed), listed


def test_import_renumber_keeps_the_logs_zero_padding(adr, tmp_path: Path):
    adr("init")
    for title in ("Two", "Three", "Four", "Five", "Six", "Seven"):
        adr("new", title)
    source = tmp_path / "madr"
    shutil.copytree(FIXTURES / "madr", source)
    assert adr("import", "--from", "madr", str(source), "--renumber").code == 0
    texts = "".join(p.read_text() for p in (tmp_path / "doc/adr").glob("*.md"))
    assert "[ADR-0012](0012-manage-feature-flags-with-unleash.md)" in texts
    assert "[ADR-0010](0010-keep-feature-flags-in-configuration-files.md)" in texts
    assert "[ADR-12]" not in texts and "[ADR-10]" not in texts


def test_the_site_title_is_a_setting_defaulting_to_the_projects_name(adr, tmp_path: Path, log4brains: Path):
    adr("init")
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "kestrel"\n')
    adr("site", "out", "-q")
    assert "<title>Home · kestrel</title>" in (tmp_path / "out/index.html").read_text()
    (tmp_path / ".adrledger.toml").write_text('title = "Kestrel decisions"\n')
    adr("site", "out", "-q")
    home = (tmp_path / "out/index.html").read_text()
    assert "<title>Home · Kestrel decisions</title>" in home and "<h1>Kestrel decisions</h1>" in home
    adr("site", "out", "-q", cwd=log4brains)
    assert "<title>Home · Parcel platform</title>" in (log4brains / "out/index.html").read_text()


@contextmanager
def serve(log: Path, *args: str, tmpdir: Path | None = None) -> Iterator[subprocess.Popen[str]]:
    """`adr serve` in a process that is always ended, whatever the test asserts."""
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), **({"TMPDIR": str(tmpdir)} if tmpdir else {})}
    process = subprocess.Popen(
        [sys.executable, "-m", "adrledger", "--dir", str(log), "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate(timeout=60)


def test_serve_on_a_busy_port_names_the_port_and_a_way_out(adr, tmp_path: Path):
    adr("init")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        with serve(tmp_path / "doc/adr", "--port", str(port), "--no-watch") as process:
            _, err = process.communicate(timeout=60)
    assert process.returncode == 2
    assert err == (
        f"Error: port {port} on 127.0.0.1 is already in use (another `adr serve`?): choose another "
        f"with --port {port + 1}, or --port 0 for any free port\n"
    )


def test_sigterm_stops_serve_quietly_and_removes_its_build(adr, tmp_path: Path):
    adr("init")
    scratch = tmp_path / "tmp"  # the preview builds in a temporary folder: here, where we can see it
    scratch.mkdir()
    with serve(tmp_path / "doc/adr", "--port", "0", tmpdir=scratch) as process:
        assert process.stderr is not None
        assert process.stderr.readline().startswith(f"Serving {tmp_path / 'doc/adr'} on http://127.0.0.1:")
        assert [p.name[:18] for p in scratch.iterdir()] == ["adrledger-preview-"]
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=60)
    assert (process.returncode, err) == (0, "")  # no "KeyboardInterrupt caught, stopping watch"
    assert list(scratch.iterdir()) == []


def test_log_shows_when_a_change_was_written_not_when_it_was_rebased(adr, tmp_path: Path):
    repo = GitRepo(tmp_path / "project")
    repo.write("doc/adr/0001-use-queues.md", nygard(1, "Use queues", "Accepted"))
    repo.git("add", "-A")
    repo.git(
        "commit",
        "-q",
        "-m",
        "Record queues",
        env={
            "GIT_AUTHOR_NAME": "Alice",
            "GIT_AUTHOR_EMAIL": "alice@example.com",
            "GIT_AUTHOR_DATE": "2024-01-02T09:00:00+00:00",
            "GIT_COMMITTER_NAME": "Bob",
            "GIT_COMMITTER_EMAIL": "bob@example.com",
            "GIT_COMMITTER_DATE": "2024-06-30T09:00:00+00:00",
        },
    )
    shown = adr("log", "1", cwd=repo.root).out
    assert "2024-01-02" in shown and "2024-06-30" not in shown
    wide = adr("log", cwd=repo.root).out
    assert wide.startswith("2024-01-02 ")
