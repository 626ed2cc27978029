"""SVG files a record links to or shows, made safe to publish on the site's origin.

An SVG opened as a page (a clicked link, "open image in new tab") is a document: its scripts,
event handlers and javascript: links run with the site's origin, over file:// as over `adr serve`.
So an SVG is re-written from an allow-list before it is published: SVG elements only (no script,
foreignObject, animation, or elements of other namespaces), no on* attribute, no reference that
loads anything from elsewhere (href, url(), CSS @import), and no DOCTYPE (so no entity can expand).
Expat reads it as a stream and the output is written as it goes: nothing recurses, and memory
stays a small multiple of the file. See docs/guarantees.md ("Sanitised site").
"""

from __future__ import annotations

import re
from xml.parsers import expat

MAX_SVG_BYTES = 8 * 1024 * 1024  # a large exported diagram is 1-3 MB
MAX_DEPTH = 256

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
XML = "http://www.w3.org/XML/1998/namespace"

# Static SVG: shapes, text, paint servers, clipping, masking and filters. Left out on purpose:
# script, foreignObject, the animation elements (set, animate... can set an href to javascript:),
# handler/listener, iframe, font-face (external fonts), cursor.
ELEMENTS = frozenset(
    {
        "svg",
        "g",
        "defs",
        "desc",
        "title",
        "symbol",
        "use",
        "switch",
        "view",
        "a",
        "image",
        "style",
        "path",
        "rect",
        "circle",
        "ellipse",
        "line",
        "polyline",
        "polygon",
        "text",
        "tspan",
        "textPath",
        "clipPath",
        "mask",
        "pattern",
        "marker",
        "linearGradient",
        "radialGradient",
        "stop",
        "filter",
        "feBlend",
        "feColorMatrix",
        "feComponentTransfer",
        "feComposite",
        "feConvolveMatrix",
        "feDiffuseLighting",
        "feDisplacementMap",
        "feDistantLight",
        "feDropShadow",
        "feFlood",
        "feFuncA",
        "feFuncB",
        "feFuncG",
        "feFuncR",
        "feGaussianBlur",
        "feImage",
        "feMerge",
        "feMergeNode",
        "feMorphology",
        "feOffset",
        "fePointLight",
        "feSpecularLighting",
        "feSpotLight",
        "feTile",
        "feTurbulence",
    }
)
# Where an href may name an embedded raster image besides a #fragment of the same file.
IMAGE_ELEMENTS = frozenset({"image", "feImage"})
LINK_SCHEMES = ("http:", "https:", "mailto:")
_DATA_IMAGE = re.compile(r"data:image/(?:png|jpeg|gif|webp|avif|bmp);", re.IGNORECASE)
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.:-]{0,63}")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")
# CSS that can load or run something: imports, image-set() strings, escapes that hide either,
# legacy script hooks. A url() may only name a #fragment of the file or embedded data.
_CSS_BANNED = re.compile(r"\\|@import|image-set|expression\s*\(|javascript:|-moz-binding|behavior\s*:", re.IGNORECASE)
_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]{0,16})", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!\s*(?:doctype|entity)", re.IGNORECASE)


class SvgRefused(ValueError):
    """An SVG that cannot be published safely (not well-formed, a DOCTYPE, too deep, too large)."""


def sanitize_svg(data: bytes) -> bytes:
    """The SVG re-written with only safe elements, attributes and references; SvgRefused if impossible."""
    if len(data) > MAX_SVG_BYTES:
        raise SvgRefused(f"larger than {MAX_SVG_BYTES // 2**20} MB")
    if _DOCTYPE.search(data):  # entities could expand or fetch; an SVG never needs them
        raise SvgRefused("has a DOCTYPE")
    return _Writer().run(data)


class _Writer:
    """Expat callbacks that copy what is allowed to the output and drop whole forbidden subtrees."""

    def __init__(self) -> None:
        self.out: list[str] = []
        self.open: list[str] = []  # the local names of the elements written and still open
        self.depth = 0
        self.skipping = 0  # > 0: inside a dropped element (its depth when it started)
        self.style: list[str] | None = None  # the text of an open <style>, checked when it closes

    def run(self, data: bytes) -> bytes:
        parser = expat.ParserCreate(namespace_separator=" ")
        parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
        parser.StartDoctypeDeclHandler = self._doctype
        parser.EntityDeclHandler = self._doctype
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.CharacterDataHandler = self._text
        try:
            parser.Parse(data, True)
        except expat.ExpatError as err:
            raise SvgRefused(f"not well-formed XML ({err})") from err
        if not self.out:
            raise SvgRefused("not an SVG image")
        return "".join(self.out).encode("utf-8")

    def _doctype(self, *_: object) -> None:
        raise SvgRefused("has a DOCTYPE or an entity")

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise SvgRefused(f"nested deeper than {MAX_DEPTH} elements")
        if self.skipping:
            return
        namespace, _, local = name.rpartition(" ")
        if self.depth == 1 and (namespace, local) != (SVG, "svg"):
            raise SvgRefused("not an SVG image")
        if namespace != SVG or local not in ELEMENTS:
            self.skipping = self.depth
            return
        kept = "".join(f' {key}="{_escape(value)}"' for key, value in _safe_attributes(local, attributes))
        if self.depth == 1:
            kept = f' xmlns="{SVG}" xmlns:xlink="{XLINK}"' + kept
        self.out.append(f"<{local}{kept}>")
        self.open.append(local)
        if local == "style":
            self.style = []

    def _end(self, name: str) -> None:
        self.depth -= 1
        if self.skipping:
            if self.depth < self.skipping:
                self.skipping = 0
            return
        local = self.open.pop()
        if local == "style" and self.style is not None:
            css = "".join(self.style)
            self.out.append(_escape(css) if _safe_css(css) else "")
            self.style = None
        self.out.append(f"</{local}>")

    def _text(self, text: str) -> None:
        if self.skipping or not self.open:
            return
        if self.style is not None:
            self.style.append(text)
        else:
            self.out.append(_escape(text))


def _safe_attributes(element: str, attributes: dict[str, str]) -> list[tuple[str, str]]:
    kept = []
    for name, value in attributes.items():
        namespace, _, local = name.rpartition(" ")
        if namespace == XML and local in ("space", "lang"):
            kept.append((f"xml:{local}", value))
        elif namespace == XLINK and local == "href":
            if _safe_href(element, value):
                kept.append(("xlink:href", value))
        elif namespace or not _ATTRIBUTE_NAME.fullmatch(local) or local.lower().startswith("on"):
            continue  # event handlers; attributes of editors' namespaces (inkscape:, sodipodi:...)
        elif local == "href":
            if _safe_href(element, value):
                kept.append((local, value))
        elif _safe_css(value):
            kept.append((local, value))
    return kept


def _safe_href(element: str, value: str) -> bool:
    """A reference that loads nothing from elsewhere: a #fragment, an embedded raster, or an <a> link."""
    target = _INVISIBLE.sub("", value)
    if target.startswith("#"):
        return True
    if element in IMAGE_ELEMENTS:
        return _DATA_IMAGE.match(target) is not None
    return element == "a" and target.lower().startswith(LINK_SCHEMES)


def _safe_css(value: str) -> bool:
    """True when CSS (or an attribute that may hold url()) references only the file itself or data."""
    if _CSS_BANNED.search(value):
        return False
    return all(target.startswith(("#", "data:")) for target in _CSS_URL.findall(value))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
