"""One finding for one log-wide fact: when most of a log's records lack the same thing, say it once.

A log whose records carry no date (or no status) at all made that choice for every record; a
finding on each of them tells the maintainers the same thing a hundred times. Below the
threshold the records that lack it are exceptions, and each is reported.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..model import Record
from .diagnostics import Finding, Fix

SHARE = 0.8  # of the log's readable records
MINIMUM = 3
NAMED = 5  # records named in the message besides the one it is reported at


def is_log_wide(lacking: Sequence[Record], readable: int) -> bool:
    """True when the records that lack something are (nearly) the whole log."""
    return len(lacking) >= MINIMUM and len(lacking) >= SHARE * readable


def log_wide_finding(code: str, lacking: Sequence[Record], readable: int, what: str,
                     fixes: Sequence[Fix | None] = (), fix_description: str = "") -> Finding:
    """One finding at the first record that lacks `what`, naming the others; their fixes as one fix."""
    first = lacking[0]
    others = [record.path for record in lacking[1:]]
    named = ", ".join(others[:NAMED]) + (f" and {len(others) - NAMED} more" if len(others) > NAMED else "")
    found = [fix for fix in fixes if fix is not None]
    edits = tuple(edit for fix in found for edit in fix.edits)
    fix = Fix(fix_description.format(count=len(found)), "safe", edits) if edits and fix_description else None
    return Finding(code, first, first.title_line or first.start_line,
                   f"{len(lacking)} of the log's {readable} records state no {what}: this one, {named}", fix=fix)
