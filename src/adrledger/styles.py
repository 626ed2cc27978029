"""The seven record styles: what each must contain, and how to recognise one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .names import STYLE_NAMES as _CONTRACT_NAMES

if TYPE_CHECKING:
    from .model import Style


@dataclass(frozen=True, slots=True)
class StyleSpec:
    name: str
    summary: str
    required: tuple[str, ...]  # canonical section keys every record of the style has
    initial_status: str = "Proposed"
    structured_consequences: bool = True  # Positive / Negative are told apart


STYLE_SPECS: dict[str, StyleSpec] = {
    spec.name: spec
    for spec in (
        StyleSpec("nygard", "adr-tools / Michael Nygard: Status, Context, Decision, Consequences",
                  ("status", "context", "decision", "consequences"), "Accepted", structured_consequences=False),
        StyleSpec("madr", "MADR 2-4: problem statement, drivers, considered options, outcome, pros and cons",
                  ("context", "alternatives", "decision")),
        StyleSpec("full", "Full record: alternatives with pros and cons, rationale, consequences, review log",
                  ("context", "decision", "alternatives", "rationale", "consequences")),
        StyleSpec("drivers", "Decision drivers and considered options, rationale, consequences",
                  ("context", "drivers", "alternatives", "decision", "rationale", "consequences")),
        StyleSpec("quick", "Quick record: status and date on one line; context, decision, consequences",
                  ("context", "decision", "consequences"), structured_consequences=False),
        StyleSpec("table", "Decision first, alternatives as a verdict table, risks and mitigations",
                  ("decision", "context", "alternatives", "rationale", "consequences")),
        StyleSpec("hybrid", "PRD + ADR: requirements, acceptance criteria, decision, matrix, roadmap, risks",
                  ("summary", "context", "acceptance_criteria", "decision", "alternatives", "consequences")),
    )
}
STYLE_NAMES = tuple(STYLE_SPECS)
assert STYLE_NAMES == _CONTRACT_NAMES, "styles.py and names.py must list the same styles"


@dataclass(frozen=True, slots=True)
class StyleEvidence:
    """What the parser noticed about a record's shape."""

    keys: frozenset[str]
    titles: frozenset[str]  # cleaned, lower-case section titles
    meta_keys: frozenset[str]  # lower-case metadata key names as written
    status_source: str
    title_is_numbered_dot: bool
    has_front_matter: bool
    alternatives_table: bool
    decision_before_context: bool
    subsection_prefixes: frozenset[str]  # "alternative", "option"


_TITLE_WEIGHTS: dict[str, dict[str, int]] = {
    "madr": {"context and problem statement": 5, "decision outcome": 5, "pros and cons of the options": 4,
             "considered options": 1, "decision drivers": 1, "more information": 2, "confirmation": 2,
             "positive consequences": 2, "negative consequences": 2, "links": 1},
    "full": {"alternatives considered": 2, "rationale": 2, "review and updates": 4, "notes": 1,
             "neutral / notes": 2, "implementation": 1, "related decisions": 1, "references": 1},
    "drivers": {"decision drivers": 3, "considered options": 2, "rationale": 1, "implementation notes": 1,
                "related decisions": 1},
    "table": {"decision rationale": 4, "risks & mitigations": 3, "related": 2, "appendix": 2,
              "implementation notes": 1, "alternatives considered": 1},
    "hybrid": {"document info": 5, "summary": 2, "problem & context": 4, "requirements": 2,
               "acceptance criteria": 3, "architecture decision record": 5, "decision matrix": 2,
               "implementation roadmap": 3, "risk mitigation": 2, "business rules & constraints": 3,
               "success metrics": 1},
    "nygard": {"status": 3},
    "quick": {},
}
_META_WEIGHTS: dict[str, dict[str, int]] = {
    "full": {"decision makers": 4, "tags": 1},
    "drivers": {"deciders": 2, "technical story": 4},
    "table": {"context": 4},
    "madr": {"decision-makers": 3, "consulted": 2, "informed": 2},
    "hybrid": {"document name": 4, "version": 1, "author": 1},
}


def detect_style(evidence: StyleEvidence) -> Style:
    """Score every style on the evidence; the best score wins, nygard when nothing speaks."""
    scores = {name: 0 for name in STYLE_NAMES}
    for style, weights in _TITLE_WEIGHTS.items():
        scores[style] += sum(weight for title, weight in weights.items() if title in evidence.titles)
    for style, weights in _META_WEIGHTS.items():
        scores[style] += sum(weight for key, weight in weights.items() if key in evidence.meta_keys)
    _score_shape(evidence, scores)
    best = max(_CONTRACT_NAMES, key=lambda name: (scores[name], -STYLE_NAMES.index(name)))  # the same names, typed
    return best if scores[best] > 0 else "nygard"


def _score_shape(evidence: StyleEvidence, scores: dict[str, int]) -> None:
    core = {"status", "context", "decision", "consequences"}
    if evidence.status_source == "section":
        scores["nygard"] += 3
    if evidence.title_is_numbered_dot:
        scores["nygard"] += 2
    if evidence.keys and evidence.keys <= core:
        scores["nygard"] += 2
        scores["quick"] += 1
    if evidence.status_source == "inline":
        scores["quick"] += 8
    if evidence.status_source == "list":
        scores["madr"] += 2
    if evidence.has_front_matter:
        scores["madr"] += 3
    if evidence.alternatives_table:
        scores["table"] += 4
    if evidence.decision_before_context:
        scores["table"] += 2
    if "alternative" in evidence.subsection_prefixes:
        scores["full"] += 3
    if "option" in evidence.subsection_prefixes:
        scores["drivers"] += 3
