"""Which language a listing text is in, for the rules written for one language.

A rule with `languages: [de]` (the per-language rulesets under rulesets/lang/) keeps a
finding only in a text that is in one of those languages. A text's language is, first,
what the listing declares for it: the value's own language tag (SP-API `language_tag`,
a flat-file header's `[language_tag=de_DE]`), else the languages of the record's
marketplaces (DE -> German). Where that does not name the rule's language (a German
bullet on a UK listing, a listing without marketplaces), the text itself is identified
with py3langid's model (py3langid is a maintained fork of langid.py), cut to the languages
listed here and scored in plain Python (langmodel.py): mapped from disk in milliseconds,
where py3langid's own model took most of a second to decompress and numpy a fifth of one
to import.

Identification is the last resort, and lazy: it runs only for a text in which a
language's rule has already matched, so a run whose texts are all in their declared
languages never loads the model. Rules without `languages` (the English ones and the
language-neutral URL, e-mail and phone rules) run on every text, so a partly English
German listing is checked by both.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from .textmatch import is_japanese

if TYPE_CHECKING:
    from .langmodel import LanguageModel
    from .records import Record, TextField

# The languages of each marketplace's detail pages (Amazon: "in the store's local language").
MARKETPLACE_LANGUAGES = {
    "US": ("en", "es"), "UK": ("en",), "CA": ("en", "fr"), "AU": ("en",), "MX": ("es",), "DE": ("de",), "FR": ("fr",),
    "IT": ("it",), "ES": ("es",), "NL": ("nl",), "SE": ("sv",), "PL": ("pl",), "BE": ("fr", "nl", "de"), "JP": ("ja",),
}
LANGUAGE_NAMES = {"en": "English", "de": "German", "fr": "French", "it": "Italian", "es": "Spanish", "nl": "Dutch", "sv": "Swedish", "pl": "Polish", "ja": "Japanese"}
# The marketplace whose language a language is: where a rule's examples are sold.
HOME_MARKETPLACE = {"en": "US", "de": "DE", "fr": "FR", "it": "IT", "es": "ES", "ja": "JP", "nl": "NL", "sv": "SE", "pl": "PL"}
LANGUAGES = tuple(HOME_MARKETPLACE)
# Below this share of the probability the identifier is guessing (short titles, model numbers).
MIN_CONFIDENCE = 0.6
MIN_LETTERS = 12


def tag_language(tag: object) -> str:
    """The language of a language tag ("de_DE", "fr-CA", "ja") as a two-letter code, '' for none."""
    if not isinstance(tag, str):
        return ""
    code = tag.strip().replace("-", "_").split("_")[0].lower()
    return code if len(code) == 2 and code.isalpha() else ""


def declared_languages(record: Record, text_field: TextField) -> tuple[str, ...]:
    """What the listing says the text is in: its own tag, else its marketplaces' languages."""
    if text_field.language:
        return (text_field.language,)
    return tuple(language for marketplace in record.marketplaces for language in MARKETPLACE_LANGUAGES.get(marketplace, ()))


def text_in(languages: tuple[str, ...], record: Record, text_field: TextField) -> bool:
    """Whether the text is in one of `languages`: declared so, or identified so."""
    if any(language in languages for language in declared_languages(record, text_field)):
        return True
    return identify(text_field.text.text) in languages


@lru_cache(maxsize=4096)
def identify(text: str) -> str:
    """The language the text reads as ('' when the identifier is not sure)."""
    # kana or kanji: a few characters say as much as a dozen Latin letters
    if sum(char.isalpha() for char in text) < MIN_LETTERS and not any(map(is_japanese, text)):
        return ""
    language, confidence = _identifier().classify(text)
    return language if confidence >= MIN_CONFIDENCE else ""


@lru_cache(maxsize=1)
def _identifier() -> LanguageModel:
    from .langmodel import LanguageModel

    return LanguageModel()
