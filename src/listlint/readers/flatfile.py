"""Amazon inventory flat files: tab-delimited text (.txt, .tsv), CSV, and the Excel
templates themselves (.xlsx, .xlsm; openpyxl, an optional extra).

An inventory template starts with a preamble (a `TemplateType=...` row, a row of human
labels) and then the row of attribute names that the data rows follow. The header row is
found among the first rows: the one naming a SKU column (item_sku, or contribution_sku
in the newer attribute-style templates) and other attribute columns. A file without one
is not an inventory template and is skipped, like other tools' YAML, unless its first row
is a template preamble (INP021).

Columns map to the listing record (documents/amazon.py): item_name -> title, brand_name ->
brand, bullet_point1..5 -> bullets, product_description -> description, generic_keywords
-> search_terms, feed_product_type -> product_type, item_sku -> sku; every other column
is an attribute (`attributes.external_product_id`, numbered columns such as
cpsia_cautionary_statement1..4 as one list). Attribute-style names
(`item_name[marketplace_id=A1PA6795UKMFR9][language_tag=de_DE]#1.value`,
`fcc_radio_frequency_emission_compliance#1.registration_status`) name the SP-API attribute,
its marketplace and the part of the value.

Text files are streamed: one row at a time is decoded, parsed by the csv module, turned
into Records and checked, so memory does not grow with the row count. Each row becomes a
`RowSource` holding only its own physical lines; positions are file lines and character
columns (also inside quoted cells that span lines, and after doubled quotes). Workbooks
are read with openpyxl in read-only, values-only mode (macros are never run); a
diagnostic names its cell (`Template!D12`): line and column are the cell's row and column
number.
"""

from __future__ import annotations

import codecs
import io
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import Any, BinaryIO

from ..lean_dataclass import lean_dataclass
from ..diagnostics import At, Row, in_cell
from ..documents.amazon import AmazonValue, RecordShape, build_records, marketplace_code, shape_of, shaped_record
from ..inputs import open_input
from ..languages import tag_language
from ..locations import LocatedText, SourceText
from ..records import Record
from ..tree import Node, Problem

HEADER_SEARCH_ROWS = 10
SNIFF_BYTES = 256 * 1024
EXCEL_CELL_LIMIT = 32_767
FIELD_SIZE_LIMIT = 64 * 1024 * 1024
ROW_SHAPES_KEPT = 1024  # record shapes a file's Columns keeps (one per set of filled cells)
DELIMITERS = {"\t": "tab", ",": "comma", ";": "semicolon", "|": "pipe"}
PREAMBLE = re.compile(r"\s*(TemplateType|settings)=", re.IGNORECASE)
# item_name[marketplace_id=X][language_tag=Y]#1.value, battery#1.cell_composition#1.value
ATTRIBUTE_STYLE = re.compile(r"([a-z0-9_]+)((?:\[[^\]]*\])*)(?:#(\d+))?((?:\.[a-z0-9_]+(?:#\d+)?)*)")
QUALIFIER = re.compile(r"\[([A-Za-z_]+)=([^\]]*)\]")
NUMBERED = re.compile(r"([a-z_]+?)(\d+)")
_ROW_BREAK = re.compile(r"\r\n|\r|\n")
# legacy column names -> SP-API attribute names (sku and product_type are record keys)
LEGACY = {
    "item_sku": "sku",
    "seller_sku": "sku",
    "sku": "sku",
    "contribution_sku": "sku",
    "feed_product_type": "product_type",
    "product_type": "product_type",
    "item_name": "item_name",
    "brand_name": "brand",
    "brand": "brand",
    "product_description": "product_description",
    "bullet_point": "bullet_point",
    "generic_keywords": "generic_keyword",
    "generic_keyword": "generic_keyword",
    "are_batteries_included": "batteries_included",
}
# legacy columns of structured compliance attributes: prefix -> attribute (rest = part)
COMPOUND = (
    "fcc_radio_frequency_emission_compliance",
    "gpsr_manufacturer_reference",
    "dsa_responsible_party_address",
    "gpsr_safety_attestation",
    "regulatory_compliance_certification",
    "lithium_battery",
    "battery",
)
KNOWN_COLUMNS = frozenset(
    (
        "item_sku", "item_name", "brand_name", "feed_product_type", "product_description", "bullet_point",
        "generic_keywords", "external_product_id", "external_product_id_type", "standard_price", "quantity",
        "update_delete", "parent_child", "parent_sku", "relationship_type", "variation_theme", "item_type",
        "manufacturer", "part_number", "main_image_url", "condition_type", "country_of_origin", "recommended_browse_nodes",
    )
)


