"""Fuzzing the reader with mutated real records: byte flips, truncations, duplicated lines and stray
Markdown punctuation. Whatever comes in, the parser returns well-formed records that export to JSON
matching the published schema, and untouched text is written back byte for byte."""

from __future__ import annotations

import codecs
import json
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from adrledger.base.textio import decode, encode_like
from adrledger.model import Record
from adrledger.parse import parse_bytes
from adrledger.render.export import record_to_json, schema_text
from test_parse_properties import check_well_formed

ROOT = Path(__file__).resolve().parents[2]
CORPUS = sorted([*(ROOT / "src" / "adrledger" / "templates").glob("*.md"), *(ROOT / "tests" / "golden").rglob("*.md")])
PUNCTUATION = [
    b"#",
    b"# ",
    b"## ",
    b"\n# ",
    b"```",
    b"\n```\n",
    b"~~~",
    b"---",
    b"\n---\n",
    b"|",
    b"| --- |",
    b"- ",
    b"- [ ] ",
    b"* ",
    b"1. ",
    b"> ",
    b">>>>",
    b"**",
    b"__",
    b"*",
    b"_",
    b"`",
    b"[",
    b"]",
    b"(",
    b")",
    b"](",
    b"<!--",
    b"-->",
    b"<",
    b">",
    b"\\",
    b"{",
    b"}",
    b":",
    b"\t",
    b"\r",
    b"\r\n",
    b"\n",
    b"\n\n",
    b"=====",
    b"\xef\xbb\xbf",
    b"\xff",
    b"\x00",
    "✅ ".encode(),
    "é".encode("cp1252"),
]
ORIGINALS = [path.read_bytes() for path in CORPUS]
FUZZ = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@st.composite
def mutated(draw: st.DrawFn, originals: list[bytes]) -> bytes:
    """A real record with a few random mutations applied one after another."""
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(1, 6))):
        kind = draw(st.sampled_from(["flip", "truncate", "duplicate", "insert", "delete"]))
        at = draw(st.integers(0, len(data)))
        if kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= draw(st.integers(1, 255))
        elif kind == "truncate":
            del data[at:]
        elif kind == "duplicate":
            lines = bytes(data).split(b"\n")
            index = min(at, len(lines) - 1)
            lines[index : index + 1] = [lines[index]] * draw(st.integers(2, 50))
            data = bytearray(b"\n".join(lines))
        elif kind == "insert":
            data[at:at] = draw(st.sampled_from(PUNCTUATION)) * draw(st.integers(1, 40))
        else:
            del data[at : at + draw(st.integers(1, 200))]
    return bytes(data)


@cache
def validator() -> object:
    import jsonschema

    return jsonschema.Draft202012Validator(json.loads(schema_text()))


def check_exportable(records: list[Record]) -> None:
    """The records export as `adr export` prints them, and the output matches the published schema."""
    validator().validate(json.loads(json.dumps([record_to_json(record) for record in records])))  # type: ignore[attr-defined]


def check(data: bytes) -> None:
    records = parse_bytes(data, "0007-mutated-record.md")
    lines = decode(data).text.count("\n") + 1  # a lone \r ends a line too
    check_well_formed(records, lines)
    for record in records:
        assert "\n" not in record.title
        assert all(0 <= problem.line <= lines + 1 for problem in record.problems)
        assert all(section.line <= lines + 1 for section in record.sections)
    check_exportable(records)


def test_corpus_is_real() -> None:
    assert len(CORPUS) >= 20
    for original in ORIGINALS:
        check(original)


@FUZZ
@given(st.data())
def test_mutated_records_parse_to_well_formed_records(data: st.DataObject) -> None:
    check(data.draw(mutated(ORIGINALS)))


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_mutated_seeds_parse_to_well_formed_records(prefix: str) -> None:
    from conftest import seed_path

    original = seed_path(prefix).read_bytes()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(mutated([original]))
    def run(data: bytes) -> None:
        check(data)

    run()


@FUZZ
@given(
    st.data(),
    st.sampled_from(["", "\ufeff"]),
    st.sampled_from(["\n", "\r\n"]),
    st.sampled_from(["utf-8", "utf-16-le", "utf-16-be", "cp1252"]),
)
def test_unchanged_text_is_written_back_byte_for_byte(
    data: st.DataObject, bom: str, newline: str, encoding: str
) -> None:
    """decode then encode_like keeps encoding, BOM, line endings and the final newline (or its absence)."""
    text = data.draw(mutated(ORIGINALS)).decode("utf-8", "ignore")
    text = text.replace("\r", "").replace("\x00", "").replace("\ufeff", "")
    if encoding == "cp1252":
        text, bom = text.encode("cp1252", "ignore").decode("cp1252"), ""
        assume(any(ord(char) > 127 for char in text))  # pure ASCII is indistinguishable from UTF-8
    stored = text.replace("\n", newline)
    if encoding.startswith("utf-16"):
        raw = (codecs.BOM_UTF16_LE if encoding == "utf-16-le" else codecs.BOM_UTF16_BE) + stored.encode(encoding)
    else:
        raw = stored.encode(encoding)
        raw = codecs.BOM_UTF8 + raw if bom else raw
    decoded = decode(raw)
    assume(not any(p.code == "mojibake" for p in decoded.problems))
    assert decoded.encoding == encoding
    assert decoded.text == text
    assert encode_like(decoded.text, decoded) == raw
