"""Decision first; alternatives as a verdict table; consequences with a risks and mitigations table."""

from __future__ import annotations

from ._base import Style, StyleEvidence, slot
from ._first_record import CONTEXT, DECISION, NEGATIVE, POSITIVE, RATIONALE


def _shape(evidence: StyleEvidence) -> int:
    return (4 if evidence.alternatives_table else 0) + (2 if evidence.decision_before_context else 0)


STYLE = Style(
    name="table",
    summary="Decision first, alternatives as a verdict table, risks and mitigations",
    required=("decision", "context", "alternatives", "rationale", "consequences"),
    layout=(
        slot("decision", "Decision"),
        slot("context", "Context"),
        slot("alternatives", "Alternatives Considered"),
        slot("rationale", "Decision Rationale"),
        slot("consequences", "Consequences", slot("risks", "Risks & Mitigations")),
        slot("implementation", "Implementation Notes"),
        slot("related", "Related"),
        slot("appendix", "Appendix"),
    ),
    title_weights={
        "decision rationale": 4,
        "risks & mitigations": 3,
        "related": 2,
        "appendix": 2,
        "implementation notes": 1,
        "alternatives considered": 1,
    },
    meta_weights={"context": 4},
    shape=_shape,
    init_fills={
        "Decision": DECISION,
        "Context": CONTEXT,
        "Alternatives Considered": (
            "| Approach | Pros | Cons | Verdict |\n|----------|------|------|---------|\n"
            "| **Records in the repository** | Reviewed with the code | Takes writing time | ✅ Chosen - stays "
            "next to the code |\n"
            "| **Wiki pages** | Easy to edit | Drifts from the code | ❌ Rejected - nobody reviews them |"
        ),
        "Decision Rationale": RATIONALE,
        "Positive": POSITIVE,
        "Negative": NEGATIVE,
        "Risks & Mitigations": (
            "| Risk | Impact | Likelihood | Mitigation |\n|------|--------|------------|------------|\n"
            "| Records are skipped under time pressure | Medium | Medium | Ask for a record in code review |"
        ),
    },
    metadata_separator=":**",
    alternative_shapes=frozenset({"table"}),
    relations_home="bold-bullets",
)