class LineTexts:
    """The text of the lines diagnostics point at (for their context), kept while streaming."""

    text = "lines"  # truthy: diagnostics.finalise reads line_text()

    def __init__(self) -> None:
        self.lines: dict[int, str] = {}

    def keep(self, source: SourceText, line: int) -> None:
        if line not in self.lines:
            try:
                self.lines[line] = source.line_text(line)
            except IndexError:
                self.lines[line] = ""

    def line_text(self, line: int) -> str:
        return self.lines.get(line, "")


class RowSource(SourceText):
    """One row of a text flat file: its physical lines, numbered as in the file."""

    __slots__ = ("first_line", "_one_line")

    def __init__(self, path: str, text: str, first_line: int, breaks: int | None = None) -> None:
        super().__init__(path, text)
        self.first_line = first_line
        breaks = _line_breaks(text) if breaks is None else breaks
        # most rows are one physical line, its break (if any) at its end: their positions
        # are worked out without a table of line starts
        self._one_line = breaks == 0 or (breaks == 1 and text.endswith(("\n", "\r")))

    def position(self, index: int) -> tuple[int, int]:
        if not self._one_line:
            line, column = super().position(index)
            return line + self.first_line - 1, column
        text = self.text
        end = len(text)
        if index >= end:  # past a final line break: the start of the next line, as SourceText counts it
            return (self.first_line + 1, 1) if end and text[-1] in "\r\n" else (self.first_line, end + 1)
        if index <= 0:
            return self.first_line, 1
        if text[index] == "\n" and text[index - 1] == "\r":
            index -= 1  # inside a "\r\n": still the end of the line
        return self.first_line, index + 1

    def line_text(self, line: int) -> str:
        if self._one_line:
            return self.text.rstrip("\r\n") if line == self.first_line else ""
        local = line - self.first_line + 1
        if local < 1 or local > len(self.line_starts):
            return ""
        return super().line_text(local)


class CellRowSource(SourceText):
    """One worksheet row: the cell texts joined by tabs; any index maps to its cell's (row, column)."""

    __slots__ = ("row", "starts", "ends", "columns")

    def __init__(self, path: str, row: int, cells: list[tuple[int, str]]) -> None:
        parts, self.starts, self.ends, self.columns = [], [], [], []
        at = 0
        for column, text in cells:
            self.starts.append(at)
            self.ends.append(at + len(text))
            self.columns.append(column)
            parts.append(text)
            at += len(text) + 1
        super().__init__(path, "\t".join(parts))
        self.row = row

    @property
    def first_line(self) -> int:  # type: ignore[override]
        return self.row

    def position(self, index: int) -> tuple[int, int]:
        if not self.starts:
            return self.row, 1
        k = max(0, bisect_right(self.starts, index) - 1)
        # an index at a cell's end (an exclusive end) is just after that cell
        return self.row, self.columns[k] + (1 if index >= self.ends[k] and index > self.starts[k] else 0)

    def line_text(self, line: int) -> str:
        return self.text if line == self.row else ""


class CellText(LocatedText):
    """A workbook cell's value: every span inside it is the cell itself."""

    __slots__ = ()

    def span(self, begin: int, end: int) -> tuple[int, int, int, int]:
        line, column = self.source.position(self.start)
        return line, column, line, column + 1


class Table:
    """The rows of one flat file as (source, records, problems), read on demand."""

    def __init__(self, rows: Iterator[tuple[SourceText, list[Record], list[Problem]]], sheet: str = "") -> None:
        self._rows = rows
        self.sheet = sheet
        self.current: SourceText | None = None

    def __iter__(self) -> Iterator[tuple[SourceText, list[Record], list[Problem]]]:
        for item in self._rows:
            self.current = item[0]
            yield item

    def located(self, diagnostics: list[Row]) -> list[Row]:
        """The current row's diagnostics (diagnostics.draft rows); in a workbook, each names its
        cell (Template!D12) in `cell` and in the message (a text file's are given back as they are)."""
        if not self.sheet or not isinstance(self.current, CellRowSource):
            return diagnostics
        return [in_cell(d, f"{self.sheet}!{column_letter(d[At.COLUMN])}{d[At.LINE]}") for d in diagnostics]


def column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters or "A"


