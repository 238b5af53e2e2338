"""Term matching: one Aho-Corasick pass per text for every term of every rule.

Text and terms are compared in a *squashed* view: NFKC, case-folded, look-alike letters
folded to Latin, diacritics and zero-width characters dropped, and every character that
is not a letter or digit removed. "P.J. Masks", "PJ-Masks", "PJMasks" and "pj  masks"
all squash to "pjmasks". A hit must start and end on word boundaries of the original
text, so "sale" never fires inside "wholesale" (beside kana or kanji, written without
spaces, a word may end anywhere: "ポケモンカード"), and it may not join ordinary words the
term keeps together: a space inside the hit where the term has none is allowed only where
sellers split a name (beside a single letter, "P J Masks", or an accented one, "Pok émon");
dots, hyphens and apostrophes always are ("P.J.", "Paw-Patrol"). So the term "itis" never
matches "It is".

Speed: almost every text has an *ASCII view*, bytes as long as the text in which each
character beyond ASCII stands for the one letter or digit it folds to ("é" -> "e") or for
a separator ("’", "£", no-break space): the squashed view is then made with
`bytes.translate`, and a hit's place in the text and its word boundaries are read from the
view's mask of word characters by counting in C (_AsciiPlaces), without a map of every
character. Only a text with a character that folds to several ("ß" -> "ss") or to a
letter beyond ASCII ("日") takes the general way, a map back to original positions
(squash_map).
"""

from __future__ import annotations

import codecs
import re
import string
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import chain, compress, repeat
from typing import Any

import ahocorasick

from .lean_dataclass import lean_dataclass
from .literals import ASCII_LOOKALIKES

# Cyrillic and Greek letters that look like Latin ones (the common part of Unicode TR39).
_CONFUSABLES = {
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ї": "i", "ј": "j", "ԁ": "d",
    "ԛ": "q", "ԝ": "w", "һ": "h", "ӏ": "l", "α": "a", "β": "b", "ε": "e", "η": "n", "ι": "i",
    "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "τ": "t", "υ": "u", "χ": "x", "ω": "w", "ı": "i",
    "ł": "l", "ø": "o", "đ": "d", "ħ": "h", "ŧ": "t",
}


class _FoldTable(dict):
    """str.translate table: character -> folded letters/digits ('' for separators), cached."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


def fold_char(char: str) -> str:
    """The letters and digits one character contributes to the squashed view."""
    if char.isascii():
        return char.lower() if char.isalnum() else ""
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part):
            continue
        for piece in part.casefold():
            piece = _CONFUSABLES.get(piece, piece)
            if piece.isalnum():
                out.append(piece)
    return "".join(out)


_FOLD = _FoldTable({ord(c): fold_char(c) for c in map(chr, range(128))})
# ASCII text, most of a catalog, is folded as bytes: bytes.translate with a 256-byte table
# is several times faster than str.translate with a dict
_ASCII_LOWER = bytes.maketrans(string.ascii_uppercase.encode(), string.ascii_lowercase.encode())
_ASCII_SEPARATORS = bytes(code for code in range(128) if not _FOLD[code])
_ASCII_IS_WORD = bytes(1 if code < 128 and _FOLD[code] else 0 for code in range(256))


class _CharTable(dict):
    """str.translate table of one character's property (cached): `of` gives it from the fold."""

    def __init__(self, of: Callable[[str], str]) -> None:
        super().__init__()
        self._of = of

    def __missing__(self, code: int) -> str:
        value = self[code] = self._of(_FOLD[code])
        return value


# A text beyond ASCII is mostly ASCII with a few such characters ("£", "®", "’"): it is
# encoded as ASCII and only its runs beyond ASCII, which the encoder hands to an error
# handler, go through a (per-character) str.translate table.
_VIEW = _CharTable(lambda folded: "-" if not folded else folded if len(folded) == 1 and folded.isascii() else "\x80")
# 128 + the number of characters each character folds to: bytes beyond ASCII, so that one
# table (_FOLD_LENGTH_OF_BYTE) gives ASCII and folded characters their lengths. No character
# folds to more than 127 (U+FDFA, the longest, to 15: tests/test_textmatch_fast.py).
_FOLD_LENGTH = _CharTable(lambda folded: chr(128 + len(folded)))
_FOLD_LENGTH_OF_BYTE = _ASCII_IS_WORD[:128] + bytes(range(128))


