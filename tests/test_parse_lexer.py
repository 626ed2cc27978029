"""One lexer (parse/lexer.py): the parser, the writers, lint fixes, history, search and the editors read
front matter, headings, list items and fences the same way. Each test below is a record on which two of
the old copies disagreed; every reader now takes the parser's reading."""

from __future__ import annotations

import codecs

from adrledger.base.textio import decode
from adrledger.edit import lines as edit_lines
from adrledger.edit.rawtext import RawDocument
from adrledger.edit.status import write_status
from adrledger.history.versions import read_version
from adrledger.parse import lexer, parse_bytes, parse_text
from adrledger.parse.scanner import scan
from adrledger.search.text import indexed
from adrledger.writers import convert

# A horizontal rule, a note and another rule above the title: no YAML, so no front matter to the parser.
RULED_NOTE = """---
Written after the March outage review.
---

# 7. Cache sessions in Redis

## Context

Sessions are lost on every deploy.

## Decision

We keep sessions in Redis.
"""

# A block scalar whose text holds an indented "---": the front matter closes at the unindented fence.
BLOCK_SCALAR = """---
status: accepted
notes: |
  Agreed in the review.
  ---
  Signed off by the board.
superseded-by: {target}
---

# 3. Use PostgreSQL

## Context

We need a relational store.

## Decision

We use PostgreSQL.
"""


def test_the_record_keeps_the_lexers_front_matter_span_and_line_kinds() -> None:
    text = BLOCK_SCALAR.format(target="9")
    record = parse_text(text, "0003-use-postgresql.md")[0]
    lines = text.split("\n")[:-1]
    assert record.front_matter_lines == (1, 8)
    assert lexer.front_matter_span(lines) == (0, 7)
    assert record.line_kinds == bytes(scan(lines).kinds)
    assert record.line_kinds[:8] == bytes([lexer.FRONT]) * 8
    assert record.front_matter["superseded-by"] == 9


def test_a_rule_a_note_and_a_rule_are_no_front_matter_to_anyone() -> None:
    record = parse_text(RULED_NOTE, "0007-cache-sessions.md")[0]
    assert record.front_matter_lines is None
    assert lexer.front_matter_span(RULED_NOTE.split("\n")) is None
    assert edit_lines.front_matter_range(RULED_NOTE.split("\n")) is None  # read (0, 2) before


def test_a_status_added_to_a_record_under_a_ruled_note_is_read_back() -> None:
    # The editor took the note for front matter and wrote "status: accepted" into it, where the
    # parser, which sees prose, never read it.
    record = parse_text(RULED_NOTE, "0007-cache-sessions.md")[0]
    assert record.status == "other"
    doc = RawDocument.from_bytes(RULED_NOTE.encode())
    write_status(doc, record, "Accepted", "accepted")
    again = parse_bytes(doc.to_bytes(), "0007-cache-sessions.md")[0]
    assert again.status == "accepted"
    assert "Written after the March outage review." in doc.to_bytes().decode()


def test_history_reads_a_relation_below_an_indented_fence_as_lifecycle() -> None:
    # History closed the front matter at the indented "---" of the block scalar: the superseded-by
    # line below it was prose to history, so recording the supersession read as a content edit.
    old = BLOCK_SCALAR.format(target="8").encode()
    new = BLOCK_SCALAR.format(target="9").encode()
    before, after = read_version(old, "0003-use-postgresql.md"), read_version(new, "0003-use-postgresql.md")
    assert 7 in before.lifecycle_lines and 7 in after.lifecycle_lines
    assert 5 not in after.lifecycle_lines  # the block scalar's text is not a lifecycle key


def test_a_converted_heading_keeps_a_hash_that_ends_its_text() -> None:
    # The writers' own heading pattern cut every trailing "#": "Why C#" became "Why C".
    text = """# 4. Write the service in C#

## Status

Accepted

## Context

The team knows .NET.

## Decision

We write it in C#.

### Why C#

Tooling and hiring.

## Consequences

A Windows build agent.
"""
    record = parse_text(text, "0004-write-the-service-in-csharp.md")[0]
    assert any(section.title == "Why C#" for section in record.sections)
    written = convert(record, text, "madr")
    assert "### Why C#\n" in written