# --- columns --------------------------------------------------------------------------------
class Column:
    __slots__ = ("index", "name", "attribute", "marketplace", "entry", "part", "family", "language", "key")

    def __init__(self, index: int, name: str, attribute: str, marketplace: str, entry: int, part: str, language: str = "") -> None:
        self.index = index
        self.name = name
        self.attribute = attribute  # sku, product_type, or an SP-API attribute name
        self.marketplace = marketplace  # marketplace code, "" for none
        self.entry = entry  # which value of the attribute (bullet_point3 -> 3)
        self.part = part  # part of a structured value ("registration_status"), "" for the value itself
        self.family = _family(attribute, part)
        self.language = language  # [language_tag=de_DE] -> de
        self.key = (attribute, marketplace, entry)  # the value a cell is part of (row_records)


def _family(attribute: str, part: str) -> str:
    from ..documents.amazon import FAMILY_OF

    if attribute in ("sku", "product_type"):
        return attribute
    if not part and attribute in FAMILY_OF:
        return FAMILY_OF[attribute]
    return f"attributes.{attribute}" + (f".{part}" if part else "")


def parse_column(index: int, raw: Any) -> Column | None:
    """What a header cell names, or None for an empty or meta (`::record_action`) column."""
    name = str(raw).strip().strip('"').strip() if raw is not None else ""
    lowered = name.lower()
    if not lowered or lowered.startswith("::"):
        return None
    if any(c in lowered for c in "#[."):
        match = ATTRIBUTE_STYLE.fullmatch(lowered)
        if match is None:
            return Column(index, name, lowered, "", 0, "")
        attribute, qualifiers, entry, rest = match.groups()
        qualifiers = {key.lower(): value for key, value in QUALIFIER.findall(name)}
        marketplace = marketplace_code(qualifiers.get("marketplace_id", "").strip())
        part = ".".join(p.split("#")[0] for p in rest.split(".")[1:])
        if part == "value" or part.endswith(".value"):
            part = part[: -len("value")].rstrip(".")
        attribute = LEGACY.get(attribute, attribute) if attribute in ("contribution_sku", "sku", "product_type") else attribute
        return Column(index, name, attribute, marketplace or "", int(entry or 1), part, tag_language(qualifiers.get("language_tag")))
    numbered = NUMBERED.fullmatch(lowered)
    base, entry = (numbered.group(1), int(numbered.group(2))) if numbered else (lowered, 1)
    if base not in LEGACY and lowered in LEGACY:
        base, entry = lowered, 1
    attribute = LEGACY.get(base, base)
    part = ""
    if attribute not in LEGACY.values():
        for prefix in COMPOUND:
            if attribute.startswith(prefix + "_"):
                attribute, part = prefix, attribute[len(prefix) + 1 :]
                break
    return Column(index, name, attribute, "", entry, part)


def _recognised(column: Column | None) -> bool:
    if column is None:
        return False
    name = column.name.lower()
    base = NUMBERED.fullmatch(name).group(1) if NUMBERED.fullmatch(name) else name
    return base in KNOWN_COLUMNS or base in LEGACY or "#" in name


def _attribute_name(cell: Any) -> bool:
    """An attribute name (item_sku, item_name#1.value), not a human label (SKU, Product Name)."""
    name = str(cell).strip().strip('"') if cell is not None else ""
    base = name.split("[")[0]
    return bool(name) and " " not in name and base == base.lower()


def find_header(rows: list[list[Any]]) -> int | None:
    """Index of the attribute-name row among the first rows, or None."""
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        columns = [parse_column(i, cell) if _attribute_name(cell) else None for i, cell in enumerate(row)]
        if any(c is not None and c.attribute == "sku" for c in columns) and sum(_recognised(c) for c in columns) >= 2:
            return index
    return None


def has_preamble(rows: list[list[Any]]) -> bool:
    return bool(rows) and bool(rows[0]) and isinstance(rows[0][0], str) and PREAMBLE.match(rows[0][0]) is not None


def header_problems(columns: list[Column | None], spans: list[tuple[int, int]]) -> list[Problem]:
    """INP022 for each column name met twice."""
    problems = []
    first: dict[str, int] = {}
    for column in columns:
        if column is None:
            continue
        key = column.name.lower()
        if key in first:
            start, end = spans[column.index]
            problems.append(
                Problem("INP022", start, end, {"name": column.name, "first": column_letter(first[key] + 1), "second": column_letter(column.index + 1)}, column.name)
            )
        else:
            first[key] = column.index
    return problems


