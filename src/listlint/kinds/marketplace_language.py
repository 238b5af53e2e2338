"""kind: marketplace-language. A text written in another language than the stores the
listing is sold in (an Italian description on amazon.co.uk).

Identifying a language costs about a millisecond a text, so it runs only on a text that
looks foreign by a cheap count first: `min_words` words or more, of which fewer than
`min_share` are function words of the marketplaces' languages (`function_words`, by
language: "the", "and", "with" ...), counted in the text split at spaces (in C, enough
for most texts) and then in its words of letters. English copy holds a tenth or more; a list
of model names and numbers holds none, and is identified. A text the identifier gives
to another language is reported only when it holds a function word of that language
too: "Hetzer Mittlere Production German Tank Destroyer" reads as German to the model
but has no German "und", "mit" or "für". Marketplaces whose language has no function
words listed (Japanese, written without spaces) are not checked, nor is a listing sold in
stores of different languages (EU, or UK and DE): its one text stands for several stores'
translations. The finding runs from the first clause holding such a function word to the
text's end: model names before it are not what a buyer cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..languages import LANGUAGE_NAMES, MARKETPLACE_LANGUAGES, identify
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan, text_fields

OPTIONS = frozenset(("function_words", "min_words", "min_share"))

_WORD = r"[^\W\d_]+"  # compiled (and cached by re) only when a text gets past the split count
# where a clause ends: a sentence's end, a colon or semicolon, a bullet, a line, a dash between spaces
_CLAUSE_END = r"[.!?](?=\s+[^\W\d_])|[;:•\n]|\s[-\u2013\u2014]\s"


def compile(rule: Rule, context: CompileContext) -> Check:
    function_words = {language: frozenset(words) for language, words in (context.option(rule, "function_words") or {}).items()}
    if not function_words:
        raise rule.error("marketplace-language rules need 'function_words'", "function_words")
    min_words = int(context.option(rule, "min_words", 8))
    min_share = float(context.option(rule, "min_share", 0.08))
    # marketplaces -> (their languages, those languages' function words, the other languages' function words)
    stores: dict[tuple[str, ...], tuple[frozenset[str], frozenset[str], frozenset[str]]] = {}

    def languages_of(marketplaces: tuple[str, ...]) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        found = stores.get(marketplaces)
        if found is None:
            if len({MARKETPLACE_LANGUAGES.get(marketplace, ()) for marketplace in marketplaces}) > 1:
                # one text for stores of different languages (EU, or UK and DE): the file does not
                # say which store's translation it is (Amazon's international listings translate it)
                found = stores[marketplaces] = (frozenset(), frozenset(), frozenset())
                return found
            languages = frozenset(language for marketplace in marketplaces for language in MARKETPLACE_LANGUAGES.get(marketplace, ()))
            ours = frozenset().union(*(words for language, words in function_words.items() if language in languages))
            others = frozenset().union(*(words for language, words in function_words.items() if language not in languages))
            found = stores[marketplaces] = (languages, ours, others)
        return found

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        languages, ours, others = languages_of(record.marketplaces)
        if not ours:
            return
        for text_field in text_fields(rule, record):
            text = text_field.text.text
            if _enough(text.lower().split(), ours, min_words, min_share):
                continue  # most texts: split on spaces (in C) already holds enough of the stores' words
            words = re.findall(_WORD, text.lower())
            if _enough(words, ours, min_words, min_share) or others.isdisjoint(words):
                continue  # the identifier (~1 ms) only where another language's function word could back its verdict
            found = identify(text)
            theirs = function_words.get(found, frozenset())
            if found and found not in languages and not theirs.isdisjoint(words):
                # a word both languages have ('in', 'a' in Italian and English) says nothing of where the other begins
                begin = _first_clause_with(text, theirs - ours or theirs)
                end = len(text.rstrip())
                shown = "/".join(sorted(LANGUAGE_NAMES.get(language, language) for language in languages))
                yield Finding(rule, text_field, begin, end, text[begin:end][:40], {"language": LANGUAGE_NAMES.get(found, found), "expected": shown})

    return check


def _enough(words: list[str], ours: frozenset[str], min_words: int, min_share: float) -> bool:
    """Whether the text is too short to judge or holds enough function words of the stores' languages."""
    return len(words) < min_words or sum(map(ours.__contains__, words)) >= min_share * len(words)


def _first_clause_with(text: str, words: frozenset[str]) -> int:
    """Where the first clause holding one of the words begins: the finding points at the first
    words a buyer reads in the other language, not at model names before them ("- Beyblade 4D -
    Bakushin Susanow BD145WD - Vendue sans lanceur")."""
    for word in re.finditer(_WORD, text):
        if word.group().lower() in words:
            # the whole text is searched: a sentence's end looks at the letter after it
            begin = max((end.end() for end in re.finditer(_CLAUSE_END, text) if end.end() <= word.start()), default=0)
            return begin + len(text[begin:]) - len(text[begin:].lstrip())
    return len(text) - len(text.lstrip())
