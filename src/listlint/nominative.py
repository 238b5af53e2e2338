"""Nominative use and disclaimers: text that names a mark without claiming it.

"Compatible with Bose QuietComfort", "Fits Stanley 40 oz tumblers", "Furniture for Barbie
dollhouse" and "not affiliated with Stanley" name someone else's product to say what
one's own fits or is not; trademark law and Amazon allow that when it is true. Only the
few characters around a hit are read, and only for hits of rules that ask.
"""

from __future__ import annotations

import re

from .compiled import LazyRegex

# The patterns are compiled when first used (compiled.LazyRegex): a run whose texts name no
# protected mark never needs them, and compiling them costs a one-file run about 4 ms.
_ARTICLES = r"(?:(?:the|all|most|any|every|your|their|its|an?|original|genuine|standard|select|selected|die|den|dem|der|le|la|les|l'|il|lo|el|los|las)\s+)*"
# Names listed before this one after the same phrase: "on their iPad, iPhone", "games like
# Magic, Lord of the Rings, Pokemon" (up to three items of up to four words each).
_LISTED = r"(?:[\w'’.-]+(?:\s+[\w'’.-]+){0,3},\s+){0,3}"
# Phrases that always introduce another company's product (English and the other
# marketplaces' languages); the name follows, possibly after an article.
_STRONG = (
    r"compatible\s+(?:with|for|to)|fits?|fitting|for\s+use\s+(?:with|in|on)|works?\s+with|working\s+with"
    r"|replacements?\s+(?:for|of)|replaces|designed\s+(?:for|to\s+fit)|made\s+to\s+fit|to\s+fit|charges?"
    r"|kompatibel\s+mit|passend\s+(?:für|zu)|geeignet\s+für|ersatz\s+für"
    r"|compatibles?\s+avec|adapté\s+(?:à|aux?)|pour\s+utilisation\s+avec"
    r"|compatibil[ei]\s+con|adatto\s+(?:per|a)|compatibles?\s+con|apto\s+para"
    r"|such\s+as|(?:games?|cards?|consoles?|devices?|systems?)\s+like"
)
# Bare prepositions name a product too ("case for iPhone 15"), unless an audience or a
# theme follows the name ("gift for Bluey fans", "Frozen party"): that sells the character.
_WEAK = r"for|on|für|pour|per|para"
_STRONG_BEFORE = LazyRegex(rf"(?:^|[^\w])(?:{_STRONG})\s+{_ARTICLES}{_LISTED}$", re.IGNORECASE)
_WEAK_BEFORE = LazyRegex(rf"(?:^|[^\w])(?:{_WEAK})\s+{_ARTICLES}{_LISTED}$", re.IGNORECASE)
_AUDIENCE_AFTER = LazyRegex(
    r"^[\s'’s]*(?:fans?|lovers?|enthusiasts?|kids|children|girls|boys|toddlers|collectors?|themed?|style|party|parties|birthdays?"
    r"|costumes?|dress[- ]up|fanatics?|obsessed)\b",
    re.IGNORECASE,
)
# Japanese: the name comes first, 対応 ("compatible") after it, possibly after a model number.
_JAPANESE_AFTER = LazyRegex(r"^[\w\s\-]{0,20}?対応")
# A chain of names after one phrase: "compatible with Stanley Quencher", "fits Apple iPhone".
_BETWEEN_NAMES = LazyRegex(r"^[\s/&,+-]*(?:and|or|und|oder|et|ou|e|o|y)?[\s/&,+-]*$", re.IGNORECASE)
_DISCLAIMER_BEFORE = LazyRegex(
    r"(?:not|never|in\s+no\s+way)\s+(?:be(?:en)?\s+)?(?:affiliated|associated|connected|endorsed|sponsored|approved|authori[sz]ed|licensed|made|manufactured|produced)\b"
    r"|no\s+(?:affiliation|association|connection)\b|not\s+(?:an?\s+)?(?:official|genuine|original)\b"
    r"|nicht\s+(?:mit|von)\b|non\s+(?:affilié|associé)|non\s+affiliat[oa]|no\s+(?:está\s+)?afiliad[oa]",
    re.IGNORECASE,
)
# Attributions credit the owner of a name the product carries under licence or as a part:
# "licensed by Sanrio", "under licence from the Walt Disney Company", "(c) Disney", "TM & ©
# Lucasfilm", "a trademark of Hasbro" (and in German, French, Italian, Spanish). Up to two
# words may stand between the phrase and the name ("the Walt Disney Company").
# "Officially licensed X" is not one: it claims a licence, and knock-offs claim it too; nor
# is a bare ™ before a name ("XYZHOME ™ Peppa Pig"), which marks the seller's own brand.
_CREDITED = (
    r"licen[cs]ed\s+(?:by|from|through)|licen[cs]es\s+(?:such\s+as|including|like|for)|under\s+(?:a\s+|an?\s+official\s+)?licen[cs]e\s+(?:from|of|by|with)|licen[cs]e\s+(?:from|of)"
    r"|(?:registered\s+)?trade\s*marks?\s+(?:of|owned\s+by)|property\s+of|copyright(?:\s+(?:by|of))?|©|\(c\)|(?:tm|™)\s*(?:&|and)\s*(?:©|\(c\))"
    r"|lizen(?:z|ziert)\s+(?:von|durch)|unter\s+lizenz\s+von|sous\s+licence\s+(?:de|d')?|licence\s+(?:de|d')|su\s+licenza\s+di|licencia\s+de|bajo\s+licencia\s+de"
)
# Names listed after one credit ("licences such as Mickey Mouse, Toy Story, Cars, Disney").
_CREDIT_LIST = r"(?:[\w'’.-]+(?:\s+[\w'’.-]+){0,3},\s+){0,6}"
_CREDIT_BEFORE = LazyRegex(rf"(?:^|[^\w])(?:{_CREDITED})\s*{_ARTICLES}{_CREDIT_LIST}(?:\w[\w'’.-]*\s+){{0,2}}$", re.IGNORECASE)
# "... is a registered trademark of" after the name credits its owner too.
_CREDIT_AFTER = LazyRegex(r"^(?:\s*(?:®|™|\(r\)|\(tm\)))?\s*(?:is|are)\s+(?:an?\s+)?(?:registered\s+)?trade\s*marks?\b", re.IGNORECASE)
# A part named with its maker ("Command strips from 3M"): only company names count, since
# "Elsa from Frozen" sells the character, and only straight after the word ("characters
# from the Disney Pixar Cars films" names the franchise the product sells).
_MAKER_BEFORE = LazyRegex(r"(?:^|[^\w])(?:from|by|von|de|di)\s+$", re.IGNORECASE)
_WINDOW = 60
_CREDIT_WINDOW = 120  # a credit may list several names before this one
# A word every credit holds: the full pattern is tried only after one (most text has none;
# substring tests on the lower-cased window cost a microsecond, a case-blind regex twenty).
_CREDIT_CUES = ("licen", "lizen", "trade", "copyright", "property", "©", "(c)", "tm")
_MAKER_TAIL = 12  # "… from " is all _MAKER_BEFORE needs to see


