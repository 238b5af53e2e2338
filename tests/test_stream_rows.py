"""The flat-file row and diagnostic path (issue 17): a one-line row's positions worked out
without a table of line starts give what the general path gives, diagnostics kept on disk
as rows come back equal to the originals, and the JSON report written from rows is the
text json.dumps writes."""

from __future__ import annotations

import io
import tempfile
from array import array
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import listlint.engine as engine_module
import listlint.readers.flatfile as flatfile_module
import listlint.stream as stream_module
from listlint.api import Options, _setup, lint_files
from listlint.diagnostics import Diagnostic, FingerprintCounts, as_row, finalise, finalised_rows, from_rows, summarise
from listlint.locations import SourceText
from listlint.readers.flatfile import Columns, RowSource, _cell_nodes, _cell_spans, _line_breaks, parse_column, read_text_table, row_records
from listlint.reporters import FORMATS, ReportContext, writer
from listlint.reporters import html as html_reporter
from listlint.reporters import json as json_reporter
from listlint.reporters import sarif as sarif_reporter
from listlint.stream import DiagnosticChunks, DiagnosticLog, ResultLog
from listlint.results import FileResult
from tests.conftest import ROOT

ROW_TEXT = st.lists(st.sampled_from(["a", "é", "\t", '"', "\r", "\n", "\r\n", "x y"]), max_size=8).map("".join)


@settings(max_examples=300, deadline=None)
@given(ROW_TEXT, st.integers(min_value=1, max_value=50))
def test_a_rows_positions_and_line_texts_are_the_general_paths(text: str, first_line: int) -> None:
    row, whole = RowSource("f.txt", text, first_line), SourceText("f.txt", text)
    for index in range(-2, len(text) + 3):
        line, column = whole.position(index)
        assert row.position(index) == (line + first_line - 1, column)
    for line in range(first_line - 1, first_line + len(whole.line_starts) + 2):
        local = line - first_line + 1
        assert row.line_text(line) == (whole.line_text(local) if 1 <= local <= len(whole.line_starts) else "")


def _general_positions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every row read through SourceText's table of line starts, as before the one-line path."""
    monkeypatch.setattr(RowSource, "position", lambda self, index: (lambda lc: (lc[0] + self.first_line - 1, lc[1]))(SourceText.position(self, index)))
    monkeypatch.setattr(RowSource, "line_text", lambda self, line: SourceText.line_text(self, line - self.first_line + 1) if 1 <= line - self.first_line + 1 <= len(self.line_starts) else "")


HEADER = "TemplateType=fptcustom\tVersion=2021.1021\r\nSeller SKU\tProduct Name\tBrand Name\tProduct Description\r\nitem_sku\titem_name\tbrand_name\tproduct_description\r\n"
ROWS = [
    "A1\tBottle visit www.shop-name.com now\tNimbleo\tCall 0800 123 4567 today\r\n",
    'A2\t"Cup with\ta tab, see www.cups.co.uk"\tNimbleo\t"Line one\r\nline two: www.two.com\nline three ""quoted"" www.three.com"\r\n',
    "A3\tPlain mug\tNimbleo\tBest seller! email me@example.com\n",
    'A4\t"Lid\rwith a lone CR www.lid.com"\tNimbleo\tno finding\r\n',
    "A5\tLast row www.last.com\tNimbleo\tno line break at the end www.end.com",
]


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_rows_with_quoted_breaks_tabs_crlf_and_a_bom_point_where_the_general_path_points(engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bom: bytes) -> None:
    path = tmp_path / "items.txt"
    path.write_bytes(bom + (HEADER + "".join(ROWS)).encode("utf-8"))
    fast = engine.lint_file(path, "items.txt").diagnostics
    _general_positions(monkeypatch)
    general = engine.lint_file(path, "items.txt").diagnostics
    assert fast == general
    assert {d.sku for d in fast} >= {"A1", "A2", "A4", "A5"} and len({d.line for d in fast}) >= 5


