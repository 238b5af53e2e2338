"""The age a listing's text says its product is for ('対象年齢：3歳以上', 'Ages 14+', 'ab 3 Jahren').

Amazon's age-conditioned requirements (Japan's test reports for toys under 6, the US
children's product rules up to 12) read the age_range or minimum_age attribute; most
sellers' files have neither and say the age in the title, bullets or description. A
statement read here stands in for the attribute (categories.Requirement.decide) as
probable evidence: what it decides is reported as a warning, at the statement.

Only statements of the age a product is FOR count: an open lower bound ('3歳以上', 'ages 3+',
'dès 3 ans', '+3 años') or a range ('for ages 3-6', '3～6歳'), read as its youngest age. The
choking warning 'not suitable for children under 3' (3歳未満のお子様には与えないでください,
Nicht für Kinder unter 3 Jahren) is not one: it names who must NOT have the product, and a
figure for collectors aged 15 and over carries it as much as a rattle does, so it says
nothing of the age the product is for and is never read. Nor is an age in a sentence about
someone ('my son, aged 4, loves it', '息子が3歳から遊んでいます'): a bare 'aged 4' needs an
open bound or a range, and a Japanese age after a subject particle (が, は, も) is passed over.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .compiled import LazyRegex
from .lean_dataclass import lean_dataclass
from .records import Record, TextField

FAMILIES = ("title", "bullets", "description")  # the texts that describe the product; search terms are no sentences

# digits and signs written full-width (３歳, ＋) read as ASCII: one character for one, so positions
# stay; str.translate costs ~0.2 µs a character, so only a text that holds one is translated
_FULL_WIDTH = str.maketrans("０１２３４５６７８９．＋", "0123456789.+")
_HAS_FULL_WIDTH = LazyRegex("[０-９．＋]")
_KANJI_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}

_NUMBER = r"(?P<n>\d{1,2}(?:\.\d)?)"
_JA_NUMBER = r"(?P<n>\d{1,2}(?:\.\d)?|十[一二三四五六七八九]?|[一二三四五六七八九])"
_JA_UNIT = r"(?P<unit>歳|才|ヶ月|か月|カ月|ケ月|ヵ月)(?P<half>半)?"
_NOT_A_PET = r"(?!\s*(?:以上|から|[～〜~])?\s*の?\s*(?:成犬|成猫|シニア犬|シニア猫|愛犬|愛猫|犬|猫|ワンちゃん|わんちゃん|ネコちゃん|ねこちゃん))"  # '1歳以上の成犬に': a dog's age
_EN_UNIT = r"(?P<unit>years?|yrs?|months?|mths?)"
_UNITS = r"(?P<unit>years?|yrs?|months?|mths?|jahren?|monaten?|ans|mois|anni|mesi|años|meses)"
_UP = r"(?:\+|(?:old\s+)?(?:and|&)\s+(?:up|over|above|older))"
_TO = r"(?:to|-|–)\s*\d{1,2}\b(?:\s*(?P<unit2>years?|yrs?|months?|mths?))?"  # the unit of a range follows its end

# each form with the words one of which it holds (lower-cased): a form is tried on a stretch of
# text only when one of them is there
_FORMS = tuple(
    (needs, LazyRegex(source, re.IGNORECASE))
    for needs, source in (
        # Japanese: 対象年齢 with any age (対象年齢：3歳, 【対象年齢】1歳半～), else an open bound or range
        (('対象年齢',), rf"対象年齢\s*[】\])）]?\s*(?:は|[:：])?\s*(?:約)?{_JA_NUMBER}\s*(?:[～〜~\-－]\s*\d{{1,2}}\s*)?{_JA_UNIT}{_NOT_A_PET}(?!\s*未満)(?:\s*(?:以上|から|[～〜~]))?"),
        (('歳', '才', '月'), rf"(?<![がはも\d.]){_JA_NUMBER}{_JA_UNIT}{_NOT_A_PET}\s*(?:以上|から|[～〜~])"),
        (('新生児',), r"(?P<newborn>新生児)(?:期)?(?:から|[～〜~])"),
        # English: 'ages 3+', 'age 3 and up', 'for ages 3-6', 'children aged 3 years and over', '36 months+'
        (('age',), rf"\bages?\s*(?:range|group|grade)?\s*:?\s*{_NUMBER}\s*{_EN_UNIT}?\s*(?:{_UP}|{_TO})"),
        (('child', 'kid', 'toddler', 'boy', 'girl'), rf"\b(?:children|kids|child|toddlers|boys|girls)\s+(?:aged?\s+|ages\s+)?{_NUMBER}\s*{_EN_UNIT}?\s*(?:{_UP}|{_TO})"),
        (('child', 'kid', 'toddler', 'babies'), rf"\b(?:children|kids|toddlers|babies)\s+(?:aged\s+)?(?:over|above|from)\s+(?:the\s+age\s+of\s+)?{_NUMBER}\b\s*{_EN_UNIT}?"),
        (('suitable', 'recommended', 'designed', 'ideal'), rf"\b(?:suitable|recommended|designed|ideal)\s+(?:for\s+(?:children|kids|toddlers|babies)\s+)?from\s+(?:the\s+age\s+of\s+)?{_NUMBER}\b\s*{_EN_UNIT}?"),
        (('year', 'yr', 'month', 'mth'), rf"(?<![\w.,+]){_NUMBER}\s*{_EN_UNIT}\s*{_UP}"),
        (('+',), rf"(?<![\w.,+]){_NUMBER}\s*\+\s*{_UNITS}\b"),
        (('+',), rf"(?<![\w.,+])\+\s*{_NUMBER}\s*{_UNITS}\b"),
        # German: 'ab 3 Jahren'
        (('ab',), r"\bab\s+(?P<n>\d{1,2})\s*(?P<unit>jahren|jahre|j\.|monaten|monate)"),
        # French: 'dès 3 ans', 'à partir de 3 ans', '3 ans et plus'
        (('dès', 'partir'), r"(?:\bdès|\bà\s+partir\s+de)\s+(?:l[’']âge\s+de\s+)?(?P<n>\d{1,2})\s*(?P<unit>ans?|mois)\b"),
        (('plus',), r"(?<![\w.,+])(?P<n>\d{1,2})\s*(?P<unit>ans|mois)\s+et\s+plus\b"),
        # Italian: 'da 3 anni in su', 'dai 3 anni', 'da 3 a 6 anni', 'età 3+'
        (('dai',), r"\bdai\s+(?P<n>\d{1,2})\s*(?:ai?\s+\d{1,2}\s*)?(?P<unit>anni|mesi)\b"),
        (('da',), r"\bda\s+(?P<n>\d{1,2})\s*(?:(?P<unit>anni|mesi)\s+in\s+su\b|a\s+\d{1,2}\s*(?P<unit2>anni|mesi)\b)"),
        (('età',), r"\betà\s*(?:consigliata|minima)?\s*:?\s*(?P<n>\d{1,2})\s*(?:\+|\s(?P<unit>anni|mesi)\b)"),
        # Spanish: 'a partir de 3 años', 'desde los 3 años', '3 años o más', 'mayores de 3 años', 'edad: 3+'
        (('partir', 'desde'), r"(?:\ba\s+partir\s+de|\bdesde)\s+(?:los\s+)?(?P<n>\d{1,2})\s*(?P<unit>años|meses)\b"),
        (('más',), r"(?<![\w.,+])(?P<n>\d{1,2})\s*(?P<unit>años|meses)\s+(?:o|y)\s+más\b"),
        (('mayores',), r"\bmayores\s+de\s+(?P<n>\d{1,2})\s*(?P<unit>años|meses)\b"),
        (('edad',), r"\bedad\s*(?:recomendada|mínima)?\s*:?\s*(?P<n>\d{1,2})\s*(?:\+|\s(?P<unit>años|meses)\b)"),
    )
)


@lean_dataclass(slots=True)
class StatedAge:
    """An age statement: the youngest age it names (years) and where it stands."""

    years: float
    field: TextField
    begin: int
    end: int

    @property
    def text(self) -> str:
        return self.field.text.text[self.begin : self.end]

    def place(self) -> str:
        """'line:column' of the statement in its file."""
        line, column, _, _ = self.field.text.span(self.begin, self.end)
        return f"{line}:{column}"


def stated_age(record: Record) -> StatedAge | None:
    """The youngest age the record's texts say the product is for (the first such statement
    of that age), or None. Asked by each age-conditioned requirement of a record in turn:
    the last record's answer is kept."""
    global _last
    last = _last  # read once: a thread that replaces it in between cannot hand us another record's age
    if last[0] is not record:
        last = _last = (record, min(statements(record), key=lambda statement: statement.years, default=None))
    return last[1]


