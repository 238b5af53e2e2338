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
from dataclasses import dataclass, field
from importlib import import_module
from typing import TYPE_CHECKING, Any


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


@dataclass(slots=True)
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
    """A JSON document and a final newline, written in pieces of about 64 KB as it is encoded
    (json.dump writes every token on its own: seconds for a large catalog's report; dumps
    holds the whole text at once). Arrays that are LazyLists are made while written."""
    import json

    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=indent).iterencode(document):
        pieces.append(piece)
        size += len(piece)
        if size >= 65536:
            out.write("".join(pieces))
            pieces, size = [], 0
    pieces.append("\n")
    out.write("".join(pieces))


class LazyList(list):  # type: ignore[type-arg]
    """A JSON array whose items are made from `items` while it is written, so a report of
    200,000 findings never holds 200,000 dicts at once. json encodes list subclasses through
    len() and iteration, which are all this overrides; iterate it once."""

    def __init__(self, items: Sequence[Any], make: Callable[[Any], object]) -> None:
        super().__init__()
        self._items, self._make = items, make

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[object]:
        return map(self._make, self._items)
