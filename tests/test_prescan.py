"""The Hyperscan prefilter (prescan.py) never lets a text through that a pattern matches
without reporting it, so findings with and without it are the same (issue 17)."""

from __future__ import annotations


import json
import pickle
import random
from datetime import date
from pathlib import Path

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from listlint import prescan
from listlint.examples import example_bytes
from listlint.literals import ASCII_LOOKALIKES
from listlint.literals import required_literals
from listlint.rules import load_rules
from listlint.textmatch import LiteralIndex

pytest.importorskip("hyperscan")

REAL_CATALOG = Path(__file__).parent / "data" / "amazon-uk-toys-863.json"


def _shipped_patterns(without_literals: bool = True) -> list[tuple[str, str, bool]]:
    """(code, source, ignore case) of the shipped patterns with a scan form (only those
    without a required literal, which the engine prescans, unless told otherwise)."""
    found = []
    for rule in (one for base in load_rules([]) for one in base.with_variants() if one.kind == "pattern"):
        if rule.options.get("keep_invisible"):
            continue
        for source in ([rule.options["pattern"]] if rule.options.get("pattern") else []) + list(rule.options.get("patterns", [])):
            if (required_literals(source) is None or not without_literals) and prescan.eligible_pattern(source):
                found.append((rule.code, source, bool(rule.options.get("ignore_case", True))))
    return found


def _prefiltered_patterns() -> list[tuple[str, str, bool]]:
    return _shipped_patterns()


def _texts() -> list[str]:
    """Real listing text, every rule example, and each example changed a little (a letter's
    case, a character dropped or doubled, a tab or line break put in)."""
    listings = json.loads(REAL_CATALOG.read_text("utf-8"))["listings"]
    texts = [value for listing in listings for value in listing.values() if isinstance(value, str)]
    for rule in (one for base in load_rules([]) for one in base.with_variants()):
        for example in rule.examples["fail"] + rule.examples["pass"]:
            texts.append(example_bytes(rule, example, date.today()).decode("utf-8", "replace"))
    generator = random.Random(17)
    for text in list(texts[-2000:]):
        if text:
            at = generator.randrange(len(text))
            texts += [text.swapcase(), text[:at] + text[at + 1 :], text[:at] + text[at] + text[at:], text[:at] + generator.choice("\t\n\r ") + text[at:]]
            # characters beyond ASCII the shadow stands for: a no-break space, a curly quote,
            # a letter, an Arabic-Indic digit, a line separator
            texts.append(text[:at] + generator.choice("\u00a0\u2019\u00e9\u0663\u2028\x1c") + text[at:])
    return texts


def test_the_shipped_patterns_without_literals_are_prefiltered():
    codes = {code for code, _, _ in _prefiltered_patterns()}
    assert {"LST005", "LST009", "LST014"} <= codes


@pytest.mark.parametrize("without_literals", [True, False], ids=["prescanned", "every-shipped-pattern"])
def test_the_prefilter_lets_through_every_text_a_pattern_matches(without_literals):
    """Every scan form, not only the prescanned ones, matches wherever its pattern does."""
    patterns = _shipped_patterns(without_literals)
    prefilter = prescan.PatternPrefilter(warm_up=0)
    for number, (_, source, ignore_case) in enumerate(patterns):
        prefilter.add(source, ignore_case, number)
    compiled = [regex.compile(source, (regex.IGNORECASE if ignore_case else 0) | regex.V0) for _, source, ignore_case in patterns]
    judged = matched = 0
    for text in _texts():
        passing = prefilter.passing(text)
        if passing is None:
            continue
        judged += 1
        for number, pattern in enumerate(compiled):
            if any(m.end() > m.start() for m in pattern.finditer(text)):
                matched += 1
                assert number in passing, (patterns[number][0], patterns[number][1], text)
    assert judged > 1000 and matched > 20
    assert any(not text.isascii() for text in _texts()[:2000])


@pytest.mark.parametrize("text", ["#1\u00a0best", "#\u20031\u2028best", "#1 BEST\u2019s"])
def test_texts_beyond_ascii_are_judged_by_their_shadow(text):
    prefilter = prescan.PatternPrefilter(warm_up=0)
    prefilter.add(r"#\s?1\s+best", True, 0)
    prefilter.add(r"\bbest\b(?![\w\u2019])", True, 1)  # the lookahead only narrows: dropped
    prefilter.add(r"[^\x7f_ ]", True, 2)  # a negated set never excludes a shadow
    assert prefilter.passing(text) == {0, 1, 2}
    assert prefilter.passing("#\u00e91 best!") == {1, 2}


def _shadow_char_by_char(text: str) -> bytes | None:
    """The shadow worked out the general way: look-alikes searched for, then every
    character beyond ASCII classed by the regex module on its own (prescan.shadow encodes
    in one pass with a cached table)."""
    if ASCII_LOOKALIKES.search(text) is not None:
        return None
    return "".join(char if char.isascii() else prescan._class_shadow(char) for char in text).encode("ascii")


_SHADOW_TEXTS = st.text(st.sampled_from("aZ09 _\x7f\x80\t\n-\u00a0\u00e9\u00df\u0130\u0131\u017f\u212a\u2019\u00a3\u0663\u3000\u65e5\U0001f600\ud800\u200b") | st.characters())


def test_the_shadow_is_each_character_classed_on_the_real_texts():
    for text in _texts() + ["", "\x80", "Pok\u0130mon \u00a3", "\ud800x\u00e9"]:
        assert prescan.shadow(text) == _shadow_char_by_char(text), text[:80]


