"""ADR0xx: what the parser could not read, or read only by guessing (the parser's Problem codes)."""

from __future__ import annotations

from collections.abc import Iterator

from ..context import RecordContext
from ..diagnostics import Finding
from ..registry import check, rule

_NO_FIX = "There is no automatic fix: only the author knows what the file should say."


def _reading_rule(
    code: str, name: str, summary: str, severity: str, what: str, why: str, example: str, how: str
) -> None:
    rule(
        code,
        name,
        summary,
        severity=severity,
        explanation=f"""
## What it does
{what}

## Why it matters
{why}

## Example
{example}

## How to fix
{how}

## Fix safety
{_NO_FIX}
""",
    )


_reading_rule(
    "ADR001",
    "binary-file",
    "A file in the decision log is binary, not Markdown",
    "error",
    "Reports a file among the records whose first bytes contain NUL characters.",
    "Nothing in it can be read as a decision; it was probably committed into the log folder by "
    "mistake (an image, an office document, an archive).",
    "`docs/adr/0007-diagram.md` that is really a PNG picture.",
    "Move the file out of the log folder, or exclude it with `exclude` in the configuration.",
)
_reading_rule(
    "ADR002",
    "unreadable-file",
    "A record file cannot be read",
    "error",
    "Reports a file that cannot or must not be read: permissions, a dangling link, a link "
    "leading out of the decision log, a named pipe or other special file.",
    "An unreadable record is a hole in the log that every other command silently skips.",
    "A record whose permissions are `000`, a symbolic link to a deleted file or to "
    "`/etc/passwd`, a named pipe called `0009-x.md`.",
    "Repair the permissions or the link, or remove the file.",
)
_reading_rule(
    "ADR003",
    "file-too-large",
    "A record file is too large to be a record",
    "error",
    "Reports a file larger than 1 MB, which is not read at all.",
    "A decision record is one or two pages; a file this large is data, a log or a mistake, "
    "and reading it would slow every command.",
    "A 40 MB export pasted into `0012-metrics.md`.",
    "Move the data elsewhere and link to it from a short record.",
)
_reading_rule(
    "ADR004",
    "not-utf8",
    "A record is not stored as UTF-8",
    "warning",
    "Reports a file that is not valid UTF-8 (read as Windows-1252 instead) or is stored as UTF-16.",
    "Markdown tools, diff viewers and static site generators expect UTF-8; other encodings show "
    "as garbage or break the build.",
    "A record saved by an old Windows editor: `Décision` stored as the single byte 0xE9.",
    "Re-save the file as UTF-8 in your editor.",
)
_reading_rule(
    "ADR005",
    "mojibake",
    "Text was UTF-8 read as Windows-1252 and saved again",
    "warning",
    "Reports lines holding the tell-tale pairs of double-encoded text (`â€”` for an em dash, "
    "`Ã©` for é). adrledger reads them repaired.",
    "Readers of the record see garbage, and searches for the real words miss it.",
    "`# ADR Template â€” Extended Examples` instead of `# ADR Template — Extended Examples`.",
    "Replace the garbled characters with the intended ones (the message's line shows where).",
)
_reading_rule(
    "ADR006",
    "front-matter-invalid",
    "The YAML front matter cannot be read",
    "error",
    "Reports front matter (between `---` lines at the top) that is not valid YAML, or not a mapping of keys to values.",
    "Status, date and deciders kept there are lost to every tool, and site generators fail.",
    "```markdown\n---\nstatus: accepted\ndate: [2024-01-20\n---\n```",
    "Correct the YAML at the reported line (quote values that contain `:` or brackets).",
)
_reading_rule(
    "ADR007",
    "front-matter-duplicate-key",
    "A front matter key appears twice",
    "warning",
    "Reports a key that is set more than once in the front matter.",
    "YAML keeps only the last value, so the first one is silently ignored: often the one the author meant.",
    "```markdown\n---\nstatus: proposed\nstatus: accepted\n---\n```",
    "Keep one of the two lines.",
)
_reading_rule(
    "ADR008",
    "front-matter-unclosed",
    "Front matter is opened but never closed",
    "warning",
    "Reports a `---` first line followed by key-value lines with no closing `---`.",
    "The metadata is read as ordinary text (the first `---` as a horizontal rule), so status and date are lost.",
    "```markdown\n---\nstatus: accepted\n\n# Use PostgreSQL\n```",
    "Add the closing `---` line after the last key.",
)
_reading_rule(
    "ADR009",
    "unclosed-fence",
    "A code fence is never closed",
    "warning",
    "Reports a fence of backticks or tildes (three or more) with no closing fence.",
    "Everything after it is code: the sections below disappear from the record's structure and from the rendered page.",
    "A fence of three backticks and `python` opened in the Implementation section and never closed.",
    "Close the fence with the same characters, at least as many as opened it.",
)
_reading_rule(
    "ADR010",
    "unclosed-comment",
    "An HTML comment is never closed",
    "warning",
    "Reports a `<!--` with no matching `-->`.",
    "The rest of the record is hidden from readers and from every tool.",
    "`<!-- optional` left at the end of a template line.",
    "Add `-->` where the comment should end.",
)
_reading_rule(
    "ADR011",
    "long-line",
    "A line is too long to read",
    "warning",
    "Reports a line longer than 20,000 characters; only its beginning is read.",
    "Such lines are machine output (minified data, base64 images), not prose, and hide the rest "
    "of the line from the reader.",
    "An inline `data:image/png;base64,...` picture in a record.",
    "Move the data to a file beside the record and link to it.",
)
_reading_rule(
    "ADR012",
    "nesting-too-deep",
    "The record nests too deeply to be read",
    "error",
    "Reports a file whose structure is nested so deeply that reading it was abandoned.",
    "No person writes such a record; it is generated or hostile input.",
    "Ten thousand nested `>` quotes.",
    "Rewrite the record as ordinary Markdown.",
)
_reading_rule(
    "ADR013",
    "front-matter-too-large",
    "The front matter expands beyond a sane size",
    "error",
    "Reports front matter whose YAML expands to more than a few thousand values (YAML aliases "
    "can make a tiny text describe a huge tree); it is ignored.",
    "It cannot be metadata a person wrote, and expanding it would exhaust memory.",
    "A 'billion laughs' chain of YAML anchors and aliases.",
    "Replace the front matter with plain keys and values.",
)
_reading_rule(
    "ADR014",
    "file-too-long",
    "A file holds more lines or records than a decision log needs",
    "warning",
    "Reports a file of more than 50,000 lines, or one that bundles more than 500 records; only the first are read.",
    "A record is a page or two and a guide bundles a few dozen; a file this long is generated or "
    "hostile, and reading all of it would cost every command a page's work per line.",
    "120,000 repetitions of a `# 1. T` heading, each of which would be read as a record.",
    "Split the file into one file per record, or move the data out of the decision log.",
)
_reading_rule(
    "ADR099",
    "reading-problem",
    "The parser reported a problem with no rule of its own",
    "warning",
    "Reports any other problem the parser noted while reading a record.",
    "It may hide part of the record from every tool.",
    "A problem found by a newer parser than this catalogue knows.",
    "Read the message and correct the record at the reported line.",
)

