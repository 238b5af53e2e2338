"""kind: contact. URLs, bare domains, e-mail addresses, phone numbers, social handles and
spelled-out ("shop dot com") addresses that take buyers off Amazon.

Precision is the hard part: "12.5 x 3.2 in", "No.5", "v2.0", "e.g.", "St. Louis",
"manual.pdf", "Model XR-2000" and "2024-01-15" must stay quiet. Bare domains therefore
need a known top-level domain written in lower case (or the whole domain in capitals),
and phone numbers need separators in a telephone layout or a calling word before them.

Web addresses are looked for in a Latin skeleton of the text, where Cyrillic and Greek
letters that look like Latin ones stand for those (`shор-name.com` with a Cyrillic о and
р reads shop-name.com). A match that needed a look-alike counts only if it also has
Latin letters: a mixed-script address is a disguise, while Russian or Greek text made of
look-alikes alone ("ООО Ромашка", "кот.со") is ordinary text.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import re

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
_TLDS_UPPER = _TLDS.upper().replace("\\.", "\\.")  # whole domain in capitals: SHOPNAME.COM
_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_PATH = r"(?:[/?#][^\s<>\"'()\[\]{}]*[^\s<>\"'()\[\]{}.,;:!?])?"
_CALLING_WORDS = ("call", "phone", "tel", "telephone", "mobile", "hotline", "whatsapp", "wechat", "text us")
_PATTERNS = {
    "url": [
        r"(?i)\b(?:https?|ftp)://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]",
        rf"(?i)\bwww\.{_LABEL}(?:\.{_LABEL})+{_PATH}",
        # bare domain: letters in the last label before a known TLD, not part of an e-mail
        rf"(?<![\w@.-])(?:{_LABEL}\.)*(?=[a-z0-9-]*[a-z])[a-z0-9-]{{2,}}\.(?:{_TLDS})(?![\w-]|\.[a-z0-9]){_PATH}",
        rf"(?<![\w@.-])(?:[A-Z0-9-]+\.)*(?=[A-Z0-9-]*[A-Z])[A-Z0-9-]{{2,}}\.(?:{_TLDS_UPPER})(?![\w-]|\.[A-Za-z0-9]){_PATH}",
    ],
    "email": [r"(?i)(?<![\w.%+-])[a-z0-9._%+-]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b"],
    "phone": [
        # +44 20 7946 0958, +1 (555) 123-4567, +86 138 0013 8000
        r"(?<![\w+])\+\d{1,3}[ .-]?\(?\d{1,4}\)?(?:[ .-]?\d{2,4}){2,4}(?![\w-])",
        # (555) 123-4567, 555-123-4567, 555.123.4567, 1-800-555-0199
        r"(?<![\w.-])(?:1[ .-])?(?:\(\d{3}\)\s?|\d{3}[.-])\d{3}[.-]\d{4}(?![\w-]|\.\d)",
        # toll-free with letters: 1-800-FLOWERS
        r"(?<![\w-])1?-?8(?:00|33|44|55|66|77|88)-[A-Z0-9]{3}-?[A-Z0-9]{4}(?![\w-])",
        # a calling word followed by a number of seven or more digits
        rf"(?i)\b(?:{'|'.join(_CALLING_WORDS)})\b\W{{0,3}}(?:(?:us|at|on|me)\W{{1,3}}){{0,2}}(\+?\d[\d ().-]{{5,}}\d)",
    ],
    "social": [
        r"(?<![\w.@])@(?=[A-Za-z0-9_.]*[A-Za-z])[A-Za-z0-9_][A-Za-z0-9_.]{2,29}(?<!\.)\b(?!\.[a-z]{2,}\b)",
        r"(?i)\b(?:facebook|instagram|insta|tiktok|youtube|twitter|pinterest|wechat|whatsapp|telegram|snapchat|line id|kakao)\b\s*(?:page|account|id|channel|group)?\s*[:：]\s*@?[\w.-]{3,}",
        # a platform name then a handle-like word (dots, underscores or digits in it)
        r"(?i)\b(?:facebook|instagram|insta|tiktok|youtube|twitter|pinterest|wechat|whatsapp|telegram|snapchat|kakao)\b\s+(?:id\s+)?@?(?=[\w.-]*[._\d])[a-z][\w.-]{2,}[a-z0-9]",
    ],
    "obfuscated-url": [
        r"(?i)\b[a-z0-9][a-z0-9-]{1,62}\s*[\(\[\{]?\s*dot\s*[\)\]\}]?\s*(?:com|net|org|shop|store|co|io|de|uk|cn)\b",
        r"(?i)\bwww\s*[.,]\s+[a-z0-9-]+|\bwww\s+[.,]\s*[a-z0-9-]+",
        r"(?i)\b[a-z0-9][a-z0-9-]{1,62}\s+\.\s*(?:com|net|org|shop|store)\b",
        r"(?i)\b[a-z0-9._-]+\s*[\(\[]\s*at\s*[\)\]]\s*[a-z0-9-]+\s*(?:[\(\[]\s*dot\s*[\)\]]|\.|\s+dot\s+)\s*[a-z]{2,}\b",
    ],
}
_PLATFORMS = ("facebook", "instagram", "insta", "tiktok", "youtube", "twitter", "pinterest", "wechat", "whatsapp", "telegram", "snapchat", "line id", "kakao")
# "a letter or digit or hyphen, a dot, a letter" or "://", written to start with the dot or
# colon so that the regex engine skips to those characters instead of trying every position
_URL_HINT = re.compile(r"\.(?<=[A-Za-z0-9-]\.)[A-Za-z]|://")
_DIGITS_HINT = re.compile(r"\d[ .()-]?\d[ .()-]?\d")
# what each phone pattern needs besides digits: "+" and a digit, "555-0199" at its end, a
# toll-free "800-", or a calling word; each branch starts with its + . or - so that the
# regex engine skips to those characters
_PHONE_SHAPE = re.compile(r"\+\d|\.(?<=\d{3}\.)\d{4}|-(?<=\d{3}-)\d{4}|-(?<=8(?:00|33|44|55|66|77|88)-)")
_CALLING = re.compile(rf"(?i)\b(?:{'|'.join(_CALLING_WORDS)})\b")


def _obfuscation_hint(text: str) -> bool:
    lowered = text.lower()
    return "dot" in lowered or "www" in lowered or " ." in text or "(at" in lowered or "[at" in lowered


def _phone_hint(text: str) -> bool:
    if _DIGITS_HINT.search(text) is None:
        return False
    return _PHONE_SHAPE.search(text) is not None or _mentions_calling_word(text)


def _mentions_calling_word(text: str) -> bool:
    lowered = lower_for_ascii_words(text)
    if lowered is not None:
        return any(word in lowered for word in _CALLING_WORDS)
    return _CALLING.search(text) is not None


def _social_hint(text: str) -> bool:
    if "@" in text:
        return True
    lowered = text.lower()
    return any(name in lowered for name in _PLATFORMS)


# Cheap tests that every match of a kind passes; most texts fail them and skip the scan.
_PREFILTERS: dict[str, Callable[[str], bool]] = {
    "url": lambda text: _URL_HINT.search(text) is not None,
    "email": lambda text: "@" in text,
    "phone": _phone_hint,
    "social": _social_hint,
    "obfuscated-url": _obfuscation_hint,
}
_compiled: dict[str, list[re.Pattern[str]]] = {}


def _patterns(kind: str) -> list[re.Pattern[str]]:
    if kind not in _compiled:
        _compiled[kind] = [re.compile(p) for p in _PATTERNS[kind]]
    return _compiled[kind]


def compile(rule: Rule, context: CompileContext) -> Check:
    detect = context.option(rule, "detect")
    if detect not in _PATTERNS:
        raise rule.error(f"'detect' must be one of {', '.join(_PATTERNS)}", "detect")
    allowed = tuple(d.lower() for d in context.option(rule, "allow_domains", []))
    prefilter = _PREFILTERS[detect]
    read = _latin_skeleton if detect == "url" else _as_written

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        for text_field in text_fields(rule, record):
            if not prefilter(read(without_invisible(text_field.text.text))):
                continue
            text = VisibleText(text_field.text.text)  # "shop\u200b-name.com" is still a link
            # compiled on the first text that passes the prefilter: a one-file run of a clean
            # listing compiles none of them
            for begin, end, found in _longest_matches(_patterns(detect), read(text.text)):
                written = text.text[begin:end]
                if written != found and not _has_latin_letter(written):
                    continue  # look-alike letters only: Cyrillic or Greek text, not a disguise
                if detect in ("url", "email") and _allowed(written, allowed):
                    continue
                begin, end = text.span(begin, end)
                yield Finding(rule, text_field, begin, end, text.original[begin:end])

    return check


def _as_written(text: str) -> str:
    return text


# the Greek, Cyrillic and Cyrillic Supplement blocks (one after the other)
_GREEK_AND_CYRILLIC = range(0x0370, 0x0530)
_GREEK_OR_CYRILLIC = re.compile("[\u0370-\u052f]")
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


def _longest_matches(patterns: list[re.Pattern[str]], text: str) -> list[tuple[int, int, str]]:
    """Matches of all patterns, the longest where they overlap (group 1 when a pattern has one)."""
    spans = []
    for pattern in patterns:
        for match in pattern.finditer(text):
            group = 1 if match.lastindex else 0
            spans.append((match.start(group), match.end(group), match.group(group)))
    spans.sort(key=lambda span: (span[0], span[0] - span[1]))
    chosen: list[tuple[int, int, str]] = []
    for span in spans:
        if not chosen or span[0] >= chosen[-1][1]:
            chosen.append(span)
    return chosen


def _allowed(found: str, allowed: tuple[str, ...]) -> bool:
    """True when the URL's or address's host is one of the allowed domains (amazon.* allowed by 'amazon.*')."""
    host = found.lower()
    if "@" in host:
        host = host.rsplit("@", 1)[1]
    host = re.sub(r"^[a-z]+://", "", host).split("/", 1)[0].split("?", 1)[0].split(":", 1)[0]
    host = host.removeprefix("www.")
    for domain in allowed:
        if domain.endswith(".*"):
            stem = domain[:-2]
            if host == stem or host.startswith(stem + ".") or ("." + stem + ".") in ("." + host):
                return True
        elif host == domain or host.endswith("." + domain):
            return True
    return False
