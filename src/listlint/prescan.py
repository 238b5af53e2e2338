"""Optional Hyperscan prescan: the literals and prefilters of pattern and contact rules
found by one C-level scan per text (issue 17).

Without it the engine finds the literals patterns need (literals.py) by an Aho-Corasick
pass, reported occurrence by occurrence to Python, and runs every pattern without a
literal on every text. With the optional `hyperscan` package (`pip install
listlint[fast]`):
- the literals go into a database made by Hyperscan's literal compiler, which reports
  each literal set once per text; they are looked for in the text as written, each
  letter beyond ASCII in every spelling whose lower case it is (ASCII case is ignored);
- the patterns without a literal, and the cheap tests of contact rules (contact.py
  _SCAN_HINTS), go into pattern databases in a *scan form*, and the `regex` module then
  runs only the patterns the scan reports, so findings are exactly those without it.
Compiling every pattern rule's pattern instead was measured at 2 to 4 seconds, more than
those patterns cost on 5,000 listings, so patterns with literals keep their literal gates.

The scan form matches wherever the pattern does (it may match more, never less):
- lookarounds are dropped, backreferences and atomic groups widened, and a bounded
  repeat of more than REPEAT_KEPT becomes unbounded (Hyperscan compiles those slowly);
- the text is scanned as its *shadow*: ASCII characters as they are, every other
  character as one ASCII character of its class for the `regex` module (a word
  character, a digit, a space, or anything else). The pattern's characters beyond ASCII
  become their class's shadow, and its negated sets never exclude a shadow character, so
  whatever the pattern matches in the text, its scan form matches at the same offsets in
  the shadow. Classes, `.` and case agree for ASCII between the two engines
  (tests/test_prescan.py checks every ASCII character);
- texts with a character that `regex` matches with an ASCII letter when it ignores case
  (ASCII_LOOKALIKES: long s, Kelvin sign, dotted and dotless i) are not judged, nor are
  patterns the standard `re` parser reads otherwise than the `regex` module; they keep
  their literal gates, or run on every text.
"""

from __future__ import annotations

import codecs
from itertools import product
from math import prod
from typing import Any

from .literals import ASCII_LOOKALIKES, parsed_pattern
from .literals import sre_constants as _c

# Compiling the databases takes about a tenth of a second: a run scans with them only once
# it has seen this many texts, so a one-file run never pays for it (findings are the same either way).
WARM_UP_TEXTS = 600
REPEAT_KEPT = 8  # {m,n} with a larger n is scanned as {m,}


def available() -> bool:
    """Whether the hyperscan package is installed (imported only when a run warms up)."""
    from importlib.util import find_spec

    return find_spec("hyperscan") is not None


# The shadow of a character beyond ASCII, by its class (word, digit, space or other): an
# ASCII character of the same class that patterns rarely name.
WORD_SHADOW, DIGIT_SHADOW, SPACE_SHADOW, OTHER_SHADOW = "_", "0", " ", "\x7f"
SHADOWS = frozenset(map(ord, WORD_SHADOW + DIGIT_SHADOW + SPACE_SHADOW + OTHER_SHADOW))
NOT_JUDGED = "\x80"  # what a look-alike of an ASCII letter shadows to: the text is not judged


