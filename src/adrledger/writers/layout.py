"""The shape of each style: its sections in order (after src/adrledger/templates/*.md)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Slot:
    key: str
    title: str
    children: tuple[Slot, ...] = ()


def _s(key: str, title: str, *children: Slot) -> Slot:
    return Slot(key, title, children)


LAYOUTS: dict[str, tuple[Slot, ...]] = {
    "nygard": (_s("status", "Status"), _s("context", "Context"), _s("decision", "Decision"),
               _s("consequences", "Consequences")),
    "quick": (_s("context", "Context"), _s("decision", "Decision"), _s("consequences", "Consequences")),
    "full": (_s("context", "Context"), _s("decision", "Decision"), _s("alternatives", "Alternatives Considered"),
             _s("rationale", "Rationale"), _s("consequences", "Consequences"),
             _s("implementation", "Implementation", _s("timeline", "Timeline"), _s("migration", "Migration Plan"),
                _s("success_metrics", "Success Metrics")),
             _s("related", "Related Decisions"), _s("references", "References"),
             _s("review_log", "Review and Updates"), _s("notes", "Notes")),
    "drivers": (_s("context", "Context"), _s("drivers", "Decision Drivers"), _s("alternatives", "Considered Options"),
                _s("decision", "Decision"), _s("rationale", "Rationale"), _s("consequences", "Consequences"),
                _s("implementation", "Implementation Notes"), _s("related", "Related Decisions"),
                _s("references", "References")),
    "table": (_s("decision", "Decision"), _s("context", "Context"), _s("alternatives", "Alternatives Considered"),
              _s("rationale", "Decision Rationale"),
              _s("consequences", "Consequences", _s("risks", "Risks & Mitigations")),
              _s("implementation", "Implementation Notes"), _s("related", "Related"), _s("appendix", "Appendix")),
    "hybrid": (_s("document_info", "Document Info"), _s("summary", "Summary"), _s("context", "Problem & Context"),
               _s("requirements", "Requirements"), _s("business_rules", "Business Rules & Constraints"),
               _s("acceptance_criteria", "Acceptance Criteria"),
               _s("adr", "Architecture Decision Record", _s("decision", "Decision"),
                  _s("alternatives", "Alternatives Considered"), _s("consequences", "Consequences")),
               _s("implementation", "Implementation Notes"), _s("references", "References"),
               _s("related", "Related Decisions"), _s("decision_matrix", "Decision Matrix"),
               _s("roadmap", "Implementation Roadmap"), _s("risks", "Risk Mitigation"),
               _s("success_metrics", "Success Metrics")),
    "madr": (_s("context", "Context and Problem Statement"), _s("drivers", "Decision Drivers"),
             _s("alternatives", "Considered Options"),
             _s("decision", "Decision Outcome", _s("consequences", "Consequences"), _s("confirmation", "Confirmation")),
             _s("pros_cons", "Pros and Cons of the Options"), _s("references", "More Information"),
             _s("related", "Links")),
}

# How each style writes alternatives and consequences; a source already in an accepted shape is
# copied as written, any other shape is rendered from the model.
ALTERNATIVE_SHAPES: dict[str, frozenset[str]] = {
    "full": frozenset({"alternative-sections", "sections"}), "drivers": frozenset({"option-sections", "sections"}),
    "table": frozenset({"table"}),
    "hybrid": frozenset({"list", "grouped", "table"}), "madr": frozenset({"madr", "list"}),
}
CONSEQUENCE_SHAPES: dict[str, frozenset[str]] = {
    "full": frozenset({"subsections", "prose"}), "drivers": frozenset({"subsections", "prose"}),
    "table": frozenset({"subsections", "prose"}), "hybrid": frozenset({"marks", "prose"}),
    "madr": frozenset({"goodbad", "prose"}), "nygard": frozenset({"subsections", "marks", "goodbad", "prose"}),
    "quick": frozenset({"subsections", "marks", "goodbad", "prose"}),
}
# Where each style writes the relations between records.
RELATIONS_IN = {"nygard": "status", "quick": "notes", "full": "related", "drivers": "related", "table": "related",
                "hybrid": "related", "madr": "related"}
NUMBERED_HEADINGS = frozenset({"hybrid"})
# The titles each style gives the parts of its consequences (copied sections are renamed to these).
CONSEQUENCE_TITLES = {"full": {"neutral": "Neutral / Notes"}}
DEFAULT_CONSEQUENCE_TITLES = {"positive": "Positive", "negative": "Negative", "neutral": "Neutral"}


def slot_keys(style: str) -> frozenset[str]:
    """Every key the style has a place for, nested ones included."""
    keys: set[str] = set()

    def walk(slots: tuple[Slot, ...]) -> None:
        for slot in slots:
            keys.add(slot.key)
            walk(slot.children)

    walk(LAYOUTS[style])
    return frozenset(keys)
