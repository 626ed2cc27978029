"""The same scripted sessions run with adr-tools 3.0 (/usr/bin/adr) and with `adr`: trees and output
must be identical byte for byte. Skipped where adr-tools is not installed (CI installs the Debian
package adr-tools).

Debian's package writes "Supersedes" / "Superseded by" where adr-tools as published writes
"Supercedes" / "Superceded by" (adrledger's default for a new log): each twin folder holds an
.adrledger.toml choosing Debian's spelling, which adr-tools ignores."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import ROOT

ADR_TOOLS = Path("/usr/bin/adr")
DEBIAN_SPELLING = 'supersede-spelling = "supersede"\n'

pytestmark = [
    pytest.mark.skipif(
        not (ADR_TOOLS.exists() and (Path("/usr/libexec/adr-tools/adr-new")).exists()),
        reason="adr-tools is not installed (apt-get install adr-tools)",
    ),
    pytest.mark.slow,
]  # every command twice as a process, adr-tools' bash scripts included


@dataclass
class Twin:
    """Two folders, one driven by adr-tools and one by adrledger, fed the same commands."""

    base: Path
    env: dict[str, str] = field(default_factory=dict)

    @property
    def theirs(self) -> Path:
        return self.base / "adr-tools"

    @property
    def ours(self) -> Path:
        return self.base / "adrledger"

    def setup(self) -> None:
        self.theirs.mkdir()
        self.ours.mkdir()
        self.write(".adrledger.toml", DEBIAN_SPELLING)

    def run(self, *args: str, cwd: str = ".", env: dict[str, str] | None = None) -> tuple[int, bytes, bytes]:
        """Run the command in both folders; assert same status, stdout and stderr; return them."""
        extra = {**self.env, **(env or {})}
        theirs = _run([str(ADR_TOOLS), *args], self.theirs / cwd, extra, self.theirs)
        ours = _run([sys.executable, "-m", "adrledger", *args], self.ours / cwd, extra, self.ours)
        assert ours == theirs, f"adr {' '.join(args)}: adr-tools gave {theirs!r}, adrledger gave {ours!r}"
        return ours

    def write(self, relative: str, text: str, executable: bool = False) -> None:
        for folder in (self.theirs, self.ours):
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            if executable:
                path.chmod(path.stat().st_mode | stat.S_IXUSR)

    def assert_same_tree(self) -> None:
        assert _tree(self.theirs) == _tree(self.ours)


def _run(command: list[str], cwd: Path, extra: dict[str, str], home: Path) -> tuple[int, bytes, bytes]:
    env = {key: value for key, value in os.environ.items() if key not in ("VISUAL", "EDITOR", "ADR_TEMPLATE")}
    env.update({"PYTHONPATH": str(ROOT / "src"), "LC_ALL": "C.UTF-8", "ADR_DATE": "2024-05-01"})
    env.update({key: value.replace("{home}", str(home)) for key, value in extra.items()})
    proc = subprocess.run(command, cwd=cwd, env=env, capture_output=True, timeout=60)
    return proc.returncode, proc.stdout, proc.stderr


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.fixture
def twin(tmp_path: Path) -> Twin:
    made = Twin(tmp_path)
    made.setup()
    return made


def test_a_typical_session(twin: Twin) -> None:
    twin.run("init")
    twin.run("new", "Use", "PostgreSQL", "for", "storage")
    twin.run("new", "-s", "2", "Use", "MySQL", "instead")
    twin.run("new", "-l", "2:Amends:Amended by", "-l", "1:Related to:Related from", "Cache", "query", "results")
    twin.run("link", "4", "Clarifies", "1", "Clarified by")
    twin.run("new", "-s", "3", "-s", "4", "-l", "1:Builds on:Built on by", "Use", "Riak", "CRDTs")
    twin.run("new", "-s", "use-riak", "Go", "back", "to", "PostgreSQL")
    twin.run("new", "--", "-s", "is", "a", "title", "here")
    twin.run("list")
    twin.run("generate", "toc")
    twin.run("generate", "graph")
    twin.assert_same_tree()


def test_reports_with_options(twin: Twin) -> None:
    twin.run("init")
    twin.run("new", "First", "real", "decision")
    twin.run("new", "-s", "2", "Second", "thoughts")
    twin.write("intro.md", "Decisions taken so far.\n\nRead them in order.\n")
    twin.write("outro.md", "Maintained with adr.")
    twin.run("generate", "toc", "-i", "intro.md", "-o", "outro.md", "-p", "decisions/")
    twin.run("generate", "toc", "-p", "https://example.org/adr/")
    twin.run("generate", "toc", "-i", "missing-intro.md")
    twin.write("empty.md", "")
    twin.run("generate", "toc", "-o", "empty.md")
    twin.run("generate", "graph", "-p", "adr/", "-e", ".pdf")
    twin.run("generate", "graph", "-e", ".svg")
    twin.run("generate")
    twin.assert_same_tree()


def test_custom_folder_and_sub_folders(twin: Twin) -> None:
    twin.run("init", "docs/architecture/decisions")
    twin.run("new", "Split", "the", "monolith")
    (twin.theirs / "src" / "deep").mkdir(parents=True)
    (twin.ours / "src" / "deep").mkdir(parents=True)
    twin.run("new", "Use", "events", "between", "services", cwd="src/deep")
    twin.run("new", "-s", "2", "Keep", "the", "monolith", cwd="src")
    twin.run("list", cwd="src/deep")
    twin.run("list", cwd="docs")
    twin.run("generate", "toc", cwd="src")
    twin.run("link", "3", "Reverts", "1", "Reverted by", cwd="docs/architecture")
    twin.assert_same_tree()


def test_default_folder_found_from_a_sub_folder(twin: Twin) -> None:
    twin.run("init")
    (twin.theirs / "doc" / "adr" / "notes").mkdir()
    (twin.ours / "doc" / "adr" / "notes").mkdir()
    twin.run("new", "Written", "from", "inside", cwd="doc/adr/notes")
    twin.run("list", cwd="doc/adr")
    twin.run("list", cwd="doc")
    twin.assert_same_tree()


def test_project_template_and_adr_template(twin: Twin) -> None:
    twin.run("init")
    twin.write(
        "doc/adr/templates/template.md",
        "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Context\n\nWhy.\n\n"
        "## Decision\n\nWhat.\n\n## Consequences\n\nThen.\n\n## Owner\n\nTeam NUMBER\n",
    )
    twin.run("new", "Use", "the", "project", "template")
    twin.run("new", "-s", "2", "Replace", "the", "templated", "one")
    twin.write("elsewhere/short.md", "# NUMBER. TITLE\n\nDate: DATE\n\n## Status\n\nSTATUS\n\n## Notes\n\nDATE DATE\n")
    twin.run("new", "Use", "ADR_TEMPLATE", env={"ADR_TEMPLATE": "{home}/elsewhere/short.md"})
    twin.run("new", "-l", "4:Relates to:Related from", "Titles", "with", "DATE", "and", "STATUS", "words")
    twin.assert_same_tree()


def test_editor_is_run_after_the_links(twin: Twin) -> None:
    script = '#!/bin/sh\necho "edited: $1" >> "$1"\n'
    twin.write("bin/edit", script, executable=True)
    twin.write("bin/fail", "#!/bin/sh\nexit 3\n", executable=True)
    twin.run("init")
    twin.run("new", "With", "VISUAL", env={"VISUAL": "{home}/bin/edit"})
    twin.run("new", "-s", "2", "With", "EDITOR", env={"EDITOR": "{home}/bin/edit"})
    twin.run("new", "VISUAL", "wins", env={"VISUAL": "{home}/bin/edit", "EDITOR": "{home}/bin/fail"})
    code, out, _ = twin.run("new", "Editor", "fails", env={"VISUAL": "{home}/bin/fail"})
    assert (code, out) == (3, b"")
    twin.assert_same_tree()


def test_dates_titles_and_upgrade(twin: Twin) -> None:
    twin.run("init", env={"ADR_DATE": "1999-12-31"})
    twin.run("new", "Use", "C++", "(really!)", "—", "ünïcode", "title", env={"ADR_DATE": "2020-02-29"})
    twin.run("new", "  Spaces   around  ")
    twin.run("new", "Numbers", "1", "2", "3")
    twin.write(
        "doc/adr/0005-old-style-date.md",
        "# 5. Old style date\n\nDate: 05/02/2018\n\n## Status\n\nAccepted\n\nDate: 01/01/2000 and 02/02/2002\n",
    )
    twin.run("upgrade-repository")
    twin.run("list")
    twin.assert_same_tree()


def test_numbering_skips_gaps_and_unpadded_names(twin: Twin) -> None:
    twin.run("init")
    twin.write("doc/adr/0009-nine.md", "# 9. Nine\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n")
    twin.write("doc/adr/12-twelve.md", "# 12. Twelve\n\nDate: 2020-01-01\n\n## Status\n\nAccepted\n\n## Context\n\nx\n")
    twin.run("new", "After", "the", "gap")
    twin.run("new", "-s", "9", "-l", "12:Extends:Extended by", "Next", "one")
    twin.run("list")
    twin.run("generate", "graph")
    twin.run("generate", "toc")
    twin.assert_same_tree()


def test_the_same_errors(twin: Twin) -> None:
    twin.run("list")
    twin.run("new")
    twin.run("init")
    twin.run("new")
    twin.assert_same_tree()


@pytest.mark.skipif(shutil.which("dot") is None, reason="graphviz is not installed")
def test_graph_is_valid_dot(twin: Twin) -> None:
    twin.run("init")
    twin.run("new", "-s", "1", "Replace", "the", "first")
    _, out, _ = twin.run("generate", "graph")
    subprocess.run(["dot", "-Tsvg"], input=out, check=True, capture_output=True)
