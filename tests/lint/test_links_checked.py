"""ADR404 and ADR401 on links a reader does or does not follow: commented out, another repository's, a status line's."""

from __future__ import annotations

import subprocess
from pathlib import Path

from adrledger import parse_text
from adrledger.parse.scanner import without_comments

from lintkit import lines_of, lint_folder


def _record(folder: Path, name: str, text: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_a_link_in_an_inline_comment_is_not_a_link(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    _record(folder, "0001-pick-a-broker.md",
            "# 1. Pick a broker\n\n## Status\n\nAccepted\n\n## Links\n\n"
            "- [Link kind](link to a record) <!-- such as Refined by [broker](yyyymmdd-broker.md) -->\n"
            "- [Gone](0009-gone.md) <!-- a note --> and [also gone](0010-also-gone.md)\n")
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        "0001-pick-a-broker.md:10: ADR404 link target '0009-gone.md' does not exist",
        "0001-pick-a-broker.md:10: ADR404 link target '0010-also-gone.md' does not exist"]


def test_a_comment_opened_after_text_hides_links_until_it_closes(tmp_path: Path) -> None:
    folder = tmp_path / "adr"
    _record(folder, "0001-pick-a-broker.md",
            "# 1. Pick a broker\n\n## Context\n\nQueues matter. <!-- to do: cite\n[the draft](draft-notes.md) and\n"
            "[the spike](spike.md) --> See [the study](study.md).\n")
    assert lines_of(lint_folder(folder, select=("ADR404",))) == [
        "0001-pick-a-broker.md:7: ADR404 link target 'study.md' does not exist"]


def test_a_comment_never_closed_in_its_paragraph_is_literal_text() -> None:
    pairs = [(1, "a <!-- b [x](x.md)"), (2, "c"), (3, ""), (4, "d --> [y](y.md)")]
    assert without_comments(pairs) == pairs


def test_comment_spans_are_blanked_in_place() -> None:
    assert without_comments([(5, "[a](a.md) <!-- [b](b.md) --> [c](c.md)"), (6, "x <!-- y"), (7, "z --> w")]) == [
        (5, "[a](a.md)                    [c](c.md)"), (6, "x       "), (7, "      w")]


def test_a_relation_in_a_comment_is_not_a_relation() -> None:
    records = parse_text("# 2. Use a broker\n\n## Status\n\nAccepted <!-- Superseded by [ADR 7](0007-x.md) -->\n\n"
                        "## Links\n\n- Related to [ADR 1](0001-a.md) <!-- Refines [ADR 3](0003-c.md) -->\n",
                        "0002-use-a-broker.md")
    record = records[0] if isinstance(records, list) else records
    assert [(r.kind, r.number) for r in record.relations] == [("related", 1)]