def _handler(table: dict[int, str], encoding: str) -> Callable[[UnicodeEncodeError], tuple[bytes, int]]:
    """An encoding error handler that puts a run beyond ASCII through `table`."""

    def translated(error: UnicodeEncodeError) -> tuple[bytes, int]:
        return error.object[error.start : error.end].translate(table).encode(encoding), error.end

    return translated


codecs.register_error("listlint.fold", _handler(_FOLD, "utf-8"))
codecs.register_error("listlint.view", _handler(_VIEW, "latin-1"))
codecs.register_error("listlint.fold-length", _handler(_FOLD_LENGTH, "latin-1"))


def squash(text: str) -> str:
    """The squashed view of a text (see the module docstring)."""
    # the folded runs beyond ASCII are UTF-8: bytes the ASCII tables leave alone
    return text.encode("ascii", "listlint.fold").translate(_ASCII_LOWER, _ASCII_SEPARATORS).decode("utf-8")


def ascii_view(text: str) -> bytes | None:
    """The text's ASCII view (see the module docstring), or None when it has none."""
    view = text.encode("ascii", "listlint.view")
    return view if view.isascii() else None


def squash_map(text: str) -> list[int]:
    """Original index of every character of squash(text)."""
    lengths = text.encode("ascii", "listlint.fold-length").translate(_FOLD_LENGTH_OF_BYTE)
    if max(lengths, default=0) <= 1:  # the indices of letters and digits, picked in C
        return list(compress(range(len(text)), lengths))
    return list(chain.from_iterable(map(repeat, range(len(text)), lengths)))  # each as often as it folds ("ß")


def lower_for_ascii_words(text: str) -> str | None:
    """The lower-cased text when that is exact for looking for ASCII words while ignoring
    case as `re` does (substring tests are much faster than a case-insensitive regex); else None.

    Without ASCII_LOOKALIKES only ASCII characters match ASCII ones, and those lower-case
    one to one; other characters' lower case may differ in length, which `in` does not mind.
    """
    if text.isascii() or ASCII_LOOKALIKES.search(text) is None:
        return text.lower()
    return None


@lean_dataclass(slots=True)
class Hit:
    """A key found in a text: original [start, end) and what was registered for the key.
    Not frozen: a frozen dataclass is made three times slower, and hits are made per text."""

    key: str
    start: int
    end: int
    refs: tuple[Any, ...]


