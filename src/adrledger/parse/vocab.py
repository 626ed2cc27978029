"""The words records use: statuses and their synonyms, section names, metadata keys."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..model import Status

from ..styles import heading_keys

# Order matters: the first pattern found earliest in the text wins, and "superseded by"
# must beat the "accepted" that often precedes it ("Accepted, superseded by ADR-9").
_STATUS_PATTERNS: tuple[tuple[Status, str], ...] = (
    ("superseded", r"super[sc]ee?ded(?:\s+by)?|replaced\s+by|(?:partly|partially)\s+superseded"),
    ("rejected", r"rejected|declined|won'?t\s+do|will\s+not\s+do|not\s+accepted|refused|abandoned|dismissed|vetoed"),
    ("deprecated", r"deprecated|reverted|obsolete|retired|withdrawn|archived|sunset|outdated|no\s+longer\s+valid"),
    ("draft", r"draft(?:ed|ing)?|wip|work\s+in\s+progress|todo|idea|unnumbered"),
    (
        "proposed",
        r"proposed|proposal|pending|in\s+review|under\s+review|review(?:ing)?|rfc|open|suggested|"
        r"in\s+discussion|discussion|discussing|under\s+consideration|new|submitted|planned",
    ),
    (
        "accepted",
        r"accepted|accept|approved|implemented|done|adopted|agreed|active|decided|final|"
        r"in\s+effect|valid|ratified|completed?|chosen|established|current|live",
    ),
)
_STATUS_RE = re.compile(
    "|".join(f"(?P<{name}>\\b(?:{pattern})\\b)" for name, pattern in _STATUS_PATTERNS), re.IGNORECASE
)
_STATUS_BY_GROUP: dict[str, Status] = {name: name for name, _ in _STATUS_PATTERNS}
_EMOJI_STATUS: dict[str, Status] = {
    "✅": "accepted",
    "✔": "accepted",
    "❌": "rejected",
    "🚫": "rejected",
    "⚠": "deprecated",
    "⏸": "proposed",
    "🟡": "proposed",
    "🔄": "superseded",
    "📝": "draft",
}


def normalise_status(raw: str) -> Status:
    """Map a status as written to one of the contract's words ("other" when unknown)."""
    words = [m.lastgroup for m in _STATUS_RE.finditer(raw)]
    if "superseded" in words:  # "Accepted, later superseded by ADR-9": the later state wins
        return "superseded"
    if words and words[0]:
        return _STATUS_BY_GROUP[words[0]]
    for emoji, status in _EMOJI_STATUS.items():
        if emoji in raw:
            return status
    return "other"


def status_words(raw: str) -> list[str]:
    """Every status word found, in order (an unfilled template lists several)."""
    return [m.lastgroup for m in _STATUS_RE.finditer(raw) if m.lastgroup]


# What a template asks for. Bracketed text without one of these words is a citation (`[Fowler]`), a label
# (`[default]`, `[SELECTED]`), a shortcut link (`[Workflow Core]`) or a value kept in the template's brackets
# (`[accepted]`, `[Ann, Bo]`), which real records are full of.
_PROMPT_WORDS = re.compile(
    r"\b(?:title|name|names|description|describe|option|options|alternative|argument|date|yyyy|url|link|ticket|"
    r"issue|number|example|e\.?g|i\.?e|insert|add|your|todo|tbd|fill|replace|list|summary|short|explain|"
    r"who|what|why|how|which|value|person|people|team|status|decision|context|consequence|consequences|"
    r"pros?|cons?|benefit|drawback|risk|mitigation|criteria|driver|component|version|owner|author|"
    r"brief|reason|rationale|justification|impact|likelihood|goal|metric|requirement|stakeholder|xxx+)\b|"
    r"\.\.\.|…",
    re.IGNORECASE,
)
# Alternatives to pick from: `[proposed | accepted]`, `[High/Med/Low]` (two words with a slash are a value).
_PIPED_CHOICES = re.compile(r"[A-Za-z][\w -]*(?:\s*\|\s*[A-Za-z][\w -]*)+")
_SLASHED_CHOICES = re.compile(r"[A-Za-z][\w-]*(?:\s*/\s*[A-Za-z][\w-]*){2,}")


def asks_for_input(text: str) -> bool:
    """Whether bracketed text is a template's prompt ("[describe the context]", "[High/Med/Low]")."""
    inner = text.strip()
    if not re.search(r"[A-Za-z]", inner):
        return False
    if len(set(status_words(inner))) >= 3:
        return True  # the template's list of statuses to choose from
    return bool(_PROMPT_WORDS.search(inner) or _PIPED_CHOICES.fullmatch(inner) or _SLASHED_CHOICES.fullmatch(inner))


