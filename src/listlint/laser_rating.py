"""The laser class and output power a listing states, and whether they pass a legal limit.

Laser products are limited by class or power per marketplace: 21 CFR 1040.11 keeps
demonstration lasers (pointers) and surveying, levelling and alignment lasers at Class
IIIa; consumer laser products in the EU and GB are class 1, 1M, 2 or 2M (Decision
2014/59/EU, EN 50689); Australia bars hand-held laser pointers above 1 mW at the border.
Sellers state the class or power in an attribute (`laser_class`, `laser_power`) or in the
title, bullets and description ("Class 3R", "Class IIIa laser", "5mW", "1000 mW"). A bound
("<1mW", "less than 5 mW") says only that the power is below it, so it never shows that a
limit is passed. A class counts only near the word laser: "Class 2 power supply" is not one.
"""

from __future__ import annotations

import re
from typing import Any

from .lean_dataclass import lean_dataclass
from .compiled import LazyRegex
from .records import Record, TextField

# IEC 60825-1 classes and the older US ones of 21 CFR 1040.10, by hazard (3R = IIIa = 3A)
CLASS_RANKS = {"1": 1, "i": 1, "1m": 2, "2": 3, "ii": 3, "2m": 4, "3r": 5, "3a": 5, "iiia": 5, "3b": 6, "iiib": 6, "4": 7, "iv": 7}
LASER_FAMILIES = ("attributes.laser_class", "attributes.laser_power", "title", "bullets", "description")

# Unicode Roman numerals (Class Ⅲa, Class Ⅱ) as digits, one character for one: spans stay exact
_ROMAN = str.maketrans({"Ⅰ": "1", "Ⅱ": "2", "Ⅲ": "3", "Ⅳ": "4", "ⅰ": "1", "ⅱ": "2", "ⅲ": "3", "ⅳ": "4"})
# compiled when first used (compiled.LazyRegex), from the code an earlier run kept: only
# listings of categories with a laser limit are read for them
_CLASS = LazyRegex(
    r"\bclass(?:ification)?\s*[:：]?\s*(?P<rank>iii\s?[ab]|iv|ii|i|[1-4]\s?[mrab]?)\b"
    r"(?!\s*(?:power|adapter|charger|transformer|insulat|appliance|double|led\b|div))",
    re.IGNORECASE,
)
_POWER = LazyRegex(
    r"(?P<bound>(?:<|≤|&lt;|<=|less\s+than|lower\s+than|under|below|not\s+(?:more|greater)\s+than)\s*)?"
    r"(?<![\d.,])(?P<number>\d{1,3}(?:,\d{3})+(?![\d.])|\d+(?:[.,]\d+)?)\s*(?:(?P<mw>mw|milliwatts?)\b|(?P<w>w|watts?)\b(?=(?:\s+[\w-]+)?\s+lasers?\b))",
    re.IGNORECASE,
)
_THOUSANDS = LazyRegex(r"\d{1,3}(?:,\d{3})+")
_LASER = LazyRegex(r"laser", re.IGNORECASE)
# how near the word laser must be: a class with a letter (3R, IIIa, 2M) is laser notation
# anywhere around; a bare number ("class 4") only right beside it, as in "Laser Class 2"
# or "Class II laser" ("great for class 4 students" is a school class)
NEAR_LETTERED = 60
NEAR_BEFORE, NEAR_AFTER = 20, 15


@lean_dataclass(frozen=True, slots=True)
class Statement:
    """One class or power the listing states, and where."""

    field: TextField
    begin: int
    end: int
    text: str
    rank: int = 0  # a class: its CLASS_RANKS value
    milliwatts: float | None = None  # a power (never a bound)


@lean_dataclass(frozen=True, slots=True)
class LaserLimit:
    """The highest class and power a marketplace allows (either may be absent)."""

    highest_class: str = ""
    milliwatts: float | None = None

    def passed(self, record: Record) -> Statement | None:
        """The first statement in the listing beyond the limit, or None."""
        ceiling = CLASS_RANKS.get(self.highest_class.lower(), 99)
        for statement in statements(record):
            if statement.rank > ceiling or (self.milliwatts is not None and statement.milliwatts is not None and statement.milliwatts > self.milliwatts):
                return statement
        return None

    def describe(self) -> str:
        parts = ([f"class {self.highest_class}"] if self.highest_class else []) + ([f"{self.milliwatts:g} mW"] if self.milliwatts is not None else [])
        return " or ".join(parts)


def limit_of(plain: dict[str, Any]) -> LaserLimit:
    """A `laser_above:` entry of a requirement: {class: 2M, mw: 1}."""
    mw = plain.get("mw")
    return LaserLimit(str(plain.get("class", "")), None if mw is None else float(mw))


def statements(record: Record) -> list[Statement]:
    found: list[Statement] = []
    for text_field in record.fields(LASER_FAMILIES):
        text = text_field.text.text.translate(_ROMAN)
        is_attribute = text_field.family == "attributes"
        if is_attribute or "class" in text.lower():
            found.extend(_classes(text_field, text, is_attribute))
        if "w" in text.lower():
            found.extend(_powers(text_field, text))
    return found


def _classes(text_field: TextField, text: str, is_attribute: bool) -> list[Statement]:
    found = []
    for hit in _CLASS.finditer(text):
        name = re.sub(r"\s", "", hit.group("rank")).lower()
        if not is_attribute and not _near_laser(text, hit, lettered=name[-1] in "mrab"):
            continue
        rank = CLASS_RANKS.get(name)
        if rank is not None:
            found.append(Statement(text_field, hit.start(), hit.end(), text_field.text.text[hit.start() : hit.end()], rank=rank))
    if is_attribute and not found:  # the attribute may hold the bare class: "3R"
        bare = re.fullmatch(r"\s*(iii\s?[ab]|iv|ii|i|[1-4]\s?[mrab]?)\s*", text, re.IGNORECASE)
        rank = CLASS_RANKS.get(re.sub(r"\s", "", bare.group(1)).lower()) if bare else None
        if rank is not None:
            found.append(Statement(text_field, 0, len(text), text_field.text.text, rank=rank))
    return found


def _near_laser(text: str, hit: re.Match[str], lettered: bool) -> bool:
    before, after = (NEAR_LETTERED, NEAR_LETTERED) if lettered else (NEAR_BEFORE, NEAR_AFTER)
    return _LASER.search(text, max(0, hit.start() - before), hit.end() + after) is not None


def _powers(text_field: TextField, text: str) -> list[Statement]:
    found = []
    for hit in _POWER.finditer(text):
        if hit.group("bound"):
            continue
        number = hit.group("number")
        value = float(number.replace(",", "") if _THOUSANDS.fullmatch(number) else number.replace(",", "."))
        milliwatts = value if hit.group("mw") else value * 1000
        found.append(Statement(text_field, hit.start(), hit.end(), text_field.text.text[hit.start() : hit.end()], milliwatts=milliwatts))
    return found