class TermIndex:
    """All terms of all rules in one automaton; `refs` tell each rule what is its.

    The automaton holds only the length of each key: the key is the squashed text it
    matched, and its refs and breaks are looked up by it. It is built with the rules, but
    not stored: a compiled engine kept in the cache (compiled.py) holds the keys and refs,
    and a run that loads it and scans little text (pre-commit on one edited file) finds
    the keys by looking the text's substrings up among them, about a microsecond per
    character, where building the automaton of thousands of keys takes several
    milliseconds. After DIRECT_SCAN_CHARACTERS the automaton is built and used from then
    on; both ways report the same keys in the same order.
    """

    def __init__(self) -> None:
        self._refs: dict[str, tuple[Any, ...]] = {}  # every key (a word's: maybe none)
        self._words: set[str] = set()  # keys registered by add_word
        self._breaks: dict[str, frozenset[int]] = {}  # key -> offsets where a registered spelling has a separator (keys with none left out)
        self._lengths: dict[str, tuple[int, ...]] = {}  # first PREFIX characters -> lengths of the keys so starting, longest first
        self._short: tuple[str, ...] = ()  # keys shorter than PREFIX
        self._automaton: Any = None
        self._direct_left = 0  # characters still to scan without the automaton

    def add(self, term: str, ref: Any) -> str:
        """Register a term, whose hits scan() yields with `ref`; returns its key, or '' when
        the term has no letters or digits."""
        key = self._register(term)
        if key:
            self._refs[key] += (ref,)
        return key

    def add_word(self, word: str) -> str:
        """Register a word whose presence scan() notes (a context word of a terms rule,
        which yields no hit of its own); returns its key, or ''."""
        key = self._register(word)
        if key:
            self._words.add(key)
        return key

    def _register(self, term: str) -> str:
        key = squash(term)
        if key:
            self._refs.setdefault(key, ())
            if len(key) != len(term):  # only a term with separators has places where one is allowed
                breaks = _term_breaks(term)
                if breaks:
                    self._breaks[key] = self._breaks.get(key, _NO_BREAKS).union(breaks)
        return key

    def build(self) -> None:
        """Makes the registered keys ready to scan for (terms added later are not found)."""
        lengths: dict[str, set[int]] = {}
        for key in self._refs:
            if len(key) >= PREFIX:
                lengths.setdefault(key[:PREFIX], set()).add(len(key))
        self._lengths = {prefix: tuple(sorted(found, reverse=True)) for prefix, found in lengths.items()}
        self._short = tuple(key for key in self._refs if len(key) < PREFIX)
        self._automaton = length_automaton(self._refs)

    def __getstate__(self) -> tuple[Any, ...]:
        return self._refs, self._words, self._breaks, self._lengths, self._short

    def __setstate__(self, state: tuple[Any, ...]) -> None:
        self._refs, self._words, self._breaks, self._lengths, self._short = state
        self._automaton = None
        self._direct_left = DIRECT_SCAN_CHARACTERS

    def scan(self, text: str, present: set[str] | None = None) -> Iterator[Hit]:
        """Every term registered with refs found in `text` on word boundaries of the
        original, in the text's order; the registered words so found are added to `present`."""
        if not self._refs:
            return
        view = ascii_view(text)
        squashed = squash(text) if view is None else view.translate(_ASCII_LOWER, _ASCII_SEPARATORS).decode("ascii")
        places: _AsciiPlaces | _FoldedPlaces | None = None
        for last, length in self._keys_in(squashed):
            if places is None:  # most texts have no hit
                places = _FoldedPlaces(text) if view is None else _AsciiPlaces(view)
            first = last - length + 1
            positions = places.word(first, last)
            if positions is None:
                continue  # inside a word: "sale" in "wholesale"
            start, end = positions[0], positions[-1] + 1
            key = squashed[first : last + 1]
            if end - start != length and _joins_words(text, positions, self._breaks.get(key, _NO_BREAKS)):
                continue
            if present is not None and key in self._words:
                present.add(key)
            refs = self._refs[key]
            if refs:
                yield Hit(key, start, end, refs)

    def _keys_in(self, squashed: str) -> Iterable[tuple[int, int]]:
        """(index of its last character, length) of every key in a squashed text, by the
        index, longer keys first (as the automaton reports them)."""
        if self._automaton is None and self._direct_left > 0:
            self._direct_left -= len(squashed)
            return self._looked_up(squashed)
        if self._automaton is None:
            self._automaton = length_automaton(self._refs)
        return self._automaton.iter(squashed)

    def _looked_up(self, squashed: str) -> list[tuple[int, int]]:
        found = []
        refs, size = self._refs, len(squashed)
        for start in range(size - PREFIX + 1):
            for length in self._lengths.get(squashed[start : start + PREFIX], ()):
                if start + length <= size and squashed[start : start + length] in refs:
                    found.append((start + length - 1, length))
        for key in self._short:
            start = squashed.find(key)
            while start >= 0:
                found.append((start + len(key) - 1, len(key)))
                start = squashed.find(key, start + 1)
        found.sort(key=lambda match: (match[0], -match[1]))
        return found


PREFIX = 3  # characters of a key that pick the lengths to try at a place (_looked_up)
DIRECT_SCAN_CHARACTERS = 10_000  # squashed characters scanned before the automaton is built
_NO_BREAKS: frozenset[int] = frozenset()


def length_automaton(keys: Iterable[str]) -> Any:
    """An automaton of the keys that reports the length of each key found, or None without keys."""
    automaton = ahocorasick.Automaton(ahocorasick.STORE_LENGTH)
    for key in keys:
        automaton.add_word(key)
    if not len(automaton):
        return None
    automaton.make_automaton()
    return automaton


_ASCII_WORDS = re.compile(r"[A-Za-z0-9]+")


def _term_breaks(term: str) -> list[int]:
    """Offsets into the key where the term itself has a separator ("pj masks" -> [2])."""
    if term.isascii():  # thousands of user terms: the word lengths are enough
        offsets, total = [], 0
        for word in _ASCII_WORDS.findall(term)[:-1]:
            total += len(word)
            offsets.append(total)
        return offsets
    return [offset for offset, _ in _separators(term, squash_map(term))]


def _separators(text: str, positions: Sequence[int]) -> Iterator[tuple[int, str]]:
    """(offset into the key, separator text) for every gap between the key's characters,
    at these original positions."""
    for index in range(1, len(positions)):
        before, after = positions[index - 1], positions[index]
        if after > before + 1:
            yield index, text[before + 1 : after]


