"""Shared pieces of the robustness suite (test_properties*.py, test_hostile.py).

- `listlint_text`: the text a file's positions refer to, decoded the way listlint
  decodes it (columns are Unicode code points, lines end at \\r\\n, \\r or \\n).
- `assert_well_placed`: every diagnostic lies inside the file and, where its `match` is
  text of the file, points at that text.
- hypothesis strategies: random bytes and text, and real files (fixtures/, tests/data)
  mutated by byte flips, insertions, cuts, repeated lines and changed line endings.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path

import yaml
from hypothesis import strategies as st

from listlint.diagnostics import Diagnostic
from listlint.readers.templates import mask_placeholders

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
TEST_DATA = ROOT / "tests" / "data"
LINE_BREAK = re.compile(r"\r\n|\r|\n")
SEED_LIMIT = 16 * 1024  # larger seed files only slow the examples down

# --- the text positions refer to ------------------------------------------------------------


def listlint_text(raw: bytes, flat_file: bool = False) -> str:
    """The decoded text of a file as listlint numbers it.

    Structured files and templates are UTF-8 (a file that is not gets INP002 at the first
    bad byte, so only the valid part matters; it is decoded the same here). Flat files
    fall back to Windows-1252 from the first line that is not UTF-8 (INP019) and may be
    UTF-16 with a BOM. A UTF-8 BOM is not counted in columns.
    """
    if flat_file and raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
    if not flat_file:
        return raw.decode("utf-8", errors="replace")
    lines, encoding = [], "utf-8"
    for line in _binary_lines(raw):
        if encoding == "utf-8":
            try:
                lines.append(line.decode("utf-8"))
                continue
            except UnicodeDecodeError:
                encoding = "cp1252"
        try:
            lines.append(line.decode("cp1252"))
        except UnicodeDecodeError:
            lines.append(line.decode("latin-1"))
    return "".join(lines)


def _binary_lines(raw: bytes) -> list[bytes]:
    """Lines as a file opened in binary mode yields them: split after each b'\\n' only."""
    parts = raw.split(b"\n")
    return [part + b"\n" for part in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


class Lines:
    """A text's lines and the index of each (line, column), as in listlint.locations."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0] + [m.end() for m in LINE_BREAK.finditer(text)]
        self.lines = LINE_BREAK.split(text)

    def index(self, line: int, column: int) -> int:
        return self.starts[line - 1] + column - 1

    def cut(self, d: Diagnostic) -> str:
        return self.text[self.index(d.line, d.column) : self.index(d.end_line, d.end_column)]


# --- what a diagnostic's match is, per rule kind ----------------------------------------------

# kind -> how `match` relates to the file text under the diagnostic (see assert_match_is_there)
MATCH_IS_SOURCE_TEXT = {"input"}  # problems: the raw text at the span, cut to 80 characters
MATCH_IS_THE_VALUE = {"terms", "pattern", "contact", "html", "repeated-words", "third-party-brand"}
MATCH_IS_A_PREFIX = {"length", "all-caps"}  # the value from the span on, cut to 40 characters
# Every other kind (certificates, packaging, required, threshold, message) reports a
# normalised or computed text (a stripped attribute value, "3.2%", a message type) or
# points at a whole value or key: only its position is checked.


def _folded_plain(cut: str) -> str:
    """YAML line folding: one line break becomes a space, n breaks become n-1 newlines."""

    def fold(match: re.Match[str]) -> str:
        breaks = len(LINE_BREAK.findall(match.group(0)))
        return " " if breaks == 1 else "\n" * (breaks - 1)

    return re.sub(r"[ \t]*(?:(?:\r\n|\r|\n)[ \t]*)+", fold, cut)


def _literal_block(cut: str) -> str:
    return re.sub(r"(?:\r\n|\r|\n)[ \t]*", "\n", cut)


def _yaml_quoted(quote: str) -> Callable[[str], str]:
    def read(cut: str) -> str:
        value = yaml.safe_load(quote + cut + quote)
        if not isinstance(value, str):
            raise ValueError(cut)
        return value

    return read


# How a value's characters are written in each format: the text under a finding, read
# back in one of these ways, gives the value's characters again.
READINGS: dict[str, tuple[Callable[[str], str], ...]] = {
    "yaml": (_yaml_quoted('"'), _yaml_quoted("'"), _folded_plain, _literal_block),
    "json": (lambda cut: json.loads('"' + cut + '"'),),
    "flat": (lambda cut: cut.replace('""', '"'),),
    "template": (lambda cut: mask_placeholders(cut)[0],),  # placeholders are blanked in values
    "orders": (),
}


