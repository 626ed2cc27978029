"""Every transition on every style, as golden files: tests/golden/lifecycle/<variant>/<transition>/.

Each folder holds before.md (the record, numbered 3) and after.md; supersede and link also hold
the other record (number 9) as other-before.md / other-after.md. The test runs the real command
on copies of the before files and compares bytes, then checks that the parser reads the after
state with the right status and with relations on both sides.

To rebuild after an intended change: ADRLEDGER_UPDATE_GOLDEN=1 pytest tests/test_lifecycle_golden.py,
then review the diff of tests/golden/lifecycle by eye before committing it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from adrledger.cli import main
from adrledger.parse import parse_bytes

from golden import updating

GOLDEN = Path(__file__).parent / "golden" / "lifecycle"
BASES = GOLDEN / "_bases"
REGENERATE = updating()
NAME, OTHER_NAME = "0003-export-data-in-parallel.md", "0009-stream-exports-to-object-storage.md"

# variant -> (base file, transformations of the stored bytes)
VARIANTS: dict[str, tuple[str, dict[str, object]]] = {
    "nygard": ("nygard.md", {}),
    "nygard-no-final-newline": ("nygard.md", {"final_newline": False}),
    "madr": ("madr.md", {}),
    "madr-crlf-bom": ("madr.md", {"crlf": True, "bom": True}),
    "madr2": ("madr2.md", {}),
    "full": ("full.md", {}),
    "full-crlf-bom": ("full.md", {"crlf": True, "bom": True}),
    "drivers": ("drivers.md", {}),
    "quick": ("quick.md", {}),
    "quick-cp1252": ("quick.md", {"encoding": "cp1252"}),
    "table": ("table.md", {}),
    "hybrid": ("hybrid.md", {}),
    "table-metadata": ("table-metadata.md", {}),
    "emoji": ("emoji.md", {}),
}
# transition -> (status before, the other record's status or None, command)
TRANSITIONS: dict[str, tuple[str, str | None, list[str]]] = {
    "propose": ("Draft", None, ["propose", "3"]),
    "accept": ("Proposed", None, ["accept", "3"]),
    "reject": ("Proposed", None, ["reject", "3"]),
    "deprecate": ("Accepted", None, ["deprecate", "3"]),
    "supersede": ("Accepted", "Accepted", ["supersede", "3", "9"]),
    "link": ("Accepted", "Proposed", ["link", "9", "Amends", "3", "Amended by"]),
    "amend": ("Accepted", None, ["amend", "3", "--note", "Clarified the export window | 07:00", "--author", "Tomasz"]),
}
EXPECTED_STATUS = {
    "propose": "proposed",
    "accept": "accepted",
    "reject": "rejected",
    "deprecate": "deprecated",
    "supersede": "superseded",
    "link": "accepted",
    "amend": "accepted",
}
EMOJI = {"Draft": "📝", "Proposed": "🟡", "Accepted": "✅"}
CASES = [(variant, transition) for variant in VARIANTS for transition in TRANSITIONS]


def render(variant: str, number: int, status: str) -> bytes:
    """A before-file: the variant's base record with this number and status, stored as the variant says."""
    base, options = VARIANTS[variant]
    text = (BASES / base).read_text(encoding="utf-8")
    first = number == 3
    title = "Export data in parallel" if first else "Stream exports to object storage"
    if options.get("encoding") == "cp1252":
        title += " for the café"
    values = {
        "{N}": str(number),
        "{NNNN}": f"{number:04d}",
        "{TITLE}": title,
        "{STATUS}": status,
        "{status}": status.lower(),
        "{EMOJI}": EMOJI.get(status, ""),
        "{DECISION}": "split the export into parallel jobs" if first else "stream exports to object storage",
        "{OPTION}": "Parallel jobs" if first else "Object storage",
    }
    for token, value in values.items():
        text = text.replace(token, value)
    if options.get("final_newline") is False:
        text = text.rstrip("\n")
    if options.get("crlf"):
        text = text.replace("\n", "\r\n")
    data = text.encode(str(options.get("encoding", "utf-8")))
    return (b"\xef\xbb\xbf" + data) if options.get("bom") else data


@pytest.mark.parametrize(("variant", "transition"), CASES, ids=[f"{v}-{t}" for v, t in CASES])
def test_transition_matches_golden(
    variant: str, transition: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = GOLDEN / variant / transition
    status, other_status, command = TRANSITIONS[transition]
    if REGENERATE:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "before.md").write_bytes(render(variant, 3, status))
        if other_status:
            (folder / "other-before.md").write_bytes(render(variant, 9, other_status))
    log = tmp_path / "log"
    log.mkdir()
    (log / ".adrledger.toml").write_text('policy = "amend-with-log"\n', encoding="utf-8")
    shutil.copyfile(folder / "before.md", log / NAME)
    if other_status:
        shutil.copyfile(folder / "other-before.md", log / OTHER_NAME)
    code = main(["--dir", str(log), *command])  # the CLI's entry point, in-process for speed
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert captured.err == ""
    pairs = [(NAME, "after.md")] + ([(OTHER_NAME, "other-after.md")] if other_status else [])
    for name, golden in pairs:
        if REGENERATE:
            shutil.copyfile(log / name, folder / golden)
        assert (log / name).read_bytes() == (folder / golden).read_bytes(), f"{variant}/{transition}/{golden}"
    _check_model(variant, transition, folder)


def _check_model(variant: str, transition: str, folder: Path) -> None:
    """The parser reads the after state: the new status, and relations mirrored on both sides."""
    record = parse_bytes((folder / "after.md").read_bytes(), NAME)[0]
    assert record.status == EXPECTED_STATUS[transition], f"{variant}/{transition}: {record.status_raw!r}"
    if transition == "supersede":
        other = parse_bytes((folder / "other-after.md").read_bytes(), OTHER_NAME)[0]
        assert record.superseded_by == (9,) and other.supersedes == (3,)
        assert other.status == "accepted"
    if transition == "link":
        other = parse_bytes((folder / "other-after.md").read_bytes(), OTHER_NAME)[0]
        assert 9 in record.amended_by and other.amends == (3,)
    if transition == "amend":
        assert (
            record.review_log[-1].change == "Clarified the export window \\| 07:00"
            or record.review_log[-1].change == "Clarified the export window | 07:00"
        )
        assert record.review_log[-1].author == "Tomasz"


@pytest.mark.parametrize(("variant", "transition"), CASES, ids=[f"{v}-{t}" for v, t in CASES])
def test_only_status_and_relation_lines_change(variant: str, transition: str) -> None:
    """Every line of the before file is still there, in order, except the lines holding the status."""
    before = (GOLDEN / variant / transition / "before.md").read_bytes()
    after = (GOLDEN / variant / transition / "after.md").read_bytes()
    old_lines, new_lines = before.splitlines(), after.splitlines()
    record = parse_bytes(before, NAME)[0]
    kept = [
        line
        for number, line in enumerate(old_lines, 1)
        if number != record.status_line and not _holds_status_or_relation(line)
    ]
    position = 0
    for line in kept:
        position = new_lines.index(line, position) + 1  # raises when a line was changed or dropped
    assert before.startswith(b"\xef\xbb\xbf") == after.startswith(b"\xef\xbb\xbf")
    assert before.endswith(b"\n") == after.endswith(b"\n")


def _holds_status_or_relation(line: bytes) -> bool:
    """Front matter status keys and the table style's relation bullets may change too."""
    text = line.decode("utf-8", "replace").lstrip("\ufeff")
    return text.startswith("status:") or text.startswith(("- **Supersedes:**", "- **Superseded by:**"))
