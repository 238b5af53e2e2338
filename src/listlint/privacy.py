"""Buyers' personal data in orders reports: normalised for grouping, never shown.

Orders reports name buyers (name, e-mail, phone) and their street addresses. listlint
reads them to group orders (the same recipient on several orders) but never writes them
anywhere: findings name a buyer or an address by a short salted hash, and the source
lines that reports show beside a finding have every personal cell masked.

- `address_key` normalises an address so that spellings of one place meet: case,
  spacing and punctuation, street-type abbreviations (Street/St, Road/Rd ...), unit
  designators (Flat 3, Apt. 3, Unit 3, #3 all become `#3`) and the postal code without
  spaces. Different unit numbers stay different addresses.
- `Tagger` turns a normalised value into a 10-hex-digit HMAC-SHA256 tag under the
  repository's salt, so a seller can still group findings by recipient while nobody
  can look a known e-mail address up in a report.
- The salt is the config's `privacy_salt`, else a random value kept in the file `salt`
  of the cache folder (`--cache-dir` or the default; created once; deleting the cache
  folder starts new tags).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .locations import SourceText

TAG_LENGTH = 10
SALT_FILE = "salt"
MASK = "*"

_STREET_WORDS = {
    "street": "st", "str": "st", "road": "rd", "avenue": "ave", "av": "ave", "drive": "dr", "lane": "ln",
    "boulevard": "blvd", "court": "ct", "place": "pl", "square": "sq", "terrace": "ter", "crescent": "cres",
    "close": "cl", "highway": "hwy", "parkway": "pkwy", "gardens": "gdns", "mount": "mt", "north": "n",
    "south": "s", "east": "e", "west": "w", "building": "bldg", "estate": "est", "strasse": "str", "straße": "str",
}
_UNIT = re.compile(r"(?:\b(?:apartment|apt|flat|unit|suite|ste|room|rm|no|number)\b\.?\s*#?|#)\s*([a-z0-9]+(?:-[a-z0-9]+)?)\b")
_NOT_WORD = re.compile(r"[^\w#]+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]")


def _plain(text: str) -> str:
    """Lower case, accents kept apart from letters and dropped, compatibility forms folded."""
    if text.isascii():
        return text.casefold()
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if not unicodedata.combining(c))


def street_key(*lines: str) -> str:
    """Address lines normalised: `Flat 3, 12 High Street` and `12 high st. apt 3` meet."""
    text = _plain(" ".join(line for line in lines if line))
    units = _UNIT.findall(text)
    text = _UNIT.sub(" ", text)
    words = [_STREET_WORDS.get(word, word) for word in _NOT_WORD.sub(" ", text).split()]
    return " ".join(words + [f"#{unit}" for unit in sorted(units)])


def postal_key(code: str) -> str:
    return _NOT_ALNUM.sub("", _plain(code))


def address_key(lines: tuple[str, ...], postal_code: str) -> str:
    """The key orders to one place share; empty when the report gives no street."""
    street = street_key(*lines)
    return f"{street}|{postal_key(postal_code)}" if street else ""


def buyer_key(email: str, name: str = "") -> str:
    """A buyer by e-mail (Amazon's relay addresses are stable per buyer and seller), else by name."""
    email = email.strip().casefold()
    if email:
        return "email:" + email
    name = " ".join(_NOT_WORD.sub(" ", _plain(name)).split())
    return "name:" + name if name else ""


def matches_own(key: str, own: str) -> bool:
    """Whether an order's address key is one of the seller's own addresses, written as one
    line in the config: every word of its street (units included) and its postal code
    occur in that line."""
    return own_address_matcher(own)(key)


def own_address_matcher(own: str) -> Callable[[str], bool]:
    """matches_own for one own address, normalised once (a report has many orders)."""
    words, postal = set(street_key(own).split()), postal_key(own)

    def matches(key: str) -> bool:
        street, _, code = key.partition("|")
        return bool(street) and (not code or code in postal) and set(street.split()) <= words

    return matches


class Tagger:
    """Short salted hashes of normalised personal values."""

    def __init__(self, salt: bytes) -> None:
        self._salt = salt
        self._memo: dict[str, str] = {}

    def tag(self, key: str) -> str:
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = hmac.new(self._salt, key.encode("utf-8"), hashlib.sha256).hexdigest()[:TAG_LENGTH]
        return found


def _salt_file(config: Any) -> Path:
    """The salt file: in `--cache-dir` when given, else in the repository's cache folder."""
    folder = getattr(config, "cache_folder", None)
    if folder is None:
        from .cache import default_folder

        folder = default_folder(Path(getattr(config, "root", None) or Path.cwd()))
    return Path(folder) / SALT_FILE


def salt_stamp(config: Any) -> str:
    """What the tags of a run depend on, for cache keys: the config's salt (in the config's
    digest already) or the salt file as it is now ("" before a run made it). Never makes one."""
    if getattr(config, "privacy_salt", "") if config is not None else "":
        return ""
    try:
        stored = _salt_file(config).read_bytes()
    except OSError:
        return ""
    return hashlib.sha256(stored).hexdigest()


def repository_salt(config: Any) -> bytes:
    """The config's `privacy_salt`, else the salt file of the cache folder (made on first use).
    A folder that cannot be written falls back to a salt made from the repository's path,
    which still keeps tags apart between repositories."""
    configured = getattr(config, "privacy_salt", "") if config is not None else ""
    if configured:
        return configured.encode("utf-8")
    path = _salt_file(config)
    try:
        stored = path.read_text("ascii").strip()
        if len(stored) >= 32:
            return stored.encode("ascii")
    except (OSError, UnicodeDecodeError):
        pass
    import secrets  # only here: with random and base64 it costs a one-file run ~2 ms

    salt = secrets.token_hex(16)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="ascii") as handle:  # never overwrite one another run just made
            handle.write(salt + "\n")
        return salt.encode("ascii")
    except FileExistsError:
        return path.read_text("ascii").strip().encode("ascii")
    except OSError:
        root = Path(getattr(config, "root", None) or Path.cwd())
        return hashlib.sha256(str(root.resolve()).encode("utf-8")).hexdigest().encode("ascii")


def mask_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """The text with each span replaced by as many MASK characters (lines and columns stay put)."""
    if not spans:
        return text
    parts: list[str] = []
    at = 0
    for begin, end in sorted(spans):
        begin = max(begin, at)
        if end <= begin:
            continue
        parts.append(text[at:begin])
        parts.append(re.sub(r"[^\r\n]", MASK, text[begin:end]))
        at = end
    parts.append(text[at:])
    return "".join(parts)


class MaskedSource(SourceText):
    """A file's text whose `line_text` (the line reports show beside a finding) has its
    personal data masked by `masker(line number, line)`; positions are those of the text."""

    __slots__ = ("_masker",)

    def __init__(self, source: SourceText, masker: Callable[[int, str], str]) -> None:
        super().__init__(source.path, source.text)
        self._masker = masker

    def line_text(self, line: int) -> str:
        return self._masker(line, super().line_text(line))
