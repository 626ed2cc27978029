"""Decision drivers and considered options, then decision, rationale and consequences."""

from __future__ import annotations

from ._base import Style, StyleEvidence, slot
from ._first_record import CONTEXT, DECISION, NEGATIVE, NEUTRAL, POSITIVE, RATIONALE


def _shape(evidence: StyleEvidence) -> int:
    return 3 if "option" in evidence.subsection_prefixes else 0


STYLE = Style(
    name="drivers",
    summary="Decision drivers and considered options, rationale, consequences",
    required=("context", "drivers", "alternatives", "decision", "rationale", "consequences"),
    layout=(
        slot("context", "Context"),
        slot("drivers", "Decision Drivers"),
        slot("alternatives", "Considered Options"),
        slot("decision", "Decision"),
        slot("rationale", "Rationale"),
        slot("consequences", "Consequences"),
        slot("implementation", "Implementation Notes"),
        slot("related", "Related Decisions"),
        slot("references", "References"),
    ),
    title_weights={
        "decision drivers": 3,
        "considered options": 2,
        "rationale": 1,
        "implementation notes": 1,
        "related decisions": 1,
    },
    meta_weights={"deciders": 2, "technical story": 4},
    shape=_shape,
    section_names={"alternatives": "Considered Options"},
    init_fills={
        "Context": CONTEXT,
        "Decision Drivers": "- Decisions must stay findable for years\n- Recording one must take minutes, not hours",
        "Considered Options": (
            "### Option 1: Decision records in the repository\n\nNumbered Markdown files next to the code.\n\n"
            "### Option 2: A wiki page per decision\n\nPages in the team wiki."
        ),
        "Decision": DECISION,
        "Rationale": RATIONALE + " A wiki page per decision was not chosen because it drifts away from the code.",
        "Positive": POSITIVE,
        "Negative": NEGATIVE,
        "Neutral": NEUTRAL,
    },
    alternatives_form="sections",
    alternative_prefix="Option",
    alternative_shapes=frozenset({"option-sections", "sections"}),
)
