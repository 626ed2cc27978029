"""One edit type: lint fixes, the lifecycle, conversion, renumbering and adr-tools' upgrade all state
their changes as textedit.Edit, and one transaction applies them (ADR: one edit type and one transaction)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adrledger.edit import Edit, EditConflict, apply_edits, edits_between
from adrledger.edit.record import EditableRecord, Target, mark_superseded, set_status
from adrledger.errors import AdrError
from adrledger.log import DecisionLog
from adrledger.ops.adrtools import upgrade_edits
from adrledger.ops.renumber import Rewrite, moved_record_edits, reference_edits
from adrledger.ops.transaction import Transaction
from adrledger.writers.rewrite import rewrite_record

OLD = "# 1. Use queues\n\nDate: 01/02/2024\n\n## Status\n\nAccepted\n\n## Context\n\nQueues.\n"
NEW = (
    "# 2. Use streams\n\nDate: 2024-03-01\n\n## Status\n\nAccepted\n\n"
    "Supersedes [1. Use queues](0001-use-queues.md)\n\n## Context\n\nStreams, see ADR-0001.\n"
)


@pytest.fixture
def log(tmp_path: Path) -> Path:
    folder = tmp_path / "doc" / "adr"
    folder.mkdir(parents=True)
    (folder / "0001-use-queues.md").write_bytes(OLD.replace("\n", "\r\n").encode())
    (folder / "0002-use-streams.md").write_text(NEW, encoding="utf-8")
    return folder


def _only_edits(edits: tuple[Edit, ...]) -> None:
    assert edits and all(type(edit) is Edit for edit in edits)


def test_a_lint_fix_is_made_of_edits(log: Path) -> None:
    from lint.lintkit import lint_folder

    fixes = [d.fix for d in lint_folder(log, select=("ADR402",)) if d.fix]
    assert fixes, "ADR402 offers the missing side of the supersession"
    for fix in fixes:
        _only_edits(fix.edits)


def test_a_rename_fix_is_an_edit_too(tmp_path: Path) -> None:
    import shutil

    from lint.lintkit import lint_folder

    log = tmp_path / "adr"
    shutil.copytree(Path(__file__).parent / "lint" / "logs" / "mixed", log)  # holds 4_Use_gRPC.md
    renames = [e for d in lint_folder(log, select=("ADR207",)) if d.fix for e in d.fix.edits if e.is_rename]
    assert renames and all(type(edit) is Edit for edit in renames)


def test_the_lifecycle_editors_give_edits_that_rebuild_their_bytes(log: Path) -> None:
    old = EditableRecord.load(log / "0001-use-queues.md", "0001-use-queues.md")
    mark_superseded(old, Target(2, "Use streams", log / "0002-use-streams.md", "# 2. Use streams"))
    set_status(EditableRecord.load(log / "0002-use-streams.md", "0002-use-streams.md"), "deprecated")
    edits = old.edits("supersede")
    _only_edits(edits)
    assert apply_edits(old.original, edits) == old.data()
    assert b"\r\n" in old.data() and b"\n\n" not in old.data()  # its CRLF line ends are kept


def test_a_conversion_is_stated_as_edits(log: Path) -> None:
    journal = DecisionLog.discover(str(log), log)
    record = next(r for r in journal.records if r.number == 2)
    result = rewrite_record(journal, record, "madr")
    _only_edits(result.edits())
    assert apply_edits(result.data, result.edits()) == result.encoded()


def test_renumbering_and_the_adr_tools_upgrade_are_stated_as_edits(log: Path) -> None:
    rewrite = Rewrite(1, 7, "0001-use-queues.md", "0007-use-queues.md", ambiguous=False)
    data = (log / "0002-use-streams.md").read_bytes()
    edits = reference_edits(log / "0002-use-streams.md", data, rewrite)
    _only_edits(edits)
    assert b"[7. Use queues](0007-use-queues.md)" in apply_edits(data, edits)
    moved = moved_record_edits(
        log / "0001-use-queues.md", (log / "0001-use-queues.md").read_bytes(), 1, log / "0007-use-queues.md", rewrite
    )
    _only_edits(moved)
    assert moved[-1].rename_to == str(log / "0007-use-queues.md")
    upgrade = upgrade_edits(log / "0001-use-queues.md", (log / "0001-use-queues.md").read_bytes())
    _only_edits(upgrade)
    assert upgrade[0].new == "Date: 2024-02-01" and upgrade[0].endings == ("\r\n",)


def test_the_transaction_applies_edits_and_nothing_else(log: Path) -> None:
    transaction = Transaction(log)
    with pytest.raises(TypeError):
        transaction.add([("0001-use-queues.md", 1, "old", "new")])  # type: ignore[list-item]
    path = log / "0001-use-queues.md"
    data = path.read_bytes()
    transaction.add(
        [
            Edit(str(path), 1, "# 1. Use queues", "# 1. Use message queues"),
            Edit(str(path), rename_to=str(log / "0001-use-message-queues.md")),
        ],
        data,
    )
    transaction.commit()
    assert not path.exists()
    assert (log / "0001-use-message-queues.md").read_bytes() == data.replace(b"Use queues", b"Use message queues")


def test_an_edit_planned_on_other_text_is_refused() -> None:
    with pytest.raises(EditConflict):
        apply_edits(b"one\ntwo\n", [Edit("x.md", 2, "three", "four")])
    with pytest.raises(ValueError):
        Edit("x.md", 1, "one", "two", rename_to="y.md")


ENDINGS = st.sampled_from(["\n", "\r\n", "\r", ""])
LINES = st.lists(
    st.tuples(st.sampled_from(["", "# T", "Status: x", "café", "- a", "  b"]) | st.text(max_size=8), ENDINGS),
    max_size=12,
)


def _bytes(lines: list[tuple[str, str]], prefix: bytes, encoding: str) -> bytes:
    text = "".join(line.replace("\r", "").replace("\n", "") + end for line, end in lines)
    return prefix + text.encode(encoding, "replace")


@settings(max_examples=300, deadline=None)
@given(
    LINES,
    LINES,
    st.sampled_from([(b"", "utf-8"), (b"\xef\xbb\xbf", "utf-8"), (b"", "cp1252"), (b"\xff\xfe", "utf-16-le")]),
)
def test_edits_between_rebuild_the_new_bytes_exactly(
    old: list[tuple[str, str]], new: list[tuple[str, str]], stored: tuple[bytes, str]
) -> None:
    prefix, encoding = stored
    before, after = _bytes(old, prefix, encoding), _bytes(new, prefix, encoding)
    if encoding == "cp1252":
        before += b"\x81"  # not UTF-8: read as Windows-1252
        after += b"\x81"
    try:
        edits = edits_between("x.md", before, after)
    except AdrError:
        assert b"\x00" in before[:8192] and not prefix  # a binary file is not edited
        return
    assert apply_edits(before, edits) == after
    assert apply_edits(b"", edits_between("new.md", b"", after)) == after
