"""`adr lint --format gitlab`: GitLab's Code Quality report, in its documented shape, with stable fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
MIXED = Path(__file__).parent / "logs" / "mixed"
SCHEMA = ROOT / "tests" / "schemas" / "gitlab-code-quality.schema.json"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    shutil.copytree(MIXED, tmp_path / "docs" / "adr")
    return tmp_path


def report(adr, cwd: Path, env: dict[str, str] | None = None) -> list[dict[str, object]]:
    result = adr("lint", "--format", "gitlab", cwd=cwd, env=env)
    assert result.code in (0, 1), result.err
    issues: list[dict[str, object]] = json.loads(result.out)
    jsonschema.Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(issues)
    return issues


def by_fingerprint(issues: list[dict[str, object]]) -> dict[object, tuple[object, ...]]:
    return {i["fingerprint"]: (i["check_name"], i["location"]["path"]) for i in issues}  # type: ignore[index]


def test_report_follows_the_documented_shape(adr, mixed: Path) -> None:
    """Issue by issue, the report says what the JSON output (golden-tested) says, in GitLab's words."""
    issues = report(adr, mixed)
    text = adr("lint", "--format", "json", cwd=mixed).out
    diagnostics = json.loads(text)
    assert len(issues) == len(diagnostics) == 6
    for issue, diagnostic in zip(issues, diagnostics):
        assert issue["check_name"] == diagnostic["code"]
        assert diagnostic["message"] in issue["description"] and diagnostic["code"] in issue["description"]
        assert issue["location"] == {"path": diagnostic["path"], "lines": {"begin": max(diagnostic["line"], 1)}}
    severities = {issue["check_name"]: issue["severity"] for issue in issues}
    assert severities["ADR601"] == "major" and severities["ADR606"] == "minor"
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)  # GitLab shows one issue per fingerprint


def test_fingerprints_survive_reruns_shifted_lines_and_the_passing_days(adr, mixed: Path) -> None:
    june = {"ADR_DATE": "2024-06-30"}  # the proposal of 2024-04-20 is stale (ADR502), 71 days old
    first = by_fingerprint(report(adr, mixed, env=june))
    assert ("ADR502", "docs/adr/0003-cache-sessions.md") in first.values()
    assert by_fingerprint(report(adr, mixed, env=june)) == first  # the second run reads the lint cache
    record = mixed / "docs" / "adr" / "0003-cache-sessions.md"
    text = record.read_text(encoding="utf-8")
    record.write_text(
        text.replace("## Context\n", "## Context\n\nA paragraph added above every finding.\n"), encoding="utf-8"
    )
    later = report(adr, mixed, env={"ADR_DATE": "2024-09-30"})  # ADR502's message now says 163 days
    assert by_fingerprint(later) == first


def test_paths_start_at_the_project_directory_gitlab_names(adr, mixed: Path) -> None:
    issues = report(adr, mixed / "docs", env={"CI_PROJECT_DIR": str(mixed)})
    assert {i["location"]["path"] for i in issues} == {  # type: ignore[index]
        "docs/adr/0002-use-kafka.md",
        "docs/adr/0003-cache-sessions.md",
        "docs/adr/4_Use_gRPC.md",
    }


def test_a_clean_log_gives_an_empty_report(adr, tmp_path: Path) -> None:
    (tmp_path / "docs" / "adr").mkdir(parents=True)
    assert report(adr, tmp_path) == []