def names_other_product(text: str, start: int, end: int, previous_end: int | None = None) -> bool:
    """Whether the name at text[start:end] is used nominatively or disclaimed.

    `previous_end` is the end of the previous name in the same text that was itself
    nominative, so a chain of names after one phrase counts as one use.
    """
    before = text[max(0, start - _WINDOW) : start]
    if previous_end is not None and _BETWEEN_NAMES.match(text[previous_end:start]):
        return True
    if _STRONG_BEFORE.search(before) or _JAPANESE_AFTER.match(text[end : end + 24]):
        return True
    if _WEAK_BEFORE.search(before) and not _AUDIENCE_AFTER.match(text[end : end + 24]):
        return True
    return _disclaimed(before)


def attributed(text: str, start: int, end: int, company: bool) -> bool:
    """Whether the name at text[start:end] is credited as its owner's: a licence or copyright
    line, a trademark notice, or (for a company name) the maker of a part."""
    before = text[max(0, start - _CREDIT_WINDOW) : start]
    lowered = before.lower()
    if any(cue in lowered for cue in _CREDIT_CUES) and _CREDIT_BEFORE.search(before):
        return True
    if _CREDIT_AFTER.match(text[end : end + 40]):
        return True
    return company and _MAKER_BEFORE.search(before[-_MAKER_TAIL:]) is not None


def _disclaimed(before: str) -> bool:
    """A disclaimer earlier in the same sentence ("not affiliated with or endorsed by")."""
    sentence = re.split(r"[.!?\n]", before)[-1]
    return _DISCLAIMER_BEFORE.search(sentence) is not None