_last: tuple[Record | None, StatedAge | None] = (None, None)


def statements(record: Record) -> Iterator[StatedAge]:
    """Every age statement of the record's texts, text by text."""
    for text_field in record.fields(FAMILIES):
        for found in _matches(text_field.text.text):
            yield StatedAge(_years(found), text_field, found.start(), found.end())


def ages_in(text: str) -> list[float]:
    """The ages one text states, in years, in text order."""
    return [_years(found) for found in _matches(text)]


# what every statement holds: a number with an age unit, a plus, a range or 'and up' after it (or 新生児).
# The forms, each ~0.1 ms a description (their word edges and look-behinds leave `re` nothing to
# skip by), run only around its hits. It opens with one character class, which `re` skips to
# (~4x faster than the same pattern opening with an alternation), the rest of the number read
# behind it; only the unit ignores case
_CANDIDATE = LazyRegex(
    r"[0-9十一二三四五六七八九新](?:(?<=新)生児|(?:(?<=\d)(?:\d|\.\d)?|(?<=[十一二三四五六七八九])[十一二三四五六七八九]?)"
    r"(?i:\s{0,3}(?:歳|才|か月|ヶ月|カ月|ケ月|ヵ月|years?|yrs?|months?|mths?|jahr|monat|j\.|ans|mois|anni|mesi|años|meses"
    r"|\+|(?:to|-|–|～|〜|~|a|ai)\s{0,3}\d|(?:old\s{1,3})?(?:and|&)\s{1,3}(?:up|over|above|older))))"
)
BEFORE, AFTER = 50, 30  # how far a statement reaches before its number ('suitable for children from the age of') and after its unit


