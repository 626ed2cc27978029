"""Compare titles the way a reader does: blind to case, punctuation, small words and remarks in parentheses."""

from __future__ import annotations

import re
import unicodedata

STOP_WORDS = frozenset({"a", "an", "the", "for", "of", "to", "and", "or", "in", "on", "with", "as", "by", "at",
                        "use", "using", "adr", "md", "is", "be", "we", "our", "from", "into", "via"})
_TRAILING_REMARK = re.compile(r"(?<!\s)\s*\([^()]*\)\s*$")  # from a run's first space only: linear
_WORD = re.compile(r"[a-z0-9]+")


def normalise(title: str) -> str:
    """Lower-case words of a title, without accents, punctuation or a trailing "(remark)"."""
    text = _TRAILING_REMARK.sub("", title.strip()) or title
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_WORD.findall(text))


def words(title: str) -> set[str]:
    """The meaningful words of a title or a file-name slug (plural 's' removed)."""
    found = set()
    for word in normalise(title.replace("-", " ").replace("_", " ")).split():
        if word in STOP_WORDS or word.isdigit():
            continue
        found.add(word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word)
    return found


def titles_match(reference: str, actual: str) -> bool:
    """True when a reference's title names the same record as `actual`.

    Equal after normalising, or one title's words all found in the other (a shortened reference,
    "Caching Strategy (addresses read scaling)" for "Caching Strategy").
    """
    if normalise(reference) == normalise(actual):
        return True
    ref, act = words(reference), words(actual)
    return bool(ref and act) and (ref <= act or act <= ref)


def slug_matches_title(slug: str, title: str) -> bool:
    """True when a file name's words mostly come from the title (file names are often shortened)."""
    title_slug = _slug(title)
    if slug and (slug == title_slug or slug in title_slug):
        return True  # the usual case: adr-tools' own slug of the title, perhaps shortened
    from_slug, from_title = words(slug), words(title)
    if not from_slug or not from_title:
        return True  # nothing to compare
    shared = sum(1 for word in from_slug if any(_same_word(word, other) for other in from_title))
    return shared * 2 >= len(from_slug)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _same_word(a: str, b: str) -> bool:
    """Equal, or one an abbreviation of the other ("db" is not, "config" for "configuration" is)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def is_placeholder_title(title: str) -> bool:
    return bool(re.search(r"[\[\]{}]", title)) or not title.strip()
