"""`adr lint`, `adr rule`, `adr rules` through the real entry point: exit codes, selection, configuration."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from adrledger.lint.registry import load_all

MIXED = Path(__file__).parent / "logs" / "mixed"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MIXED, tmp_path / "docs" / "adr")
    return tmp_path


def codes(out: str) -> list[str]:
    return [item["code"] for item in json.loads(out)]


def test_clean_log_exits_0(adr, tmp_path: Path) -> None:
    adr("init")
    result = adr("lint")
    assert (result.code, result.out) == (0, "All checks passed.\n")


def test_problems_exit_1_and_name_file_and_line(adr, project: Path) -> None:
    result = adr("lint", cwd=project)
    assert result.code == 1
    assert "docs/adr/0003-cache-sessions.md:44:16: ADR601 error: total for 'Redis' is 8.7" in result.out


@pytest.mark.parametrize(
    "args, code",
    [
        (("--fail-on", "error", "--ignore", "ADR601"), 0),
        (("--fail-on", "error"), 1),
        (("--exit-zero",), 0),
        (("--select", "ADR101", "--fail-on", "warning"), 1),
        (("--select", "ADR101", "--fail-on", "error"), 0),
    ],
)
def test_failing_severity(adr, project: Path, args: tuple[str, ...], code: int) -> None:
    assert adr("lint", *args, cwd=project).code == code


@pytest.mark.parametrize(
    "args, message",
    [
        (("--select", "ADR999"), "Error: --select: 'ADR999' matches no rule (see `adr rules`)"),
        (("--ignore", "no-such-rule"), "Error: --ignore: 'no-such-rule' matches no rule (see `adr rules`)"),
        (("missing.md",), "Error: missing.md: no such file or directory"),
    ],
)
def test_usage_errors_exit_2_with_one_line(adr, project: Path, args: tuple[str, ...], message: str) -> None:
    result = adr("lint", *args, cwd=project)
    assert result.code == 2 and result.err.strip() == message and result.out == ""


def test_unknown_format_is_a_usage_error(adr, project: Path) -> None:
    assert adr("lint", "--format", "xml", cwd=project).code == 2


def test_select_and_ignore_take_codes_prefixes_and_names(adr, project: Path) -> None:
    by_prefix = codes(adr("lint", "--format", "json", "--select", "ADR6", cwd=project).out)
    assert set(by_prefix) == {"ADR601", "ADR602", "ADR606"}
    by_name = codes(adr("lint", "--format", "json", "--select", "file-name-format,ADR402", cwd=project).out)
    assert by_name == ["ADR402", "ADR207"]
    ignored = codes(adr("lint", "--format", "json", "--ignore", "ADR6", "--ignore", "ADR1", cwd=project).out)
    assert set(ignored) == {"ADR402", "ADR207"}


def test_configuration_in_pyproject(adr, project: Path) -> None:
    (project / "pyproject.toml").write_text(
        """
[tool.adrledger]
dir = "docs/adr"