def _joins_words(text: str, positions: Sequence[int], allowed: frozenset[int]) -> bool:
    """Whether the hit (its characters at these original positions) spans a space the term
    does not have between two ordinary words."""
    gaps = list(_separators(text, positions))
    bounds = [0] + [offset for offset, _ in gaps] + [len(positions)]
    for number, (offset, separator) in enumerate(gaps):
        if offset in allowed or not any(c.isspace() for c in separator):
            continue
        left, right = offset - bounds[number], bounds[number + 2] - offset
        split_name = min(left, right) == 1 or not (text[positions[offset - 1]].isascii() and text[positions[offset]].isascii())
        if not split_name:
            return True
    return False


class _AsciiPlaces:
    """Where the characters of a squashed view lie in a text with an ASCII view, worked out
    for the hits only.

    A squash_map of every character costs a list entry each (~45 ns), more than the whole
    scan of the text, and so does any other pass over the text that works out its word
    boundaries. A hit is therefore placed by counting letters and digits in the view's
    mask of word characters (bytes.count, in C) from the last hit on (the automaton
    reports hits by their last character), and its word boundaries are read there.
    """

    __slots__ = ("_mask", "_squashed", "_original")

    def __init__(self, view: bytes) -> None:
        self._mask = view.translate(_ASCII_IS_WORD) + b"\x00"  # 1: a letter or digit; 0 after the end (and so before the start)
        self._squashed, self._original = -1, -1  # the last hit's last character, squashed and original

    def word(self, first: int, last: int) -> Sequence[int] | None:
        """Original index of each squashed character first..last (squash_map(text)[first : last + 1]),
        or None when they start or end inside a word of the text."""
        mask = self._mask
        end = _nth_one_after(mask, self._original, last - self._squashed)
        self._squashed, self._original = last, end
        if mask[end + 1]:
            return None  # ends inside a word
        start = _nth_one_before(mask, end, last - first + 1)
        if mask[start - 1]:
            return None  # starts inside a word
        if end - start == last - first:
            return range(start, end + 1)
        return list(compress(range(start, end + 1), mask[start : end + 1]))


def _nth_one_after(mask: bytes, index: int, count: int) -> int:
    """The index of the `count`-th 1 in the mask after `index` (itself not counted; -1: from the start)."""
    # each window is as long as the ones still missing: it never goes past the one looked
    # for, and a window of ones only ends on it
    while count:
        ones = mask.count(1, index + 1, index + count + 1)
        index += count
        count -= ones
    return index


def _nth_one_before(mask: bytes, end: int, count: int) -> int:
    """The index of the `count`-th 1 in the mask counting back from `end` (a 1, the first counted)."""
    start = end + 1
    while count:
        ones = mask.count(1, start - count, start)
        start -= count
        count -= ones
    return start


class _FoldedPlaces:
    """Where the characters of a squashed view lie in a text without an ASCII view: one of
    its characters may fold to several, so every character's place is mapped."""

    __slots__ = ("_text", "_map")

    def __init__(self, text: str) -> None:
        self._text, self._map = text, squash_map(text)

    def word(self, first: int, last: int) -> Sequence[int] | None:
        """As _AsciiPlaces.word; beside kana or kanji a word may end between two letters."""
        positions, text = self._map[first : last + 1], self._text
        start, end = positions[0], positions[-1] + 1
        if start > 0 and _FOLD[ord(text[start - 1])] and not _japanese_edge(text[start - 1], text[start]):
            return None
        if end < len(text) and _FOLD[ord(text[end])] and not _japanese_edge(text[end - 1], text[end]):
            return None
        return positions


def _japanese_edge(left: str, right: str) -> bool:
    """Whether either of two touching letters is kana or kanji. Japanese is written without
    spaces, so a name there touches the next word ("ポケモンカード", "Pokemonカード"): its
    edge is where the text changes script or, in one script, where the name ends. Names
    short enough to hide inside longer katakana words (マリオ in マリオネット) are not listed."""
    return is_japanese(left) or is_japanese(right)


def is_japanese(char: str) -> bool:
    """Kana (with the half-width forms and the iteration mark) or a CJK ideograph."""
    return "\u3040" <= char <= "\u30ff" or "\u3400" <= char <= "\u9fff" or "\uff66" <= char <= "\uff9f" or "\u31f0" <= char <= "\u31ff" or char == "\u3005"


def same_capitalisation(original: str, term: str) -> bool:
    """Case-sensitive check: the hit's letters and digits spelled exactly as the term's."""
    return "".join(c for c in original if c.isalnum()) == "".join(c for c in term if c.isalnum())


