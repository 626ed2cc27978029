"""What the user typed, as FTS5 expressions: words, "phrases", prefix* terms, stop words dropped."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

# Words that carry no meaning in a question such as "what did we decide about caching?".
STOPWORDS = frozenset(
    {
        "a",
        "about",
        "after",
        "all",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "for",
        "from",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "our",
        "should",
        "so",
        "than",
        "that",
        "the",
        "their",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "to",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "decide",
        "decided",
    }
)
_TOKEN = re.compile(r'"([^"]*)"|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # one word, or several for a phrase
    prefix: bool = False  # "kube*": any word starting with it

    @property
    def phrase(self) -> bool:
        return len(self.words) > 1


@dataclass(frozen=True)
class Query:
    text: str
    terms: tuple[Term, ...]

    def __bool__(self) -> bool:
        return bool(self.terms)

    @property
    def words(self) -> tuple[str, ...]:
        return tuple(word for term in self.terms for word in term.words)


def fold(text: str) -> str:
    """Lower case without accents: how the index compares words (é = e, Straße = strasse)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def parse_query(text: str) -> Query:
    """Split a query into terms; stop words are dropped unless nothing else is left."""
    terms: list[Term] = []
    for phrase, bare in _TOKEN.findall(text):
        if phrase:
            words = tuple(_WORD.findall(fold(phrase)))
            if words:
                terms.append(Term(words))
            continue
        prefix = bare.endswith("*")
        terms += [
            Term((word,), prefix and i == len(found) - 1)
            for found in [_WORD.findall(fold(bare))]
            for i, word in enumerate(found)
        ]
    meaningful = tuple(t for t in terms if t.phrase or t.prefix or t.words[0] not in STOPWORDS)
    return Query(text, meaningful or tuple(terms))


def expression(query: Query, operator: str = "AND", expand: Callable[[str], bool] | None = None) -> str:
    """An FTS5 MATCH expression. `expand(word)` says whether a plain word should also match as a prefix."""
    parts = []
    for term in query.terms:
        quoted = '"' + " ".join(word.replace('"', '""') for word in term.words) + '"'
        if term.prefix or (not term.phrase and expand is not None and expand(term.words[0])):
            quoted += " *"
        parts.append(quoted)
    return f" {operator} ".join(parts)
