"""PRD + ADR: document info, requirements, acceptance criteria, the decision record, a weighted
decision matrix, roadmap, risks. Its sections carry numbers ("## 7. Architecture Decision Record")."""

from __future__ import annotations

from ._base import Style, slot
from ._first_record import CONTEXT, DECISION, NEGATIVE, POSITIVE

STYLE = Style(
    name="hybrid",
    summary="PRD + ADR: requirements, acceptance criteria, decision, matrix, roadmap, risks",
    required=("summary", "context", "acceptance_criteria", "decision", "alternatives", "consequences"),
    layout=(
        slot("document_info", "Document Info"),
        slot("summary", "Summary"),
        slot("context", "Problem & Context"),
        slot("requirements", "Requirements"),
        slot("business_rules", "Business Rules & Constraints"),
        slot("acceptance_criteria", "Acceptance Criteria"),
        slot(
            "adr",
            "Architecture Decision Record",
            slot("decision", "Decision"),
            slot("alternatives", "Alternatives Considered"),
            slot("consequences", "Consequences"),
        ),
        slot("implementation", "Implementation Notes"),
        slot("references", "References"),
        slot("related", "Related Decisions"),
        slot("decision_matrix", "Decision Matrix"),
        slot("roadmap", "Implementation Roadmap"),
        slot("risks", "Risk Mitigation"),
        slot("success_metrics", "Success Metrics"),
    ),
    title_weights={
        "document info": 5,
        "summary": 2,
        "problem & context": 4,
        "requirements": 2,
        "acceptance criteria": 3,
        "architecture decision record": 5,
        "decision matrix": 2,
        "implementation roadmap": 3,
        "risk mitigation": 2,
        "business rules & constraints": 3,
        "success metrics": 1,
    },
    meta_weights={"document name": 4, "version": 1, "author": 1},
    section_names={"context": "Problem & Context"},
    init_fills={
        "2. Summary": "Keep a numbered, reviewed log of architecture decisions beside the code.",
        "3. Problem & Context": CONTEXT,
        "6. Acceptance Criteria": "- [x] The log exists and this record is its first entry\n"
        "- [ ] `adr lint` runs in CI",
        "Decision": DECISION,
        "Alternatives Considered": "- **Wiki pages:** drift away from the code\n- **No record:** reasons get lost",
        "Consequences": f"- ✅ {POSITIVE[2:]}\n- ❌ {NEGATIVE[2:]}",
    },
    metadata_form="document-info",
    numbered_headings=True,
    alternative_shapes=frozenset({"list", "grouped", "table"}),
    consequences_form="marks",
    consequence_shapes=frozenset({"marks", "prose"}),
)
