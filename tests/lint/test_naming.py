"""ADR207/ADR208 follow the log's own naming convention; a rename is unsafe and rewrites links repository-wide."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.files.naming import infer, parse_pattern

from gitrepo import GitRepo
from lintkit import lines_of, lint_folder

NYGARD = "# {n}. {title}\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n## Context\n\nWhy.\n"


def _log(folder: Path, names: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, title in names.items():
        number = next((part for part in name.replace("_", "-").split("-") if part.isdigit()), "0")
        (folder / name).write_text(NYGARD.format(n=int(number), title=title))
    return folder


def _rules(folder: Path) -> list[str]:
    return lines_of(lint_folder(folder, select=("ADR207", "ADR208")))


@pytest.mark.parametrize(
    "names",
    [
        # adr- prefix and three digits, as a Cosmos-style log writes them
        {
            "adr-001-track-coin-origins.md": "Track coin origins",
            "adr-002-version-go-modules.md": "Version Go modules",
            "adr-003-acknowledge-packets.md": "Acknowledge packets",
        },
        # ADR- in capitals, four digits, acronyms kept in capitals in the slug (and plain words in lower case)
        {
            "ADR-0001-Use-AWS-Lambda.md": "Use AWS Lambda",
            "ADR-0002-Adopt-GraphQL.md": "Adopt GraphQL",
            "ADR-0003-cache-sessions.md": "Cache sessions",
            "ADR-0004-Serve-HTTP2.md": "Serve HTTP2",
        },
        # a date, an underscore and the number
        {
            "2021-06-04_001-keep-a-log.md": "Keep a log",
            "2021-07-01_002-one-process.md": "One process",
            "2022-01-19_003-test-contracts.md": "Test contracts",
        },
        # log4brains dates
        {"20230604-pick-a-queue.md": "Pick a queue", "20230901-cache-the-catalogue.md": "Cache the catalogue"},
        # three digits with a number that outgrew them
        {"098-a.md": "A", "099-b.md": "B", "1000-c.md": "C"},
    ],
)
def test_a_consistent_log_has_no_naming_findings(tmp_path: Path, names: dict[str, str]) -> None:
    assert _rules(_log(tmp_path / "adr", names)) == []


def test_only_the_name_that_departs_from_the_log_is_reported(tmp_path: Path) -> None:
    folder = _log(
        tmp_path / "adr",
        {
            "adr-001-track-coin-origins.md": "Track coin origins",
            "adr-002-version-go-modules.md": "Version Go modules",
            "adr-003-acknowledge-packets.md": "Acknowledge packets",
            "0004-route-packets.md": "Route packets",
        },
    )
    assert _rules(folder) == [
        "0004-route-packets.md:1: ADR207 file name '0004-route-packets.md' puts nothing before the number where the "
        "log puts 'adr-'; has a 4-digit number where the log pads its numbers to 3 digits (the log names its files "
        "adr-NNN-slug.md; expected 'adr-004-route-packets.md')"
    ]


def test_a_date_named_log_reports_a_missing_date_a_month_only_date_and_underscores(tmp_path: Path) -> None:
    folder = _log(
        tmp_path / "adr",
        {
            "2023-01-10-pick-a-queue.md": "Pick a queue",
            "2023-02-11-cache-the-catalogue.md": "Cache the catalogue",
            "2023-03-12-trace-requests.md": "Trace requests",
            "2023-04-13-sign-releases.md": "Sign releases",
            "2024-05-rotate-keys.md": "Rotate keys",
            "2024-06-01-work_offline.md": "Work offline",
            "retire-the-batch-job.md": "Retire the batch job",
        },
    )
    found = _rules(folder)
    assert [line.split(":", 1)[0] for line in found] == [
        "2024-05-rotate-keys.md",
        "2024-06-01-work_offline.md",
        "retire-the-batch-job.md",
    ]
    assert "writes the date as YYYY-MM where the log writes YYYY-MM-DD" in found[0]
    assert "expected" not in found[0]  # the record's date (January) would contradict the name's May
    assert "joins words with '_' where the log uses '-'" in found[1]
    assert "expected '2024-06-01-work-offline.md'" in found[1]
    assert "does not start with a date (YYYY-MM-DD)" in found[2]
    assert "expected '2024-01-10-retire-the-batch-job.md'" in found[2]  # the date the record states


def test_a_log_with_no_majority_has_no_convention_to_enforce(tmp_path: Path) -> None:
    folder = _log(
        tmp_path / "adr",
        {"adr-001-a-b.md": "A b", "adr_002_c_d.md": "C d", "ADR-003-e-f.md": "E f", "0004_g_h.md": "G h"},
    )
    assert [line for line in _rules(folder) if "ADR207" in line and "prefix" in line] == []
    assert not any("joins words" in line for line in _rules(folder))


def test_the_file_pattern_setting_states_the_convention(tmp_path: Path) -> None:
    folder = _log(tmp_path / "adr", {"0001-a-b.md": "A b", "0002-c-d.md": "C d", "adr-003-e-f.md": "E f"})
    (folder / ".adrledger.toml").write_text('file-pattern = "adr-NNN-slug"\n')
    found = _rules(folder)
    assert [line.split(":", 1)[0] for line in found] == ["0001-a-b.md", "0002-c-d.md"]
    assert "(the log's file-pattern is adr-NNN-slug.md; expected 'adr-001-a-b.md')" in found[0]


@pytest.mark.parametrize(
    "pattern, shown",
    [
        ("NNNN-slug", "NNNN-slug.md"),
        ("adr-NNN-slug", "adr-NNN-slug.md"),
        ("ADR-NNNN-Slug", "ADR-NNNN-Slug.md"),
        ("adrNNN-slug.md", "adrNNN-slug.md"),
        ("YYYYMMDD-slug", "YYYYMMDD-slug.md"),
        ("YYYY-MM-DD_NNN-slug", "YYYY-MM-DD_NNN-slug.md"),
        ("NNNN_slug.markdown", "NNNN_slug.markdown"),
    ],
)
def test_file_patterns_read_back_as_written(pattern: str, shown: str) -> None:
    assert parse_pattern(pattern).pattern == shown


def test_an_unreadable_file_pattern_is_a_configuration_error(adr, tmp_path: Path) -> None:
    _log(tmp_path / "doc" / "adr", {"0001-a.md": "A"})
    (tmp_path / "doc" / "adr" / ".adrledger.toml").write_text('file-pattern = "number then title"\n')
    result = adr("lint")
    assert result.code == 2 and "file-pattern: 'number then title' is not a file pattern" in result.err


def test_the_inferred_convention_of_a_real_looking_log() -> None:
    names = ["2021-06-05_001-keep-a-log.md", "2021-06-06_002-react.md", "2023-10-16_028_work_offline.md"]
    assert infer(names).pattern == "YYYY-MM-DD_NNN-slug.md"


@pytest.mark.parametrize(
    "name, title",
    [
        ("007-mesh-traffic-permission.md", "MeshTrafficPermission"),
        ("026-mesh-tcp-route.md", "MeshTCPRoute"),
        ("022-lb-policy.md", "Load balancing policy"),
        ("002-psat.md", "Support projected service account tokens"),
        ("adr-009-v6-ics27-msgserver.md", "ICS27 message server addition"),
        ("037-configure-all-gateways.md", "Configuring many gateways"),
        ("0033-s3-bucket-policy-hardening.md", "Tighten access to secrets (bucket policy)"),
        ("0005-frontend-toolchain-choice.md", "Use Create React App for the frontend"),  # topic, then the choice
    ],
)
def test_a_name_made_of_the_title_s_words_or_initials_matches_it(tmp_path: Path, name: str, title: str) -> None:
    folder = _log(tmp_path / "adr", {name: title})
    assert _rules(folder) == []


def test_a_name_from_another_decision_is_reported(tmp_path: Path) -> None:
    folder = _log(
        tmp_path / "adr",
        {
            "0001-record-decisions.md": "Record decisions",
            "0019-use-alpine-for-interactivity.md": "Generate the site with Eleventy",
        },
    )
    assert _rules(folder) == [
        "0019-use-alpine-for-interactivity.md:1: ADR208 file name "
        "'0019-use-alpine-for-interactivity.md' does not match the title "
        "'Generate the site with Eleventy'"
    ]


# ---- the rename is unsafe, and rewrites every link in the repository ---------------------------------


def _repository(tmp_path: Path) -> GitRepo:
    repo = GitRepo(tmp_path / "repo")
    names = {
        "0001-record-decisions.md": "Record decisions",
        "0002-use-postgres.md": "Use Postgres",
        "0003-cache-sessions.md": "Cache sessions",
        "0004_Trace_Requests.md": "Trace requests",
    }
    _log(repo.root / "docs" / "adr", names)
    (repo.root / "docs" / "adr" / "0002-use-postgres.md").write_text(
        NYGARD.format(n=2, title="Use Postgres") + "\nRequests are traced ([ADR 4](0004_Trace_Requests.md)).\n"
    )
    repo.write(
        "README.md",
        "# Service\n\nSee [tracing](docs/adr/0004_Trace_Requests.md#decision) and\n"
        "[the root-relative link](/docs/adr/0004_Trace_Requests.md).\n\n"
        "```\n[not a link](docs/adr/0004_Trace_Requests.md)\n```\n\n"
        "[ref]: ./docs/adr/0004_Trace_Requests.md\n",
    )
    repo.write("docs/operations/runbook.md", "Follow [the tracing decision](../adr/0004_Trace_Requests.md).\n")
    repo.write("build/out.md", "[ignored](../docs/adr/0004_Trace_Requests.md)\n")
    repo.write(".gitignore", "build/\n")
    repo.commit("a log")
    return repo


def test_a_rename_is_offered_as_an_unsafe_fix_only(adr, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    plain = adr("--dir", "docs/adr", "lint", "--diff", cwd=repo.root)
    assert "rename" not in plain.out and plain.err.startswith("Would fix 0 of")
    unsafe = adr("--dir", "docs/adr", "lint", "--diff", "--unsafe-fixes", cwd=repo.root)
    assert "rename from docs/adr/0004_Trace_Requests.md\nrename to docs/adr/0004-trace-requests.md" in unsafe.out
    assert "+See [tracing](docs/adr/0004-trace-requests.md#decision) and" in unsafe.out
    assert list((repo.root / "docs" / "adr").glob("0004*")) == [repo.root / "docs/adr/0004_Trace_Requests.md"]


def test_applying_the_rename_rewrites_links_from_the_whole_repository(adr, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    index = adr("--dir", "docs/adr", "index", "--write", "docs/adr/README.md", cwd=repo.root)
    assert index.code == 0, index.err
    result = adr("--dir", "docs/adr", "lint", "--select", "ADR207", "--fix", "--unsafe-fixes", cwd=repo.root)
    assert result.code == 0, result.out + result.err
    assert (repo.root / "docs/adr/0004-trace-requests.md").is_file()
    assert not (repo.root / "docs/adr/0004_Trace_Requests.md").exists()
    readme = (repo.root / "README.md").read_text()
    assert "[tracing](docs/adr/0004-trace-requests.md#decision)" in readme
    assert "(/docs/adr/0004-trace-requests.md)" in readme
    assert "[ref]: ./docs/adr/0004-trace-requests.md" in readme
    assert "[not a link](docs/adr/0004_Trace_Requests.md)" in readme  # code is left alone
    assert "(../adr/0004-trace-requests.md)" in (repo.root / "docs/operations/runbook.md").read_text()
    assert "(0004-trace-requests.md)" in (repo.root / "docs/adr/0002-use-postgres.md").read_text()
    assert "(0004-trace-requests.md)" in (repo.root / "docs/adr/README.md").read_text()  # the written index
    assert "0004_Trace_Requests" in (repo.root / "build/out.md").read_text()  # ignored by git: not ours
    assert adr("--dir", "docs/adr", "lint", "--select", "ADR404", cwd=repo.root).code == 0  # no broken link


def test_a_rename_killed_half_way_is_finished_by_the_next_command(adr, tmp_path: Path) -> None:
    repo = _repository(tmp_path)
    killed = adr.process(
        "--dir",
        "docs/adr",
        "lint",
        "--select",
        "ADR207",
        "--fix",
        "--unsafe-fixes",
        cwd=repo.root,
        env={"ADRLEDGER_FAULT": "after-first-rename"},
    )
    assert killed.code == 137
    assert (repo.root / "docs" / "adr" / ".adr-transaction.json").exists()
    reading = adr("--dir", "docs/adr", "list", cwd=repo.root)  # a command that reads only says so
    assert reading.code == 0 and "interrupted change is not finished" in reading.err
    assert adr("--dir", "docs/adr", "new", "Cache", "sessions", cwd=repo.root).code == 0  # one that writes finishes it
    assert (repo.root / "docs/adr/0004-trace-requests.md").is_file()
    assert "(docs/adr/0004-trace-requests.md#decision)" in (repo.root / "README.md").read_text()
    assert "(../adr/0004-trace-requests.md)" in (repo.root / "docs/operations/runbook.md").read_text()


def test_capitals_bind_only_when_the_file_pattern_states_the_case(tmp_path: Path) -> None:
    folder = _log(
        tmp_path / "adr",
        {
            "0001-keep-a-log.md": "Keep a log",
            "0002-pick-a-queue.md": "Pick a queue",
            "0003-cache-in-CDN.md": "Cache in CDN",
        },
    )
    assert _rules(folder) == []  # one acronym in capitals in a lower-case log is cosmetic
    (folder / ".adrledger.toml").write_text('file-pattern = "NNNN-slug"\n')
    assert [line.split(":", 1)[0] for line in _rules(folder)] == ["0003-cache-in-CDN.md"]
    (folder / ".adrledger.toml").write_text('file-pattern = "NNNN-Slug"\n')
    assert _rules(folder) == []
