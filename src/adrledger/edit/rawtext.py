"""A record's text as editable lines that round-trip to the exact bytes they came from.

textio.decode normalises line endings and repairs mojibake, which is right for reading but
would rewrite lines nobody asked to change. Editors work on a RawDocument instead: every line
keeps its own ending, undecodable bytes survive (surrogateescape), and the encoding and
byte-order mark are written back as found. Only the lines an edit replaces or inserts change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..base.textio import bom_of, decode
from ..errors import ParseError

_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")


@dataclass
class RawDocument:
    """Lines (without endings), each line's ending, and how the file was stored."""

    lines: list[str]
    ends: list[str]
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"  # the ending given to inserted lines: the file's dominant one
    changed: set[int] = field(default_factory=set)

    @classmethod
    def from_bytes(cls, data: bytes, path: str = "") -> RawDocument:
        encoding, bom = _sniff(data, path)
        return cls.read_as(data[len(bom) :], encoding, bom)

    @classmethod
    def read_as(cls, body: bytes, encoding: str, bom: bytes = b"") -> RawDocument:
        """The lines of `body` (the bytes after any byte-order mark) read in a known encoding."""
        text = body.decode(encoding, "surrogateescape" if encoding in ("utf-8", "cp1252") else "strict")
        pieces = _LINE_BREAK.split(text)
        lines, ends = pieces[0::2], pieces[1::2] + [""]
        if len(lines) > 1 and lines[-1] == "":
            lines.pop()
            ends.pop()
        crlf = sum(1 for end in ends if end == "\r\n")
        newline = "\r\n" if crlf and crlf >= sum(1 for end in ends if end) - crlf else "\n"
        return cls(lines, ends, encoding, bom, newline)

    @property
    def text(self) -> str:
        """The text with \\n line ends, as the parser sees it (line numbers agree)."""
        return "\n".join(self.lines) + ("\n" if self.ends and self.ends[-1] else "")

    def to_bytes(self) -> bytes:
        body = "".join(line + end for line, end in zip(self.lines, self.ends))
        return self.bom + _encode(body, self.encoding)

    def replace(self, index: int, text: str) -> None:
        """Replace the text of line `index` (0-based), keeping its line ending."""
        if self.lines[index] != text:
            self.lines[index] = text
            self.changed.add(index)

    def insert(self, index: int, texts: list[str]) -> None:
        """Insert lines before line `index` (len(lines) appends), ending them like the file does."""
        if not texts:
            return
        if index >= len(self.lines):
            index = len(self.lines)
            if self.lines and not self.ends[-1]:
                self.ends[-1] = self.newline  # the old last line needs an ending now
                ends = [self.newline] * (len(texts) - 1) + [""]
            else:
                ends = [self.newline] * len(texts)
        else:
            ends = [self.newline] * len(texts)
        self.lines[index:index] = texts
        self.ends[index:index] = ends
        self.changed = {i if i < index else i + len(texts) for i in self.changed}
        self.changed.update(range(index, index + len(texts)))

    def delete(self, index: int) -> None:
        del self.lines[index]
        ending = self.ends.pop(index)
        if index == len(self.lines) and self.lines and not ending:
            self.ends[-1] = ""  # the deleted line was the unterminated last one
        self.changed = {i if i < index else i - 1 for i in self.changed if i != index}


def _sniff(data: bytes, path: str) -> tuple[str, bytes]:
    """The encoding and byte-order mark textio.decode reads the bytes with: the editor and the parser
    must agree on what the file says, so there is one decoder and the editor asks it."""
    decoded = decode(data)
    if decoded.binary:
        raise ParseError("binary file: not a Markdown record, not edited", path=path or None)
    return decoded.encoding, bom_of(decoded)


def _encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding, "surrogateescape" if encoding in ("utf-8", "cp1252") else "strict")
    except UnicodeEncodeError:
        # New text with characters a legacy encoding lacks: write them as HTML character references.
        return b"".join(_encode_char(char, encoding) for char in text)


def _encode_char(char: str, encoding: str) -> bytes:
    try:
        return char.encode(encoding, "surrogateescape")
    except UnicodeEncodeError:
        return f"&#{ord(char)};".encode("ascii")