def readings(cut: str, fmt: str) -> set[str]:
    found = {cut}
    for read in READINGS[fmt]:
        try:
            found.add(read(cut))
        except Exception:  # not a valid piece of that syntax: that reading does not apply
            pass
    return found


# --- the properties -------------------------------------------------------------------------


def assert_well_placed(text: str, diagnostics: Iterable[Diagnostic], kinds: dict[str, str], fmt: str) -> None:
    """Every diagnostic inside the file, its end not before its start, its match at its place.

    `kinds`: rule code -> rule kind (engine.by_code); `fmt`: yaml, json, flat, template, orders.
    """
    lines = Lines(text)
    for d in diagnostics:
        where = f"{d.code} {d.line}:{d.column}-{d.end_line}:{d.end_column} match={d.match!r}"
        for line, column in ((d.line, d.column), (d.end_line, d.end_column)):
            assert 1 <= line <= len(lines.lines), f"{where}: line outside the file ({len(lines.lines)} lines)"
            assert 1 <= column <= len(lines.lines[line - 1]) + 1, f"{where}: column outside line {line} ({len(lines.lines[line - 1])} characters)"
        assert (d.end_line, d.end_column) >= (d.line, d.column), f"{where}: ends before it starts"
        assert_match_is_there(lines, d, kinds[d.code], fmt)


def assert_match_is_there(lines: Lines, d: Diagnostic, kind: str, fmt: str) -> None:
    """The file text at a diagnostic's start holds its match (for a value: the text under
    the diagnostic, start to exclusive end, read as the format writes values, is the match)."""
    cut = lines.cut(d)
    where = f"{d.code} {d.line}:{d.column} match={d.match!r} text={cut!r}"
    if kind in MATCH_IS_SOURCE_TEXT:
        # a problem may begin on a line break, which a column can only show as the line's end
        assert lines.text[lines.index(d.line, d.column) :].startswith(d.match), where
    elif kind in MATCH_IS_THE_VALUE:
        assert d.match and d.match in readings(cut, fmt), where
    elif kind in MATCH_IS_A_PREFIX:
        # the span runs to the value's end without trailing space, the match is 40 characters
        assert any(r.startswith(d.match) or d.match.startswith(r) for r in readings(cut, fmt)), where


# --- strategies -----------------------------------------------------------------------------

# Characters that shift columns or hide inside words: combining marks, bidi controls,
# zero-width characters, a soft hyphen, characters outside the BMP, line separators.
ODD_CHARACTERS = [
    "\u0301", "\u0308\u0323", "\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff",
    "\u202e", "\u202c", "\u200f", "\u061c", "\u05e9\u05dc\u05d5\u05dd", "\u0645\u0631\u062d\u0628\u0627",
    "\U0001f600", "\U0001f469\u200d\U0001f4bb", "\u00a0", "\u3000", "\u2028", "\u2029", "\x85",
    "\u0420", "\u043e", "\uff30\uff2a", "\x0b", "\x0c", "\x1c", "\x7f", "\ud7ff", "\U0010ffff",
]
# Syntax that changes how a format reads the bytes around it.
SYNTAX = [
    '"', "'", ":", ": ", "\t", " ", "\\", "\\u", "\\ud83d", "\\x4", "#", "# listlint: ignore[RED001]", "- ",
    "{", "}", "[", "]", ",", ";", "|", ">", "&a ", "*a", "<<: ", "!!python/object/apply:os.system ['true'] ",
    "!!binary ", "---\n", "...\n", "%YAML 1.1\n", "{{ ", " }}", "{%", "${x}", "<p>", "</div>", "<a href='", '""',
]
# Text some rule catches, so that findings (and their positions) are exercised too.
VIOLATIONS = [
    "shop-name.com", "www.shop-name.com/p?x=1", "mail a@b.com", "call +1 555-123-4567", "PJ Masks",
    "Pok\u00e9mon", "Bluey", "Squishmallows", "Best Seller", "cures arthritis", "FDA approved",
    "Follow us on Instagram", "FREE SHIPPING ON ALL ORDERS TODAY", "leave a 5-star review",
]
LINE_ENDINGS = [b"\n", b"\r\n", b"\r"]


