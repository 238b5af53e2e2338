"""The usual layout of a listing file, read line by line without libyaml's events.

Almost every listing file is one block mapping of plain keys to text: one-line or folded
plain and quoted scalars, and lists of them (`marketplaces:` then `- UK`). libyaml makes
an event object with two mark objects for each of its scalars and the composer walks
them in Python, most of the cost of reading a file. This layout is recognised here by
one regular expression an entry (a few steps of Python each); anything outside it (comments, blank
lines, flow collections, nested mappings, escapes, tags, anchors, block scalars, other
line breaks, a key or value some resolver reads as no text ...) returns None, and the
file is read by the general path (yaml_reader._Composer) as before.
tests/test_yaml_layout.py holds the trees made here to the general path's.
"""

from __future__ import annotations

import re

# (value, start, end, style): the style as libyaml gives it ('' plain, "'" or '"')
Scalar = tuple[str, int, int, str]


class Items:
    """A block list: its first dash, where libyaml ends it (where the next key starts, or
    the end of the text) and its scalars."""

    __slots__ = ("start", "end", "scalars")

    def __init__(self, start: int, end: int, scalars: list[Scalar]) -> None:
        self.start = start
        self.end = end
        self.scalars = scalars


# (key, key start, key end, value)
Entry = tuple[str, int, int, "Scalar | Items"]

# YAML's indicators but the quotes: no plain scalar starts with one (`- `, `? `, `[`, `&`, `!`, `|` ...)
_INDICATORS = re.escape("-?:,[]{}#&*!|>%@`")
# A scalar is matched line by line, each line whole ([^\n], which the regex engine runs
# through fastest); what its lines hold is then checked with str methods (_scalar).
# It starts with a quote or a character no indicator is, and goes on on lines indented
# by a space or more that are not blank: not the next key, nor a list item.
_SCALAR = re.compile(f"([^ \\n{_INDICATORS}][^\\n]*+(?:\\n +(?=[^ \\n])[^\\n]*+)*+)(?:\\n|\\Z)")
# `key: ` and its scalar, or `key:` and a list at the key's indentation: `- ` and the first item
_KEY = re.compile("([A-Za-z_][A-Za-z0-9_]{0,127}):(?: +|(\\n)- +)(?=[^ \\n])")
_NEXT_ITEM = re.compile("- +(?=[^ \\n])")
# a line of a plain scalar starting with an indicator or a quote
_INDICATOR_LINE = re.compile(f"\\n +[{_INDICATORS}'\"]")
# ASCII control characters (tab and "\r" among them), "\n" aside
_ASCII_CONTROLS = bytes(range(0x0A)) + bytes(range(0x0B, 0x20)) + b"\x7f"
# the UTF-8 of the other characters YAML reads as no text: C1 controls (NEL among them),
# U+2028/9 (line breaks), surrogates, a BOM, U+FFFE/F; each regex begins with a byte the
# regex engine looks for fast
_OTHER_CONTROLS = tuple(re.compile(odd) for odd in (b"\xc2[\x80-\x9f]", b"\xe2\x80[\xa8\xa9]", b"\xed[\xa0-\xbf]", b"\xef(?:\xbb\xbf|\xbf[\xbe\xbf])"))


def usual_layout(text: str, max_nodes: int) -> list[Entry] | None:
    """The entries of a text in the usual listing layout; None for any other text (and for
    one of more nodes than `max_nodes`, which the general path reports)."""
    if not _printable(text):
        return None
    entries: list[Entry] = []
    at, size = 0, len(text)
    while at < size:
        key = _KEY.match(text, at)
        if key is None:
            return None
        value, at = _scalar_at(text, key.end()) if key.start(2) < 0 else _items_at(text, key.end(), key.end(2))
        if value is None:
            return None
        entries.append((key.group(1), key.start(), key.end(1), value))
    nodes = 1 + 2 * len(entries) + sum(len(value.scalars) for _, _, _, value in entries if type(value) is Items)
    return entries if entries and nodes <= max_nodes else None


def _printable(text: str) -> bool:
    """Whether a text holds nothing but text and "\n" for YAML: no control character (tab
    included), other line break ("\r", NEL, U+2028/9), BOM or non-character. Its UTF-8 is
    looked at in C: Unicode's tables (str.isprintable) cost ten times more a character."""
    utf8 = text.encode("utf-8", "surrogatepass")
    if len(utf8.translate(None, _ASCII_CONTROLS)) != len(utf8):
        return False
    return text.isascii() or not any(odd.search(utf8) for odd in _OTHER_CONTROLS)


def _items_at(text: str, at: int, dash: int) -> tuple[Items | None, int]:
    """The list whose first item starts at `at` (its dash at `dash`) and where it ends."""
    scalars = []
    while True:
        scalar, at = _scalar_at(text, at)
        if scalar is None:
            return None, at
        scalars.append(scalar)
        dashes = _NEXT_ITEM.match(text, at)
        if dashes is None:
            return Items(dash, at, scalars), at
        at = dashes.end()


def _scalar_at(text: str, at: int) -> tuple[Scalar | None, int]:
    """The scalar starting at `at` and where its line ends."""
    found = _SCALAR.match(text, at)
    if found is None:
        return None, at
    return _scalar(found.group(1), at), found.end()


def _scalar(written: str, start: int) -> Scalar | None:
    """A scalar as written from `start` on, its value folded as YAML folds it (a line
    break between two lines of text is a space); None if it is no scalar of the layout."""
    quote = written[0]
    if quote == "'" or quote == '"':
        return _quoted(written, start, quote)
    kept = written.rstrip(" ")
    if ": " in written or ":\n" in written or " #" in written or kept.endswith(":"):
        return None  # a value indicator or a comment
    end = start + len(kept)
    if "\n" in kept:
        if _INDICATOR_LINE.search(kept) is not None:
            return None
        kept = " ".join([line.strip(" ") for line in kept.split("\n")])
    return kept, start, end, ""


def _quoted(written: str, start: int, quote: str) -> Scalar | None:
    """A quoted scalar, closed at the end of its last line (in single quotes '' stands
    for a quote; double quotes with an escape are left to libyaml)."""
    if _closing_quote(written, quote) != len(written) - 1 or (quote == '"' and "\\" in written):
        return None
    value = written[1:-1]
    if "\n" in value:
        lines = value.split("\n")
        lines = [lines[0].rstrip(" ")] + [line.strip(" ") for line in lines[1:-1]] + [lines[-1].lstrip(" ")]
        if not all(lines):
            return None  # a line of the quoted text that is empty: left to libyaml
        value = " ".join(lines)
    return (value.replace("''", "'") if quote == "'" else value), start, start + len(written), quote


def _closing_quote(written: str, quote: str) -> int:
    """Index of the quote closing the scalar that `written` starts (-1: none)."""
    at = 1
    while True:
        close = written.find(quote, at)
        if close < 0 or quote == '"' or written[close + 1 : close + 2] != "'":
            return close
        at = close + 2