class Columns:
    """A header row's columns, sorted out once per file for the rows under it: which name
    the sku and the product type, and whether every other column is a value of its own
    (no two columns parts of one value, as cpsia_cautionary_statement1 and ..._2 are not,
    but fcc_..._registration_status and fcc_..._identifier are), so that a row's values
    are its cells in column order. Rows of such a file without marketplace columns (most
    inventory templates) have one record each, whose shape (documents/amazon.RecordShape)
    depends only on which of its cells are filled: it is worked out once per such set."""

    __slots__ = ("all", "named", "whole_values", "skus", "product_types", "values", "one_record", "shapes")

    def __init__(self, columns: list[Column | None]) -> None:
        self.all = columns
        self.named = [(index, column) for index, column in enumerate(columns) if column is not None]
        self.skus = [index for index, column in self.named if column.attribute == "sku"]
        self.product_types = [index for index, column in self.named if column.attribute == "product_type"]
        self.values = [(index, column) for index, column in self.named if column.attribute not in ("sku", "product_type")]
        keys = [column.key for _, column in self.values]
        self.whole_values = len(set(keys)) == len(keys) and not any(column.part for _, column in self.named)
        self.one_record = not any(column.marketplace for _, column in self.values)
        self.shapes: dict[tuple[int, ...], RecordShape] = {}  # filled cells -> their record's shape

    def __len__(self) -> int:
        return len(self.all)

    def shape(self, filled: tuple[int, ...]) -> RecordShape:
        """The record shape of a row whose filled value cells are `filled` (whole_values, one_record)."""
        shape = self.shapes.get(filled)
        if shape is None:
            if len(self.shapes) >= ROW_SHAPES_KEPT:  # rows filled in ever new ways: memory stays flat
                self.shapes.clear()
            columns = self.all
            shape = self.shapes[filled] = shape_of(tuple((columns[index].attribute, True, columns[index].language) for index in filled))
        return shape


def row_records(
    source: SourceText,
    columns: Columns,
    cells: list[Node | None],
    defaults: tuple[str, ...],
    problems: list[Problem],
    row: int,
) -> list[Record]:
    """The Records of one data row, the file's `row` (1-based; cells: one node per column,
    None for an empty cell)."""
    count = len(cells)
    sku_node = next((cells[index] for index in columns.skus if index < count and cells[index] is not None), None)
    product_type_node = next((cells[index] for index in columns.product_types if index < count and cells[index] is not None), None)
    filled = tuple(index for index, _ in columns.values if index < count and cells[index] is not None)
    if not filled and sku_node is None and product_type_node is None:
        return []
    if len(source.text) > EXCEL_CELL_LIMIT:  # else no cell of the row can be over the limit
        problems += _oversized_cells(columns, cells)
    sku = sku_node.value.strip() if sku_node is not None else ""
    if not sku:
        at = next(n for n in cells if n is not None)
        problems.append(Problem("INP012", at.start, at.end, {"detail": f"row {row} has values but no SKU (item_sku / contribution_sku is empty)"}, "sku"))
    for problem in problems:
        problem.sku = problem.sku or sku
    whole = Node({}, 0, len(source.text))
    extra: dict[str, Node] = {}
    if sku_node is not None:
        extra["sku"] = sku_node
    if product_type_node is not None:
        extra["product_type"] = product_type_node
    product_type = product_type_node.value.strip() if product_type_node is not None else ""
    if columns.whole_values and columns.one_record:
        return [shaped_record(source, whole, tuple(defaults), columns.shape(filled), [cells[index] for index in filled], sku, extra, product_type)]  # type: ignore[misc]
    return build_records(source, whole, _row_values(columns, cells), defaults, sku=sku, extra=extra, product_type=product_type)


def _oversized_cells(columns: Columns, cells: list[Node | None]) -> list[Problem]:
    """INP025 for each cell longer than Excel keeps, in column order."""
    count = len(cells)
    oversized = []
    for index, column in columns.named:
        node = cells[index] if index < count else None
        if node is not None and len(node.value) > EXCEL_CELL_LIMIT:
            oversized.append(Problem("INP025", node.start, node.start + 1, {"field": column.family, "count": len(node.value), "limit": EXCEL_CELL_LIMIT}, column.family))
    return oversized


