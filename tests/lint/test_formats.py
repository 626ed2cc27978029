"""One diagnostic list, four formats: text, json (its schema), github annotations, SARIF 2.1.0 (the official schema)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
import pytest

from golden import updating

ROOT = Path(__file__).resolve().parents[2]
MIXED = Path(__file__).parent / "logs" / "mixed"
GOLDEN = ROOT / "tests" / "golden" / "lint"
SARIF_SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
DIAGNOSTICS_SCHEMA = ROOT / "src" / "adrledger" / "schema" / "diagnostics.schema.json"


@pytest.fixture
def mixed(tmp_path: Path) -> Path:
    target = tmp_path / "docs" / "adr"
    shutil.copytree(MIXED, target)
    return tmp_path


def golden(name: str, text: str) -> str:
    path = GOLDEN / name
    if updating():
        path.write_text(text, encoding="utf-8")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, name", [("text", "mixed.txt"), ("json", "mixed.json"), ("github", "mixed.github")])
def test_format_matches_golden_file(adr, mixed: Path, fmt: str, name: str) -> None:
    result = adr("lint", "--format", fmt, cwd=mixed)
    assert result.code == 1, result.err
    assert result.out == golden(name, result.out)


def test_json_output_follows_its_schema_and_the_contract(adr, mixed: Path) -> None:
    result = adr("lint", "--format", "json", cwd=mixed)
    diagnostics = json.loads(result.out)
    schema = json.loads(DIAGNOSTICS_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema).validate(diagnostics)
    assert {"code", "severity", "path", "line", "message", "fixable"} <= set(diagnostics[0])
    assert [d["path"] for d in diagnostics] == sorted(d["path"] for d in diagnostics)
    assert all(d["path"].startswith("docs/adr/") for d in diagnostics)
    fixable = {d["code"] for d in diagnostics if d["fixable"]}
    assert fixable == {"ADR402", "ADR601", "ADR207"}


def test_json_is_an_empty_array_when_clean(adr, tmp_path: Path) -> None:
    (tmp_path / "docs" / "adr").mkdir(parents=True)
    result = adr("lint", "--format", "json", cwd=tmp_path)
    assert (result.code, json.loads(result.out)) == (0, [])


def test_sarif_validates_against_the_official_schema(adr, mixed: Path) -> None:
    result = adr("lint", "--format", "sarif", cwd=mixed)
    log = json.loads(result.out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert log["version"] == "2.1.0" and len(rules) == len(json.loads(adr("rules", "--format", "json").out))
    results = run["results"]
    assert len(results) == 6
    for item in results:
        assert rules[item["ruleIndex"]]["id"] == item["ruleId"]
        location = item["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "SRCROOT"
        assert location["artifactLocation"]["uri"].startswith("docs/adr/")
    levels = {item["ruleId"]: item["level"] for item in results}
    assert levels["ADR601"] == "error" and levels["ADR606"] == "warning"
    total = next(item for item in results if item["ruleId"] == "ADR601")
    (change,) = total["fixes"][0]["artifactChanges"]
    assert change["replacements"][0]["insertedContent"]["text"] == "| **Total** | | 9.4 | 7.3 |"
    rename = next(item for item in results if item["ruleId"] == "ADR207")
    assert "fixes" not in rename  # a rename has no SARIF form
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == mixed.resolve().as_uri() + "/"


def test_sarif_is_valid_with_no_results(adr, tmp_path: Path) -> None:
    (tmp_path / "docs" / "adr").mkdir(parents=True)
    log = json.loads(adr("lint", "--format", "sarif", cwd=tmp_path).out)
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    assert log["runs"][0]["results"] == []


def test_github_annotations_escape_their_data() -> None:
    from adrledger.lint.diagnostics import Diagnostic
    from adrledger.lint.formats import to_github

    item = Diagnostic("ADR602", "info", "docs/adr/a,b:c.md", 3, "weights add up to 90 %\nnot 100 %", column=2)
    assert to_github([item]) == (
        "::notice file=docs/adr/a%2Cb%3Ac.md,line=3,col=2,"
        "title=ADR602 (matrix-weights-not-100)::weights add up to 90 %25%0Anot 100 %25\n"
    )


def test_output_file(adr, mixed: Path) -> None:
    result = adr("lint", "--format", "sarif", "--output", "lint.sarif", cwd=mixed)
    assert result.code == 1 and result.out == ""
    assert json.loads((mixed / "lint.sarif").read_text(encoding="utf-8"))["version"] == "2.1.0"
