"""Record Markdown to safe HTML: GFM through cmarkgfm in safe mode, then an allow-list sanitiser.

Two layers. cmark's safe mode drops raw HTML from records (it becomes an HTML comment) and
blanks links whose scheme is javascript:, vbscript:, file: or data:. nh3 then keeps only
allow-listed tags and attributes, removes comments, allows only http, https and mailto URLs,
and marks every link rel="noopener noreferrer". Links between records and local images are
rewritten after sanitising, on nh3's normalised output, so the rewriting never sees hostile
markup. Dropping raw HTML (rather than sanitising it) also means a record's unclosed <table>
or <math> cannot swallow the rest of its page. See docs/adr/0021.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

ALLOWED_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "dd",
    "del",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
    "var",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"},
    "th": {"align"},
    "pre": {"lang"},
    "ol": {"start"},
    "abbr": {"title"},
}
# Only GFM task-list boxes: read-only checkboxes, nothing a reader could submit.
INPUT_VALUES = {"input": {"type": {"checkbox"}, "checked": {""}, "disabled": {""}}}
URL_SCHEMES = {"http", "https", "mailto"}
REL = "noopener noreferrer"

Resolver = Callable[[str], "str | None"]
_HREF = re.compile(r'(<a\b[^>]*?\shref=")([^"]*)(")')
_SRC = re.compile(r'(<img\b[^>]*?\ssrc=")([^"]*)(")')
_MERMAID = re.compile(r'<pre lang="mermaid"><code>(.*?)</code></pre>', re.DOTALL)


@lru_cache(maxsize=1)
def _cleaner() -> Any:
    import nh3

    return nh3.Cleaner(
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values=INPUT_VALUES,
        clean_content_tags={"script", "style"},
        url_schemes=URL_SCHEMES,
        link_rel=REL,
        strip_comments=True,
    )


def markdown_to_html(text: str) -> str:
    """GFM (tables, task lists, strikethrough, autolinks) to HTML, then sanitised."""
    import cmarkgfm

    return sanitize(cmarkgfm.github_flavored_markdown_to_html(cap_nesting(text)))


# The sanitiser's HTML parser (html5ever, in nh3) costs grow with the square of the nesting depth, and
# with the square of a text's length when it holds "&" or a character from U+0080 to U+00BF (a
# million ">" or "&" in a record took minutes). So a line opens at most MAX_NESTING quotes or lists
# (nesting across lines is bounded by the file's size: each level needs a longer line), and a long
# text reaches the sanitiser in pieces of MAX_TEXT characters, joined by empty comments it removes.
MAX_NESTING = 64
MAX_TEXT = 1024
_MARKER = r"[ \t]*(?:>|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))"
_DEEP_LINE = re.compile(f"^(?:{_MARKER}){{{MAX_NESTING + 1},}}", re.MULTILINE)
_ALLOWED_MARKERS = re.compile(f"(?:{_MARKER}){{{MAX_NESTING}}}")
_LONG_TEXT = re.compile(f"(?<![^<>])[^<>]{{{MAX_TEXT + 1},}}")  # tried only where a text starts: linear


def cap_nesting(markdown: str) -> str:
    """Keep the first MAX_NESTING container markers (">", "-", "1.") that start a line, drop the rest."""
    return _DEEP_LINE.sub(_allowed_markers, markdown)


def _allowed_markers(deep: re.Match[str]) -> str:
    allowed = _ALLOWED_MARKERS.match(deep.group(0))
    return (allowed.group(0) if allowed else "") + " "


def sanitize(fragment: str) -> str:
    """The allow-listed part of an HTML fragment from cmark (whose text holds no raw "<" or ">")."""
    return str(_cleaner().clean(_LONG_TEXT.sub(_cut_text, fragment)))


def _cut_text(text: re.Match[str]) -> str:
    """A long text in pieces of at most MAX_TEXT characters between empty comments; no entity is cut."""
    run, pieces, start = text.group(0), [], 0
    while len(run) - start > MAX_TEXT:
        cut = start + MAX_TEXT
        entity = run.rfind("&", cut - 16, cut)
        if entity > start and run.find(";", entity, cut) < 0:
            cut = entity
        pieces.append(run[start:cut])
        start = cut
    pieces.append(run[start:])
    return "<!---->".join(pieces)


def rewrite_urls(fragment: str, link: Resolver, image: Resolver) -> str:
    """Point record links at site pages and local images at copied files; leave the rest."""
    # A URL the sanitisers blanked would point back at the page itself: drop the attribute.
    fragment = fragment.replace(' href=""', "").replace(' src=""', "")
    fragment = _HREF.sub(lambda m: _replace(m, link), fragment)
    fragment = _SRC.sub(lambda m: _replace(m, image), fragment)
    return _MERMAID.sub(r'<pre class="mermaid-source" lang="mermaid"><code>\1</code></pre>', fragment)


def _replace(match: re.Match[str], resolve: Resolver) -> str:
    target = html.unescape(match.group(2))
    if not target or _is_external(target):
        return match.group(0)
    new = resolve(target)
    if new is None:
        return match.group(0)
    return match.group(1) + html.escape(new, quote=True) + match.group(3)


def _is_external(target: str) -> bool:
    return target.startswith(("#", "//")) or re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:", target) is not None


def plain_text(markdown: str) -> str:
    """Searchable words of a Markdown body: markup, URLs and HTML tags dropped."""
    # Linear on any text: a tag or a link never holds its own opener (see parse.tables).
    text = re.sub(r"<[^<>\n]{0,200}>", " ", markdown)
    text = re.sub(r"!?\[([^\[\]\n]*)\]\([^)\[\n]*\)", r"\1", text)
    text = re.sub(r"https?://\S+", " ", text)
    return text
