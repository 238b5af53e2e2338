"""Property tests of the whole engine on random and mutated files (issue 7, point 5).

For every input format: linting never raises (a bad file yields INP diagnostics), every
diagnostic lies inside the file with its end not before its start, and a diagnostic whose
match is text of the file points at that text (see robustness.assert_well_placed).
"""

from __future__ import annotations

import codecs
import itertools
import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from listlint.config import Config
from listlint.diagnostics import Diagnostic
from listlint.engine import Engine
from listlint.rules import load_rules

try:
    from tests.robustness import (
        FLAT_SEEDS, JSON_SEEDS, ORDERS_SEEDS, TEMPLATE_SEEDS, VIOLATIONS, YAML_SEEDS,
        assert_well_placed, listlint_text, odd_text, raw_inputs,
    )
except ImportError:  # tests/ not a package
    from robustness import (
        FLAT_SEEDS, JSON_SEEDS, ORDERS_SEEDS, TEMPLATE_SEEDS, VIOLATIONS, YAML_SEEDS,
        assert_well_placed, listlint_text, odd_text, raw_inputs,
    )

_numbers = itertools.count()
BOM = codecs.BOM_UTF8  # listlint reports it (INP003) and reads what follows


class Linter:
    """The shipped rules compiled once; each input gets a fresh file name (the engine
    remembers what it learnt about a path)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.engine = Engine(load_rules([]), Config(root=root, as_of="2025-06-01"))
        self.kinds = {code: rule.kind for code, rule in self.engine.by_code.items()}

    def lint(self, raw: bytes, name: str) -> list[Diagnostic]:
        path = self.root / str(next(_numbers)) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(raw)
        return self.engine.lint_file(path, name).diagnostics

    def check(self, raw: bytes, name: str, fmt: str) -> list[Diagnostic]:
        diagnostics = self.lint(raw, name)
        assert_well_placed(listlint_text(raw, flat_file=fmt == "flat"), diagnostics, self.kinds, fmt)
        return diagnostics


@pytest.fixture(scope="module")
def linter(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    return Linter(tmp_path_factory.mktemp("engine"))


def input_codes(diagnostics: list[Diagnostic]) -> set[str]:
    return {d.code for d in diagnostics if d.code.startswith("INP")}


@given(raw_inputs(YAML_SEEDS))
def test_yaml_files(linter: Linter, raw: bytes) -> None:
    diagnostics = linter.check(raw, "listing.yaml", "yaml")
    if b"\x00" not in raw and _is_utf8(raw) and not _parses(raw.removeprefix(BOM), _load_all_yaml, yaml.YAMLError):
        assert input_codes(diagnostics), "invalid YAML passed without an input problem"


@given(raw_inputs(JSON_SEEDS))
@example(b'{"sku": "A1",\r\n "title": "never closed\r\n}\r\n')  # found: an error on a \r was a column past the line
def test_json_files(linter: Linter, raw: bytes) -> None:
    diagnostics = linter.check(raw, "listing.json", "json")
    if b"\x00" not in raw and _is_utf8(raw) and not _parses(raw.removeprefix(BOM), json.loads, ValueError):
        assert input_codes(diagnostics), "invalid JSON passed without an input problem"


@pytest.mark.parametrize("name", ["template.txt", "template.csv"])
@given(raw=raw_inputs(FLAT_SEEDS))
@example(raw=b"TemplateType=\x80")  # found: the header sniff decoded differently from the rows
def test_flat_files(linter: Linter, name: str, raw: bytes) -> None:
    linter.check(raw, name, "flat")


@pytest.mark.parametrize("name", ["messages/review-request.txt", "messages/follow-up.html", "messages/question.md"])
@given(raw=raw_inputs(TEMPLATE_SEEDS))
def test_message_templates(linter: Linter, name: str, raw: bytes) -> None:
    linter.check(raw, name, "template")


@given(raw_inputs(ORDERS_SEEDS))
def test_orders_reports(linter: Linter, raw: bytes) -> None:
    linter.check(raw, "orders.csv", "orders")


def _workbook_bytes() -> bytes:
    """A small inventory workbook (openpyxl) with findings in its data rows."""
    import io

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    book.active.title = "Template"
    for row in (
        ["TemplateType=fptcustom", "Version=2021.1021"],
        ["Seller SKU", "Product Name", "Brand Name", "Bullet Point"],
        ["item_sku", "item_name", "brand_name", "bullet_point1"],
        ["A1", "PJ Masks notebook", "Nimbleo", "see shop-name.com"],
        ["A2", "Notebook", "Nimbleo", "call +1 555-123-4567"],
    ):
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


@pytest.fixture(scope="module")
def workbook_seeds() -> list[bytes]:
    return [_workbook_bytes()]


@given(data=st.data())
def test_workbooks(linter: Linter, workbook_seeds: list[bytes], data: st.DataObject) -> None:
    """A damaged workbook is INP026, never a crash; positions are cell rows and columns."""
    raw = data.draw(raw_inputs(workbook_seeds))
    for d in linter.lint(raw, "template.xlsx"):
        assert 1 <= d.line <= d.end_line and 1 <= d.column, d
        assert not d.cell or d.cell.startswith("Template!"), d


# generated listings: valid files in every quoting style, so findings are many --------------

_FIELD_TEXT = st.one_of(st.sampled_from(VIOLATIONS), odd_text(60)).map(lambda s: s.replace("\x00", ""))
_LISTINGS = st.fixed_dictionaries(
    {"sku": st.just("A1"), "title": _FIELD_TEXT, "description": _FIELD_TEXT},
    optional={"bullets": st.lists(_FIELD_TEXT, max_size=4), "brand": _FIELD_TEXT, "search_terms": _FIELD_TEXT},
)


@given(_LISTINGS, st.sampled_from([None, '"', "'", "|", ">"]), st.sampled_from([20, 80, 10_000]))
@example({"sku": "A1", "title": "x", "description": " ."}, "|", 20)  # found: a kept leading space mapped to indentation
def test_generated_yaml_listings(linter: Linter, listing: dict, style: str | None, width: int) -> None:
    text = yaml.dump(listing, default_style=style, allow_unicode=True, width=width, sort_keys=False)
    diagnostics = linter.check(text.encode("utf-8"), "listing.yaml", "yaml")
    assert not input_codes(diagnostics), text  # what the emitter writes, listlint reads


@given(_LISTINGS, st.booleans(), st.sampled_from([None, 1, "\t"]))
@example({"sku": "A1", "title": "x", "description": "x", "bullets": ["\U0001f600"]}, True, None)  # found: a span ended inside an escape
def test_generated_json_listings(linter: Linter, listing: dict, ascii_only: bool, indent: int | str | None) -> None:
    text = json.dumps(listing, ensure_ascii=ascii_only, indent=indent)
    diagnostics = linter.check(text.encode("utf-8", errors="surrogatepass"), "listing.json", "json")
    assert not input_codes(diagnostics), text


def _load_all_yaml(text: str) -> list:
    """Every document, parsed by the parser listlint uses (libyaml where PyYAML has it; the
    pure-Python parser disagrees on a few inputs, e.g. a tab before a key's colon)."""
    return list(yaml.load_all(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _parses(raw: bytes, parse: Callable[[str], object], errors: type[Exception]) -> bool:
    """False when `parse` rejects the text with one of `errors` (a syntax error)."""
    try:
        parse(raw.decode("utf-8"))
    except errors:
        return False
    except Exception:  # too deep for the parser, timestamps that are no dates: no syntax question
        return True
    return True
