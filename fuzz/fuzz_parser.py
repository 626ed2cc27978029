"""Coverage-guided fuzzing of the record reader with atheris (libFuzzer). Not part of pytest: see README.md."""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports():
    from adrledger.model import STATUSES
    from adrledger.parse import parse_bytes
    from adrledger.render.export import record_to_json
    from adrledger.styles import STYLE_NAMES


def test_one_input(data: bytes) -> None:
    """Any bytes: parse, check the records are well-formed and export to JSON. Anything raised is a crash."""
    records = parse_bytes(data, "0007-fuzzed-record.md")
    if not records:
        raise AssertionError("no record returned")
    for record in records:
        if record.status not in STATUSES or record.style not in STYLE_NAMES:
            raise AssertionError(f"bad status or style: {record.status!r} {record.style!r}")
        if "\n" in record.title:
            raise AssertionError("title spans lines")
        json.dumps(record_to_json(record))


def main() -> None:
    sys.setrecursionlimit(3000)  # a RecursionError is a finding, not a stack overflow of the fuzzer
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
