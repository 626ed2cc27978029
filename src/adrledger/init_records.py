"""The first record of a new log, "Record architecture decisions", in each of our own styles."""

from __future__ import annotations

import re
from importlib.resources import files

_CONTEXT = (
    "Architectural choices get made every week, in meetings, chats and pull requests. A few months later "
    "nobody can say why a choice was made, which options were weighed, or whether it still holds, and new "
    "colleagues have no way to find out."
)
_DECISION = (
    "We will record every significant architectural decision as a numbered Markdown record in this folder, "
    "one file per decision, and keep the log consistent with adrledger (`adr lint` runs in CI)."
)
_RATIONALE = (
    "Records kept beside the code are reviewed with the code and cannot drift into a forgotten wiki. "
    "Numbered, immutable records with explicit supersession show what holds today and how we got here."
)
_POSITIVE = "- The reasons behind the architecture are written down where the code lives."
_NEGATIVE = "- Each significant decision costs the time it takes to write its record."
_NEUTRAL = "- Accepted records are not rewritten: a change of mind is a new record that supersedes the old one."

FILLS: dict[str, dict[str, str]] = {
    "full": {
        "Context": _CONTEXT,
        "Decision": _DECISION,
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
        "Rationale": _RATIONALE,
        "Positive": _POSITIVE,
        "Negative": _NEGATIVE,
        "Neutral / Notes": _NEUTRAL,
    },
    "drivers": {
        "Context": _CONTEXT,
        "Decision Drivers": "- Decisions must stay findable for years\n- Recording one must take minutes, not hours",
        "Considered Options": (
            "### Option 1: Decision records in the repository\n\nNumbered Markdown files next to the code.\n\n"
            "### Option 2: A wiki page per decision\n\nPages in the team wiki."
        ),
        "Decision": _DECISION,
        "Rationale": _RATIONALE + " A wiki page per decision was not chosen because it drifts away from the code.",
        "Positive": _POSITIVE,
        "Negative": _NEGATIVE,
        "Neutral": _NEUTRAL,
    },
    "quick": {
        "Context": _CONTEXT,
        "Decision": _DECISION,
        "Consequences": f"{_POSITIVE}\n{_NEGATIVE}",
    },
    "table": {
        "Decision": _DECISION,
        "Context": _CONTEXT,
        "Alternatives Considered": (
            "| Approach | Pros | Cons | Verdict |\n|----------|------|------|---------|\n"
            "| **Records in the repository** | Reviewed with the code | Takes writing time | ✅ Chosen - stays "
            "next to the code |\n"
            "| **Wiki pages** | Easy to edit | Drifts from the code | ❌ Rejected - nobody reviews them |"
        ),
        "Decision Rationale": _RATIONALE,
        "Positive": _POSITIVE,
        "Negative": _NEGATIVE,
        "Risks & Mitigations": (
            "| Risk | Impact | Likelihood | Mitigation |\n|------|--------|------------|------------|\n"
            "| Records are skipped under time pressure | Medium | Medium | Ask for a record in code review |"
        ),
    },
    "hybrid": {
        "2. Summary": "Keep a numbered, reviewed log of architecture decisions beside the code.",
        "3. Problem & Context": _CONTEXT,
        "6. Acceptance Criteria": "- [x] The log exists and this record is its first entry\n"
                                  "- [ ] `adr lint` runs in CI",
        "Decision": _DECISION,
        "Alternatives Considered": "- **Wiki pages:** drift away from the code\n- **No record:** reasons get lost",
        "Consequences": f"- ✅ {_POSITIVE[2:]}\n- ❌ {_NEGATIVE[2:]}",
    },
    "madr": {
        "Context and Problem Statement": _CONTEXT + " How do we keep our decisions and their reasons?",
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
}


def first_record(style: str) -> str:
    """The style's template with the first record's content filled in (tokens left for create)."""
    text = files("adrledger").joinpath(f"templates/{style}.md").read_text(encoding="utf-8")
    return drop_empty_sections(fill_sections(text, FILLS.get(style, {})))


_COMMENT = re.compile(r"<!--.*?-->")
_EMPTY_ITEM = re.compile(r"(?:[-*+]|\d+\.)?\s*(?:\[[ x]\])?\s*$")


def drop_empty_sections(text: str) -> str:
    """Remove optional sections that only hold the template's guidance: the first record is complete."""
    while True:
        lines = text.split("\n")
        headings = [i for i, line in enumerate(lines) if re.match(r"#{2,6}\s", line)]
        for position, start in enumerate(headings):
            end = headings[position + 1] if position + 1 < len(headings) else len(lines)
            level = len(lines[start]) - len(lines[start].lstrip("#"))
            nested = end < len(lines) and len(lines[end]) - len(lines[end].lstrip("#")) > level
            body = [_COMMENT.sub("", line).strip() for line in lines[start + 1:end]]
            if not nested and all(line == "---" or _EMPTY_ITEM.fullmatch(line) for line in body):
                text = "\n".join(lines[:start] + lines[end:])
                break
        else:
            return text


def fill_sections(text: str, fills: dict[str, str]) -> str:
    """Replace the whole body under each named heading (sub-headings included) with new Markdown."""
    output: list[str] = []
    skip_level = 0  # while filling, drop lines until a heading of this level or higher
    pending = dict(fills)
    for line in text.split("\n"):
        heading = re.match(r"(#{1,6})\s+(.*?)\s*$", line)
        if heading:
            level = len(heading.group(1))
            if skip_level and level > skip_level:
                continue
            skip_level = 0
            output.append(line)
            name = re.sub(r"\s*<!--.*?-->\s*", "", heading.group(2))
            if name in pending:
                output.extend(["", pending.pop(name), ""])
                skip_level = level
            continue
        if not skip_level:
            output.append(line)
    return "\n".join(output)