def test_search_indexes_a_shell_comment_inside_a_code_fence_as_text() -> None:
    # Search took "# install the agent" for a heading and dropped it: inside a fence it is code.
    text = """# 5. Ship the agent as a package

## Decision

```sh
# install the agent
apt install acme-agent
```

• Signed packages only
"""
    record = parse_text(text, "0005-ship-the-agent.md")[0]
    passages = indexed(record, text.split("\n")).passages
    assert any("# install the agent" in p.text for p in passages)
    signed = [p for p in passages if "Signed packages only" in p.text]
    assert signed and signed[0].text == "Signed packages only"  # a "•" item, as the parser reads it


def test_list_markers_are_the_parsers() -> None:
    assert edit_lines.list_marker("• Signed packages only") == "• "
    assert edit_lines.list_marker("  12. Twelfth") == "  12. "
    assert not edit_lines.is_list_item("1234567890. a ten-digit number is no list marker")
    assert lexer.item_text("- [x] Done") == "Done"
    assert lexer.item_text("Plain") == "Plain"


def test_a_fence_inside_a_list_item_is_code_to_the_lexer() -> None:
    lines = ["- Example:", "  ```yaml", "  # not a heading", "  ```", "# 1. A heading"]
    kinds = scan(lines, allow_front_matter=False).kinds
    assert list(kinds) == [lexer.TEXT, lexer.CODE, lexer.CODE, lexer.CODE, lexer.TEXT]
    assert lexer.open_fence("- ```python") == ("`", 3, "python")
    assert lexer.closes_fence("  ````", "`", 3) and not lexer.closes_fence("  ``", "`", 3)
    assert lexer.heading("  # not a heading") == (1, "not a heading")  # the kinds decide what is code


def test_the_editor_reads_bytes_with_the_parsers_decoder() -> None:
    # A UTF-8 byte-order mark before Windows-1252 text: the parser reads cp1252, the editor read UTF-8
    # with escaped bytes, so the status line it edited was not the line the parser showed.
    data = codecs.BOM_UTF8 + "# 2. Caf\xe9 menu\n\nStatus: Proposed\n".encode("cp1252")
    doc = RawDocument.from_bytes(data)
    decoded = decode(data)
    assert (doc.encoding, doc.bom) == (decoded.encoding, codecs.BOM_UTF8) == ("cp1252", codecs.BOM_UTF8)
    assert doc.text == decoded.text
    assert doc.to_bytes() == data
    record = parse_bytes(data, "0002-cafe-menu.md")[0]
    write_status(doc, record, "Accepted", "accepted")
    assert doc.to_bytes() == data.replace(b"Proposed", b"Accepted")


FENCED_EXAMPLE = """# 6. Link the runbooks

See [the runbook](runbook.md) and ADR-0002.

````markdown
```
[an example](example.md) citing ADR-0002
```
````

1. Example:
   ```md
   [in a list](listed.md) citing ADR-0002
   ```
"""


def test_fences_four_backticks_long_or_in_a_list_item_are_code_to_links_and_renumbering(tmp_path) -> None:
    # Both toggled a fence on any "```" line with at most three spaces before it: the "```" inside the
    # "````" fence closed it, and a fence opened after "1. " was no fence at all.
    from adrledger.edit.repolinks import links_in
    from adrledger.ops.renumber import Rewrite, _rewrite_lines

    record = tmp_path / "0006-link-the-runbooks.md"
    record.write_text(FENCED_EXAMPLE, encoding="utf-8")
    targets = [link.target for link, _ in links_in(str(record), tmp_path)]
    assert targets == ["runbook.md"]
    doc = RawDocument.from_bytes(FENCED_EXAMPLE.encode())
    _rewrite_lines(doc, Rewrite(2, 12, "0002-x.md", "0012-x.md", ambiguous=False))
    rewritten = doc.to_bytes().decode()
    assert rewritten.count("ADR-0012") == 1 and rewritten.count("ADR-0002") == 2
    kinds = parse_text(FENCED_EXAMPLE, record.name)[0].line_kinds
    assert lexer.fenced_lines(FENCED_EXAMPLE.split("\n")[:-1]) == [kind == lexer.CODE for kind in kinds]


def test_the_site_shows_no_front_matter_below_an_indented_fence() -> None:
    from adrledger.render.site.sources import record_body

    text = BLOCK_SCALAR.format(target="9")
    record = parse_text(text, "0003-use-postgresql.md")[0]
    body = record_body(record, text.split("\n"))
    assert body.startswith("## Context\n") and "superseded-by" not in body