class _ShadowTable(dict):
    """str.translate table: character beyond ASCII -> its class's shadow, or NOT_JUDGED
    for a look-alike of an ASCII letter (ASCII -> itself), filled on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        shadow = char if code < 128 else NOT_JUDGED if ASCII_LOOKALIKES.match(char) else _class_shadow(char)
        self[code] = shadow
        return shadow


def _class_shadow(char: str) -> str:
    import regex

    if regex.match(r"\d", char, regex.V0):
        return DIGIT_SHADOW
    if regex.match(r"\w", char, regex.V0):
        return WORD_SHADOW
    if regex.match(r"\s", char, regex.V0):
        return SPACE_SHADOW
    return OTHER_SHADOW


_SHADOW_TABLE = _ShadowTable()


def _shadowed_run(error: UnicodeEncodeError) -> tuple[bytes, int]:
    """Encoding error handler: a run beyond ASCII as its shadows (NOT_JUDGED as the byte 0x80)."""
    return error.object[error.start : error.end].translate(_SHADOW_TABLE).encode("latin-1"), error.end


codecs.register_error("listlint.shadow", _shadowed_run)


def shadow(text: str) -> bytes | None:
    """The text as Hyperscan scans it (see the module docstring); None when it is not judged."""
    # one encode in C: only the runs beyond ASCII, a few in most texts, go through the table
    # (a regex substitution of them and a search for look-alikes cost three times as much)
    scanned = text.encode("ascii", "listlint.shadow")
    return scanned if scanned.isascii() else None


def eligible_pattern(source: str) -> bool:
    """Whether the pattern has a scan form (see the module docstring); one Hyperscan cannot
    compile is found when the database is built."""
    return scan_form(source) is not None


def scan_form(source: str) -> tuple[str, int] | None:
    """The pattern's scan form and its `re` flags, or None when it is not prescanned (see
    the module docstring)."""
    if "{," in source or ASCII_LOOKALIKES.search(source) is not None:
        return None  # Python's {,n} is a literal to Hyperscan; a look-alike matches ASCII letters
    parsed = parsed_pattern(source)
    if parsed is None:
        return None
    flags = parsed.state.flags
    if flags & (_c.SRE_FLAG_ASCII | _c.SRE_FLAG_LOCALE):
        return None  # \w of ASCII only: a word character beyond ASCII would shadow as one
    try:
        return _Translator().sequence(list(parsed)), flags
    except _NotScanned:
        return None


def _hyperscan_flags(flags: int) -> int:
    import hyperscan

    found = hyperscan.HS_FLAG_SINGLEMATCH | hyperscan.HS_FLAG_ALLOWEMPTY
    for flag, scan_flag in ((_c.SRE_FLAG_IGNORECASE, hyperscan.HS_FLAG_CASELESS), (_c.SRE_FLAG_MULTILINE, hyperscan.HS_FLAG_MULTILINE), (_c.SRE_FLAG_DOTALL, hyperscan.HS_FLAG_DOTALL)):
        if flags & flag:
            found |= scan_flag
    return found


class _NotScanned(Exception):
    """A construct the scan form does not take (a conditional group)."""


_ANY_CHARACTER = r"[\x00-\x7f]"
_ALL_SHADOWS = "[" + "".join(f"\\x{code:02x}" for code in sorted(SHADOWS)) + "]"


class _Translator:
    """A parsed `re` pattern written as Hyperscan reads it, widened as the module docstring says."""

    def sequence(self, items: list[tuple[Any, Any]]) -> str:
        return "".join(self.item(op, value) for op, value in items)

    def item(self, op: Any, value: Any) -> str:
        if op is _c.LITERAL:
            return self.literal(value)
        if op is _c.NOT_LITERAL:
            return self.negated([value], [])
        if op is _c.ANY:
            return "."
        if op is _c.IN:
            return self.in_set(value)
        if op is _c.BRANCH:
            return "(?:" + "|".join(self.sequence(list(branch)) for branch in value[1]) + ")"
        if op is _c.SUBPATTERN:
            _group, add_flags, del_flags, inner = value
            return "(?" + _inline_flags(add_flags, del_flags) + ":" + self.sequence(list(inner)) + ")"
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, getattr(_c, "POSSESSIVE_REPEAT", None)):
            return self.repeat(*value)
        if op is _c.AT:
            return _ANCHORS[value]
        if op in (_c.ASSERT, _c.ASSERT_NOT):
            return ""  # a lookaround only narrows a match
        if op is getattr(_c, "ATOMIC_GROUP", None):
            return "(?:" + self.sequence(list(value)) + ")"
        if op is _c.GROUPREF:
            return _ANY_CHARACTER + "*"  # the group's text, whatever it was
        raise _NotScanned(str(op))

    def repeat(self, low: int, high: int, inner: Any) -> str:
        body = "(?:" + self.sequence(list(inner)) + ")"
        if high is _c.MAXREPEAT or high > REPEAT_KEPT:
            return f"{body}{{{low},}}"
        return f"{body}{{{low},{high}}}"

    @staticmethod
    def literal(code: int) -> str:
        """A character beyond ASCII as its shadow: the characters it matches when case is
        ignored are letters like it (tests/test_prescan.py checks every code point)."""
        if code >= 128:
            if ASCII_LOOKALIKES.match(chr(code)):
                raise _NotScanned("a look-alike of an ASCII letter")
            code = ord(_SHADOW_TABLE[code])
        return f"\\x{code:02x}"

    def in_set(self, members: list[tuple[Any, Any]]) -> str:
        if members and members[0][0] is _c.NEGATE:
            codes = [value for op, value in members[1:] if op is _c.LITERAL]
            ranges = [value for op, value in members[1:] if op is _c.RANGE]
            categories = [value for op, value in members[1:] if op is _c.CATEGORY]
            if len(codes) + len(ranges) + len(categories) != len(members) - 1:
                raise _NotScanned("negated set")
            return self.negated(codes + [code for low, high in ranges for code in range(low, min(high, 127) + 1)], categories)
        parts = []
        for op, value in members:
            if op is _c.LITERAL:
                parts.append(self.literal(value))
            elif op is _c.RANGE:
                low, high = value
                if low < 128:
                    parts.append(f"\\x{low:02x}-\\x{min(high, 127):02x}")
                if high >= 128:
                    parts.append(_ALL_SHADOWS[1:-1])  # any class may lie beyond ASCII in it
            elif op is _c.CATEGORY:
                parts.append(_CATEGORIES[value])
            else:
                raise _NotScanned(str(op))
        return "[" + "".join(parts) + "]"

    def negated(self, codes: list[int], categories: list[Any]) -> str:
        """A negated set that never excludes a shadow: a character beyond ASCII it matches
        must match as its shadow too (a wider set matches more)."""
        excluded = {code for code in codes if code < 128} - SHADOWS
        if not excluded and not categories:
            return _ANY_CHARACTER
        return "[^" + "".join(f"\\x{code:02x}" for code in sorted(excluded)) + "".join(_CATEGORIES[one] for one in categories) + "]"


def _inline_flags(add: int, remove: int) -> str:
    letters = {_c.SRE_FLAG_IGNORECASE: "i", _c.SRE_FLAG_MULTILINE: "m", _c.SRE_FLAG_DOTALL: "s"}
    if (add | remove) & ~(_c.SRE_FLAG_IGNORECASE | _c.SRE_FLAG_MULTILINE | _c.SRE_FLAG_DOTALL | _c.SRE_FLAG_VERBOSE | _c.SRE_FLAG_UNICODE):
        raise _NotScanned("inline flags")
    on = "".join(letter for flag, letter in letters.items() if add & flag)
    off = "".join(letter for flag, letter in letters.items() if remove & flag)
    return on + ("-" + off if off else "")


def _tables() -> tuple[dict[Any, str], dict[Any, str]]:
    anchors = {
        _c.AT_BEGINNING: "^",
        _c.AT_BEGINNING_STRING: r"\A",
        _c.AT_BOUNDARY: r"\b",
        _c.AT_NON_BOUNDARY: r"\B",
        _c.AT_END: "$",
        _c.AT_END_STRING: r"\z",
    }
    categories = {
        _c.CATEGORY_DIGIT: r"\d",
        _c.CATEGORY_NOT_DIGIT: r"\D",
        _c.CATEGORY_SPACE: r"\s",
        _c.CATEGORY_NOT_SPACE: r"\S",
        _c.CATEGORY_WORD: r"\w",
        _c.CATEGORY_NOT_WORD: r"\W",
    }
    return anchors, categories


_ANCHORS, _CATEGORIES = _tables()


class PatternPrefilter:
    """Patterns and literal sets scanned together by Hyperscan; each keeps the prefilter id
    the engine gave it. Literal sets go into a database of their own, made by Hyperscan's
    literal compiler in hundredths of a second where its pattern compiler takes tenths; and
    patterns into the database their caller names: compiling unlike patterns together
    (a number of seven digits with a price) takes Hyperscan longer than apart."""

    def __init__(self, warm_up: int | None = None) -> None:
        self._patterns: dict[str, list[tuple[str, int, int]]] = {}  # database -> (scan form, `re` flags, prefilter id)
        self._literals: list[tuple[bytes, int]] = []  # (shadow of a lower-cased literal, prefilter id)
        self._warm_up = WARM_UP_TEXTS if warm_up is None else warm_up
        self._databases: list[tuple[Any, bool]] | None = None  # (database, scans the shadow), compiled after the warm-up; never pickled
        self._unjudged: frozenset[int] = frozenset()  # ids of patterns Hyperscan could not compile

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_databases": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def add(self, source: str, ignore_case: bool, prefilter_id: int, database: str = "patterns") -> bool:
        """Takes the pattern in; False when it has no scan form (it is then never judged)."""
        form = scan_form(source)
        if form is None:
            return False
        scanned, flags = form
        self._patterns.setdefault(database, []).append((scanned, flags | (_c.SRE_FLAG_IGNORECASE if ignore_case else 0), prefilter_id))
        return True

    def add_literals(self, literals: frozenset[str], prefilter_id: int) -> bool:
        """Takes in lower-cased literals, one of which the lower-cased text must hold; False
        when one has a look-alike of an ASCII letter or too many spellings (never judged).
        They are looked for in the text as written (UTF-8), ASCII letters in any case and
        each other letter in every spelling whose lower case it is."""
        spellings = [_spellings(literal) for literal in sorted(literals)]
        if any(not found for found in spellings):
            return False
        self._literals += [(spelling.encode("utf-8"), prefilter_id) for found in spellings for spelling in found]
        return True

    @property
    def ids(self) -> frozenset[int]:
        return frozenset(prefilter_id for patterns in self._patterns.values() for _, _, prefilter_id in patterns) | {prefilter_id for _, prefilter_id in self._literals}

    @property
    def warming_up(self) -> bool:
        """Whether texts are still let through unjudged (passing gives None) before the databases are compiled."""
        return self._databases is None and self._warm_up > 0

    def passing(self, text: str) -> set[int] | None:
        """Prefilter ids of the patterns that may match `text`; None when the prefilter
        does not judge the text (then every one of them runs)."""
        if self._databases is None:
            if self._warm_up > 0:
                self._warm_up -= 1
                return None
            self._databases = self._compile()
        if not self._databases:
            return None
        scanned = shadow(text)
        if scanned is None:
            return None
        found = set(self._unjudged)
        written = scanned if text.isascii() else text.encode("utf-8")
        for database, in_shadow in self._databases:
            # arguments by position (data, handler, flags, context): the extension looks each
            # keyword up by name, which cost a third of a text's scan
            database.scan(scanned if in_shadow else written, _collect, 0, found)
        return found

    def _compile(self) -> list[tuple[Any, bool]]:
        """The literal and pattern databases of everything Hyperscan compiles (the patterns
        it does not are never judged); none when Hyperscan does not load, a literal does
        not compile or nothing does."""
        try:
            import hyperscan
        except ImportError:  # installed but not loadable (its shared library missing): no prefilter
            return []
        databases = []
        try:
            if self._literals:
                databases.append((_literal_database(self._literals), False))
        except hyperscan.error:
            return []
        unjudged: set[int] = set()
        for patterns in self._patterns.values():
            try:
                databases.append((_database(patterns), True))
            except hyperscan.error:
                judged = [pattern for pattern in patterns if _compiles(pattern)]
                unjudged |= {prefilter_id for _, _, prefilter_id in patterns} - {prefilter_id for _, _, prefilter_id in judged}
                databases += [(_database(judged), True)] if judged else []
        self._unjudged = frozenset(unjudged)
        return databases


MAX_SPELLINGS = 32  # a literal with more spellings of its letters beyond ASCII is never judged
# Capitals whose lower case is a letter of which they are neither the upper nor the title
# case (Greek capital theta symbol, capital sharp s, ohm and angstrom signs); tests/test_prescan.py
# checks every code point.
_OTHER_CAPITALS = {"\u03b8": "\u03f4", "\u00df": "\u1e9e", "\u03c9": "\u2126", "\u00e5": "\u212b"}


def _spellings(literal: str) -> list[str]:
    """Every spelling whose lower case is the literal, but for the case of ASCII letters
    (Hyperscan ignores that); none for a literal never judged."""
    if not literal or ASCII_LOOKALIKES.search(literal) is not None:
        return []
    options = [_cases(char) for char in literal]
    if prod(map(len, options)) > MAX_SPELLINGS:
        return []
    return ["".join(spelling) for spelling in product(*options)]


def _cases(char: str) -> list[str]:
    """The characters whose lower case is `char` (ASCII letters left to Hyperscan)."""
    if char.isascii():
        return [char]
    found = {char} | {other for other in (char.upper(), char.title(), _OTHER_CAPITALS.get(char, "")) if len(other) == 1 and other.lower() == char}
    return sorted(found)


def _literal_database(literals: list[tuple[bytes, int]]) -> Any:
    import hyperscan

    database = hyperscan.Database()
    database.compile(
        expressions=[literal for literal, _ in literals],
        ids=[prefilter_id for _, prefilter_id in literals],
        elements=len(literals),
        flags=hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_SINGLEMATCH,
        literal=True,
    )
    return database


def _database(patterns: list[tuple[str, int, int]]) -> Any:
    import hyperscan

    database = hyperscan.Database()
    database.compile(
        expressions=[form.encode("ascii") for form, _, _ in patterns],
        ids=[prefilter_id for _, _, prefilter_id in patterns],
        elements=len(patterns),
        flags=[_hyperscan_flags(flags) for _, flags, _ in patterns],
    )
    return database


def _compiles(pattern: tuple[str, int, int]) -> bool:
    import hyperscan

    try:
        _database([pattern])
    except hyperscan.error:
        return False
    return True


def _collect(prefilter_id: int, _start: int, _end: int, _flags: int, found: set[int]) -> None:
    found.add(prefilter_id)