[tool.adrledger.lint]
ignore = ["ADR1"]
severity = { ADR601 = "warning", ADR606 = "off" }
per-file-ignores = { "docs/adr/4_*.md" = ["ADR207"], "0002-*.md" = ["relation-not-mirrored"] }
fail-on = "error"
""",
        encoding="utf-8",
    )
    result = adr("lint", "--format", "json", cwd=project)
    found = json.loads(result.out)
    assert [(d["code"], d["severity"]) for d in found] == [
        ("ADR602", "warning"),
        ("ADR601", "warning"),
        ("ADR601", "warning"),
    ]
    assert result.code == 0  # nothing at or above "error" is left


def test_configuration_in_the_logs_own_file(adr, project: Path) -> None:
    (project / "docs" / "adr" / ".adrledger.toml").write_text('[lint]\nselect = ["ADR601"]\n', encoding="utf-8")
    assert set(codes(adr("lint", "--format", "json", cwd=project).out)) == {"ADR601"}


def test_invalid_lint_configuration_names_the_file(adr, project: Path) -> None:
    (project / ".adrledger.toml").write_text('dir = "docs/adr"\n[lint]\nselect = ["ADR9"]\n', encoding="utf-8")
    result = adr("lint", cwd=project)
    assert result.code == 2
    assert result.err.strip() == (
        f"Error: {project / '.adrledger.toml'}: lint.select: 'ADR9' matches no rule (see `adr rules`)"
    )


def test_inline_suppression(adr, project: Path) -> None:
    record = project / "docs" / "adr" / "0003-cache-sessions.md"
    text = record.read_text(encoding="utf-8")
    text = text.replace("## Decision Matrix", "<!-- adr-lint: disable=ADR601,weights -->\n## Decision Matrix")
    text = text.replace("| Cache outage |", "<!-- adr-lint: disable-next-line=ADR606 -->\n| Cache outage |")
    record.write_text(text, encoding="utf-8")
    found = codes(adr("lint", "--format", "json", "--select", "ADR6", cwd=project).out)
    assert found == ["ADR602"]  # "weights" is no code or name: only ADR601 and the next line's ADR606 are silenced


def test_files_inside_the_log_are_checked_against_the_whole_log(adr, project: Path) -> None:
    (project / "docs" / "adr" / "README.md").write_text("# Decisions\n\n[Decision Title]\n", encoding="utf-8")
    result = adr("lint", "--format", "json", "docs/adr/0002-use-kafka.md", "docs/adr/README.md", cwd=project)
    found = json.loads(result.out)
    assert [(d["code"], d["path"]) for d in found] == [("ADR402", "docs/adr/0002-use-kafka.md")]


def test_loose_files_of_any_extension(adr, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("# ADR-XXX: [Decision Title]\n\n**Status:** Accepted\n", encoding="utf-8")
    result = adr("lint", "--format", "json", "--select", "ADR103", "notes.txt")
    assert [(d["path"], d["line"], d["code"]) for d in json.loads(result.out)] == [("notes.txt", 1, "ADR103")]


def test_a_folder_is_linted_as_a_log(adr, project: Path, tmp_path: Path) -> None:
    result = adr("lint", "--format", "json", "--select", "ADR601", str(project / "docs" / "adr"), cwd=tmp_path.parent)
    assert {d["code"] for d in json.loads(result.out)} == {"ADR601"}


def test_no_log_is_a_usage_error(adr, tmp_path: Path) -> None:
    result = adr("lint")
    assert result.code == 2 and "does not exist" in result.err


@pytest.mark.parametrize("code", list(load_all()))
def test_rule_prints_documentation_for_every_rule(code: str, capsys: pytest.CaptureFixture[str]) -> None:
    from adrledger.cli import main

    assert main(["rule", code]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {code} {load_all()[code].name}\n")
    for heading in ("What it does", "Why it matters", "Example", "How to fix", "Fix safety"):
        assert out.count(f"\n## {heading}\n") == 1


def test_rule_by_name_through_the_command(adr) -> None:
    result = adr("rule", "matrix-total-mismatch")
    assert result.code == 0 and result.out.startswith("# ADR601 matrix-total-mismatch\n")


def test_unknown_rule(adr) -> None:
    result = adr("rule", "ADR999")
    assert result.code == 2 and result.err.strip() == "Error: unknown rule 'ADR999' (see `adr rules`)"


def test_rules_lists_the_catalogue(adr) -> None:
    lines = adr("rules").out.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
    assert [line.split()[0] for line in lines[1:]] == list(load_all())


def test_rules_page_is_up_to_date(adr) -> None:
    page = ROOT / "docs" / "rules.md"
    assert page.read_text(encoding="utf-8") == adr("rules", "--format", "markdown").out, (
        "docs/rules.md is stale: run `adr rules --format markdown > docs/rules.md`"
    )


def test_every_configured_log_is_linted(adr, tmp_path: Path) -> None:
    for package in ("billing", "shipping"):
        folder = tmp_path / "services" / package / "docs" / "adr"
        folder.mkdir(parents=True)
        (folder / "0001-use-postgresql.md").write_text(
            "# 1. Use PostgreSQL\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\n"
            "y\n\n## Consequences\n\nz\n",
            encoding="utf-8",
        )
    (tmp_path / "services" / "billing" / "docs" / "adr" / "0003-use-kafka.md").write_text(
        "# 3. Use Kafka\n\nDate: 2024-01-10\n\n## Status\n\nAccepted\n\n## Context\n\nx\n\n## Decision\n\ny\n\n"
        "## Consequences\n\nz\n",
        encoding="utf-8",
    )
    (tmp_path / ".adrledger.toml").write_text(
        '[[logs]]\nname = "billing"\npath = "services/billing/docs/adr"\n\n'
        '[[logs]]\nname = "shipping"\npath = "services/shipping/docs/adr"\n',
        encoding="utf-8",
    )
    found = json.loads(adr("lint", "--extend-select", "ADR302", "--format", "json").out)
    # number 1 in both packages is no duplicate; the gap is billing's own
    assert [(d["code"], d["path"]) for d in found] == [("ADR302", "services/billing/docs/adr/0003-use-kafka.md")]