def _row_values(columns: Columns, cells: list[Node | None]) -> list[AmazonValue]:
    """A row's values for build_records: its cells in column order, or (when some columns
    are parts of one value) the parts of each value gathered into one node tree."""
    count = len(cells)
    filled = [(column, cells[index]) for index, column in columns.values if index < count and cells[index] is not None]
    if columns.whole_values:
        return [AmazonValue(column.attribute, node, column.marketplace, column.language) for column, node in filled]  # type: ignore[arg-type]
    entries: dict[tuple[str, str, int], dict[str, Node]] = {}
    languages: dict[tuple[str, str, int], str] = {}
    for column, node in filled:
        entries.setdefault(column.key, {})[column.part] = node  # type: ignore[assignment]
        if column.language:
            languages[column.key] = column.language
    values = []
    for key, parts in entries.items():
        attribute, marketplace, _entry = key
        values.append(AmazonValue(attribute, parts[""] if len(parts) == 1 and "" in parts else _nested(parts), marketplace, languages.get(key, "")))
    return values


def _nested(parts: dict[str, Node]) -> Node:
    """{"registration_status": n1, "point_of_contact.email": n2} as a Node tree."""
    root: dict[str, Any] = {}
    for path, node in parts.items():
        keys = (path or "value").split(".")
        here = root
        for key in keys[:-1]:
            here = here.setdefault(key, {})
            if not isinstance(here, dict):
                break
        else:
            here[keys[-1]] = node

    def build(tree: dict[str, Any]) -> Node:
        children = {k: (build(v) if isinstance(v, dict) else v) for k, v in tree.items()}
        nodes = list(children.values())
        return Node(children, min(n.start for n in nodes), max(n.end for n in nodes))

    return build(root)


# --- text files -----------------------------------------------------------------------------
@lean_dataclass(frozen=True, slots=True)
class _Layout:
    """How a text flat file is written: its encoding, its delimiter (and the one its suffix
    promises), and which of its first rows is the header row."""

    encoding: str
    delimiter: str
    expected: str
    header: int


@lean_dataclass(frozen=True, slots=True)
class RowRange:
    """Some rows of a large text flat file, checked by one worker (parallel.py): the bytes
    [start, end), read after the file's header rows (its first `header_end` bytes); line and
    row numbers go on from `first_line` and `first_row` (0 is the file's first row) as they
    do in the whole file."""

    header_end: int
    start: int
    end: int
    first_line: int
    first_row: int

    @property
    def opens_file(self) -> bool:
        """The first range, which also gives the rows above the header and their problems."""
        return self.start == self.header_end


def read_text_table(path: Path, shown: str, defaults: tuple[str, ...], rows: RowRange | None = None) -> Table | None:
    """The rows of a text flat file (only those of `rows` when given), or None when it is no
    inventory template (workbooks: xlsx_reader.py)."""
    layout = _layout(path, shown)
    if not isinstance(layout, _Layout):
        return layout
    return Table(_text_rows(path, shown, defaults, layout, rows))


def _layout(path: Path, shown: str) -> _Layout | Table | None:
    """The file's layout, found in its first SNIFF_BYTES; else the one problem that stops
    it (a Table of it), or None when it is no inventory template."""
    try:
        with open_input(path) as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError as error:  # a file the config names as a listing is never skipped in silence
        return Table(iter([(SourceText(shown, ""), [], [Problem("INP016", args={"error": error.strerror or str(error)})])]))
    if not head.strip():
        return None
    encoding = _encoding(head)
    # decoded as the rows will be, split where the csv module splits rows (not at \x0c, \x85 ...);
    # only the lines the header is looked for in (and one more) are decoded and split, not the whole head
    if encoding.startswith("utf-16"):
        text = head.decode(encoding, errors="replace")
    else:
        text = "".join(islice(_decoded(_at_lone_carriage_returns(io.BytesIO(head)), {}), HEADER_SEARCH_ROWS + 1))
    lines = _ROW_BREAK.split(text.removesuffix("\n").removesuffix("\r"), HEADER_SEARCH_ROWS)[:HEADER_SEARCH_ROWS]
    if len(head) == SNIFF_BYTES and len(lines) > 1:
        lines = lines[:-1]  # the last one may be cut
    suffix = path.suffix.lower()
    expected = "," if suffix == ".csv" else "\t"
    for delimiter in [expected] + [d for d in DELIMITERS if d != expected]:
        rows = [_quick_split(line, delimiter) for line in lines]
        header = find_header(rows)
        if header is not None:
            return _Layout(encoding, delimiter, expected, header)
    first = [_quick_split(lines[0], expected)] if lines else []
    if has_preamble(first):
        source = SourceText(shown, lines[0])
        return Table(iter([(source, [], [Problem("INP021", 0, len(lines[0]))])]))
    if b"\x00" in head and suffix in (".csv", ".tsv"):  # a .txt may be any text; a .csv is meant as a table
        return Table(iter([(SourceText(shown, ""), [], [Problem("INP008")])]))
    return None


