"""`adr lint --fix`, `--unsafe-fixes` and `--diff`: what is written, in which style, and never half of it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from adrledger.errors import AdrError
from adrledger.lint.fixes import apply_plan, plan_fixes
from adrledger.parse import parse_file

MIXED = Path(__file__).parent / "logs" / "mixed"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(MIXED, tmp_path / "docs" / "adr")
    return tmp_path


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def codes(adr, cwd: Path, *args: str) -> list[str]:
    return [d["code"] for d in json.loads(adr("lint", "--format", "json", *args, cwd=cwd).out)]


def test_diff_shows_the_fixes_and_writes_nothing(adr, project: Path) -> None:
    before = snapshot(project)
    result = adr("lint", "--diff", cwd=project)
    assert result.code == 1
    assert "--- a/docs/adr/0001-use-rabbitmq.md\n+++ b/docs/adr/0001-use-rabbitmq.md\n" in result.out
    assert "-Accepted\n+Superseded by [2. Use Kafka](0002-use-kafka.md)\n" in result.out
    assert "-| **Total** | | 8.7 | 7.4 |\n+| **Total** | | 9.4 | 7.3 |\n" in result.out
    assert "rename" not in result.out  # renaming a file is never a safe fix
    assert result.err == "Would fix 3 of 6 problems.\n"
    unsafe = adr("lint", "--diff", "--unsafe-fixes", cwd=project)
    assert "rename from docs/adr/4_Use_gRPC.md\nrename to docs/adr/0004-use-grpc.md\n" in unsafe.out
    assert unsafe.err == "Would fix 4 of 6 problems.\n"
    assert snapshot(project) == before


def test_diff_of_a_clean_log_is_empty(adr, tmp_path: Path) -> None:
    adr("init")
    result = adr("lint", "--diff")
    assert (result.code, result.out) == (0, "")


def test_fix_applies_the_safe_fixes_and_reports_what_is_left(adr, project: Path) -> None:
    log = project / "docs" / "adr"
    (log / "0005-link-to-grpc.md").write_text(
        "# 5. Link to gRPC\n\nDate: 2024-04-23\n\n## Status\n\nAccepted\n\n## Context\n\n"
        "See [ADR 4](4_Use_gRPC.md) and [its context](./4_Use_gRPC.md#context).\n\n"
        "## Decision\n\nNone.\n\n## Consequences\n\nNone.\n",
        encoding="utf-8",
    )
    result = adr("lint", "--fix", "--format", "json", cwd=project)
    assert result.err == "Fixed 3 problems.\n"
    assert [d["code"] for d in json.loads(result.out)] == ["ADR606", "ADR602", "ADR207"]
    assert result.code == 1
    assert (log / "4_Use_gRPC.md").exists()  # the rename is unsafe: not applied by --fix
    renamed = adr("lint", "--fix", "--unsafe-fixes", "--select", "ADR207", cwd=project)
    assert renamed.err == "Fixed 1 problem.\n"
    assert not (log / "4_Use_gRPC.md").exists()
    assert (log / "0005-link-to-grpc.md").read_text(encoding="utf-8").count("0004-use-grpc.md") == 2
    assert "./0004-use-grpc.md#context" in (log / "0005-link-to-grpc.md").read_text(encoding="utf-8")
    (old,) = parse_file(log / "0001-use-rabbitmq.md", log)
    assert (old.status, old.superseded_by) == ("superseded", (2,))
    assert "| **Total** | | 9.4 | 7.3 |\n" in (log / "0003-cache-sessions.md").read_text(encoding="utf-8")


def test_matrix_totals_on_an_accepted_record_need_unsafe_fixes(adr, project: Path) -> None:
    record = project / "docs" / "adr" / "0003-cache-sessions.md"
    record.write_text(record.read_text(encoding="utf-8").replace("Proposed", "Accepted"), encoding="utf-8")
    listing = adr("lint", "--select", "ADR601", cwd=project).out
    assert "[*]" not in listing and listing.endswith("\n2 fixable with `adr lint --fix --unsafe-fixes`.\n")
    adr("lint", "--fix", "--select", "ADR601", cwd=project)
    assert "8.7 | 7.4" in record.read_text(encoding="utf-8")
    assert "8.7" not in adr("lint", "--diff", "--unsafe-fixes", "--select", "ADR601", cwd=project).out.split("+|")[1]
    result = adr("lint", "--fix", "--unsafe-fixes", "--select", "ADR601", cwd=project)
    assert result.code == 0 and "| **Total** | | 9.4 | 7.3 |" in record.read_text(encoding="utf-8")


def test_heading_number_fix_is_unsafe(adr, tmp_path: Path) -> None:
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    (log / "0013-use-kafka.md").write_text("# ADR-012: Use Kafka\n\n**Status:** Accepted\n", encoding="utf-8")
    adr("lint", "--fix", "--select", "ADR209")
    assert (log / "0013-use-kafka.md").read_text(encoding="utf-8").startswith("# ADR-012:")
    adr("lint", "--fix", "--unsafe-fixes", "--select", "ADR209")
    assert (log / "0013-use-kafka.md").read_text(encoding="utf-8").startswith("# ADR-013: Use Kafka\n")


MIRROR_CASES = {
    "bold status line": (
        "# ADR-001: Use MySQL\n\n**Status:** Accepted\n\n**Date:** 2024-01-10\n\n## Context\n\nx\n",
        "# ADR-002: Use PostgreSQL\n\n**Status:** Accepted\n\n## Related Decisions\n\n"
        "- Supersedes [ADR-001](0001-use-mysql.md)\n",
        "**Status:** Superseded by [ADR-0002](0002-use-postgresql.md)\n",
    ),
    "front matter status": (
        "---\nstatus: accepted\ndate: 2024-01-10\n---\n\n# Use MySQL\n\n## Context and Problem Statement\n\nx\n",
        "---\nstatus: accepted\nsupersedes: ADR-0001\n---\n\n# Use PostgreSQL\n",
        "status: superseded by [ADR-0002](0002-use-postgresql.md)\n",
    ),
    "supersedes added to a related section": (
        "# ADR-001: Use MySQL\n\n**Status:** Superseded by [ADR-0002](0002-use-postgresql.md)\n",
        "# ADR-002: Use PostgreSQL\n\n**Status:** Accepted\n\n## Related\n\n* [Design notes](https://example.com)\n\n"
        "## Notes\n\nNone.\n",
        "* [Design notes](https://example.com)\n* **Supersedes:** [ADR-0001: Use MySQL](0001-use-mysql.md)\n\n## Notes",
    ),
    "supersedes added in a new Related Decisions section": (
        "# ADR-001: Use MySQL\n\n**Status:** Superseded by [ADR-0002](0002-use-postgresql.md)\n",
        "# ADR-002: Use PostgreSQL\n\n**Status:** Accepted\n**Date:** 2024-01-10\n",
        "**Date:** 2024-01-10\n\n## Related Decisions\n\n- Supersedes [ADR-0001: Use MySQL](0001-use-mysql.md)\n",
    ),
    "amended-by added to MADR's More Information": (
        "---\nstatus: accepted\n---\n\n# Use MySQL\n",
        "# ADR-002: Tune MySQL\n\n**Status:** Accepted\n\n**Amends:** [ADR-0001](0001-use-mysql.md)\n",
        "# Use MySQL\n\n## More Information\n\n* Amended by [ADR-0002](0002-tune-mysql.md)\n",
    ),
}


@pytest.mark.parametrize("name", list(MIRROR_CASES))
def test_mirror_fix_writes_the_other_side_in_its_style(adr, tmp_path: Path, name: str) -> None:
    first, second, expected = MIRROR_CASES[name]
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    second_name = "0002-tune-mysql.md" if "Tune" in second else "0002-use-postgresql.md"
    (log / "0001-use-mysql.md").write_text(first, encoding="utf-8")
    (log / second_name).write_text(second, encoding="utf-8")
    assert codes(adr, tmp_path, "--select", "ADR402") == ["ADR402"]
    result = adr("lint", "--fix", "--select", "ADR402")
    assert result.code == 0, result.out
    changed = "\n".join(p.read_text(encoding="utf-8") for p in sorted(log.iterdir()))
    assert expected in changed


def test_mirror_fix_is_not_offered_when_another_successor_is_named(adr, tmp_path: Path) -> None:
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    nygard = "# {n}. {t}\n\nDate: 2024-01-10\n\n## Status\n\n{s}\n\n## Context\n\nx\n"
    (log / "0001-use-mysql.md").write_text(nygard.format(n=1, t="Use MySQL", s="Accepted"), encoding="utf-8")
    for number, title in ((2, "Use PostgreSQL"), (3, "Use SQLite")):
        status = "Accepted\n\nSupersedes [1. Use MySQL](0001-use-mysql.md)"
        (log / f"000{number}-{title.lower().replace(' ', '-')}.md").write_text(
            nygard.format(n=number, t=title, s=status), encoding="utf-8"
        )
    result = adr("lint", "--fix", "--select", "ADR402", "--format", "json")
    assert result.err == "Fixed 1 problem.\n"  # the second fix would overwrite the first successor
    (remaining,) = json.loads(result.out)
    assert remaining["path"] == "docs/adr/0003-use-sqlite.md" and not remaining["fixable"]
    assert "Superseded by [2. Use PostgreSQL](0002-use-postgresql.md)" in (log / "0001-use-mysql.md").read_text()


def test_fix_keeps_encoding_line_endings_and_other_lines(adr, tmp_path: Path) -> None:
    log = tmp_path / "docs" / "adr"
    log.mkdir(parents=True)
    old = (
        "\ufeff# 1. Use MySQL â€” fast\r\n\r\nDate: 2024-01-10\r\n\r\n## Status\r\n\r\nAccepted\r\n\r\n"
        "## Context\r\n\r\nCafé\r\n"
    )
    (log / "0001-use-mysql.md").write_bytes(old.encode("utf-8"))
    (log / "0002-use-postgresql.md").write_text(
        "# 2. Use PostgreSQL\n\nDate: 2024-01-11\n\n## Status\n\nAccepted\n\n"
        "Supersedes [1. Use MySQL](0001-use-mysql.md)\n",
        encoding="utf-8",
    )
    adr("lint", "--fix", "--select", "ADR402")
    expected = old.replace("\r\nAccepted\r\n", "\r\nSuperseded by [2. Use PostgreSQL](0002-use-postgresql.md)\r\n")
    assert (log / "0001-use-mysql.md").read_bytes() == expected.encode("utf-8")


def _plan_for(project: Path):
    from adrledger.lint.runner import LintOptions, lint_targets
    from adrledger.lint.targets import collect_targets
    from adrledger.log import DecisionLog

    log = DecisionLog.discover(None, project)
    diagnostics = lint_targets(collect_targets([], lambda: log, project), LintOptions(cache=False, cwd=project))
    return plan_fixes(diagnostics, unsafe=True)


def test_nothing_is_written_when_a_file_changed_after_planning(project: Path) -> None:
    plan = _plan_for(project)
    before = snapshot(project)
    record = project / "docs" / "adr" / "0003-cache-sessions.md"
    record.write_text(record.read_text(encoding="utf-8") + "\nEdited meanwhile.\n", encoding="utf-8")
    edited = snapshot(project)
    with pytest.raises(AdrError, match="changed while fixing"):
        apply_plan(plan)
    assert snapshot(project) == edited != before


def test_a_failure_midway_restores_every_file(project: Path) -> None:
    plan = _plan_for(project)
    before = snapshot(project)
    (project / "docs" / "adr" / "0004-use-grpc.md").write_text("in the way\n", encoding="utf-8")
    with pytest.raises(AdrError, match="nothing was changed"):
        apply_plan(plan)
    after = snapshot(project)
    del after["docs/adr/0004-use-grpc.md"]
    assert after == before
