"""kind: contact. URLs, bare domains, e-mail addresses, phone numbers, social handles and
spelled-out ("shop dot com") addresses that take buyers off Amazon.

Precision is the hard part: "12.5 x 3.2 in", "No.5", "v2.0", "e.g.", "St. Louis",
"manual.pdf", "Model XR-2000", "2024-01-15" and "CLOSED.STORE" must stay quiet.

Libraries made for this do the judging, imported only for a text that passes a cheap
prefilter:
- phone numbers: `phonenumbers` (Google's libphonenumber metadata), its matcher run for
  the regions of the listing's marketplaces and kept to numbers valid there, so a UK
  "helpline 0161 496 0732" is found without a calling word and model numbers are not;
  numbers after a calling word ("call", "WhatsApp") and US vanity numbers are patterns;
- domains: `publicsuffixlist` (Mozilla's Public Suffix List, bundled; no network) decides
  whether a host ends in a real public suffix. A bare domain ("MyShop.com",
  "BulkSupplements.com") needs a common top-level domain written in lower case, or any
  public suffix after a word that points to it ("visit kora.toys"); a domain in capitals
  needs a top-level domain that is not also an English word, so "CLOSED.STORE" (two
  sentences without a space) is not one. `amazon.*` in allow_domains means a registrable
  domain "amazon" under any public suffix (amazon.co.uk, not amazon.shop-deals.com).

Web addresses are looked for in a Latin skeleton of the text, where Cyrillic and Greek
letters that look like Latin ones stand for those (`shор-name.com` with a Cyrillic о and
р reads shop-name.com). A match that needed a look-alike counts only if it also has
Latin letters: a mixed-script address is a disguise, while Russian or Greek text made of
look-alikes alone ("ООО Ромашка", "кот.со") is ordinary text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from itertools import islice

import re

from ..compiled import REGEXES, LazyRegex
from ..leading import LeadingPlaces, matches_at
from ..literals import leading_literals, required_literal_sets
from ..records import Record
from ..rules import Rule
from ..textmatch import fold_char, lower_for_ascii_words
from ..visible import VisibleText, without_invisible
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("detect", "allow_domains"))

_TLDS = (
    "com|net|org|info|biz|shop|store|online|site|website|top|xyz|club|vip|app|io|co|me|tv|ly|link|page|"
    "us|uk|de|fr|it|es|nl|se|pl|be|jp|au|ca|mx|cn|hk|tw|in|ru|eu|ch|at|dk|no|fi|ie|pt|br|nz|sg|kr|"
    "co\\.uk|com\\.au|co\\.jp|com\\.mx|com\\.br|com\\.cn|com\\.hk|com\\.tw"
)
# whole domain in capitals (SHOPNAME.COM): not the top-level domains that are English
# words in capitals (STORE, SHOP, ME, IT, IN, US ...), which end one sentence and start the next
_TLDS_UPPER = "COM|NET|ORG|INFO|BIZ|XYZ|IO|UK|DE|FR|ES|NL|SE|PL|JP|AU|CA|MX|CN|HK|TW|RU|EU|CH|DK|FI|IE|PT|BR|NZ|SG|KR|CO\\.UK|COM\\.AU|CO\\.JP"
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_WORD_TLD_THEN_WORD = r"(?<=\.in|\.it|\.me|\.us|\.be|\.no|\.at|\.is|\.to|\.so|\.co|\.my) [a-z]"
_LABEL_ANY_CASE = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
_PATH = r"(?:[/?#][^\s<>\"'()\[\]{}]*[^\s<>\"'()\[\]{}.,;:!?])?"
_POINTING_WORDS = ("visit", "visiting", "go to", "check out", "website", "web site", "online at", "shop at", "find us at", "order (?:at|from|on)", "buy (?:at|from|on)", "available (?:at|on)")
_CALLING_WORDS = ("call", "phone", "tel", "telephone", "mobile", "hotline", "whatsapp", "wechat", "text us")
_PATTERNS = {
    "url": [
        r"(?i)\b(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]",
        rf"(?i)\bwww\.{_LABEL}(?:\.{_LABEL})+{_PATH}",
        # bare domain: letters in the last label before a known TLD written in lower case
        # (the labels before it in any case: MyShop.com), not part of an e-mail
        # (a top-level domain that is also a word, followed by a word: "age groups.in order" is
        # two sentences without a space)
        rf"(?<![\w@.-])(?:{_LABEL_ANY_CASE}\.)*(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]{{2,}}\.(?:{_TLDS})(?![\w-]|\.[a-z0-9]|{_WORD_TLD_THEN_WORD}){_PATH}",
        # any public suffix after a word that points to an address: "visit kora.toys"
        rf"(?i:\b(?:{'|'.join(_POINTING_WORDS)})\s+)((?:{_LABEL_ANY_CASE}\.)+[a-z]{{2,}}(?![\w-]|\.[a-z0-9]){_PATH})",
        rf"(?<![\w@.-])(?:[A-Z0-9-]+\.)*(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{{2,}}\.(?:{_TLDS_UPPER})(?![\w-]|\.[A-Za-z0-9]){_PATH}",
    ],
    # the top-level domain ends where a capital starts a glued-on sentence: "info@shop.comWe will"
    "email": [r"(?i)(?<![\w.%+-])[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.(?:(?-i:[a-z]{2,})(?=(?-i:[A-Z][a-z]))|[a-z]{2,}\b)"],
    "phone": [
        # numbers in national or international layout are phonenumbers' (see _phone_numbers)
        # toll-free with letters: 1-800-FLOWERS
        r"(?<![\w-])1?-?8(?:00|33|44|55|66|77|88)-[A-Z0-9]{3}-?[A-Z0-9]{4}(?![\w-])",
        # a calling word followed by a number of seven or more digits
        rf"(?i)\b(?:{'|'.join(_CALLING_WORDS)})\b[^\w+]{{0,3}}(?:(?:us|at|on|me)[^\w+]{{1,3}}){{0,2}}(\+?\d[\d ().-]{{5,}}\d)",
    ],
    "social": [
        r"(?<![\w.@])@(?=[A-Za-z0-9_.]*[A-Za-z])[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.)\b(?!\.[a-z]{2,}\b)",
        r"(?i)\b(?:facebook|instagram|insta|tiktok|youtube|twitter|pinterest|wechat|whatsapp|telegram|snapchat|line id|kakao)\b\s*(?:page|account|id|channel|group)?\s*[:：]\s*@?[\w.-]{3,}",
        # a platform name then a handle-like word (dots, underscores or digits in it)
        r"(?i)\b(?:facebook|instagram|insta|tiktok|youtube|twitter|pinterest|wechat|whatsapp|telegram|snapchat|kakao)\b\s+(?:id\s+)?@?(?=[\w.-]*[._\d])[a-z][\w.-]{2,}[a-z0-9]",
    ],
    "obfuscated-url": [
        # letter-spaced: "k o r a . c o m"
        r"(?i)(?<!\w)(?:[a-z0-9] ){2,}[a-z0-9] ?\. ?(?:c ?o ?m|n ?e ?t|o ?r ?g|c ?o ?\. ?u ?k|s ?h ?o ?p|s ?t ?o ?r ?e|d ?e|u ?k)(?!\w)",
        r"(?i)\b[a-z0-9][a-z0-9-]{1,62}\s*[\(\[\{]?\s*dot\s*[\)\]\}]?\s*(?:com|net|org|shop|store|co|io|de|uk|cn)\b",
        r"(?i)(?:\bwww\s*[.,]\s+|\bwww\s+[.,]\s*)[a-z0-9-]+(?:\s*[.,]\s*(?:com|net|org|co|uk|shop|store|de|fr)\b)*",
        r"(?i)\b[a-z0-9][a-z0-9-]{1,62}\s+\.\s*(?:com|net|org|shop|store)\b",
        r"(?i)\b[a-z0-9._-]+\s*[\(\[]\s*at\s*[\)\]]\s*[a-z0-9-]+\s*(?:[\(\[]\s*dot\s*[\)\]]|\.|\s+dot\s+)\s*[a-z]{2,}\b",
    ],
}
_PLATFORMS = ("facebook", "instagram", "insta", "tiktok", "youtube", "twitter", "pinterest", "wechat", "whatsapp", "telegram", "snapchat", "line id", "kakao")
# The module's patterns are compiled on first use, from the code an earlier run kept
# (compiled.RegexMemo): compiling them as the module was imported cost a one-file run ~10 ms.
# "a letter or digit or hyphen, a dot, a letter" or "://", written to start with the dot or
# colon so that the regex engine skips to those characters instead of trying every position
_URL_HINT = LazyRegex(r"\.(?<=[A-Za-z0-9-]\.)[A-Za-z]|://")
_SEVEN_DIGITS = LazyRegex(r"\d(?:[ .()/-]{0,2}\d){6}|-(?<=8(?:00|33|44|55|66|77|88)-)")


# For each web address pattern (in _PATTERNS order), a test that every match passes, run
# on the texts _URL_HINT lets through: a long text costs a pattern up to 0.2 ms, and most
# of those texts ("fun.Great gift") hold none of a pattern's necessary parts. The word
# tests look in the lower-cased text, exact for ASCII words unless look-alikes are there
# (lower_for_ascii_words: None, and the pattern runs).
_BARE_DOMAIN_HINT = LazyRegex(rf"\.(?<=[A-Za-z0-9-]\.)(?:{_TLDS})")
_CAPITAL_DOMAIN_HINT = LazyRegex(rf"\.(?<=[A-Z0-9-]\.)(?:{_TLDS_UPPER})")
_POINTING_LITERALS = tuple(word.split(" (?")[0] for word in _POINTING_WORDS)  # "order (?:at|from|on)" needs "order"
_URL_NEEDS: tuple[Callable[[str, str | None], bool], ...] = (
    lambda text, lowered: "://" in text,
    lambda text, lowered: lowered is None or "www." in lowered,
    lambda text, lowered: _BARE_DOMAIN_HINT.search(text) is not None,
    lambda text, lowered: lowered is None or any(word in lowered for word in _POINTING_LITERALS),
    lambda text, lowered: _CAPITAL_DOMAIN_HINT.search(text) is not None,
)


def _url_patterns(text: str) -> list[_ContactPattern]:
    """The web address patterns worth running on a text (see _URL_NEEDS)."""
    lowered = lower_for_ascii_words(text)
    return [pattern for pattern, needs in zip(_patterns("url"), _URL_NEEDS) if needs(text, lowered)]


def _phone_hint(text: str) -> bool:
    # seven digits in a row, perhaps split by spaces, dots, dashes or brackets: the shortest
    # national number of the marketplaces' regions
    return _SEVEN_DIGITS.search(text) is not None


# Cheap tests that every match of a kind passes; most texts fail them and skip the scan.
_PREFILTERS: dict[str, Callable[[str], bool]] = {
    "url": lambda text: _URL_HINT.search(text) is not None,
    "phone": _phone_hint,
}
# The kind's tests as Hyperscan scans them (prescan.py), in the engine's one scan of each
# text: a record none of whose texts passes is not even handed to the check. The url test
# is what a match of each web address pattern (_PATTERNS["url"]) holds: "://", "www.", or
# a letter, digit or hyphen, a dot and the first two letters of a top-level domain, small
# (bare or after a pointing word) or capital (SHOPNAME.COM); "_" stands for the shadow of a
# letter beyond ASCII (a look-alike the Latin skeleton reads as a Latin letter). Most texts
# with a dot before a letter ("fun.Great gift") pass none of it. (Writing out the top-level
# domains and pointing words made Hyperscan's compile ten times slower for few more texts
# turned away.) The phone test is _SEVEN_DIGITS with "800-" written forwards.
# tests/test_contact_hints.py checks both against every text of the real catalog.
_SCAN_HINTS: dict[str, str] = {
    "url": r"://|(?i:[w_][w_][w_])\.|[A-Za-z0-9_-]\.[a-z_][a-z_]|[A-Z0-9_-]\.[A-Z][A-Z]",
    "phone": r"\d(?:[ .()/-]{0,2}\d){6}|8(?:00|33|44|55|66|77|88)-",
}
# For the other kinds, strings one of which every match holds (lower-cased): the engine's
# one Aho-Corasick pass over each text finds them with the pattern rules' literals, and a
# check is not even called on a record without them.
_LITERALS: dict[str, frozenset[str]] = {
    "email": frozenset(["@"]),
    "social": frozenset(["@", *_PLATFORMS]),
    "obfuscated-url": frozenset(["dot", "www", " .", "(at", "[at"]),
}
_NOTHING: frozenset[int] = frozenset()
_compiled: dict[str, list[_ContactPattern]] = {}


class _ContactPattern:
    """A pattern run only where it can match (literals.py): on a text holding one literal
    of each of its required sets, and at the places of its leading literals when it has
    them. A social-media pattern that starts with a platform's name is tried at the few
    places a name starts instead of at every character of a long description."""

    __slots__ = ("compiled", "_required", "_leading", "_hint", "_part")

    def __init__(self, source: str, hint: re.Pattern[str] | None = None, part: re.Pattern[str] | None = None) -> None:
        self.compiled = REGEXES.compile_re(source, 0)
        self._required = required_literal_sets(source) or ()
        leading = leading_literals(source)
        self._leading = LeadingPlaces(leading) if leading is not None else None
        self._hint = hint  # see _in_hinted_words
        self._part = part  # see _PARTS

    def finditer(self, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
        """The matches in `text`; `lowered` is lower_for_ascii_words(text) (None: every
        place is tried, as a look-alike may match an ASCII letter when case is ignored)."""
        if self._part is not None and self._part.search(text) is None:
            return iter(())
        if lowered is None:
            return self.compiled.finditer(text)
        if not all(any(literal in lowered for literal in literals) for literals in self._required):
            return iter(())
        if self._hint is not None:
            return self._in_hinted_words(text)
        if self._leading is None:
            return self.compiled.finditer(text)
        return matches_at(partial(self.compiled.match, text), self._leading(lowered))

    def _in_hinted_words(self, text: str) -> Iterator[re.Match[str]]:
        """The matches of a pattern whose every match lies inside one run of characters
        other than white space (a word, as \\S+ reads it), holds a match of the hint,
        and is decided by at most the two characters after that run (its lookahead: "kora.in
        order"). Only the words holding a hint are scanned, each as the whole text would
        be: a lookbehind still sees the characters before the word. A bare domain is looked
        for around its ".com" instead of at every letter of a long description."""
        word_end = -1
        for hint in self._hint.finditer(text):
            if hint.start() < word_end:
                continue  # a word already scanned
            start = _LAST_SPACE.match(text, 0, hint.start())
            word_end = _REST_OF_WORD.match(text, hint.start()).end()
            yield from self.compiled.finditer(text, start.end() if start else 0, word_end + 2)


_LAST_SPACE = LazyRegex(r".*\s", re.DOTALL)  # matched up to a place: the white space before its word
_REST_OF_WORD = LazyRegex(r"\S*")
# patterns scanned word by word, and the hint every match holds (_in_hinted_words): the
# bare and the capital domain
_WORD_HINTS = {_PATTERNS["url"][2]: _BARE_DOMAIN_HINT, _PATTERNS["url"][4]: _CAPITAL_DOMAIN_HINT}


# Patterns that start with a word tried at every place, and the part of them every match
# holds (a run of their items, with its context): a text without the part, which the
# regex engine finds by skipping to its first character, is not scanned at every letter
# (tests/test_contact_fast_paths.py checks that every match holds its part)
_PARTS = {
    _PATTERNS["obfuscated-url"][0]: LazyRegex(r"(?i)\. ?(?:c ?o ?m|n ?e ?t|o ?r ?g|c ?o ?\. ?u ?k|s ?h ?o ?p|s ?t ?o ?r ?e|d ?e|u ?k)(?!\w)"),
    _PATTERNS["obfuscated-url"][1]: LazyRegex(r"(?i)dot\s*[\)\]\}]?\s*(?:com|net|org|shop|store|co|io|de|uk|cn)\b"),
    _PATTERNS["obfuscated-url"][3]: LazyRegex(r"(?i)\.\s*(?:com|net|org|shop|store)\b"),
    _PATTERNS["obfuscated-url"][4]: LazyRegex(r"(?i)[\(\[]\s*at\s*[\)\]]"),
}


def _patterns(kind: str) -> list[_ContactPattern]:
    if kind not in _compiled:
        _compiled[kind] = [_ContactPattern(p, _WORD_HINTS.get(p), _PARTS.get(p)) for p in _PATTERNS[kind]]
    return _compiled[kind]


def compile(rule: Rule, context: CompileContext) -> Check:
    detect = context.option(rule, "detect")
    if detect not in _PATTERNS:
        raise rule.error(f"'detect' must be one of {', '.join(_PATTERNS)}", "detect")
    allowed = tuple(d.lower() for d in context.option(rule, "allow_domains", []))
    prefilter = _PREFILTERS.get(detect)
    literal_id = context.literals.add(_LITERALS[detect]) if prefilter is None else context.literals.add_pattern(_SCAN_HINTS[detect], ignore_case=False, database="contact")
    read = _latin_skeleton if detect == "url" else _as_written

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            if literal_id is not None and literal_id not in scan.literals.get(text_field.name, _NOTHING):
                continue  # none of the kind's literals, or the Hyperscan scan found no hint
            if prefilter is not None and not prefilter(read(without_invisible(text_field.text.text))):
                continue
            text = VisibleText(text_field.text.text)  # "shop\u200b-name.com" is still a link
            # compiled on the first text that passes the prefilter: a one-file run of a clean
            # listing compiles none of them
            extra = _phone_numbers(text.text, record.marketplaces) if detect == "phone" else []
            read_text = read(text.text)
            patterns = _url_patterns(read_text) if detect == "url" else _patterns(detect)
            for begin, end, found in _longest_matches(patterns, read_text, extra):
                written = text.text[begin:end]
                if written != found and not _has_latin_letter(written):
                    continue  # look-alike letters only: Cyrillic or Greek text, not a disguise
                if detect in ("url", "email") and _allowed(written, allowed):
                    continue
                if detect == "url" and not _public_suffix_ends(found):
                    continue
                begin, end = text.span(begin, end)
                yield Finding(rule, text_field, begin, end, text.original[begin:end])

    if literal_id is not None:
        context.literal_gates[check] = frozenset([literal_id])
    return check


def _as_written(text: str) -> str:
    return text


# the Greek, Cyrillic and Cyrillic Supplement blocks (one after the other)
_GREEK_AND_CYRILLIC = range(0x0370, 0x0530)
_GREEK_OR_CYRILLIC = LazyRegex("[\u0370-\u052f]")
# code point -> the Latin letter a Cyrillic or Greek letter looks like (built on first use)
_LATIN_LOOK_ALIKES: dict[int, str] = {}


def _latin_skeleton(text: str) -> str:
    """The text with Cyrillic and Greek look-alike letters replaced by the Latin letters they
    imitate, one character for one (indices stay)."""
    # str.translate looks up every character: only texts with such letters pay for it
    if text.isascii() or _GREEK_OR_CYRILLIC.search(text) is None:
        return text
    if not _LATIN_LOOK_ALIKES:
        _LATIN_LOOK_ALIKES.update(_look_alike_table())
    return text.translate(_LATIN_LOOK_ALIKES)


def _look_alike_table() -> dict[int, str]:
    """The small letters of the Greek and Cyrillic blocks that term matching folds to one
    Latin letter (textmatch's look-alike table, after dropping accents). Capitals are left
    out: the Latin letter a capital looks like is not always its small letter's (Greek Eta
    looks like H, its small letter like n), and addresses are written in small letters."""
    table = {}
    for code in _GREEK_AND_CYRILLIC:
        char = chr(code)
        folded = fold_char(char)
        if char.islower() and len(folded) == 1 and folded.isascii() and folded.isalpha():
            table[code] = folded
    return table


def _has_latin_letter(text: str) -> bool:
    return any(char.isascii() and char.isalpha() for char in text)


# listing marketplace -> phonenumbers region (ISO 3166: the UK is GB)
_REGIONS = {"UK": "GB"}
_DEFAULT_REGIONS = ("US",)
# candidates the matcher parses per text and region (about 0.4 ms each): a text with more
# number-like runs than this is a table, and a hostile 20 MB one must not take minutes
_MAX_TRIES = 100
_MAX_FOUND = 50  # numbers reported per text and region: more says nothing new
# The fewest digits of a valid national number in any region (phonenumbers' metadata: Austria,
# Germany, Niue, St Helena ... have four; tests/test_contact_fast_paths.py reads every region's)
SHORTEST_VALID_NUMBER = 4


def _phone_numbers(text: str, marketplaces: tuple[str, ...]) -> list[tuple[int, int, str]]:
    """Numbers phonenumbers finds valid in one of the marketplaces' regions (international
    ones with + in any region)."""
    import phonenumbers

    matcher = _short_candidates_skipped()
    found = []
    for region in dict.fromkeys(_REGIONS.get(m, m) for m in marketplaces or _DEFAULT_REGIONS):
        if region not in phonenumbers.SUPPORTED_REGIONS:
            continue
        matches = matcher(text, region, leniency=phonenumbers.Leniency.VALID, max_tries=_MAX_TRIES)
        found.extend((match.start, match.end, match.raw_string) for match in islice(matches, _MAX_FOUND))
    return found


_matchers: list[type] = []  # the matcher class below, made on first use (phonenumbers loads lazily)


def _short_candidates_skipped() -> type:
    """phonenumbers' PhoneNumberMatcher, except that a candidate with fewer letters and
    digits than SHORTEST_VALID_NUMBER is rejected without being parsed ("3 years", "10
    pieces", "1KG": most candidates in listing text). Parsing one costs tens of
    microseconds and cannot make it valid: each digit of a national number is one digit
    (or vanity letter) of the candidate. Rejected as the parser would reject it, the
    candidate still counts against max_tries, so the numbers found are the same."""
    if not _matchers:
        from phonenumbers import PhoneNumberMatcher

        class ShortCandidatesSkipped(PhoneNumberMatcher):  # type: ignore[misc]
            def _parse_and_verify(self, candidate: str, offset: int) -> object:
                if _alphanumerics(candidate) < SHORTEST_VALID_NUMBER:
                    return None
                return super()._parse_and_verify(candidate, offset)

        _matchers.append(ShortCandidatesSkipped)
    return _matchers[0]


def _alphanumerics(candidate: str) -> int:
    return sum(map(str.isalnum, candidate))


_suffixes: list = []  # the PublicSuffixList, parsed on first use


def _public_suffix_list():  # -> publicsuffixlist.PublicSuffixList
    if not _suffixes:
        from publicsuffixlist import PublicSuffixList

        _suffixes.append(PublicSuffixList(only_icann=True))
    return _suffixes[0]


def _host(found: str) -> str:
    host = found.lower()
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    return re.sub(r"^[a-z]+://", "", host).split("/", 1)[0].split("?", 1)[0].split("#", 1)[0].split(":", 1)[0].rstrip(".")


_COMMON_SUFFIXES = frozenset(_TLDS.replace("\\.", ".").split("|"))


def _public_suffix_ends(found: str) -> bool:
    """Whether the address's host is a registrable domain under a real public suffix. The
    common top-level domains are known without the list, which takes half a second to
    load: most runs never need it."""
    host = _host(found)
    if not host or "." not in host:
        return False
    if host.rsplit(".", 1)[1] in _COMMON_SUFFIXES:
        return True
    return _public_suffix_list().privatesuffix(host) is not None


def _longest_matches(patterns: list[_ContactPattern], text: str, extra: list[tuple[int, int, str]] = ()) -> list[tuple[int, int, str]]:
    """Matches of all patterns and `extra` spans, the longest where they overlap (group 1
    when a pattern has one)."""
    spans = list(extra)
    lowered = lower_for_ascii_words(text)
    for pattern in patterns:
        for match in pattern.finditer(text, lowered):
            group = 1 if match.lastindex else 0
            spans.append((match.start(group), match.end(group), match.group(group)))
    spans.sort(key=lambda span: (span[0], span[0] - span[1]))
    chosen: list[tuple[int, int, str]] = []
    for span in spans:
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen


def _allowed(found: str, allowed: tuple[str, ...]) -> bool:
    """True when the URL's or address's host is one of the allowed domains or under one
    ('amazon.*': the registrable domain amazon under any public suffix)."""
    host = _host(found).removeprefix("www.")
    for domain in allowed:
        if domain.endswith(".*"):
            stem = domain[:-2]
            if f".{stem}." in f".{host}" and (_public_suffix_list().privatesuffix(host) or "").split(".", 1)[0] == stem:
                return True
        elif host == domain or host.endswith("." + domain):
            return True
    return False
