"""adr-tools' own style (Michael Nygard's record): `# N. Title`, `Date:`, and Status, Context,
Decision, Consequences sections. Files are byte-identical to what adr-tools writes."""

from __future__ import annotations

from ._base import Style, StyleEvidence, slot

_CORE = frozenset({"status", "context", "decision", "consequences"})


def _shape(evidence: StyleEvidence) -> int:
    score = 3 if evidence.status_source == "section" else 0
    score += 2 if evidence.title_is_numbered_dot else 0
    return score + (2 if evidence.keys and evidence.keys <= _CORE else 0)


STYLE = Style(
    name="nygard",
    summary="adr-tools / Michael Nygard: Status, Context, Decision, Consequences",
    required=("status", "context", "decision", "consequences"),
    layout=(
        slot("status", "Status"),
        slot("context", "Context"),
        slot("decision", "Decision"),
        slot("consequences", "Consequences"),
    ),
    title_weights={"status": 3},
    shape=_shape,
    structured_consequences=False,
    initial_status="Accepted",
    template_tokens=True,
    # The nygard template and first record are adr-tools' own text (GPL-3.0-or-later, Nat Pryce), kept
    # verbatim because adr-tools users must get byte-identical files.
    init_template="nygard-init.md",
    init_title="record-architecture-decisions",
    remembered=False,  # nygard logs stay exactly as adr-tools leaves them
    transliterate_slugs=False,
    title_form="numbered",
    metadata_form="plain",
    consequences_form="marks",
    consequence_shapes=frozenset({"subsections", "marks", "goodbad", "prose"}),
    relations_in="status",
    relation_bullet="",
    adr_tools_links=True,
    status_section=True,
)
