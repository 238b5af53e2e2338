"""Record facts: what the engine finds out once per record, so that the checks that run on
every kind of record (emoji, html, all caps, bidi controls, certificates, packaging ...)
are not called on the many records where they cannot find anything.

A fact is a key, like a pattern literal's id: a check's gate (CompileContext.literal_gates)
may name facts beside literals, and the check runs only on records that hold one of the
keys its gate names (dispatch.CheckTable). The facts below come from one C-level look at
the record's texts joined; kinds add their own with CompileContext.fact_finders (the
category catalog: which of its categories the record's keywords, product type or
attributes may name).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import Any

from .records import Record, TextField
from .visible import INVISIBLE

# A text beyond ASCII (every emoji and listed symbol is; so is every invisible character).
BEYOND_ASCII = "fact:beyond-ascii"
# A '<' in a text: no HTML tag without one.
ANGLE_BRACKET = "fact:angle-bracket"
# An invisible character (visible.INVISIBLE: zero-width, soft hyphen, bidi controls ...).
INVISIBLE_CHARACTER = "fact:invisible-character"
# A text with cased characters all in capitals (str.isupper): an ASCII text written otherwise is no shouting.
CAPITALS_ONLY = "fact:capitals-only"
# The record names certificates (its own `certificates:` entries).
CERTIFICATES = "fact:certificates"
# The record has attributes.
ATTRIBUTES = "fact:attributes"
# A packaging record, or a listing with a `packaging:` of its own.
PACKAGING = "fact:packaging"

# a kind's facts about a record, from the record and the engine's scan of its texts
# (the scan is a kinds.base.RecordScan, not named here: kinds.base imports this module)
FactFinder = Callable[[Record, Any], Iterable[Hashable]]


def record_facts(record: Record, texts: Iterable[TextField], scan: Any, finders: Iterable[FactFinder] = ()) -> list[Hashable]:
    """The facts a record holds. `texts`: every text any check reads (the engine's scan
    families), so a fact about one of them is a fact about the record; `scan`: the
    engine's scan of them, which kinds' FINDERS read."""
    strings = [text_field.text.text for text_field in texts]
    joined = "\n".join(strings)  # a separator no fact looks for
    facts: list[Hashable] = []
    if not joined.isascii():
        facts.append(BEYOND_ASCII)
        if INVISIBLE.search(joined) is not None:
            facts.append(INVISIBLE_CHARACTER)
    if "<" in joined:
        facts.append(ANGLE_BRACKET)
    if any(map(str.isupper, strings)):
        facts.append(CAPITALS_ONLY)
    if record.certificates:
        facts.append(CERTIFICATES)
    if record.attributes:
        facts.append(ATTRIBUTES)
    if record.packaging is not None or record.kind == "packaging":
        facts.append(PACKAGING)
    for finder in finders:
        facts += finder(record, scan)
    return facts