def _utf8(pieces: list[str]) -> list[bytes]:
    return [piece.encode("utf-8", errors="surrogatepass") for piece in pieces]


INSERTIONS = _utf8(ODD_CHARACTERS + SYNTAX + VIOLATIONS) + [b"\x00", codecs.BOM_UTF8, b"\xff", b"\xe9", b"\xe2\x82", b"\r", b"\n", b"\r\n"]

Mutation = Callable[[st.DrawFn, bytearray], bytearray]


def _position(draw: st.DrawFn, data: bytearray) -> int:
    return draw(st.integers(0, len(data)))


def _flip_byte(draw: st.DrawFn, data: bytearray) -> bytearray:
    if data:
        data[draw(st.integers(0, len(data) - 1))] = draw(st.integers(0, 255))
    return data


def _insert(draw: st.DrawFn, data: bytearray) -> bytearray:
    at = _position(draw, data)
    data[at:at] = draw(st.sampled_from(INSERTIONS)) * draw(st.integers(1, 3))
    return data


def _delete(draw: st.DrawFn, data: bytearray) -> bytearray:
    at = _position(draw, data)
    del data[at : at + draw(st.integers(1, 64))]
    return data


def _truncate(draw: st.DrawFn, data: bytearray) -> bytearray:
    return data[: _position(draw, data)]


def _repeat_line(draw: st.DrawFn, data: bytearray) -> bytearray:
    lines = bytes(data).splitlines(keepends=True)
    if not lines:
        return data
    at = draw(st.integers(0, len(lines) - 1))
    lines[at:at] = [lines[at]] * draw(st.integers(1, 3))
    return bytearray(b"".join(lines))


def _change_line_endings(draw: st.DrawFn, data: bytearray) -> bytearray:
    """Every line break rewritten to \\n, \\r\\n or \\r: one choice for all, or mixed."""
    lines = bytes(data).splitlines()
    ending = draw(st.sampled_from(LINE_ENDINGS + [None]))
    breaks = [ending or draw(st.sampled_from(LINE_ENDINGS)) for _ in lines]
    return bytearray(b"".join(line + end for line, end in zip(lines, breaks)))


MUTATIONS: list[Mutation] = [_flip_byte, _insert, _insert, _delete, _truncate, _repeat_line, _change_line_endings]


@st.composite
def mutated(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A real file with one to four mutations applied."""
    data = bytearray(draw(st.sampled_from(seeds)))
    for _ in range(draw(st.integers(1, 4))):
        data = draw(st.sampled_from(MUTATIONS))(draw, data)
    return bytes(data)


def odd_text(max_size: int = 200) -> st.SearchStrategy[str]:
    """Text made of the pieces above and arbitrary characters (no lone surrogates)."""
    piece = st.one_of(
        st.sampled_from(ODD_CHARACTERS + SYNTAX + VIOLATIONS + ["\n", "\r\n", "\r", "  "]),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=8),
    )
    return st.lists(piece, max_size=max_size // 4).map("".join)


def raw_inputs(seeds: list[bytes]) -> st.SearchStrategy[bytes]:
    """Mutated real files, random text and random bytes."""
    return st.one_of(
        mutated(seeds),
        mutated(seeds),
        odd_text().map(lambda text: text.encode("utf-8")),
        st.binary(max_size=300),
    )


def seeds(*patterns: str, data: Iterable[str] = ()) -> list[bytes]:
    """Contents of the fixture files matching the globs (and of small tests/data files)."""
    paths = [p for pattern in patterns for p in sorted(FIXTURES.glob(pattern))]
    paths += [TEST_DATA / name for name in data]
    found = [p.read_bytes() for p in paths if p.stat().st_size <= SEED_LIMIT]
    assert found, patterns
    return found


YAML_SEEDS = seeds("listings/**/*.yaml", "messages/**/*.yaml", "metrics/**/*.yaml")
JSON_SEEDS = seeds(
    "listings/**/*.json", "spapi/**/*.json", "metrics/**/*.json",
    data=("amazon/code-recipes__listings-getListingsItem.json", "amazon/feeds_listings-feed-schema-v2.example.json"),
)
FLAT_SEEDS = seeds("flatfiles/**/*.txt", "flatfiles/**/*.csv")
TEMPLATE_SEEDS = seeds("messages/**/*.txt", "messages/**/*.md", "messages/**/*.html", "messages/**/*.j2")
ORDERS_SEEDS = seeds("metrics/**/orders.csv")