def test_a_flat_file_put_aside_as_rows_reads_back_as_the_file_kept_whole(engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "items.txt"
    path.write_bytes((HEADER + "".join(ROWS[:-1]) * 40).encode("utf-8"))
    whole = engine.lint_file(path, "items.txt").diagnostics
    monkeypatch.setattr(engine_module, "FLUSH_DIAGNOSTICS", 7)
    parts = engine.lint_file(path, "items.txt").diagnostics
    assert isinstance(parts, DiagnosticChunks) and isinstance(whole, list)
    assert list(parts) == whole and len(parts) == len(whole)
    log = ResultLog()
    log.add(FileResult("items.txt", parts, 160))
    assert next(iter(log)).diagnostics == whole  # the chunks copied into the run's log unread


DIAGNOSTICS = st.builds(
    Diagnostic,
    path=st.sampled_from(["a.yaml", "b/ü.txt", 'q"\\.csv']),
    line=st.integers(1, 40),
    column=st.integers(1, 90),
    end_line=st.integers(1, 40),
    end_column=st.integers(1, 90),
    code=st.sampled_from(["RED001", "LST004", "INP019"]),
    name=st.sampled_from(["url", "seller-rank"]),
    severity=st.sampled_from(["error", "warning", "info"]),
    message=st.text(),
    field=st.sampled_from(["", "title", "bullets[2]"]),
    sku=st.text(max_size=5),
    match=st.text(max_size=12),
    fingerprint=st.text("0123456789abcdef", min_size=20, max_size=20),
    context=st.text(max_size=10),
    context_column=st.integers(1, 9),
    cell=st.sampled_from(["", "Template!D12"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(DIAGNOSTICS, max_size=6), max_size=5))
def test_diagnostics_kept_as_rows_read_back_equal_sorted_and_counted(files: list[list[Diagnostic]]) -> None:
    log = ResultLog()
    for number, diagnostics in enumerate(files):
        chunks = DiagnosticChunks()
        chunks.add(diagnostics[:2])
        chunks.add_rows([as_row(d) for d in diagnostics[2:]])
        log.add(FileResult(f"f{number}", chunks if number % 2 else list(diagnostics), 1))
    everything = [d for diagnostics in files for d in diagnostics]
    assert [r.diagnostics for r in log] == files
    diagnostics = DiagnosticLog(log)
    assert list(diagnostics) == sorted(everything, key=Diagnostic.sort_key)
    assert list(diagnostics.rows()) == [as_row(d) for d in diagnostics]
    assert diagnostics.summary == summarise(everything, len(files))


def test_a_file_kept_as_one_record_or_as_several_reads_back_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    """ResultLog keeps a file's result and its first rows as one record; files with more
    rows than a record holds, chunks put aside while linting, a result substituted later
    and a walk that leaves a file's chunks unread all read back as the results given."""
    monkeypatch.setattr(stream_module, "CHUNK_DIAGNOSTICS", 3)
    made = iter(Diagnostic("a.yaml", n, 1, n, 2, "RED001", "url", "error", f"message {n}", sku=f"S{n}") for n in range(1, 100)).__next__
    files = [[made() for _ in range(count)] for count in (0, 1, 3, 4, 7, 2)]
    results = []
    for number, diagnostics in enumerate(files):
        if number == 4:
            kept: list[Diagnostic] | DiagnosticChunks = DiagnosticChunks()
            kept.add(diagnostics[:3])
            kept.add(diagnostics[3:])
        else:
            kept = list(diagnostics)
        results.append(FileResult(f"f{number}", kept, number, number % 2 == 0, path_facts=(("p", "r", "ok"),) * number))
    log = ResultLog()
    assert [log.add(result) for result in results] == list(range(len(files)))
    substitute = FileResult("f5", [made()], 9)
    log.substitute(5, substitute)
    expected = [FileResult(r.path, list(r.diagnostics), r.listings, r.checked, r.links, r.path_facts) for r in results[:5]] + [substitute]
    assert list(log) == expected
    assert [head.path for head, _ in log.chunks()] == [f"f{n}" for n in range(len(files))]  # chunks left unread
    assert [head.listings for head, chunks in log.chunks() if next(chunks, None) is not None] == [1, 2, 3, 4, 9]  # first chunk read only


@settings(max_examples=100, deadline=None)
@given(st.lists(DIAGNOSTICS, max_size=6))
def test_rows_finalised_are_what_finalise_gives(diagnostics: list[Diagnostic]) -> None:
    source = SourceText("a.yaml", "one line\nanother line é\n" * 20)
    assert list(from_rows(finalised_rows(list(map(as_row, diagnostics)), source, {}))) == finalise(list(map(as_row, diagnostics)), source, {})


@settings(max_examples=150, deadline=None)
@given(st.lists(DIAGNOSTICS, max_size=5), st.booleans())
def test_the_json_report_written_from_rows_is_json_dumps_text(diagnostics: list[Diagnostic], baselined: bool) -> None:
    summary = {"files": 2, "error": 1, "warning": 0, "info": 3}
    totals = {"files": 2, "errors": 1, "warnings": 0, "info": 3}
    if baselined:
        summary.update(baselined=4, baseline_fixed=1)
        totals.update(baselined=4, baseline_fixed=1)
    out = io.StringIO()
    json_reporter.write(diagnostics, summary, out)
    document = {"version": 1, "diagnostics": [json_reporter.record(d) for d in diagnostics], "summary": totals}
    assert out.getvalue() == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


FINGERPRINTS = st.sampled_from(["0123456789abcdef0123", "0123456789abcdef0124", "ffffffffffffffffffff", "0x23456789abcdef0123", "short", ""]) | st.text("0123456789abcdef", min_size=20, max_size=20)


@settings(max_examples=200, deadline=None)
@given(st.lists(FINGERPRINTS, max_size=40))
def test_fingerprint_counts_count_as_a_dict_counts(fingerprints: list[str]) -> None:
    counts, plain = FingerprintCounts(), {}
    counts.RECENT = 3  # the older fingerprints move to the sorted arrays early and often
    for fingerprint in fingerprints:
        plain[fingerprint] = plain.get(fingerprint, 0) + 1
        assert counts.add(fingerprint) == plain[fingerprint]


REPORT_FORMATS = [name for name in FORMATS if name != "auto"]


def _reports(diagnostics: list[Diagnostic], context: ReportContext) -> dict[str, str]:
    """Every format's report of `diagnostics`, sorted: written from the objects, and written
    from a run's log, which gives them as rows read from disk (DiagnosticLog.rows)."""
    log = ResultLog()
    for path in dict.fromkeys(d.path for d in diagnostics):
        log.add(FileResult(path, [d for d in diagnostics if d.path == path], 1))
    from_log = DiagnosticLog(log)
    summary = summarise(diagnostics, from_log.summary["files"])
    assert from_log.summary == summary and list(from_log) == diagnostics
    differing = {}
    for name in REPORT_FORMATS:
        from_objects, from_rows_on_disk = io.StringIO(), io.StringIO()
        writer(name)(diagnostics, summary, from_objects, context)
        writer(name)(from_log, summary, from_rows_on_disk, context)
        if from_objects.getvalue() != from_rows_on_disk.getvalue():
            differing[name] = (from_objects.getvalue(), from_rows_on_disk.getvalue())
    return differing


@settings(max_examples=60, deadline=None)
@given(st.lists(DIAGNOSTICS, max_size=8), st.booleans())
def test_every_report_written_from_a_runs_rows_is_the_report_of_its_diagnostics(diagnostics: list[Diagnostic], color: bool) -> None:
    assert _reports(sorted(diagnostics, key=Diagnostic.sort_key), ReportContext({}, color)) == {}


def test_every_report_of_the_fixtures_is_the_same_from_rows_and_from_diagnostics() -> None:
    options = Options(root=str(ROOT), as_of="2026-12-01")
    diagnostics = lint_files(["fixtures", "tests/data/amazon-uk-toys-863.json"], options)
    assert len({d.code for d in diagnostics}) > 20
    rules = {rule.code: rule for rule in _setup(replace(options, root=str(ROOT))).rules}
    assert _reports(diagnostics, ReportContext(rules, False)) == {}


COLUMN_NAMES = st.sampled_from(
    [
        "item_sku", "feed_product_type", "item_name", "brand_name", "product_description", "bullet_point1", "bullet_point2",
        "generic_keywords", "cpsia_cautionary_statement1", "cpsia_cautionary_statement2", "external_product_id",
        "fcc_radio_frequency_emission_compliance_registration_status", "fcc_radio_frequency_emission_compliance_identification_number",
        "item_name[marketplace_id=A1PA6795UKMFR9][language_tag=de_DE]#1.value", "item_name[marketplace_id=ATVPDKIKX0DER]#1.value",
        "battery#1.cell_composition#1.value", "::record_action", "",
    ]
)
CELLS = st.sampled_from(["", " ", "A1", "Blue bottle", "TOY_FIGURE", "x" * 5])


@settings(max_examples=300, deadline=None)
@given(st.lists(COLUMN_NAMES, min_size=1, max_size=8), st.lists(CELLS, max_size=9))
def test_a_rows_values_taken_cell_by_cell_are_the_values_gathered_by_key(names: list[str], cells: list[str]) -> None:
    """Columns.whole_values (each cell a value of its own, in column order) gives the
    records the general path gives, which gathers the parts of each value first."""
    columns = Columns([parse_column(i, name) for i, name in enumerate(names)])
    general = Columns(columns.all)
    general.whole_values = False
    text = "\t".join(cells)
    source = RowSource("f.txt", text, 4)
    spans, _ = _cell_spans(text, "\t")
    nodes = _cell_nodes(source, cells, spans, text)
    fast_problems: list = []
    general_problems: list = []
    fast = row_records(source, columns, nodes, ("US",), fast_problems, 4)
    slow = row_records(source, general, nodes, ("US",), general_problems, 4)
    assert list(map(_record_shape, fast)) == list(map(_record_shape, slow))
    assert [(p.code, p.start, p.end, p.args, p.sku) for p in fast_problems] == [(p.code, p.start, p.end, p.args, p.sku) for p in general_problems]


def test_rows_filled_in_ever_new_ways_keep_a_bounded_number_of_record_shapes(monkeypatch: pytest.MonkeyPatch) -> None:
    """A file's Columns keeps one record shape per set of filled cells, at most
    ROW_SHAPES_KEPT (memory stays flat), and each row's record is still its own."""
    monkeypatch.setattr(flatfile_module, "ROW_SHAPES_KEPT", 2)
    columns = Columns([parse_column(i, name) for i, name in enumerate(["item_sku", "item_name", "brand_name", "bullet_point1", "bullet_point2"])])
    rows = {
        "A1\tLamp\t\t\t": {"title": "Lamp"},
        "A2\t\tAcme\t\t": {"brand": "Acme"},
        "A3\t\t\tWarm\tBright": {"bullets[0]": "Warm", "bullets[1]": "Bright"},
        "A4\tLamp\tAcme\t\tBright": {"title": "Lamp", "brand": "Acme", "bullets[0]": "Bright"},
    }
    for text, texts in rows.items():
        cells = text.split("\t")
        source = RowSource("f.txt", text, 4)
        spans, _ = _cell_spans(text, "\t")
        [record] = row_records(source, columns, _cell_nodes(source, cells, spans, text), ("US",), [], 4)
        assert {f.name: f.text.text for fields in record.texts.values() for f in fields} == texts
        assert record.sku == text.split("\t")[0]
        assert len(columns.shapes) <= 2


def _node_shape(node: object) -> object:
    """A Node tree as plain values with positions (Nodes compare by identity)."""
    value = node.value
    if isinstance(value, dict):
        value = {key: _node_shape(item) for key, item in value.items()}
    elif isinstance(value, list):
        value = [_node_shape(item) for item in value]
    located = (node.text.text, node.text.start, node.text.end) if node.text is not None else None
    return (value, node.start, node.end, node.key_start, node.key_end, located)


def _record_shape(record: object) -> object:
    texts = {family: [(f.name, f.text.text, f.text.start, f.text.end, f.language) for f in fields] for family, fields in record.texts.items()}
    attributes = {name: _node_shape(node) for name, node in record.attributes.items()}
    return (record.kind, record.sku, record.marketplaces, record.product_type, record.brand, _node_shape(record.node), texts, dict(record.items), attributes)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.builds(replace, DIAGNOSTICS, sku=st.sampled_from(["", "A1", "B2"])), max_size=10))
