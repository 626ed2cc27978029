"""The styles package is the one place that knows what a style means (issue 15, ADR "One module per style").

Everything else asks the `Style` object; these tests fail on a branch on a style's name anywhere else,
and check that each registered style is complete and that importing the registry stays cheap.
"""

from __future__ import annotations

import re
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import pytest

from adrledger.errors import UsageError
from adrledger.styles import FALLBACK, STYLE_NAMES, STYLES, get_style

SOURCE = Path(__file__).resolve().parent.parent / "src" / "adrledger"
# Names that are only style names (table, drivers and the like are also section keys or status sources).
_ONLY_STYLE_NAMES = "|".join(re.escape(name) for name in STYLE_NAMES if name not in ("table", "drivers"))
_BRANCHES = (
    re.compile(r"\bstyle\s*(?:==|!=)"),  # record.style == "madr", style != "nygard"
    re.compile(r"\bstyle\s+(?:not\s+)?in\s*[(\[{]"),  # style in ("full", "drivers")
    re.compile(rf"""(?:==|!=)\s*["'](?:{_ONLY_STYLE_NAMES})["']"""),  # chosen == "nygard"
    re.compile(rf"""["'](?:{_ONLY_STYLE_NAMES})["']\s*(?:==|!=|in\b)"""),
)


def _branches_outside_styles() -> list[str]:
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if "styles" in path.relative_to(SOURCE).parts:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
            code = line.split("#", 1)[0]
            if any(pattern.search(code) for pattern in _BRANCHES):
                found.append(f"{path.relative_to(SOURCE)}:{number}: {line.strip()}")
    return found


def test_no_branch_on_a_style_name_outside_the_styles_package() -> None:
    assert _branches_outside_styles() == []


def test_the_grep_catches_the_branches_it_is_meant_to(tmp_path: Path) -> None:
    # The patterns themselves: each of these lines was in the code before the styles package.
    lines = [
        'if style == "nygard":',
        "if record.style == style:",
        'if self.style in ("full", "drivers"):',
        'if chosen != "nygard" and config.source is None:',
        "separator = ':**' if style == 'table' else ''",
    ]
    assert all(any(p.search(line) for p in _BRANCHES) for line in lines)
    assert not any(p.search('if record.status_source == "table":') for p in _BRANCHES)


@pytest.mark.parametrize("name", STYLE_NAMES)
def test_every_style_is_complete(name: str) -> None:
    style = STYLES[name]
    assert style.name == name and style.summary
    assert set(style.required) <= style.slot_keys() | {"status"}
    template = files("adrledger").joinpath(f"templates/{style.template_file}")
    assert template.is_file()
    if style.init_template:
        assert files("adrledger").joinpath(f"templates/{style.init_template}").is_file()
    assert style.consequence_title("positive") and style.section_name("context")


def test_an_unknown_style_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown style 'rfc': choose one of nygard, madr"):
        get_style("rfc")
    assert FALLBACK in STYLES


def test_the_neutral_title_of_the_full_style_lives_in_one_place() -> None:
    mentions = [
        path.relative_to(SOURCE).as_posix()
        for path in SOURCE.rglob("*.py")
        if "Neutral / Notes" in path.read_text(encoding="utf-8")
    ]
    assert mentions == ["styles/full.py"]


def test_importing_the_registry_imports_no_parser_writer_or_renderer() -> None:
    code = "import sys, adrledger.styles; print(' '.join(sorted(sys.modules)))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    heavy = [
        m
        for m in loaded
        if m.startswith(
            (
                "adrledger.parse",
                "adrledger.writers",
                "adrledger.render",
                "adrledger.model",
                "adrledger.styles.",
                "yaml",
                "click",
            )
        )
    ]
    assert heavy == []  # the style modules themselves load on first use: the CLI needs only the names


def test_the_names_are_the_modules_in_order() -> None:
    assert list(STYLES) == list(STYLE_NAMES)
    assert sorted(p.stem for p in (SOURCE / "styles").glob("[!_]*.py")) == sorted(
        name.replace("-", "_") for name in STYLE_NAMES
    )
