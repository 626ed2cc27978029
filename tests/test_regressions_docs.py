"""Misreadings (and a cache hole) found while writing examples/adr and docs/adr; all fixed."""

from __future__ import annotations

from pathlib import Path

import pytest

from adrledger.parse import parse_text

MADR_CHOSEN_OPTION_WITH = """\
---
status: accepted
---

# Choose a store

## Context and Problem Statement

Where do sessions live?

## Considered Options

* {first}
* {second}

## Decision Outcome

Chosen option: "{second}", because it is the simplest.
"""


@pytest.mark.parametrize(
    "first, second",
    [
        # A comma inside the quotes: the name is read as "Redis", which matches both options equally.
        ("Redis, as a cache in front of PostgreSQL", "Redis, as the only store"),
        # Inline code inside the quotes (docs/adr/0002 names `adrledger.parse.scanner` this way).
        ("A full CommonMark parse", "Our own scanner (`adrledger.parse.scanner`)"),
    ],
)
def test_madr_chosen_option_is_the_whole_quoted_name(first: str, second: str):
    text = MADR_CHOSEN_OPTION_WITH.format(first=first, second=second)
    (record,) = parse_text(text, "0002-choose-a-store.md")
    assert [a.verdict for a in record.alternatives] == ["rejected", "chosen"]


CACHE_PAYLOAD_TARGET = "cache-payload-ran"


def test_a_pickle_shipped_inside_the_repository_is_never_loaded(adr, tmp_path: Path):
    # Found while writing docs/adr/0005. Files of a fresh clone belong to the cloning user with
    # mode 0644, so the owner/mode check passes; the folder digest is of the log's absolute path,
    # which CI checkouts make predictable. A pull request that adds both the setting and the
    # pickle makes `adr list` (or lint in CI) run its code.
    import pickle

    from adrledger.cache import CACHE_FORMAT, digest

    (tmp_path / "pyproject.toml").write_text('[tool.adrledger]\ncache-dir = ".adr-cache"\n')
    log = tmp_path / "doc" / "adr"
    log.mkdir(parents=True)
    (log / "0001-a.md").write_text("# 1. A\n\nDate: 2024-01-01\n\n## Status\n\nAccepted\n")
    folder = tmp_path / ".adr-cache" / digest(str(log.resolve()).encode())[:16]
    folder.mkdir(parents=True)
    marker = tmp_path / CACHE_PAYLOAD_TARGET

    class Payload:
        def __reduce__(self):
            return (Path.touch, (marker,))

    (folder / f"records-v{CACHE_FORMAT}.pickle").write_bytes(pickle.dumps({"key": Payload()}))
    result = adr("list", "--format", "json", env={"ADRLEDGER_CACHE_DIR": ""})
    assert result.code == 0, result.err
    assert not marker.exists()


def test_front_matter_value_in_template_braces_is_read_as_the_value():
    # Found while writing docs/adr/0010: the lead's decision is that a single value left inside a
    # template's braces is the value the author chose; only a list of choices is a placeholder.
    head = "---\nstatus: { accepted }\ndate: 2024-01-02\n---\n\n# Use X\n"
    (record,) = parse_text(head + "\n## Context and Problem Statement\n\nWhy?\n", "0001-use-x.md")
    assert record.status == "accepted"
    assert "placeholder-status" not in [p.code for p in record.problems]
    choices = "---\nstatus: { proposed | accepted }\n---\n\n# Use X\n"
    (template,) = parse_text(choices, "0001-use-x.md")
    assert template.status == "other"  # still an unfilled template: the behaviour to keep


def test_considered_option_with_a_colon_in_inline_code_keeps_its_name():
    # Found while writing docs/adr/0010: "Name: description" splitting must not look inside code.
    text = (
        "---\nstatus: accepted\n---\n\n# Read front matter\n\n"
        "## Context and Problem Statement\n\nHow?\n\n"
        "## Considered Options\n\n"
        "* PyYAML's safe loader\n"
        "* A hand-written reader for flat `key: value` front matter\n\n"
        '## Decision Outcome\n\nChosen option: "PyYAML\'s safe loader", because it is standard.\n'
    )
    (record,) = parse_text(text, "0010-read-front-matter.md")
    names = [a.name for a in record.alternatives]
    second = "A hand-written reader for flat key: value front matter"
    assert names == ["PyYAML's safe loader", second]