# Canonical section keys. Headings are compared after clean_heading() and lower-casing.
SECTION_KEYS: dict[str, tuple[str, ...]] = {
    "status": ("status", "state", "statut", "estado", "stato"),
    "context": (
        "context",
        "context and problem statement",
        "problem & context",
        "problem and context",
        "problem statement",
        "background",
        "context and problem",
        "problem",
        "kontext",
        "contexte",
        "contexto",
        "kontext und problemstellung",
        "issue",
        "motivation",
    ),
    "decision": (
        "decision",
        "decision outcome",
        "outcome",
        "the decision",
        "entscheidung",
        "décision",
        "decision prise",
        "decisión",
        "decisao",
        "decisão",
        "resolution",
        "decision made",
        "our decision",
        "solution",
        "chosen solution",
        "proposed solution",
        "chosen option",
        "decided",
    ),
    "consequences": (
        "consequences",
        "consequence",
        "implications",
        "konsequenzen",
        "conséquences",
        "consecuencias",
        "consequências",
        "impact",
    ),
    "alternatives": (
        "alternatives considered",
        "alternatives",
        "considered options",
        "options considered",
        "options",
        "considered alternatives",
        "pros and cons of the options",
        "other options",
        "solution options",
        "possible solutions",
        "alternative solutions",
        "alternative",
        "implementation options",
        "approaches considered",
        "approaches",
        "alternativen",
        "optionen",
        "options envisagées",
        "alternativas",
        "opciones consideradas",
    ),
    "pros_cons": (
        "pros and cons of the options",
        "pros and cons",
        "options analysis",
        "pros and cons of the alternatives",
        "pros and cons of each option",
    ),
    "drivers": ("decision drivers", "drivers", "decision criteria", "forces", "entscheidungstreiber"),
    "rationale": ("rationale", "decision rationale", "reasoning", "justification", "why", "begründung"),
    "related": ("related decisions", "related", "related adrs", "links", "related records", "see also"),
    "references": (
        "references",
        "reference",
        "further reading",
        "more information",
        "sources",
        "resources",
        "referenzen",
        "références",
    ),
    "review_log": (
        "review and updates",
        "change log",
        "changelog",
        "revision history",
        "history",
        "review log",
        "updates",
        "document history",
        "version history",
        "amendments",
    ),
    "notes": ("notes", "additional notes", "remarks", "comments"),
    "implementation": ("implementation", "implementation notes", "implementation plan", "implementation details"),
    "risks": (
        "risks & mitigations",
        "risks and mitigations",
        "risk mitigation",
        "risks",
        "risk assessment",
        "risk register",
    ),
    "decision_matrix": ("decision matrix", "evaluation matrix", "scoring matrix", "weighted decision matrix"),
    "success_metrics": ("success metrics", "metrics", "success criteria", "kpis"),
    "acceptance_criteria": ("acceptance criteria",),
    "requirements": ("requirements",),
    "summary": ("summary", "tl;dr", "tldr", "abstract", "overview", "executive summary"),
    "document_info": ("document info", "document information", "metadata", "meta", "document metadata"),
    "roadmap": ("implementation roadmap", "roadmap", "phases", "rollout plan"),
    "adr": ("architecture decision record", "adr", "architecture decision"),
    "business_rules": (
        "business rules & constraints",
        "business rules and constraints",
        "business rules",
        "constraints",
    ),
    "appendix": ("appendix",),
    "timeline": ("timeline",),
    "migration": ("migration plan", "migration"),
    "positive": ("positive", "positive consequences", "pros", "benefits", "good", "advantages"),
    "negative": ("negative", "negative consequences", "cons", "drawbacks", "bad", "disadvantages", "costs"),
    "neutral": ("neutral", "neutral / notes", "neutral/notes", "neutral consequences", "other", "notes"),
    "confirmation": ("confirmation", "validation", "compliance"),
    "scope": ("scope", "governs", "applies to"),
    "more_information": ("more information",),
}
_KEY_BY_TITLE = {title: key for key, titles in reversed(list(SECTION_KEYS.items())) for title in titles}
_KEY_BY_TITLE.update(heading_keys())  # the headings a style adds (its own section names)
# Sub-section keys are only meaningful under their parent; "notes" alone is a section.
SUBSECTION_ONLY = frozenset({"positive", "negative", "neutral", "pros_cons"})
_FIXUPS = {
    "notes": "notes",
    "more information": "references",
    "pros and cons of the options": "pros_cons",
    "pros and cons of the alternatives": "pros_cons",
}