def test_the_html_report_streams_a_files_sku_groups_as_it_holds_them(diagnostics: list[Diagnostic]) -> None:
    """A file whose skus each have their findings together is written as it is read: the
    same bytes as when its findings are held and grouped by sku first."""
    diagnostics.sort(key=Diagnostic.sort_key)
    streamed, held = io.StringIO(), io.StringIO()
    summary = summarise(diagnostics, 1)
    html_reporter.write(diagnostics, summary, streamed)
    original = html_reporter._sku_groups
    try:
        html_reporter._sku_groups = lambda rows, together: html_reporter._by_sku(rows).items()
        html_reporter.write(diagnostics, summary, held)
    finally:
        html_reporter._sku_groups = original
    assert streamed.getvalue() == held.getvalue()


def _sarif_result_object(d: Diagnostic, rule_index: int) -> dict[str, object]:
    """A SARIF result as an object (what sarif._result writes from a template): the oracle."""
    region: dict[str, object] = {
        "startLine": d.line,
        "startColumn": d.column,
        "endLine": max(d.end_line, d.line),
        "endColumn": d.end_column if d.end_line > d.line else max(d.end_column, d.column),
    }
    if d.match:
        region["snippet"] = {"text": d.match}
    result: dict[str, object] = {
        "ruleId": d.code,
        "ruleIndex": rule_index,
        "level": sarif_reporter.LEVELS[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {"artifactLocation": {"uri": sarif_reporter.artifact_uri(d.path)}, "region": region}}],
        "partialFingerprints": {sarif_reporter.FINGERPRINT_KEY: d.fingerprint},
    }
    properties = {key: value for key, value in (("sku", d.sku), ("field", d.field)) if value}
    if properties:
        result["properties"] = properties
    return result