def row_ranges(path: Path, range_bytes: int) -> list[RowRange]:
    """The data rows of a text flat file cut into ranges of about `range_bytes` each, at
    the row boundaries the csv module finds (a quoted cell over several lines stays whole),
    read exactly as _text_rows reads them; [] when the file is not to be split: no
    inventory template, one range only, or not UTF-8 throughout (a Windows-1252 or UTF-16
    export: the decoding of a later line depends on the lines before it)."""
    import csv

    layout = _layout(path, "")
    if not isinstance(layout, _Layout) or layout.encoding != "utf-8":
        return []
    _raise_field_size_limit()
    state: dict[str, Any] = {}
    read = [0, 0]  # bytes and physical lines handed to the csv reader so far

    def counted(handle: Iterable[bytes]) -> Iterator[bytes]:
        for piece in _at_lone_carriage_returns(handle):
            read[0] += len(piece)
            read[1] += 1
            yield piece

    ranges: list[RowRange] = []
    start: RowRange | None = None  # where the open range starts (its end not yet known)
    try:
        with open_input(path) as handle:
            for row_number, _ in enumerate(csv.reader(_decoded(counted(handle), state), delimiter=layout.delimiter)):
                if row_number == layout.header:
                    start = RowRange(read[0], read[0], 0, read[1] + 1, row_number + 1)
                elif start is not None and read[0] - start.start >= range_bytes:
                    ranges.append(replace(start, end=read[0]))
                    start = RowRange(start.header_end, read[0], 0, read[1] + 1, row_number + 1)
    except (OSError, csv.Error):
        return []  # read whole: the problem is reported where the rows are read
    if start is not None and start.start < read[0]:
        ranges.append(replace(start, end=read[0]))
    return ranges if len(ranges) > 1 and "fallback" not in state else []


def _encoding(head: bytes) -> str:
    """UTF-16 with a BOM, or without one when every other byte is NUL (text of Latin
    letters saved as "Unicode text" by a tool that wrote no BOM); else UTF-8 (and
    Windows-1252 from the first line that is not UTF-8)."""
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if b"\x00" in head and len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) >= 0.9 * len(odd) and even.count(0) <= 0.1 * len(even):
            return "utf-16-le"
        if even.count(0) >= 0.9 * len(even) and odd.count(0) <= 0.1 * len(odd):
            return "utf-16-be"
    return "utf-8"


def _quick_split(line: str, delimiter: str) -> list[str]:
    return [cell.strip().strip('"') for cell in line.split(delimiter)]


def _decoded_lines(path: Path, encoding: str, problems: list[Problem], state: dict[str, Any], rows: RowRange | None) -> Iterator[str]:
    """The file's physical lines as text (with `rows`: the header's and the range's); UTF-8
    falls back to Windows-1252 (INP019) at the first bad line."""
    if encoding.startswith("utf-16"):
        with io.TextIOWrapper(open_input(path), encoding=encoding, newline="", errors="replace") as handle:
            problems.append(Problem("INP019", -1, -1, {"byte": "ff" if encoding == "utf-16" else "00", "line": 1, "encoding": "UTF-16"}))  # a BOM, or NULs
            for line in handle:
                yield line
        return
    with open_input(path) as handle:
        yield from _decoded(_at_lone_carriage_returns(handle if rows is None else _range_lines(handle, rows)), state)


def _range_lines(handle: BinaryIO, rows: RowRange) -> Iterator[bytes]:
    """The binary lines of the header rows, then those of the range (never past its end:
    a range may end after a carriage return inside a line)."""
    for begin, end in ((0, rows.header_end), (rows.start, rows.end)):
        handle.seek(begin)
        at = begin
        while at < end and (raw := handle.readline(end - at)):
            at += len(raw)
            yield raw


_AFTER_LONE_CR = re.compile(rb"(?<=\r)(?!\n)")


