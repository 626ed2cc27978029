"""Shared vocabulary of list items: the marks and phrases that classify a point as good or bad."""

from __future__ import annotations

import re

from .tables import strip_inline

LABEL = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*|__)(?P<label>[^*_:]{1,40}?):?(?:\*\*|__):?\s*(?P<rest>.*)$")
GOOD = re.compile(r"^(?:good|pro|positive|\+)\s*(?:,\s*because|:)\s*", re.IGNORECASE)
BAD = re.compile(r"^(?:bad|con|negative|-)\s*(?:,\s*because|:)\s*", re.IGNORECASE)
NEUTRAL = re.compile(r"^(?:neutral|note)\s*(?:,\s*because|:)\s*", re.IGNORECASE)
SYMBOLS = re.compile(r"^[\s\u2000-\u2bff\u2e00-\u2e7f\U0001f000-\U0001faff\ufe0f\u200d]+")
POSITIVE_MARKS = ("✅", "✔", "👍", "➕", "🟢")
NEGATIVE_MARKS = ("❌", "✖", "👎", "➖", "🔴", "⛔")
NEUTRAL_MARKS = ("⚠", "ℹ", "🟡", "➡", "⏸")


def clean_item(text: str) -> str:
    """An item's words without its leading emoji and Markdown decoration."""
    return strip_inline(SYMBOLS.sub("", text))