@settings(max_examples=300, deadline=None)
@given(DIAGNOSTICS, st.integers(0, 300))
def test_a_sarif_result_written_from_its_template_is_what_json_writes_of_it(d: Diagnostic, rule_index: int) -> None:
    document = {"runs": [{"results": [_sarif_result_object(d, rule_index)]}]}
    expected = json.dumps(document, ensure_ascii=False, indent=2)
    result = sarif_reporter._result(as_row(d), rule_index, sarif_reporter.artifact_uri(d.path))
    assert expected == '{\n  "runs": [\n    {\n      "results": [\n        ' + result + "\n      ]\n    }\n  ]\n}"


def test_joined_groups_are_the_same_whatever_the_links_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Joins keeps the files' links in batches of JOIN_ENTRIES: a batch boundary anywhere
    (and entries still pending) finds the same groups as keeping every file's links apart."""
    from listlint.results import Links, sku_digest
    from listlint.stream import Joins

    links = [
        Links(listing_skus=("A1",)),
        Links(listing_skus=("B2",)),
        Links(packaging_skus=("A1",)),
        Links(listing_skus=("C3",), packaging_paths=("/repo/pack/c.yaml",)),
        Links(),
        Links(listing_sku_digests=array("Q", [sku_digest("B2"), sku_digest("Z9")]).tobytes()),
        Links(compliance_skus=("B2",)),
        Links(listing_skus=("A1", "Q7")),
    ]
    paths = ["/repo/a.yaml", "/repo/b.yaml", "/repo/pack/a.yaml", "/repo/c.yaml", "/repo/e.yaml", "/repo/f.txt", "/repo/comp.yaml", "/repo/pack/c.yaml"]

    def groups() -> list:
        joins = Joins()
        for index, (path, link) in enumerate(zip(paths, links)):
            joins.add(index, Path(path), path[6:], f"key{index}", link)
        return joins.groups()

    expected = groups()
    assert [[member.index for member in group] for group in expected] == [[0, 2, 3, 7], [1, 5, 6]]
    for batch in (1, 2, 3, 7, 8):
        monkeypatch.setattr(stream_module, "JOIN_ENTRIES", batch)
        assert groups() == expected


