"""Misreadings found while writing the example log (examples/adr), each reduced to a minimal case.

Both are fixed; the tests keep them fixed.
"""

from __future__ import annotations

from pathlib import Path

from adrledger.parse import parse_text

OFFLINE = "[ADR-0016: Let technicians work offline for a whole day](0016-work-offline.md)"
MADR4_WITH_RELATED_IN_MORE_INFORMATION = f"""\
---
status: accepted
date: 2023-05-22
decision-makers: Hannah Okafor
---

# Build the technician app with React Native

## Context and Problem Statement

Which technology lets a small team ship one app to both platforms?

## Considered Options

* React Native
* Flutter

## Decision Outcome

Chosen option: "React Native", because the web engineers already write TypeScript.

## More Information

* Related: {OFFLINE}
* We revisit this choice if the mobile team grows beyond three engineers.
"""


def test_madr_more_information_related_line_is_a_relation():
    # MADR 4 has no Links section: its template puts links to other decisions in More Information.
    # A line there that names its relation ("Related: [ADR-0016: ...](...)") is as explicit as the
    # same line under "## Related Decisions", where it is read; a "Supersedes [...]" line in More
    # Information is read too, through its verb.
    (record,) = parse_text(MADR4_WITH_RELATED_IN_MORE_INFORMATION, "0005-react-native.md")
    related = record.relations_of("related")
    expected = [(16, "Let technicians work offline for a whole day")]
    assert [(r.number, r.title) for r in related] == expected


def test_init_honours_the_global_dir_option(adr, tmp_path: Path):
    # PRODUCT.md: "A global `adr --dir DIR ...` points any command at a folder of records."
    result = adr("--dir", "examples/adr", "init")
    assert result.code == 0, result.err
    assert (tmp_path / "examples" / "adr" / "0001-record-architecture-decisions.md").is_file()
    assert not (tmp_path / "doc").exists()
