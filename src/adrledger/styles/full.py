"""The full record: alternatives with pros and cons, rationale, consequences, implementation,
review log."""

from __future__ import annotations

from ._base import Style, StyleEvidence, slot
from ._first_record import CONTEXT, DECISION, NEGATIVE, NEUTRAL, POSITIVE, RATIONALE

NEUTRAL_TITLE = "Neutral / Notes"


def _shape(evidence: StyleEvidence) -> int:
    return 3 if "alternative" in evidence.subsection_prefixes else 0


STYLE = Style(
    name="full",
    summary="Full record: alternatives with pros and cons, rationale, consequences, review log",
    required=("context", "decision", "alternatives", "rationale", "consequences"),
    layout=(
        slot("context", "Context"),
        slot("decision", "Decision"),
        slot("alternatives", "Alternatives Considered"),
        slot("rationale", "Rationale"),
        slot("consequences", "Consequences"),
        slot(
            "implementation",
            "Implementation",
            slot("timeline", "Timeline"),
            slot("migration", "Migration Plan"),
            slot("success_metrics", "Success Metrics"),
        ),
        slot("related", "Related Decisions"),
        slot("references", "References"),
        slot("review_log", "Review and Updates"),
        slot("notes", "Notes"),
    ),
    title_weights={
        "alternatives considered": 2,
        "rationale": 2,
        "review and updates": 4,
        "notes": 1,
        NEUTRAL_TITLE.lower(): 2,
        "implementation": 1,
        "related decisions": 1,
        "references": 1,
    },
    meta_weights={"decision makers": 4, "tags": 1},
    shape=_shape,
    init_fills={
        "Context": CONTEXT,
        "Decision": DECISION,
        "Alternatives Considered": (
            "### Alternative 1: A wiki page per decision\n\n"
            "**Description:** Keep decisions in the team wiki.\n\n"
            "**Pros:**\n\n- Easy to edit for everyone\n\n"
            "**Cons:**\n\n- Drifts away from the code and is rarely reviewed\n\n"
            "**Why not chosen:** Nothing ties a wiki page to the code it governs.\n\n"
            "### Alternative 2: No written record\n\n"
            "**Description:** Rely on commit messages and memory.\n\n"
            "**Pros:**\n\n- No extra work\n\n"
            "**Cons:**\n\n- Reasons are lost when people move on\n\n"
            "**Why not chosen:** We already lose context this way."
        ),
        "Rationale": RATIONALE,
        "Positive": POSITIVE,
        "Negative": NEGATIVE,
        NEUTRAL_TITLE: NEUTRAL,
    },
    metadata_form="bold-spaced",
    deciders_label="Decision Makers",
    alternatives_form="sections",
    description_label="**Description:** ",
    alternative_shapes=frozenset({"alternative-sections", "sections"}),
    consequence_titles={"neutral": NEUTRAL_TITLE},
)
