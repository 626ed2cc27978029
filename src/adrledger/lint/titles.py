"""Compare titles the way a reader does: blind to case, punctuation, small words and remarks in parentheses."""

from __future__ import annotations

import re
import unicodedata

STOP_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "for",
        "of",
        "to",
        "and",
        "or",
        "in",
        "on",
        "with",
        "as",
        "by",
        "at",
        "use",
        "using",
        "adr",
        "md",
        "is",
        "be",
        "we",
        "our",
        "from",
        "into",
        "via",
    }
)
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
    """True when a file name's words mostly come from the title (file names are often shortened).

    Words joined in the title count one by one (`MeshTrafficPermission`), and a slug word made
    of the initials of title words is theirs (`lb` for "load balancing", `psat` for "projected
    service account tokens").
    """
    slug = _slug(slug)
    title_slug = _slug(title)
    if slug and (slug == title_slug or slug in title_slug):
        return True  # the usual case: adr-tools' own slug of the title, perhaps shortened
    spelled = _CAMEL.sub(" ", title)
    from_slug = {word for word in words(slug) if not _VERSION_LIKE.fullmatch(word)}
    unbracketed = re.sub(r"[()]", " ", title)  # a trailing "(state bucket)" names the record too
    from_title = words(title) | words(spelled) | words(unbracketed)
    if not from_slug or not from_title:
        return True  # nothing to compare
    initials = _initials(spelled)
    shared = sum(1 for word in from_slug if _in_title(word, from_title, initials))
    # A file name often names the topic where the title states the choice ("frontend-toolchain" for
    # "Use Create React App for the frontend"): only a name that shares almost nothing is another record's.
    return shared * 3 >= len(from_slug)


_VERSION_LIKE = re.compile(r"(?=.*\d)[a-z0-9]{1,3}")  # v6, 02, h2: labels, not words of a title


def _in_title(word: str, title_words: set[str], initials: str) -> bool:
    """A slug word is the title's when it is one of its words (or shortened), their initials, or a word
    joined to one of them ("msgserver" for "message server")."""
    if any(_same_word(word, other) or _same_stem(word, other) for other in title_words):
        return True
    if len(word) >= 2 and word in initials:
        return True
    return any(
        len(other) >= 4 and len(word) > len(other) and (word.startswith(other) or word.endswith(other))
        for other in title_words
    )


_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def _initials(title: str) -> str:
    """The first letters of a title's words, with and without its small words, for abbreviations."""
    every = normalise(title).split()
    kept = [word for word in every if word not in STOP_WORDS]
    return "".join(w[0] for w in every) + " " + "".join(w[0] for w in kept)


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _same_word(a: str, b: str) -> bool:
    """Equal, or one an abbreviation of the other ("db" is not, "config" for "configuration" is)."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return len(short) >= 4 and long.startswith(short)


def _same_stem(a: str, b: str) -> bool:
    """The same word in another form: "configure" and "configuring", "store" and "storage"."""
    common = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
    return common >= 4 and common >= min(len(a), len(b)) - 2


def is_placeholder_title(title: str) -> bool:
    return bool(re.search(r"[\[\]{}]", title)) or not title.strip()
