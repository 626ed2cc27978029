"""`adr index`: Markdown index, grouping and sorting, kept between markers in a README."""

from __future__ import annotations

from pathlib import Path

from adrledger.errors import UsageError
from adrledger.render.index import END, START, splice

from golden import assert_golden
from publish_helpers import FIXTURE_LOG, HOSTILE_TITLES, copy_fixture_log, write_hostile_log


def test_index_printed(adr):
    result = adr("--dir", str(FIXTURE_LOG), "index")
    assert result.code == 0, result.err
    assert_golden(result.out, "index/plain.md")


def test_index_grouped_by_status_sorted_by_date(adr):
    result = adr("--dir", str(FIXTURE_LOG), "index", "--group-by", "status", "--sort", "date")
    assert result.code == 0, result.err
    assert_golden(result.out, "index/by-status-date.md")


def test_index_sorted_by_title(adr):
    result = adr("--dir", str(FIXTURE_LOG), "index", "--sort", "title")
    titles = [line.split("[", 1)[1].split("]", 1)[0] for line in result.out.splitlines() if line.startswith("| 0")]
    assert titles == sorted(titles, key=str.casefold)
    assert len(titles) == 5


def test_write_keeps_hand_written_text_and_is_idempotent(adr, tmp_path: Path):
    log = copy_fixture_log(tmp_path / "docs" / "adr")
    readme = tmp_path / "docs" / "README.md"
    readme.write_text(f"# Our decisions\n\nWritten by hand.\n\n{START}\nstale\n{END}\n\n## Footer\n\nKeep me.\n")
    first = adr("--dir", str(log), "index", "--write", "docs/README.md")
    assert (first.code, first.out) == (0, "updated docs/README.md\n")
    text = readme.read_text()
    assert_golden(text, "index/readme.md")
    assert "](adr/0003-use-cockroachdb-for-orders.md)" in text  # links relative to the README
    before = readme.stat().st_mtime_ns
    second = adr("--dir", str(log), "index", "--write", "docs/README.md")
    assert (second.code, second.out) == (0, "unchanged docs/README.md\n")
    assert readme.read_text() == text and readme.stat().st_mtime_ns == before


def test_write_creates_or_appends(adr, tmp_path: Path):
    log = copy_fixture_log(tmp_path / "adr")
    assert adr("--dir", str(log), "index", "--write", "INDEX.md").code == 0
    created = (tmp_path / "INDEX.md").read_text()
    assert created.startswith("# Architecture Decision Records\n\n" + START)
    notes = tmp_path / "NOTES.md"
    notes.write_text("Notes first.\n")
    assert adr("--dir", str(log), "index", "--write", "NOTES.md").code == 0
    assert notes.read_text().startswith("Notes first.\n\n" + START)
    assert notes.read_text().endswith(END + "\n")


def test_write_keeps_crlf_line_endings_and_bom(adr, tmp_path: Path):
    log = copy_fixture_log(tmp_path / "adr")
    readme = tmp_path / "README.md"
    readme.write_bytes(b"\xef\xbb\xbfTitle\r\n\r\n" + START.encode() + b"\r\n" + END.encode() + b"\r\nEnd\r\n")
    assert adr("--dir", str(log), "index", "--write", "README.md").code == 0
    data = readme.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfTitle\r\n") and data.endswith(b"\r\nEnd\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_unbalanced_markers_are_an_error_naming_the_line(adr, tmp_path: Path):
    log = copy_fixture_log(tmp_path / "adr")
    readme = tmp_path / "README.md"
    original = f"Intro\n{START}\n{START}\n{END}\n"
    readme.write_text(original)
    result = adr("--dir", str(log), "index", "--write", "README.md")
    assert result.code == 2
    assert result.err.startswith("Error: ") and "README.md:3:" in result.err and "Traceback" not in result.err
    assert readme.read_text() == original


def test_titles_are_escaped_for_markdown(adr, tmp_path: Path):
    log = write_hostile_log(tmp_path / "adr")
    out = adr("--dir", str(log), "index").out
    assert_golden(out, "index/hostile.md")
    rows = [line for line in out.splitlines() if line.startswith("| 0")]
    assert len(rows) == len(HOSTILE_TITLES)
    for row in rows:  # every row keeps exactly four cells: no title pipe leaks out
        assert row.replace("\\|", "").count("|") == 5


def test_splice_is_a_fixed_point():
    block = f"{START}\nbody\n{END}\n"
    once = splice("before\n\nafter\n", block)
    assert splice(once, block) == once
    try:
        splice(f"{END}\n{START}\n", block, "R.md")
    except UsageError as err:
        assert "R.md:2:" in str(err)
    else:
        raise AssertionError("reversed markers accepted")
