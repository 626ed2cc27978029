"""The quick record: `**Status**: X | **Date**: D` on one line; context, decision, consequences."""

from __future__ import annotations

from ._base import Style, StyleEvidence, slot
from ._first_record import CONTEXT, DECISION, NEGATIVE, POSITIVE

_CORE = frozenset({"status", "context", "decision", "consequences"})


def _shape(evidence: StyleEvidence) -> int:
    score = 1 if evidence.keys and evidence.keys <= _CORE else 0
    return score + (8 if evidence.status_source == "inline" else 0)


STYLE = Style(
    name="quick",
    summary="Quick record: status and date on one line; context, decision, consequences",
    required=("context", "decision", "consequences"),
    layout=(slot("context", "Context"), slot("decision", "Decision"), slot("consequences", "Consequences")),
    shape=_shape,
    structured_consequences=False,
    init_fills={"Context": CONTEXT, "Decision": DECISION, "Consequences": f"{POSITIVE}\n{NEGATIVE}"},
    metadata_form="inline",
    consequences_form="marks",
    consequence_shapes=frozenset({"subsections", "marks", "goodbad", "prose"}),
    relations_in="notes",
)
