"""Reporters: diagnostics to an output format, one module per format.

Every module has `write(diagnostics, summary, out, context=None)`. `context` carries what
some formats need besides the diagnostics: the rules of the run (SARIF `rules[]`, the
HTML report's explanations) and whether to colour text. Reporters know nothing of file
formats or rule kinds; the source line of each finding travels in `Diagnostic.context`.

Modules are imported on demand, so a one-file text run never loads the SARIF or HTML code.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import field
from importlib import import_module
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from ..lean_dataclass import lean_dataclass
from ..diagnostics import Row, rows_of

if TYPE_CHECKING:
    from typing import TextIO

    from ..rules import Rule

# `auto` is resolved to one of the others before writing (see `resolve`).
FORMATS = ("auto", "text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html")
_MODULES = {"json-lines": "json_lines"}
# --format auto with --output-file: the format follows the file name
_SUFFIXES = (
    (".sarif.json", "sarif"), (".sarif", "sarif"), (".html", "html"), (".htm", "html"),
    (".jsonl", "json-lines"), (".ndjson", "json-lines"), (".json", "json"), (".xml", "junit"),
)
# formats whose output is one document a machine reads: extra lines never go to stdout with them
MACHINE_FORMATS = frozenset(("json", "json-lines", "sarif", "gitlab", "junit", "html"))


@lean_dataclass(slots=True)
class ReportContext:
    rules: dict[str, "Rule"] = field(default_factory=dict)  # code -> rule, in ruleset order
    color: bool = False


Writer = Callable[..., None]


def writer(name: str) -> Writer:
    return import_module(f"{__name__}.{_MODULES.get(name, name)}").write


def resolve(name: str, environ: Mapping[str, str] | None = None, isatty: bool = False, output_file: str | None = None) -> tuple[str, bool]:
    """(format, colour) for a --format value; `auto` looks at the environment.

    auto: with --output-file, the file name's suffix (.sarif, .html, .json, .jsonl, .xml;
    anything else is text); inside GitHub Actions (GITHUB_ACTIONS=true) workflow
    annotations; on a terminal coloured text; otherwise plain text. NO_COLOR (any
    non-empty value) turns colour off, FORCE_COLOR (non-empty, not 0) turns it on where
    no terminal is; NO_COLOR wins over FORCE_COLOR. Only `auto` ever colours.
    """
    env = os.environ if environ is None else environ
    if name != "auto":
        return name, False
    if output_file is not None:
        lowered = output_file.lower()
        return next((fmt for suffix, fmt in _SUFFIXES if lowered.endswith(suffix)), "text"), False
    if env.get("GITHUB_ACTIONS") == "true":
        return "github", False
    if env.get("NO_COLOR"):
        return "text", False
    force = env.get("FORCE_COLOR", "")
    if force and force != "0":
        return "text", True
    return "text", isatty and env.get("TERM") != "dumb"


def write_json(document: object, out: TextIO, indent: int = 2) -> None:
    """A JSON document and a final newline, the same text as json.dump(document, out,
    ensure_ascii=False, indent=indent), written in pieces of about 64 KB as it is encoded
    (json.dump writes every token on its own: seconds for a large catalog's report; dumps
    holds the whole text at once). Arrays that are LazyLists are made while written, and
    each of their items is encoded whole by `_encoded` (json's indenting encoder is a
    generator per token: about 50 us per SARIF result, five times what this takes)."""
    pieces: list[str] = []
    size = 0
    for piece in _pieces(document, "\n", " " * indent):
        pieces.append(piece)
        size += len(piece)
        if size >= 65536:
            out.write("".join(pieces))
            pieces, size = [], 0
    pieces.append("\n")
    out.write("".join(pieces))


def _pieces(value: object, newline: str, step: str) -> Iterator[str]:
    """`value` as JSON in pieces; `newline` is a line break and the indent of `value`'s own
    line. Containers are walked a member at a time, down to the LazyLists in them."""
    if not isinstance(value, (dict, list, tuple)) or not value:
        yield _encoded(value, newline, step)
        return
    inner = newline + step
    separator = ("{" if isinstance(value, dict) else "[") + inner
    if isinstance(value, dict):
        for key, item in value.items():
            yield f"{separator}{_key(key)}: "
            yield from _pieces(item, inner, step)
            separator = "," + inner
        yield newline + "}"
        return
    lazy = isinstance(value, LazyList)
    for item in value:
        yield separator
        if lazy:  # an item made now: small, encoded whole (or by its maker already)
            yield item if type(item) is Encoded else _encoded(item, inner, step)
        else:
            yield from _pieces(item, inner, step)
        separator = "," + inner
    yield newline + "]"


def _encoded(value: object, newline: str, step: str) -> str:
    """`value` as json.dumps(indent=...) writes it at the indent of `newline`, in one string."""
    kind = type(value)
    if kind is str:
        return _string(value)
    if kind is int:
        return int.__repr__(value)
    if kind is dict or kind is list:
        if not value:
            return "{}" if kind is dict else "[]"
        inner = newline + step
        if kind is dict:
            members = [f"{_key(key)}: {_encoded(item, inner, step)}" for key, item in value.items()]  # type: ignore[attr-defined]
            return "{" + inner + ("," + inner).join(members) + newline + "}"
        items = [_encoded(item, inner, step) for item in value]  # type: ignore[attr-defined]
        return "[" + inner + ("," + inner).join(items) + newline + "]"
    return _encoded_other(value, newline, step)


def _encoded_other(value: object, newline: str, step: str) -> str:
    """The values of other types, as json takes them: subclasses of str, int, dict and list too."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return _string(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        return _float(value)
    if isinstance(value, (list, tuple)):
        return _encoded(list(value), newline, step)
    if isinstance(value, dict):
        return _encoded(dict(value), newline, step)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: object) -> str:
    """A member name as json writes it: strings as they are, numbers, booleans and null as their text."""
    if type(key) is str or isinstance(key, str):
        return _string(key)
    if isinstance(key, (bool, int, float)) or key is None:
        return _string(_encoded(key, "", ""))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(key).__name__}")


def _float(value: float) -> str:
    if value != value:
        return "NaN"
    if value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    return float.__repr__(value)


_string = encode_basestring  # ensure_ascii=False: only quotes, backslashes and control characters are escaped


class Encoded(str):
    """A LazyList item its maker has encoded already, as _encoded encodes it at the item's
    indent: items of one fixed shape (a SARIF result) are written from a template, where
    _encoded would walk each of their values."""


class RowsOf:
    """A run's diagnostics as rows (diagnostics.rows_of), with their count: what a LazyList
    of a report's findings walks, so no Diagnostic is made of a row read from the log."""

    def __init__(self, diagnostics: Sequence[Any]) -> None:
        self._diagnostics = diagnostics

    def __len__(self) -> int:
        return len(self._diagnostics)

    def __iter__(self) -> Iterator[Row]:
        return iter(rows_of(self._diagnostics))


class LazyList(list):  # type: ignore[type-arg]
    """A JSON array whose items are made from `items` while it is written, so a report of
    200,000 findings never holds 200,000 dicts at once. json encodes list subclasses through
    len() and iteration, which are all this overrides; iterate it once."""

    def __init__(self, items: Sequence[Any] | RowsOf, make: Callable[[Any], object]) -> None:
        super().__init__()
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[object]:
        return map(self._make, self._items)