_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*[.)]?\s+|(?:[ivxlc]+|[a-z])[.)]\s+)", re.IGNORECASE)
_COMMENT = re.compile(r"<!--.*?(?:-->|$)")


@lru_cache(maxsize=4096)  # pure, and the same few headings recur in every record of a log
def clean_heading(text: str) -> str:
    """A heading's words: no numbering, emoji, emphasis, trailing colon or HTML comment."""
    if "<!--" in text:
        text = _COMMENT.sub("", text)
    text = text.replace("**", "").replace("__", "").strip()
    text = _strip_symbols(text)
    text = _NUMBERING.sub("", text, count=1) if text[:1].isalnum() else text
    return text.strip().rstrip(":").strip()


def _strip_symbols(text: str) -> str:
    start = 0
    while start < len(text) and (unicodedata.category(text[start])[0] in "SZC" or text[start] in "*_`"):
        start += 1
    return text[start:]


@lru_cache(maxsize=4096)
def section_key(title: str, parent_key: str | None = None) -> str | None:
    """The canonical key of a cleaned heading, or None when it is not a known section."""
    lowered = title.lower().strip()
    key = _FIXUPS.get(lowered) or _KEY_BY_TITLE.get(lowered)
    if key is None:
        key = _prefix_key(lowered)
    if key is None and lowered.endswith("s"):  # "Decisions", "Considered Alternatives" and the like
        key = _KEY_BY_TITLE.get(lowered[:-1])
    if key in SUBSECTION_ONLY and parent_key not in ("consequences", "decision", "adr", "alternatives", None):
        # MADR's full heading names nothing else: it keeps its meaning under Notes, where a style
        # without a place for the options puts it on conversion.
        return key if lowered == "pros and cons of the options" else None
    return key


def _prefix_key(lowered: str) -> str | None:
    # "Consequences (positive and negative)", "Decision: use X", "Alternatives considered so far"
    for separator in (" (", ":", " - ", " – ", " — "):
        if separator in lowered:
            head = lowered.split(separator, 1)[0].strip()
            if head in _KEY_BY_TITLE:
                return _KEY_BY_TITLE[head]
    return None


METADATA_KEYS: dict[str, tuple[str, ...]] = {
    "status": ("status", "state", "statut", "estado", "stato", "adr status"),
    "date": (
        "date",
        "decision date",
        "date decided",
        "created",
        "date created",
        "created on",
        "datum",
        "decided on",
        "decided",
        "date of decision",
        "accepted on",
        "proposed on",
        "introduced",
        "introduced on",
        "date introduced",
        "last updated",
        "updated",
        "last modified",
        "fecha",
    ),
    "deciders": (
        "deciders",
        "decision makers",
        "decision-makers",
        "decision maker",
        "decided by",
        "approvers",
        "approved by",
        "owners",
        "owner",
        "entscheider",
    ),
    "consulted": ("consulted",),
    "informed": ("informed",),
    "authors": ("author", "authors", "written by", "proposed by", "champion", "driver"),
    "tags": ("tags", "tag", "keywords", "labels", "categories", "category", "topics"),
    "story": ("technical story", "story", "ticket", "tickets", "issue", "jira", "context"),
    "title": ("document name", "title", "name"),
    "version": ("version",),
    "supersedes": ("supersedes", "supercedes", "replaces"),
    "superseded_by": ("superseded by", "superceded by", "superseded-by", "superseded_by", "replaced by"),
    "amends": ("amends",),
    "amended_by": ("amended by", "amended-by"),
    "related": ("related", "related to", "see also", "related decisions", "related adrs"),
    "scope": ("scope", "applies to", "governs"),
}
METADATA_KEY_BY_NAME = {name: key for key, names in METADATA_KEYS.items() for name in names}
# Keys whose later occurrence must not override an earlier, better one.
# Date labels that are words of prose too ("Decided: use Kafka"): a date only when the value holds a digit.
PROSE_DATE_LABELS = frozenset({"decided", "introduced"})
# The record's date is when it was decided or written: a "Last Modified" line is read only without one.
DATE_PRIORITY = (
    "date",
    "decision date",
    "date decided",
    "decided on",
    "decided",
    "date of decision",
    "accepted on",
    "created",
    "date created",
    "created on",
    "introduced",
    "introduced on",
    "date introduced",
    "datum",
    "proposed on",
    "fecha",
    "last updated",
    "updated",
    "last modified",
)
