"""The one way a record file is changed: `Edit`s (a line of one file replaced by text, or the file
renamed), made by lint fixes, the lifecycle, conversion, renumbering and adr-tools' upgrade alike,
and applied to a file's bytes by `apply_edits` (transaction.py applies a set of them, all or none).

The text model the edits apply to is rawtext.RawDocument: every line keeps its own ending, the
encoding and byte-order mark stay, so only the lines an edit names change.
"""

from __future__ import annotations

from .apply import EditConflict, apply_edits, edits_between
from .edit import Edit

__all__ = ["Edit", "EditConflict", "apply_edits", "edits_between"]
