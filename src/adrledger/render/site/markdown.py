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
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "details", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "input", "ins", "kbd", "li", "mark", "ol",
    "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub", "summary", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align"}, "th": {"align"},
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

    return nh3.Cleaner(tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, tag_attribute_values=INPUT_VALUES,
                       clean_content_tags={"script", "style"},
                       url_schemes=URL_SCHEMES, link_rel=REL, strip_comments=True)


def markdown_to_html(text: str) -> str:
    """GFM (tables, task lists, strikethrough, autolinks) to HTML, then sanitised."""
    import cmarkgfm

    return sanitize(cmarkgfm.github_flavored_markdown_to_html(text))


def sanitize(fragment: str) -> str:
    return str(_cleaner().clean(fragment))


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
    text = re.sub(r"<[^>\n]{0,200}>", " ", markdown)
    text = re.sub(r"!?\[([^\]\n]*)\]\([^)\n]*\)", r"\1", text)
    text = re.sub(r"https?://\S+", " ", text)
    return text
