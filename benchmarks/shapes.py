"""The seven record shapes, written the way teams write them, filled with generated prose."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from words import Filler


@dataclass
class Plan:
    """What one record says about itself and its neighbours, decided before any text is written."""

    number: int
    style: str
    title: str
    filename: str
    date: str
    status: str  # Accepted | Proposed | Rejected | Deprecated | Superseded
    supersedes: list[int] = field(default_factory=list)
    superseded_by: int | None = None
    related: list[int] = field(default_factory=list)
    amends: list[int] = field(default_factory=list)
    amended_by: list[int] = field(default_factory=list)


Plans = dict[int, Plan]


def adr_link(plans: Plans, number: int) -> str:
    other = plans[number]
    return f"[ADR-{number:04d}: {other.title}]({other.filename})"


def nygard_link(plans: Plans, number: int) -> str:
    other = plans[number]
    return f"[{number}. {other.title}]({other.filename})"


def status_text(plan: Plan, plans: Plans) -> str:
    if plan.superseded_by is not None:
        later = plans[plan.superseded_by]
        return f"Superseded by [ADR-{later.number:04d}]({later.filename})"
    return plan.status


def related_lines(plan: Plan, plans: Plans) -> list[str]:
    lines = [f"- Supersedes {adr_link(plans, n)}" for n in plan.supersedes]
    lines += [f"- {adr_link(plans, n)}: touches the same area" for n in plan.related]
    return lines or ["- None yet"]


def bullets(items: list[str], marker: str = "-") -> str:
    return "\n".join(f"{marker} {item}" for item in items)


def _deciders(filler: Filler) -> str:
    return ", ".join(filler.people())


# ---- nygard (adr-tools) -----------------------------------------------------------------------


def nygard(plan: Plan, plans: Plans, filler: Filler) -> str:
    """A record as `adr new` writes it, with the link lines `adr new -s` and `-l` add."""
    status_lines = []
    if plan.superseded_by is not None:
        status_lines.append(f"Superseded by {nygard_link(plans, plan.superseded_by)}")
    else:
        status_lines.append(plan.status)
    status_lines += [f"Supersedes {nygard_link(plans, n)}" for n in plan.supersedes]
    status_lines += [f"Amends {nygard_link(plans, n)}" for n in plan.amends]
    status_lines += [f"Amended by {nygard_link(plans, n)}" for n in plan.amended_by]
    return (
        f"# {plan.number}. {plan.title}\n\nDate: {plan.date}\n\n## Status\n\n"
        + "\n\n".join(status_lines)
        + f"\n\n## Context\n\n{filler.paragraphs(filler.rng.randint(4, 8), 3, 6)}\n\n"
        f"## Decision\n\n{filler.paragraphs(filler.rng.randint(2, 4), 2, 5)}\n\n"
        f"## Consequences\n\n{filler.paragraphs(filler.rng.randint(2, 5), 2, 5)}\n"
    )


# ---- full ---------------------------------------------------------------------------------------


def full(plan: Plan, plans: Plans, filler: Filler) -> str:
    options = filler.options(filler.rng.randint(2, 4))
    parts = [
        f"# ADR-{plan.number:03d}: {plan.title}\n",
        f"**Status:** {status_text(plan, plans)}\n",
        f"**Date:** {plan.date}\n",
        f"**Decision Makers:** {_deciders(filler)}\n",
        f"**Tags:** {', '.join(filler.tags())}\n",
        "---\n",
        f"## Context\n\n{filler.paragraphs(filler.rng.randint(3, 5), 3, 5)}\n",
        f"## Decision\n\nWe will use {options[0]} for this. {filler.paragraph(1, 3)}\n",
        "## Alternatives Considered\n",
    ]
    for index, option in enumerate(options[1:], start=1):
        parts.append(
            f"### Alternative {index}: {option}\n\n**Description:** {filler.paragraph(2, 3)}\n\n"
            f"**Pros:**\n\n{bullets(filler.points(2, 3))}\n\n**Cons:**\n\n{bullets(filler.points(2, 3))}\n\n"
            f"**Why not chosen:** {filler.sentence()}\n"
        )
    parts += [
        f"## Rationale\n\n{filler.paragraphs(2, 2, 4)}\n",
        "## Consequences\n",
        f"### Positive\n\n{bullets(filler.points(2, 4))}\n",
        f"### Negative\n\n{bullets(filler.points(1, 3))}\n",
        f"### Neutral / Notes\n\n{bullets(filler.points(1, 2))}\n",
        "## Implementation\n",
        f"### Timeline\n\n{filler.sentence()}\n",
        f"### Migration Plan\n\n{filler.paragraphs(2, 2, 4)}\n",
        f"### Success Metrics\n\n{bullets(filler.points(2, 3))}\n",
        f"## Related Decisions\n\n{chr(10).join(related_lines(plan, plans))}\n",
        f"## References\n\n- [Design notes](https://wiki.example.org/adr/{plan.number})\n",
        "## Review and Updates\n\n| Date | Change | Author |\n| ---- | ------ | ------ |\n"
        f"| {plan.date} | First version | {filler.pick(_names())} |\n"
        + "".join(
            f"| {plan.date} | {filler.point()} | {filler.pick(_names())} |\n" for _ in range(filler.rng.randint(0, 2))
        ),
        f"## Notes\n\n{filler.paragraph(2, 4)}\n",
    ]
    return "\n".join(parts)


def _names() -> tuple[str, ...]:
    from words import PEOPLE

    return PEOPLE


# ---- drivers --------------------------------------------------------------------------------------


def drivers(plan: Plan, plans: Plans, filler: Filler) -> str:
    options = filler.options(filler.rng.randint(2, 4))
    parts = [
        f"# ADR-{plan.number:03d}: {plan.title}\n",
        f"**Date**: {plan.date}\n**Status**: {status_text(plan, plans)}\n**Deciders**: {_deciders(filler)}\n"
        f"**Technical Story**: [PROJ-{plan.number * 7 % 9000 + 100}](https://tracker.example.org)\n",
        f"## Context\n\n{filler.paragraphs(filler.rng.randint(3, 5), 3, 5)}\n",
        f"## Decision Drivers\n\n{bullets(filler.points(3, 5))}\n",
        "## Considered Options\n",
    ]
    for index, option in enumerate(options, start=1):
        parts.append(f"### Option {index}: {option}\n\n{filler.paragraph(2, 4)}\n")
    parts += [
        f"## Decision\n\nWe will use {options[0]}. {filler.paragraph(1, 2)}\n",
        f"## Rationale\n\n{filler.paragraphs(2, 2, 4)}\n",
        "## Consequences\n",
        f"### Positive\n\n{bullets(filler.points(2, 3))}\n",
        f"### Negative\n\n{bullets(filler.points(1, 3))}\n",
        f"### Neutral\n\n{bullets(filler.points(1, 2))}\n",
        f"## Implementation Notes\n\n{filler.paragraphs(2, 2, 4)}\n",
        f"## Related Decisions\n\n{chr(10).join(related_lines(plan, plans))}\n",
        "## References\n\n- [Spike results](https://wiki.example.org/spikes)\n",
    ]
    return "\n".join(parts)


# ---- quick -----------------------------------------------------------------------------------------


def quick(plan: Plan, plans: Plans, filler: Filler) -> str:
    return (
        f"# ADR-{plan.number:03d}: {plan.title}\n\n"
        f"**Status**: {status_text(plan, plans)} | **Date**: {plan.date}\n\n"
        f"## Context\n\n{filler.paragraphs(3, 3, 5)}\n\n## Decision\n\n{filler.paragraph(2, 3)}\n\n"
        f"## Consequences\n\n{bullets(filler.points(3, 6))}\n"
        + (
            f"\n## Related Decisions\n\n{chr(10).join(related_lines(plan, plans))}\n"
            if plan.related or plan.supersedes
            else ""
        )
    )


# ---- table --------------------------------------------------------------------------------------

_VERDICTS = ("❌ Rejected", "⏸️ Future consideration", "❌ Rejected")


def table(plan: Plan, plans: Plans, filler: Filler) -> str:
    options = filler.options(filler.rng.randint(3, 5))
    rows = [f"| **{options[0]}** | {filler.point()}; {filler.point()} | {filler.point()} | ✅ Chosen |"]
    rows += [
        f"| {o} | {filler.point()} | {filler.point()}; {filler.point()} | {filler.pick(_VERDICTS)} |"
        for o in options[1:]
    ]
    risks = [
        f"| {filler.point()} | {filler.pick(_LEVELS)} | {filler.pick(_LEVELS)} | {filler.sentence()} |"
        for _ in range(filler.rng.randint(2, 4))
    ]
    supersedes = ", ".join(f"[ADR-{n:04d}]({plans[n].filename})" for n in plan.supersedes) or "None"
    later = plan.superseded_by
    return "\n".join(
        [
            f"# ADR-{plan.number:04d}: {plan.title}\n",
            f"**Date:** {plan.date}\n**Status:** {status_text(plan, plans)}\n"
            f"**Context:** [Design doc](https://docs.example.org/design/{plan.number})\n",
            f"## Decision\n\nWe will use **{options[0]}**. {filler.paragraph(1, 2)}\n",
            f"## Context\n\n{filler.paragraphs(filler.rng.randint(3, 4), 3, 5)}\n",
            "## Alternatives Considered\n\n| Approach | Pros | Cons | Verdict |\n|----------|------|------|---------|\n"
            + "\n".join(rows)
            + "\n",
            f"## Decision Rationale\n\n{filler.paragraphs(2, 2, 4)}\n",
            "## Consequences\n",
            f"### Positive\n\n{bullets(filler.points(2, 3))}\n",
            f"### Negative\n\n{bullets(filler.points(1, 3))}\n",
            "### Risks & Mitigations\n\n| Risk | Impact | Likelihood | Mitigation |\n"
            "|------|--------|------------|------------|\n" + "\n".join(risks) + "\n",
            f"## Implementation Notes\n\n{filler.paragraph(2, 4)}\n",
            f"## Related\n\n- **TDD:** [Design](https://docs.example.org/tdd/{plan.number})\n"
            f"- **Tickets:** PROJ-{plan.number + 1000}\n- **Code:** `services/{plan.filename[5:-3]}`\n"
            f"- **Supersedes:** {supersedes}\n"
            f"- **Superseded by:** {f'[ADR-{later:04d}]({plans[later].filename})' if later else 'None'}\n"
            + "".join(f"- **Related:** {adr_link(plans, n)}\n" for n in plan.related),
            f"## Appendix\n\n{filler.paragraphs(2, 2, 4)}\n",
        ]
    )


_LEVELS = ("High", "Medium", "Low")


# ---- hybrid -----------------------------------------------------------------------------------------


def hybrid(plan: Plan, plans: Plans, filler: Filler) -> str:
    options = filler.options(3)
    return "\n".join(
        [
            f"# ADR-{plan.number:03d}: {plan.title}\n",
            f"## 1. Document Info\n\n- **Document Name:** ADR-{plan.number:03d}: {plan.title}\n- **Version:** 1.0\n"
            f"- **Date:** {plan.date}\n- **Author:** {filler.pick(_names())}\n"
            f"- **Status:** {status_text(plan, plans)}\n",
            f"## 2. Summary\n\n{filler.paragraph(3, 4)}\n",
            f"## 3. Problem & Context\n\n{filler.paragraphs(3, 3, 5)}\n",
            "## 4. Requirements\n",
            f"### 4.1 Functional Requirements\n\n{_checklist(filler, 'FR', 3, 5)}\n",
            f"### 4.2 Non-Functional Requirements\n\n{_checklist(filler, 'NFR', 2, 4)}\n",
            f"## 5. Business Rules & Constraints\n\n{bullets(filler.points(2, 4))}\n",
            f"## 6. Acceptance Criteria\n\n{_checklist(filler, '', 3, 5)}\n",
            "## 7. Architecture Decision Record\n",
            f"### Decision\n\nWe will use {options[0]}. {filler.paragraph(1, 2)}\n",
            "### Alternatives Considered\n\n"
            + "\n".join(f"- **{o}:** {filler.sentence()}" for o in options[1:])
            + "\n",
            "### Consequences\n\n"
            + "\n".join(f"- ✅ {p}" for p in filler.points(2, 3))
            + "\n"
            + "\n".join(f"- ❌ {p}" for p in filler.points(1, 2))
            + "\n",
            f"## 8. Implementation Notes\n\n{filler.paragraphs(2, 2, 4)}\n",
            f"## 9. References\n\n{chr(10).join(related_lines(plan, plans))}\n",
            f"## 10. Decision Matrix\n\n{_matrix(filler, options)}\n",
            "## 11. Implementation Roadmap\n\n"
            + "\n".join(
                f"### Phase {p}: {filler.point()} (Week {2 * p - 1}-{2 * p})\n\n{_checklist(filler, '', 2, 3)}\n"
                for p in range(1, filler.rng.randint(2, 4) + 1)
            ),
            "## 12. Risk Mitigation\n\n| Risk | Impact | Probability | Mitigation |\n"
            "|------|--------|-------------|------------|\n"
            + "\n".join(
                f"| **{filler.point()}** | {filler.pick(_LEVELS)} | {filler.pick(_LEVELS)} | {filler.sentence()} |"
                for _ in range(filler.rng.randint(2, 4))
            )
            + "\n",
            f"## 13. Success Metrics\n\n{bullets(filler.points(2, 4))}\n",
        ]
    )


def _checklist(filler: Filler, prefix: str, low: int, high: int) -> str:
    items = []
    for index, point in enumerate(filler.points(low, high), start=1):
        mark = "x" if filler.rng.random() < 0.5 else " "
        label = f"{prefix}{index}: " if prefix else ""
        items.append(f"- [{mark}] {label}{point}")
    return "\n".join(items)


def _matrix(filler: Filler, options: list[str]) -> str:
    """A weighted matrix whose totals are right, except now and then (as in real logs)."""
    criteria = filler.rng.sample(("Performance", "Cost", "Operability", "Ecosystem", "Security", "Fit"), 4)
    weights = [40, 30, 20, 10]
    scores = [[filler.rng.randint(4, 10) for _ in options] for _ in criteria]
    lines = [
        "| Criteria | Weight | " + " | ".join(options) + " |",
        "|----------|--------|" + "|".join("-" * (len(o) + 2) for o in options) + "|",
    ]
    lines += [
        f"| **{c}** | {w}% | " + " | ".join(f"{s}/10" for s in row) + " |"
        for c, w, row in zip(criteria, weights, scores)
    ]
    totals = [sum(w * row[i] for w, row in zip(weights, scores)) / 100 for i in range(len(options))]
    if filler.rng.random() < 0.1:
        totals[0] += 0.5  # a wrong total for the linter to find
    lines.append("| **Total Score** | 100% | " + " | ".join(f"{t:.1f}/10" for t in totals) + " |")
    return "\n".join(lines)


# ---- madr ---------------------------------------------------------------------------------------


def madr(plan: Plan, plans: Plans, filler: Filler) -> str:
    options = filler.options(filler.rng.randint(2, 4))
    status = plan.status.lower()
    if plan.superseded_by is not None:
        later = plans[plan.superseded_by]
        status = f'"superseded by [ADR-{later.number:04d}]({later.filename})"'
    front = (
        f"---\nstatus: {status}\ndate: {plan.date}\ndecision-makers: {', '.join(filler.people())}\n"
        f"consulted: {', '.join(filler.people(0, 2))}\ninformed: {filler.pick(('everyone', 'engineering'))}\n"
    )
    if plan.supersedes:
        front += f"supersedes: [{', '.join(str(n) for n in plan.supersedes)}]\n"
    pros_cons = "\n".join(
        f"### {o}\n\n{filler.paragraph(2, 4)}\n\n"
        + "\n".join(f"* Good, because {p.lower()}" for p in filler.points(1, 3))
        + "\n"
        + "\n".join(f"* Bad, because {p.lower()}" for p in filler.points(1, 2))
        + "\n"
        for o in options
    )
    links = "".join(f"* {adr_link(plans, n)}\n" for n in plan.related + plan.supersedes)
    return "\n".join(
        [
            front + "---\n",
            f"# {plan.title}\n",
            f"## Context and Problem Statement\n\n{filler.paragraphs(filler.rng.randint(2, 4), 3, 5)}\n",
            f"## Decision Drivers\n\n{bullets(filler.points(2, 4), '*')}\n",
            f"## Considered Options\n\n{bullets(options, '*')}\n",
            f'## Decision Outcome\n\nChosen option: "{options[0]}", because {filler.sentence().lower()}\n',
            "### Consequences\n\n"
            + "\n".join(f"* Good, because {p.lower()}" for p in filler.points(1, 3))
            + "\n"
            + "\n".join(f"* Bad, because {p.lower()}" for p in filler.points(1, 2))
            + "\n",
            f"### Confirmation\n\n{filler.sentence()}\n",
            f"## Pros and Cons of the Options\n\n{pros_cons}",
            f"## More Information\n\n{filler.paragraphs(2, 2, 4)}\n" + (f"\n{links}" if links else ""),
        ]
    )


RENDERERS: dict[str, Callable[[Plan, Plans, Filler], str]] = {
    "nygard": nygard,
    "full": full,
    "drivers": drivers,
    "quick": quick,
    "table": table,
    "hybrid": hybrid,
    "madr": madr,
}