# The parser's Problem codes and the lint codes they become. Placeholder and date problems
# belong to the structure and metadata families, which read them from the model themselves.
PROBLEM_CODES = {
    "binary": "ADR001",
    "unreadable": "ADR002",
    "not-a-file": "ADR002",
    "outside-log": "ADR002",
    "too-large": "ADR003",
    "encoding": "ADR004",
    "mojibake": "ADR005",
    "front-matter-invalid": "ADR006",
    "front-matter-duplicate-key": "ADR007",
    "front-matter-unclosed": "ADR008",
    "fence-unclosed": "ADR009",
    "comment-unclosed": "ADR010",
    "long-line": "ADR011",
    "too-deep": "ADR012",
    "front-matter-too-large": "ADR013",
    "too-many-lines": "ADR014",
    "too-many-records": "ADR014",
}
HANDLED_ELSEWHERE = frozenset(
    {
        "placeholder-status",
        "placeholder-date",
        "placeholder-number",
        "date-invalid",
        "date-ambiguous",
        "date-from-log",
        "date-order",
    }
)


@check(*PROBLEM_CODES.values(), "ADR099")
def reading_problems(ctx: RecordContext) -> Iterator[Finding]:
    """Turn the parser's problems into findings."""
    record = ctx.record
    for problem in record.problems:
        if problem.code in HANDLED_ELSEWHERE:
            continue
        code = PROBLEM_CODES.get(problem.code, "ADR099")
        yield Finding(code, record, problem.line, problem.message)
