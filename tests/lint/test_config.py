"""The [lint] settings: every mistake reported at once, with the file that holds it."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.config import load_config
from adrledger.errors import ConfigError


def settings(tmp_path: Path, text: str):
    (tmp_path / "docs" / "adr").mkdir(parents=True, exist_ok=True)
    (tmp_path / ".adrledger.toml").write_text('dir = "docs/adr"\n' + text, encoding="utf-8")
    return load_config(cwd=tmp_path).lint


def test_lint_settings_are_read(tmp_path: Path) -> None:
    lint = settings(
        tmp_path,
        """
[lint]
select = ["ADR6", "template-placeholder"]
ignore = "ADR302, ADR607"
severity = { adr601 = "warning", ADR210 = "off" }
per-file-ignores = { "docs/adr/0001-*.md" = ["ADR1"] }
fail-on = "error"
""",
    )
    assert lint.select == ("ADR6", "TEMPLATE-PLACEHOLDER")
    assert lint.ignore == ("ADR302", "ADR607")
    assert lint.severity == {"ADR601": "warning", "ADR210": "off"}
    assert lint.per_file_ignores == {"docs/adr/0001-*.md": ("ADR1",)}
    assert lint.fail_on == "error"


def test_defaults(tmp_path: Path) -> None:
    lint = settings(tmp_path, "")
    assert (lint.select, lint.ignore, lint.severity, lint.per_file_ignores, lint.fail_on) == ((), (), {}, {}, "warning")


def test_every_mistake_is_reported_at_once(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as caught:
        settings(
            tmp_path,
            """
[lint]
selects = ["ADR6"]
ignore = [1, 2]
severity = "loud"
per-file-ignores = { "*.md" = 3 }
fail-on = "never"
""",
        )
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / '.adrledger.toml'}: invalid configuration: ")
    for part in (
        "unknown lint setting: selects",
        "lint.ignore must be a list of rule codes or names",
        "lint.severity must be a table",
        "lint.per-file-ignores.*.md must be a list",
        "lint.fail-on = 'never' is not one of error, warning, info",
    ):
        assert part in message


def test_a_bad_severity_level(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"lint.severity.ADR601 = 'loud' is not one of error, warning, info, off"):
        settings(tmp_path, '[lint]\nseverity = { ADR601 = "loud" }\n')