@settings(max_examples=400, deadline=None)
@given(_SHADOW_TEXTS)
def test_the_shadow_is_each_character_classed(text):
    assert prescan.shadow(text) == _shadow_char_by_char(text)


@pytest.mark.parametrize("text", ["Pok\u0130mon", "\u212aite", "di\u017finfect"])
def test_texts_with_look_alikes_of_ascii_letters_are_not_judged(text):
    prefilter = prescan.PatternPrefilter(warm_up=0)
    prefilter.add(r"kite", True, 0)
    assert prefilter.passing(text) is None


def test_hyperscan_reads_ascii_classes_as_the_regex_module_does():
    """The scan form keeps \\w, \\d, \\s, . and word boundaries: both engines must agree on
    every ASCII character, the characters a shadow is made of."""
    for number, source in enumerate([r"\w", r"\d", r"\s", ".", r"\W", r"\D", r"\S"]):
        prefilter = prescan.PatternPrefilter(warm_up=0)
        prefilter.add(source, False, number)
        for code in range(128):
            assert (prefilter.passing(chr(code)) == {number}) == bool(regex.match(source, chr(code), regex.V0)), (source, code)


def test_letters_that_match_each_other_when_case_is_ignored_share_a_shadow():
    """A character beyond ASCII in a pattern scans as its shadow, also when case is
    ignored: its other cases must have the same shadow."""
    for code in range(128, 0x110000):
        char = chr(code)
        if 0xD800 <= code < 0xE000 or prescan.ASCII_LOOKALIKES.match(char):
            continue
        for other in {char.lower(), char.upper(), char.casefold()} - {char}:
            if len(other) == 1 and not other.isascii():
                assert prescan.shadow(other) == prescan.shadow(char), (hex(code), other)


@pytest.mark.parametrize(
    "source",
    [
        r"\p{Extended_Pictographic}",  # the regex module's syntax, not Python's
        r"a{,3}b",  # 0 to 3 in Python, a literal "{,3}" to Hyperscan
        "di\u017finfect",  # a long s matches an ASCII s when case is ignored
        "di\\u017finfect",  # the same, escaped
    ],
)
def test_patterns_hyperscan_may_read_otherwise_are_not_prefiltered(source):
    assert not prescan.eligible_pattern(source)


def test_a_pattern_hyperscan_cannot_compile_runs_on_every_text():
    prefilter = prescan.PatternPrefilter(warm_up=0)
    prefilter.add(r"(?:a{5000}){50}", True, 0)  # too large for Hyperscan
    prefilter.add(r"\bnever\b", True, 1)
    assert prefilter.passing("plain text") == {0}
    assert prefilter.passing("never plain") == {0, 1}
    alone = prescan.PatternPrefilter(warm_up=0)
    alone.add(r"(?:a{5000}){50}", True, 0)
    assert alone.passing("plain text") is None  # nothing compiled: nothing judged


def test_the_prefilter_waits_for_its_warm_up():
    prefilter = prescan.PatternPrefilter(warm_up=2)
    prefilter.add(r"#\s?1\s+best", True, 0)
    assert prefilter.passing("plain") is None and prefilter.passing("plain") is None
    assert prefilter.passing("plain") == set()
    assert prefilter.passing("The #1 best kite") == {0}


def test_an_index_with_a_compiled_prefilter_pickles():
    index = LiteralIndex()
    pattern_id = index.add_pattern(r"#\s?1\s+best", True)
    index.build()
    index._prefilter._warm_up = 0
    assert pattern_id in index.present("The #1 best kite")
    copy = pickle.loads(pickle.dumps(index))
    assert pattern_id in copy.present("The #1 best kite") and pattern_id not in copy.present("a kite")


def test_a_hyperscan_that_does_not_load_leaves_every_text_to_regex(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def failing(name, *args, **kwargs):
        if name == "hyperscan":
            raise ImportError("libhs.so.5: cannot open shared object file")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", failing)
    prefilter = prescan.PatternPrefilter(warm_up=0)
    prefilter.add(r"#\s?1\s+best", True, 0)
    assert prefilter.passing("The #1 best kite") is None


def test_the_scan_reports_every_literal_the_automaton_finds():
    """With Hyperscan, the literals of the shipped pattern and contact rules are found by
    its literal database in the texts' shadows: every id the Aho-Corasick pass over the
    lower-cased text reports must be among those the scan reports."""
    from pathlib import Path

    from listlint import textmatch
    from listlint.config import Config
    from listlint.engine import Engine

    index = Engine(load_rules([]), Config(root=Path.cwd())).literals
    index._prefilter._warm_up = 0
    judged = found = 0
    for text in _texts() + ["FREE DELIVERY \u00a3 5", "Sch\u00c4dlingsfrei", "\u201cSAFE\u201d \u2014 non-toxic"]:
        passing = index._prefilter.passing(text)
        if passing is None:
            continue
        judged += 1
        by_automaton = textmatch._occurring(index._automaton, text)
        found += len(by_automaton)
        assert by_automaton <= passing, (sorted(by_automaton - passing), text[:80])
    assert judged > 1000 and found > 1000


def test_every_character_with_a_lower_case_is_a_spelling_of_it():
    """A literal is looked for in every spelling whose lower case it is (prescan._cases)."""
    for code in range(128, 0x110000):
        char = chr(code)
        lower = char.lower()
        if lower != char and len(lower) == 1 and not lower.isascii():
            assert char in prescan._cases(lower), hex(code)
