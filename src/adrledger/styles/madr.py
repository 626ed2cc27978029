"""MADR 2-4: optional YAML front matter; problem statement, drivers, considered options, outcome,
pros and cons of the options."""

from __future__ import annotations

from ._base import Style, StyleEvidence, slot
from ._first_record import CONTEXT


def _shape(evidence: StyleEvidence) -> int:
    return (2 if evidence.status_source == "list" else 0) + (3 if evidence.has_front_matter else 0)


STYLE = Style(
    name="madr",
    summary="MADR 2-4: problem statement, drivers, considered options, outcome, pros and cons",
    required=("context", "alternatives", "decision"),
    layout=(
        slot("context", "Context and Problem Statement"),
        slot("drivers", "Decision Drivers"),
        slot("alternatives", "Considered Options"),
        slot(
            "decision", "Decision Outcome", slot("consequences", "Consequences"), slot("confirmation", "Confirmation")
        ),
        slot("pros_cons", "Pros and Cons of the Options"),
        slot("references", "More Information"),
        slot("related", "Links"),
    ),
    title_weights={
        "context and problem statement": 5,
        "decision outcome": 5,
        "pros and cons of the options": 4,
        "considered options": 1,
        "decision drivers": 1,
        "more information": 2,
        "confirmation": 2,
        "positive consequences": 2,
        "negative consequences": 2,
        "links": 1,
    },
    meta_weights={"decision-makers": 3, "consulted": 2, "informed": 2},
    shape=_shape,
    section_names={
        "context": "Context and Problem Statement",
        "alternatives": "Considered Options",
        "decision": "Decision Outcome",
    },
    init_fills={
        "Context and Problem Statement": CONTEXT + " How do we keep our decisions and their reasons?",
        "Considered Options": "* Decision records in the repository\n* A wiki page per decision",
        "Decision Outcome": 'Chosen option: "Decision records in the repository", because they are reviewed '
        "and versioned with the code.\n\n### Consequences\n\n"
        "* Good, because the reasons behind the architecture are written down\n"
        "* Bad, because each significant decision costs the time to write its record",
        "Pros and Cons of the Options": (
            "### Decision records in the repository\n\n* Good, because they are reviewed with the code\n"
            "* Bad, because they take time to write\n\n"
            "### A wiki page per decision\n\n* Good, because anyone can edit them\n"
            "* Bad, because they drift away from the code"
        ),
    },
    title_form="unnumbered-unless-name-lacks",
    metadata_form="front-matter",
    lower_case_status=True,
    alternatives_form="options-list",
    alternative_shapes=frozenset({"madr", "list"}),
    consequences_form="goodbad",
    consequence_shapes=frozenset({"goodbad", "prose"}),
    relations_home="links-section",
    relation_bullet="* ",
)