class LiteralIndex:
    """Plain lower-cased substrings (no word boundaries): the literals a pattern needs before
    it is worth running (see literals.py). With the optional Hyperscan prefilter
    (prescan.py) the literals of each pattern and the patterns that need none are found by
    one scan in C, each reported once; the Aho-Corasick automaton then serves only the texts
    and literals Hyperscan does not judge (looked for there in Python, occurrence by
    occurrence)."""

    def __init__(self) -> None:
        from . import prescan

        self._groups: list[frozenset[str]] = []
        self._automaton: Any = None  # every group's literals, for texts the prefilter does not judge
        self._residual: Any = None  # the literals of the groups the prefilter does not take
        self._prefilter: Any = prescan.PatternPrefilter() if prescan.available() else None
        self._without_literals: frozenset[int] = frozenset()  # prefiltered patterns, passed on texts not judged
        self._also_needed: dict[int, tuple[frozenset[str], ...]] = {}  # id -> the pattern's other required literal sets
        self._needing_more: frozenset[int] = frozenset()  # the ids of _also_needed, made by build()

    def add(self, literals: frozenset[str]) -> int:
        """Register one pattern's literals; returns the pattern's prefilter id."""
        number = len(self._groups)
        self._groups.append(literals)
        if self._prefilter is not None:
            self._prefilter.add_literals(literals, number)
        return number

    def add_all(self, required: tuple[frozenset[str], ...]) -> int:
        """Register a pattern that needs one literal of each set (literals.required_literal_sets);
        returns its prefilter id, reported only for texts holding all of them. Only the first
        set is scanned for; the others are looked for (substring tests in C) in the few
        texts that hold it, which costs less than reporting their often common words."""
        number = self.add(required[0])
        if len(required) > 1:
            self._also_needed[number] = required[1:]
        return number

    def add_pattern(self, source: str, ignore_case: bool, database: str = "patterns") -> int | None:
        """Register a pattern without literals with the Hyperscan prefilter (in the named
        database, prescan.PatternPrefilter); returns its prefilter id, or None when
        Hyperscan is not installed or cannot judge the pattern."""
        if self._prefilter is None or not self._prefilter.add(source, ignore_case, len(self._groups), database):
            return None
        self._groups.append(frozenset())
        return len(self._groups) - 1

    def build(self) -> None:
        prefiltered = self._prefilter.ids if self._prefilter is not None else frozenset()
        self._automaton = _literal_automaton(self._groups, range(len(self._groups)))
        self._residual = _literal_automaton(self._groups, [number for number in range(len(self._groups)) if number not in prefiltered])
        self._without_literals = frozenset(number for number in prefiltered if not self._groups[number])
        self._needing_more = frozenset(self._also_needed)

    @property
    def warming_up(self) -> bool:
        """Whether `present` may still give prefiltered patterns unjudged (PatternPrefilter.warming_up)."""
        return self._prefilter is not None and self._prefilter.warming_up

    def present(self, text: str) -> set[int]:
        """Ids of the patterns one of whose literals occurs in `text`, and of the
        prefiltered patterns that may match it."""
        passing = self._prefilter.passing(text) if self._prefilter is not None else None
        if passing is None:
            found = _occurring(self._automaton, text) | self._without_literals
        else:
            found = passing if self._residual is None else passing | _occurring(self._residual, text)
        needing = found & self._needing_more  # in C, over the few ids found
        if needing:
            lowered, also_needed = text.lower(), self._also_needed
            for number in needing:
                if not _holds_all(lowered, also_needed[number]):
                    found.discard(number)  # one of the pattern's other literal sets is missing
        return found


def _holds_all(lowered: str, required: tuple[frozenset[str], ...]) -> bool:
    """Whether the text holds one literal of each set."""
    for literals in required:
        for literal in literals:
            if literal in lowered:
                break
        else:
            return False
    return True


def _literal_automaton(groups: list[frozenset[str]], numbers: Iterable[int]) -> Any:
    """An automaton of the groups' literals, each reporting the numbers of its groups; None without literals."""
    by_literal: dict[str, list[int]] = {}
    for number in numbers:
        for literal in groups[number]:
            by_literal.setdefault(literal, []).append(number)
    if not by_literal:
        return None
    automaton = ahocorasick.Automaton()
    for literal, holders in by_literal.items():
        automaton.add_word(literal, tuple(holders))
    automaton.make_automaton()
    return automaton


def _occurring(automaton: Any, text: str) -> set[int]:
    found: set[int] = set()
    if automaton is not None:
        for _end, numbers in automaton.iter(text.lower()):
            found.update(numbers)
    return found