def _at_lone_carriage_returns(raw_lines: Iterable[bytes]) -> Iterator[bytes]:
    """Binary lines (split at \\n) split at a carriage return without a line feed as well:
    Excel's "CSV (Macintosh)" ends its rows with \\r only."""
    for raw in raw_lines:
        first = raw.find(b"\r")
        if first < 0 or (first == len(raw) - 2 and raw.endswith(b"\r\n")):
            yield raw  # most lines: \\n or \\r\\n at the end only (a \\r before the last byte of a last line without \\n is a lone one)
        else:
            yield from (piece for piece in _AFTER_LONE_CR.split(raw) if piece)


def _decoded(raw_lines: Iterable[bytes], state: dict[str, Any]) -> Iterator[str]:
    """Lines as text: UTF-8 without its BOM, Windows-1252 (or Latin-1) from the first line that is not UTF-8."""
    current = "utf-8"
    for number, raw in enumerate(raw_lines, 1):
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[3:]
            state["bom"] = True
        if current == "utf-8":
            try:
                yield raw.decode("utf-8")
                continue
            except UnicodeDecodeError as error:
                current = "cp1252"
                state["fallback"] = (number, raw[error.start], raw[: error.start])
        try:
            yield raw.decode("cp1252")
        except UnicodeDecodeError:
            yield raw.decode("latin-1")


def _raise_field_size_limit() -> None:
    import csv

    if csv.field_size_limit() < FIELD_SIZE_LIMIT:
        csv.field_size_limit(FIELD_SIZE_LIMIT)


def _text_rows(path: Path, shown: str, defaults: tuple[str, ...], layout: _Layout, rows: RowRange | None) -> Iterator[tuple[SourceText, list[Record], list[Problem]]]:
    """Each row read, with its records and problems; with `rows`, the rows of that range
    only (the rows above it up to the header are read for the columns and not given)."""
    import csv

    _raise_field_size_limit()
    encoding, delimiter, expected, header_index = layout.encoding, layout.delimiter, layout.expected, layout.header
    file_problems: list[Problem] = []
    state: dict[str, Any] = {}
    consumed: list[str] = []

    def feed() -> Iterator[str]:
        for line in _decoded_lines(path, encoding, file_problems, state, rows):
            consumed.append(line)
            yield line

    reader = csv.reader(feed(), delimiter=delimiter)
    line = 1
    columns = Columns([])
    data_rows = 0
    row_number = 0
    reported_fallback = False
    while True:
        try:
            values = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            source = RowSource(shown, "".join(consumed), line)
            consumed.clear()
            yield source, [], [Problem("INP024", 0, max(1, len(source.text)), {"detail": str(error)})]
            return
        text = "".join(consumed)
        breaks = _breaks_in_lines(consumed, text)
        consumed.clear()
        source = RowSource(shown, text, line, breaks)
        problems: list[Problem] = []
        if row_number == 0:
            if state.get("bom"):
                problems.append(Problem("INP003", 0, 0))  # the BOM itself is not in the text: no match
            if delimiter != expected:
                problems.append(Problem("INP020", 0, 1, {"suffix": path.suffix.lower(), "expected": DELIMITERS[expected], "found": DELIMITERS[delimiter]}))
            problems.extend(file_problems)
            file_problems.clear()
        if "fallback" in state and not reported_fallback:
            reported_fallback = True
            number, byte, before = state["fallback"]
            column = len(before.decode("utf-8", errors="replace"))
            at = _index_of(source, number, column)
            problems.append(Problem("INP019", at, at + 1, {"byte": f"{byte:02x}", "line": number, "encoding": "Windows-1252"}))
        if "\x00" in text:
            at = text.index("\x00")
            problems.append(Problem("INP062", at, at + 1))
        spans, closed = _cell_spans(text, delimiter)
        records: list[Record] = []
        if row_number == header_index:
            columns = Columns([parse_column(i, v) for i, v in enumerate(values)])
            problems.extend(header_problems(columns.all, spans))
        elif row_number > header_index and any(value and not value.isspace() for value in values):  # a cell that is not blank (no join: any() stops at the first)
            data_rows += 1
            cells = _cell_nodes(source, values, spans, text)
            if len(values) > len(columns) and any(v.strip() for v in values[len(columns) :]):
                start = spans[len(columns)][0] if len(spans) > len(columns) else 0
                problems.append(Problem("INP023", start, len(text.rstrip("\r\n")), {"count": len(values), "columns": len(columns)}))
            at_end = not text.endswith(("\n", "\r"))
            if not closed:  # the csv module read to the end of the file looking for the quote
                problems.append(Problem("INP024", spans[-1][0] if spans else 0, len(text), {"detail": "a quoted cell is never closed"}))
            elif at_end and len(values) < len(columns):  # only the last row can lack a line break
                problems.append(Problem("INP024", max(0, len(text) - 1), len(text), {"detail": f"the last row has {len(values)} of {len(columns)} cells and no line break"}))
            records = row_records(source, columns, cells, defaults, problems, row_number + 1)
        given = rows is None or rows.opens_file or row_number > header_index
        row_number += 1
        line += breaks
        if rows is not None and row_number == header_index + 1:
            line, row_number = rows.first_line, rows.first_row  # the range's own rows come next
        if given:
            yield source, records, problems
    if rows is None and (row_number <= header_index + 1 or not data_rows):
        source = SourceText(shown, "")
        problems = list(file_problems) + [Problem("INP027", -1, -1, {"detail": "inventory template has a header row but no data rows"})]
        yield source, [], problems


