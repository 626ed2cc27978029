"""Applying edits to a file's bytes, and stating a whole-file rewrite as edits.

A rewrite stated by `edits_between` gives back exactly the bytes it was made from: lines are
compared with their endings, the changed ones carry their endings, and the new bytes are read in
the old file's encoding (a lossless decoding), so nothing the writer did not change is touched.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..base.textio import decode
from ..errors import AdrError
from .edit import Edit
from .rawtext import RawDocument


class EditConflict(AdrError):
    """An edit that no longer fits its file: the line it names holds other text, or two edits name it."""


def apply_edits(data: bytes, edits: Iterable[Edit], path: str = "") -> bytes:
    """The bytes of a file (`data`, b"" for a new one) once `edits` are applied (renames are left to the
    caller). Edits apply bottom-up, so each line number means the line of `data` it was planned on."""
    by_line: dict[int, Edit] = {}
    edits = list(edits)
    for edit in edits:
        if edit.is_rename:
            continue
        if edit.line in by_line:
            raise EditConflict(f"two edits change line {edit.line}", path=path or edit.path)
        by_line[edit.line] = edit
    if not by_line:
        return data  # a rename alone: the bytes as they are
    doc = RawDocument.from_bytes(data, path)
    for number in sorted(by_line, reverse=True):
        edit = by_line[number]
        if number > len(doc.lines) or not same_line(doc.lines[number - 1], edit.old):
            raise EditConflict(f"line {number} changed since the edit was planned", path=path or edit.path)
        _apply(doc, edit)
    return doc.to_bytes()


def _apply(doc: RawDocument, edit: Edit) -> None:
    index = edit.line - 1
    if edit.new is None and edit.endings is not None:
        del doc.lines[index], doc.ends[index]  # exactly: the other lines keep their endings
        return
    if edit.new is None:
        doc.delete(index)
        return
    first, *more = edit.new.split("\n")
    if edit.endings is None:
        doc.replace(index, first)
        doc.insert(index + 1, more)
        return
    doc.lines[index : index + 1] = [first, *more]
    doc.ends[index : index + 1] = list(edit.endings)


def same_line(stored: str, expected: str) -> bool:
    """True when a stored line is the line an edit was planned on (the reader repairs mojibake)."""
    if stored == expected:
        return True
    try:
        return decode(stored.encode("utf-8")).text == expected
    except UnicodeEncodeError:  # undecodable bytes kept as surrogates
        return False


def edits_between(path: str, old: bytes, new: bytes, reason: str = "") -> tuple[Edit, ...]:
    """The edits that turn file content `old` (b"" for a new file) into `new`, byte for byte."""
    if old == new:
        return ()
    try:
        before = RawDocument.from_bytes(old, path)
    except UnicodeDecodeError as err:  # a UTF-16 file with a broken character
        raise AdrError(f"cannot edit the file: {err.reason} in its {err.encoding} text", path=path) from err
    after = _read_like(before, new, path)
    a = list(zip(before.lines, before.ends))
    b = list(zip(after.lines, after.ends))
    spans: dict[int, list[tuple[str, str]] | None] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        if tag == "insert":  # after the previous line, or before the first: that line is unchanged
            anchor = i1 if i1 > 0 else 1
            current = spans.get(anchor) or [a[anchor - 1]]
            spans[anchor] = current + b[j1:j2] if i1 > 0 else b[j1:j2] + current
            continue
        for offset, number in enumerate(range(i1 + 1, i2 + 1)):
            spans[number] = b[j1:j2] if offset == 0 and j2 > j1 else None
    edits = tuple(_edit(path, number, a[number - 1][0], lines, reason) for number, lines in sorted(spans.items()))
    if apply_edits(old, edits, path) != new:
        raise AdrError("cannot write the change: it would change how the file is encoded", path=path)
    return edits


def _edit(path: str, number: int, old: str, lines: list[tuple[str, str]] | None, reason: str) -> Edit:
    if lines is None:
        return Edit(path, number, old, None, reason, endings=())
    return Edit(path, number, old, "\n".join(text for text, _ in lines), reason, endings=tuple(end for _, end in lines))


def _read_like(before: RawDocument, data: bytes, path: str) -> RawDocument:
    """`data` read in the encoding of `before`: the edits re-encode it so (utf-8 and cp1252 with
    surrogateescape lose nothing, whatever the bytes)."""
    if not data.startswith(before.bom):
        raise AdrError("cannot write the change: it would change the file's byte-order mark", path=path)
    try:
        return RawDocument.read_as(data[len(before.bom) :], before.encoding, before.bom)
    except UnicodeDecodeError as err:
        raise AdrError("cannot write the change: it would change how the file is encoded", path=path) from err