def _matches(text: str) -> list[re.Match[str]]:
    """The forms' matches around the candidate numbers, in text order, less those
    overlapping one found before ('3歳以上' of '対象年齢：3歳以上'). A search from a
    position still sees the text before it, so word edges and look-behinds read as on
    the whole text."""
    if not text.isascii() and _HAS_FULL_WIDTH.search(text):
        text = text.translate(_FULL_WIDTH)
    found: list[re.Match[str]] = []
    taken = bytearray(len(text))  # 1 where a statement found before stands
    for start, stop in _windows(text):
        lowered = text[start:stop].lower()
        for needs, form in _FORMS:
            if not any(word in lowered for word in needs):
                continue
            for match in form.finditer(text, start, stop):
                if not any(taken[match.start() : match.end()]):
                    taken[match.start() : match.end()] = b"\x01" * (match.end() - match.start())
                    found.append(match)
    return sorted(found, key=lambda match: match.start())


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches of text around the candidate numbers, those that overlap merged (each
    place of the text is searched once, however many numbers stand close together)."""
    windows: list[tuple[int, int]] = []
    for hit in _CANDIDATE.finditer(text):
        start, stop = max(0, hit.start() - BEFORE), hit.end() + AFTER
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], stop)
        else:
            windows.append((start, stop))
    return windows


def _years(found: re.Match[str]) -> float:
    groups = found.groupdict()
    if groups.get("newborn"):
        return 0.0
    number = groups["n"]
    value = float(_KANJI_DIGITS.get(number[-1], 0) + (10 if number.startswith("十") else 0)) if number[0] in "十一二三四五六七八九" else float(number)
    if groups.get("half"):
        value += 0.5
    unit = (groups.get("unit") or groups.get("unit2") or "").lower()
    return value / 12 if "月" in unit or unit.startswith(("mo", "mth", "mes")) else value