def _line_breaks(text: str) -> int:
    return text.count("\n") + text.count("\r") - text.count("\r\n")


def _breaks_in_lines(lines: list[str], text: str) -> int:
    """The line breaks in `text`, the join of `lines` as _decoded_lines gives them: each
    line holds one break, at its end, except a last line that ends the file without one
    (the same count as _line_breaks, without three scans of the row's text)."""
    return len(lines) - 1 if lines and not text.endswith(("\n", "\r")) else len(lines)


def _index_of(source: RowSource, line: int, column: int) -> int:
    starts = source.line_starts
    local = max(0, min(line - source.first_line, len(starts) - 1))
    return min(starts[local] + column, len(source.text))


def _cell_spans(text: str, delimiter: str) -> tuple[list[tuple[int, int]], bool]:
    """(start, end) of each cell in a row's raw text as the csv module splits it, and
    whether every quoted cell was closed."""
    end = len(text)
    if text.endswith("\r\n"):
        end -= 2
    elif text.endswith(("\n", "\r")):
        end -= 1
    spans: list[tuple[int, int]] = []
    closed = True
    i = 0
    while True:
        start = i
        if i < end and text[i] == '"':
            j = i + 1
            closed = False
            while (quote := text.find('"', j, end)) >= 0:  # quote to quote in C, past doubled ones
                j = quote + 1
                if j < end and text[j] == '"':
                    j += 1
                    continue
                closed = True
                break
            if not closed:  # the csv module keeps the line break that ends the file in a cell left open
                spans.append((start, len(text)))
                return spans, False
            k = text.find(delimiter, j, end)
        else:
            k = text.find(delimiter, i, end)
        k = end if k == -1 else k
        spans.append((start, k))
        if k >= end:
            return spans, closed
        i = k + 1


def _cell_nodes(source: RowSource, values: list[str], spans: list[tuple[int, int]], text: str) -> list[Node | None]:
    """One node per cell, None for an empty or blank one; a cell the csv module gave without
    a span of its own (past the row's last delimiter) is placed at the row's start."""
    if len(spans) < len(values):
        spans = spans + [(0, 0)] * (len(values) - len(spans))
    nodes: list[Node | None] = []
    append, written_at = nodes.append, text.startswith
    for value, (start, end) in zip(values, spans):
        if not value or value.isspace():  # blank, as strip() would leave it, without a copy of the cell
            append(None)
            continue
        if end - start == len(value) and written_at(value, start):  # the cell's text as written
            located = LocatedText(value, source, start, end)
        elif written_at('"', start):
            located = LocatedText(value, source, start + 1, end, _quoted_offsets(text, start, end, len(value)))
        else:
            located = LocatedText(value, source, start, end, lambda n=len(value), s=start: [s] * (n + 1))
        append(Node(value, start, end, located))
    return nodes


def _quoted_offsets(text: str, start: int, end: int, length: int) -> Any:
    def offsets() -> list[int]:
        found: list[int] = []
        j = start + 1
        inside = True
        while j < end:
            char = text[j]
            if inside and char == '"':
                if j + 1 < end and text[j + 1] == '"':
                    found.append(j)
                    j += 2
                    continue
                inside = False
                j += 1
                continue
            found.append(j)
            j += 1
        found = found[:length]
        last = found[-1] + 1 if found else start + 1
        while len(found) < length:
            found.append(last)
        found.append(last)
        return found

    return offsets
