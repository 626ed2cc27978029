"""The pre-commit hook definition works with the files pre-commit would pass."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def hooks() -> dict[str, dict[str, object]]:
    data = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    return {hook["id"]: hook for hook in data}


def test_hook_definitions() -> None:
    defined = hooks()
    assert set(defined) == {"adr-lint", "adr-lint-fix"}
    for hook in defined.values():
        assert {"id", "name", "entry", "language", "files"} <= set(hook)
        assert hook["language"] == "python" and str(hook["entry"]).startswith("adr lint")
    assert defined["adr-lint-fix"]["entry"] == "adr lint --fix"


def test_hook_scope() -> None:
    pattern = re.compile(str(hooks()["adr-lint"]["files"]))
    for path in (
        "docs/adr/0001-use-x.md",
        "doc/adr/0002-y.md",
        "docs/decisions/0003-z.md",
        "architecture/decisions/0004-w.md",
        "doc/architecture/decisions/0005-v.md",
    ):
        assert pattern.search(path), path
    for path in ("README.md", "src/docs/adr.md", "notes/adr/0001-x.md"):
        assert not pattern.search(path), path


def test_hook_command_on_the_files_pre_commit_passes(adr, tmp_path: Path) -> None:
    adr("init")
    (tmp_path / "doc" / "adr" / "README.md").write_text("# Our decisions\n\n[Decision Title]\n", encoding="utf-8")
    result = adr(
        *str(hooks()["adr-lint"]["entry"]).split()[1:],
        "doc/adr/0001-record-architecture-decisions.md",
        "doc/adr/README.md",
    )
    assert (result.code, result.out) == (0, "All checks passed.\n")