CELL_TEXT = ROW_TEXT.map(lambda text: '"' + text.replace('"', '""') + '"' if any(c in text for c in '\t"\r\n') else text)
ROW_END = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(CELL_TEXT, CELL_TEXT, ROW_END), min_size=1, max_size=6), st.booleans(), st.sampled_from(["utf-8", "utf-16"]))
def test_each_row_starts_on_the_line_its_predecessors_breaks_lead_to(rows: list[tuple[str, str, str]], final_break: bool, encoding: str) -> None:
    """The reader counts a row's line breaks from the physical lines it was read from
    (flatfile._breaks_in_lines): the count is the one of the row's own text (_line_breaks),
    with quoted CR, LF and CRLF inside cells, rows ending in any of them, and a last row
    without one."""
    body = "".join(f"S{n}\t{title}\t{description}{end}" for n, (title, description, end) in enumerate(rows))
    text = HEADER.replace("\tBrand Name", "").replace("\tbrand_name", "") + (body if final_break else body.rstrip("\r\n"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.txt"
        path.write_bytes(text.encode(encoding))
        table = read_text_table(path, "rows.txt", ("UK",))
        assert table is not None
        sources = [source for source, _, _ in table if isinstance(source, RowSource)]
    expected = 1
    for source in sources:
        assert source.first_line == expected
        assert source._one_line == RowSource(source.path, source.text, source.first_line)._one_line  # breaks counted from its text
        expected += _line_breaks(source.text)
