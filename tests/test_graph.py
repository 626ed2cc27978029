"""`adr graph`: Mermaid and Graphviz output, escaping, status filter, validity for Graphviz."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from adrledger.render.graph import dot_string, mermaid_text
from adrledger.render.relations import Edge, edges

from golden import assert_golden
from publish_helpers import FIXTURE_LOG, write_hostile_log


def test_mermaid_of_the_fixture_log(adr):
    result = adr("--dir", str(FIXTURE_LOG), "graph")
    assert result.code == 0, result.err
    assert_golden(result.out, "graph/fixture.mmd")
    assert "n3 -->|supersedes| n2" in result.out


def test_dot_of_the_fixture_log(adr):
    result = adr("--dir", str(FIXTURE_LOG), "graph", "--format", "dot")
    assert result.code == 0, result.err
    assert_golden(result.out, "graph/fixture.dot")


def test_status_filter_keeps_only_edges_between_kept_nodes(adr):
    out = adr("--dir", str(FIXTURE_LOG), "graph", "--status", "accepted", "--status", "proposed").out
    assert '"2. Use PostgreSQL' not in out and "n2" not in out
    assert "n3 ---|related| n4" in out


def test_hostile_titles_are_escaped(adr, tmp_path: Path):
    log = write_hostile_log(tmp_path / "adr")
    mermaid = adr("--dir", str(log), "graph").out
    dot = adr("--dir", str(log), "graph", "--format", "dot").out
    assert_golden(mermaid, "graph/hostile.mmd")
    assert_golden(dot, "graph/hostile.dot")
    node_lines = [line for line in mermaid.splitlines() if line.startswith("  n") and '["' in line]
    for line in node_lines:  # the label is one quoted string: no raw quote, bracket or angle inside
        label = line.split('["', 1)[1].rsplit('"]', 1)[0]
        assert not set(label) & set('"[]<>`|')


def test_edges_are_read_from_either_side(tmp_path: Path):
    from adrledger.log import DecisionLog

    log = DecisionLog.discover(write_hostile_log(tmp_path / "adr"))
    assert edges(log.records) == [Edge("0002", "0001", "amends"), Edge("0004", "0003", "supersedes")]


def test_escapers():
    assert mermaid_text('a "b" #c') == "a #34;b#34; #35;c"
    assert dot_string('say "hi" \\ now\nthen') == '"say \\"hi\\" \\\\ now then"'


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz `dot` is not installed")
def test_graphviz_accepts_the_output(adr, tmp_path: Path):
    for log in (FIXTURE_LOG, write_hostile_log(tmp_path / "adr")):
        text = adr("--dir", str(log), "graph", "--format", "dot").out
        proc = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr == ""
        assert proc.stdout.count('class="node"') == len(re.findall(r"^  n\d+ \[label=", text, re.MULTILINE))
    assert "1. Quote &quot;this&quot; and \\back\\slash" in proc.stdout  # the title survives, as text
