"""Acceptance: lint finds the seeds' own mistakes (file, line and code), and nothing on the example log."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES, seed_path


def diagnostics(adr, *args: str, cwd: Path | None = None) -> list[dict[str, object]]:
    result = adr("lint", "--format", "json", *args, cwd=cwd)
    assert result.code in (0, 1), result.err
    return json.loads(result.out)


def test_seed_003_wrong_matrix_totals(adr) -> None:
    seed = seed_path("003")
    found = [d for d in diagnostics(adr, str(seed)) if d["code"] == "ADR601"]
    # Exact decimals: 8 of the 9 totals are wrong. (Binary floating point finds 7: round(8.85, 1) == 8.8.)
    wrong = {d["message"].split("'")[1]: d for d in found}
    assert sorted(wrong) == sorted(
        ["PostgreSQL", "MySQL", "CockroachDB", "Redis", "Memcached", "Hazelcast", "ClickHouse", "InfluxDB"]
    )
    assert "TimescaleDB" not in wrong
    assert all((d["path"], d["line"], d["severity"]) == (str(seed), 193, "error") for d in found)
    assert wrong["Redis"]["message"].startswith(
        "total for 'Redis' is 8.8 but the weighted sum of its scores is 8.85 (8.9 at one decimal)"
    )
    assert wrong["PostgreSQL"]["column"] == 27
    assert all("the stated totals are unweighted means: were the weights ignored?" in d["message"] for d in found)
    assert all(d["fixable"] and d["fix"]["applicability"] == "unsafe" for d in found)  # the record is accepted


def test_seed_001_reference_with_another_records_title(adr) -> None:
    seed = seed_path("001")
    (mismatch,) = [d for d in diagnostics(adr, str(seed)) if d["code"] == "ADR405"]
    assert (mismatch["path"], mismatch["line"]) == (str(seed), 240)
    assert mismatch["message"] == (
        "reference 'ADR-3: Authorization Model (RBAC)' names record 3 whose title is "
        "'Redis Pub/Sub for Internal Events'"
    )


def test_seed_001_tolerates_a_remark_in_parentheses(adr) -> None:
    from adrledger.lint.titles import titles_match

    assert titles_match("Caching Strategy (addresses read scaling)", "Caching Strategy")
    assert not titles_match("Authorization Model (RBAC)", "Redis Pub/Sub for Internal Events")


def test_template_placeholders(adr) -> None:
    expected = {
        "000": {(1, "'ADR-XXX', '[Decision Title]'"), (5, "'YYYY-MM-DD'"), (42, "'[Name]'")},
        "001": {(8, "'ADR-[XXX]', '[Short Title]'"), (10, "'[YYYY-MM-DD]'"), (32, "'[Name]'"), (370, "'YYYY-MM-DD'")},
        "002": {
            (1, "'ADR-[NNNN]', '[Short Title in Title Case]'"),
            (3, "'[YYYY-MM-DD]'"),
            (37, "'[Option 1]', '[List pros]', '[List cons]', '[Reason]'"),
        },
    }
    for prefix, wanted in expected.items():
        seed = seed_path(prefix)
        reported = [d for d in diagnostics(adr, str(seed)) if d["code"] == "ADR103"]  # the default rules find them
        assert {d["path"] for d in reported} == {str(seed)}
        found = {(d["line"], str(d["message"]).removeprefix("template placeholder left: ")) for d in reported}
        assert wanted <= found, (prefix, sorted(found))


def test_placeholders_are_not_reported_in_real_records(adr) -> None:
    seed = seed_path("001")
    found = [d["line"] for d in diagnostics(adr, "--select", "ADR103", str(seed))]
    assert all(line < 85 or line >= 368 for line in found)  # ADR-001..003 (lines 85-333) are filled in


def test_the_example_log_is_clean(adr) -> None:
    assert EXAMPLES.is_dir()
    result = adr("--dir", str(EXAMPLES), "lint", "--select", "ALL", env={"ADR_DATE": "2026-11-23"})
    assert (result.code, result.out) == (0, "All checks passed.\n"), result.out
