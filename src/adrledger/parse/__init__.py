"""Read decision records from bytes, text or files. Never raises on content: problems are data."""

from __future__ import annotations

import re
from pathlib import Path

from ..base.textio import MAX_FILE_BYTES, FileRefused, decode, read_record_bytes
from ..files.filenames import date_in_name
from ..model import Problem, Record
from ..parser_version import PARSER_VERSION
from ..styles import FALLBACK
from .refs import number_from_filename, number_from_title
from .scanner import Scan, embedded_markdown_blocks, scan

_RECORD_HEADING = re.compile(
    r"\s*(?:\[?\s*(?:adr|rfc|architecture decision record|decision record)\b|\d+\.\s)", re.IGNORECASE
)
MAX_LINE = 20_000
MAX_LINES = 50_000  # a record is a page or two; a guide bundling dozens of them, a few thousand lines
# Records one file may hold (a guide bundles a few dozen): each costs the log, lint and the site a
# page's work, so a file of 120,000 one-line "records" must not cost 120,000 pages.
MAX_RECORDS = 500
MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd")


def parse_bytes(data: bytes, path: str) -> list[Record]:
    """Parse the bytes of one file into its record(s)."""
    if len(data) > MAX_FILE_BYTES:
        size = len(data) / (1024 * 1024)
        problem = Problem(
            0,
            "too-large",
            f"file is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB ({size:.1f} MB read): not parsed",
            "error",
        )
        return [unread_record(path, problem)]
    decoded = decode(data)
    if decoded.binary:
        return [unread_record(path, decoded.problems[0])]
    return parse_text(decoded.text, path, problems=decoded.problems)


def parse_file(path: Path, root: Path | None = None) -> list[Record]:
    """Parse one file; `path` in the records is relative to `root` when given (and must stay inside it)."""
    relative = path.relative_to(root).as_posix() if root else path.as_posix()
    data = read_file(path, root)
    if isinstance(data, Problem):
        return [unread_record(relative, data)]
    return parse_bytes(data, relative)


def read_file(path: Path, root: Path | None = None) -> bytes | Problem:
    """The bytes of a record file, or the reason it was not read (pipes, links out of `root`, I/O errors)."""
    try:
        return read_record_bytes(path, root)
    except FileRefused as err:
        return Problem(0, err.code, err.message, "error")


def parse_text(text: str, path: str = "<text>", problems: list[Problem] | None = None) -> list[Record]:
    """Parse decoded text (\\n line ends) into records: usually one, several for guides and bundles."""
    # Imported here: `from adrledger.parse.refs import ...` (adr new's numbering) needs no extractor.
    # lazy: keeps parse off this module's import
    from .record import PartInfo, build_record

    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    problems = list(problems or [])
    if not text.strip():
        problems.append(Problem(0, "empty", "empty file: there is no record in it", "error"))
    lines = _bounded_lines(lines, problems)
    filename_number, draft = number_from_filename(path)
    filename_date = date_in_name(path)
    if not path.lower().endswith(MARKDOWN_SUFFIXES):
        filename_number = filename_date = None  # only Markdown files follow the NNNN-title.md convention
    whole = scan(lines)
    parts = _split(lines, whole)
    if parts is None:
        info = PartInfo(path, filename_number, 0, draft, problems, filename_date)
        return [build_record(whole, info)]
    if len(parts) > MAX_RECORDS:
        problems.append(
            Problem(
                parts[MAX_RECORDS][0] + 1,
                "too-many-records",
                f"file holds {len(parts):,} records: only the first {MAX_RECORDS} are read",
                "warning",
            )
        )
        parts = parts[:MAX_RECORDS]
    records = []
    for ordinal, (start, end) in enumerate(parts):
        part = scan(lines[start : end + 1], offset=start, allow_front_matter=start == 0)
        info = PartInfo(path, None, ordinal, False, problems if ordinal == 0 else [])
        records.append(build_record(part, info))
    return records


def _bounded_lines(lines: list[str], problems: list[Problem]) -> list[str]:
    """Cut absurdly long lines so no pattern ever runs on megabytes of one line, and absurdly many
    lines so no command does a page's work a million times over."""
    if len(lines) > MAX_LINES:
        problems.append(
            Problem(
                MAX_LINES + 1, "too-many-lines", f"file has {len(lines):,} lines: only the first {MAX_LINES:,} are read"
            )
        )
        del lines[MAX_LINES:]
    if not lines or max(map(len, lines)) <= MAX_LINE:
        return lines  # the usual case, found in one C-level pass
    for index, line in enumerate(lines):
        if len(line) > MAX_LINE:
            lines[index] = line[:MAX_LINE]
            problems.append(
                Problem(
                    index + 1,
                    "long-line",
                    f"line is {len(line):,} characters long: only the first {MAX_LINE:,} are read",
                )
            )
    return lines


def _split(lines: list[str], whole: object) -> list[tuple[int, int]] | None:
    """Line ranges of the records in a file that holds several; None for the usual single record."""
    assert isinstance(whole, Scan)
    titles = [h.index for h in whole.headings if h.level == 1 and _is_record_title(h.text)]
    embedded = [(a, b) for a, b in embedded_markdown_blocks(lines) if _starts_with_record(lines, a, b)]
    if embedded:
        outer_title = next((h for h in whole.headings if h.level == 1), None)
        if outer_title is None or not _is_record_title(outer_title.text):
            return embedded
    if len(titles) >= 2:
        bounds = titles + [len(lines)]
        return [(bounds[i] if i else 0, bounds[i + 1] - 1) for i in range(len(titles))]
    return None


def _is_record_title(text: str) -> bool:
    if not _RECORD_HEADING.match(text):
        return False
    number, _, placeholder = number_from_title(text)
    return number is not None or placeholder


def _starts_with_record(lines: list[str], first: int, last: int) -> bool:
    for index in range(first, min(last, first + 5) + 1):
        stripped = lines[index].strip()
        if stripped:
            return stripped.startswith("# ") and _is_record_title(stripped[2:])
    return False


# Problems that mean the file was not read as a record at all: the CLI reports them and exits non-zero.
UNREAD_CODES = frozenset({"binary", "too-large", "unreadable", "not-a-file", "outside-log", "too-deep"})


def unread_record(path: str, problem: Problem) -> Record:
    """The stand-in record of a file that could not be read: its number (from the name) and the reason."""
    filename_number, _ = number_from_filename(path)
    return Record(
        path=path,
        style=FALLBACK,
        title="",
        number=filename_number,
        number_in_filename=filename_number,
        problems=(problem,),
    )


__all__ = ["PARSER_VERSION", "UNREAD_CODES", "parse_bytes", "parse_file", "parse_text", "read_file", "unread_record"]
