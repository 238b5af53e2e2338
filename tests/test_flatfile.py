"""Amazon inventory flat files (.txt/.tsv/.csv) and Excel templates (.xlsx/.xlsm).

Positions are worked out from the file text: line = the physical line of the row (a
quoted cell can span lines), column = the character column in that line.
"""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT, json_diagnostics, run_cli

FLAT = ROOT / "fixtures" / "flatfiles"
PREAMBLE = "TemplateType=fptcustom\tVersion=2021.1021\tTemplateSignature=SE9NRQ==\n"
LABELS = "Seller SKU\tProduct Name\tBrand Name\tBullet Point\tBullet Point\tProduct Description\tSearch Terms\n"
HEADER = "item_sku\titem_name\tbrand_name\tbullet_point1\tbullet_point2\tproduct_description\tgeneric_keywords\n"


def _template(*rows: str) -> str:
    return PREAMBLE + LABELS + HEADER + "".join(rows)


def _at(text: str, needle: str) -> tuple[int, int]:
    """1-based line and column of the first `needle` in a text."""
    index = text.index(needle)
    before = text[:index]
    return before.count("\n") + 1, index - (before.rfind("\n") + 1) + 1


def _codes(diagnostics) -> list[str]:
    return sorted(d.code for d in diagnostics)


def test_fixture_positions_fields_and_skus():
    result = run_cli("check", "fixtures/flatfiles/flagged/kitchen-and-toys.txt", "--format", "json")
    assert result.returncode == 1, result.stderr
    found = {(d["code"], d["line"], d["column"]): d for d in json_diagnostics(result)}
    text = (FLAT / "flagged" / "kitchen-and-toys.txt").read_text("utf-8")
    for code, needle, field, sku in [
        ("LST004", "Best Seller", "title", "OAK-KETTLE-BS"),
        ("RED001", "www.oakhearth-home.com", "bullets[0]", "OAK-KETTLE-BS"),
        ("RED003", "1-800-555-0142", "bullets[1]", "OAK-KETTLE-BS"),  # 2nd physical line of a quoted cell
        ("LST019", "Condition: 100% Brand New", "bullets[2]", "OAK-KETTLE-BS"),
        ("CLM001", "Kills 99.9% of germs", "description", "OAK-KETTLE-BS"),
        ("LST012", "B0C7XK2M4Q", "search_terms", "OAK-KETTLE-BS"),
        ("IPR001", "Bluey", "title", "PLUSH-AXO-30"),
        ("IPR001", "Squishmallows", "bullets[1]", "PLUSH-AXO-30"),
    ]:
        line, column = _at(text, needle)
        diagnostic = found.get((code, line, column))
        assert diagnostic is not None, f"no {code} at {line}:{column}; found {sorted(found)}"
        assert (diagnostic["field"], diagnostic["sku"]) == (field, sku)
        assert diagnostic["match"].casefold().startswith(needle.casefold()[:10])


def test_column_after_doubled_quotes_in_a_multi_line_cell(lint_text):
    row = 'A-1\tKettle\tOakhearth\t"He said ""hi""\r\nthen ""call"" 1-800-555-0142 now"\tok\tok\tkettle\r\n'
    diagnostics = lint_text(_template(row), "inv.txt")
    (phone,) = [d for d in diagnostics if d.code == "RED003"]
    text = _template(row)
    assert (phone.line, phone.column) == _at(text, "1-800-555-0142")
    assert (phone.end_line, phone.end_column - phone.column) == (phone.line, len("1-800-555-0142"))


def test_attribute_style_csv_maps_marketplaces_and_compliance_columns():
    result = run_cli("check", "fixtures/flatfiles/flagged/headsets-attribute-template.csv", "--format", "json")
    diagnostics = json_diagnostics(result)
    assert {d["code"] for d in diagnostics} >= {"RED004", "CLM001"}
    assert {d["sku"] for d in diagnostics} == {"BT-HS-01"}
    from listlint.readers import read_table

    table = read_table(FLAT / "flagged" / "headsets-attribute-template.csv", "x.csv", ("US",))
    records = [r for _, records, _ in table for r in records]
    assert sorted(r.marketplaces for r in records) == [("DE",), ("US",)]
    us = next(r for r in records if r.marketplaces == ("US",))
    assert us.product_type == "HEADPHONES" and us.brand == "Acmeware"
    assert [f.name for f in us.fields(["title", "bullets"])] == ["title", "bullets[0]", "bullets[1]"]
    (fcc,) = us.fields(["attributes.fcc_radio_frequency_emission_compliance"])
    assert (fcc.name, fcc.text.text) == ("attributes.fcc_radio_frequency_emission_compliance.registration_status", "has_fcc_id")


def test_legacy_numbered_and_compliance_columns(lint_text, tmp_path):
    from listlint.readers.flatfile import parse_column

    assert (parse_column(0, "bullet_point3").attribute, parse_column(0, "bullet_point3").entry) == ("bullet_point", 3)
    assert parse_column(0, "generic_keywords1").attribute == "generic_keyword"
    assert parse_column(0, "cpsia_cautionary_statement2").family == "attributes.cpsia_cautionary_statement"
    fcc = parse_column(0, "fcc_radio_frequency_emission_compliance_registration_status")
    assert (fcc.attribute, fcc.part) == ("fcc_radio_frequency_emission_compliance", "registration_status")
    styled = parse_column(0, "item_name[marketplace_id=A1PA6795UKMFR9][language_tag=de_DE]#1.value")
    assert (styled.attribute, styled.marketplace, styled.family) == ("item_name", "DE", "title")
    assert parse_column(0, "::record_action") is None


def test_non_template_text_and_csv_files_are_skipped(tmp_path):
    (tmp_path / "notes.txt").write_text("Remember to reorder boxes.\nitem_sku is the column name\n", "utf-8")
    (tmp_path / "prices.csv").write_text("sku,price\nA-1,9.99\n", "utf-8")
    (tmp_path / "requirements.txt").write_text("pyyaml>=6\n", "utf-8")
    result = run_cli("check", ".", "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json_diagnostics(result) == [] and '"files": 0' in result.stdout


def test_template_without_header_row_is_reported(lint_text):
    diagnostics = lint_text(PREAMBLE + LABELS + "A-1\tKettle\tOakhearth\n", "inv.txt")
    assert [(d.code, d.line) for d in diagnostics] == [("INP021", 1)]


def test_bom_is_reported_and_content_still_checked(lint_text):
    diagnostics = lint_text(("\ufeff" + _template("A-1\tKettle www.shop-oak.com\tOakhearth\tok\tok\tok\tkettle\n")).encode("utf-8"), "inv.txt")
    assert _codes(diagnostics) == ["INP003", "RED001"]
    (url,) = [d for d in diagnostics if d.code == "RED001"]
    assert (url.line, url.column) == (4, 12)  # columns count after the BOM is removed


def test_cp1252_export_is_read_and_reported(lint_text):
    content = _template("A-1\tCaf\xe9 Mug 350 ml\tOakhearth\tok\tok\tVisit www.cafe-oak.com\tmug\n").encode("cp1252")
    diagnostics = lint_text(content, "inv.txt")
    assert _codes(diagnostics) == ["INP019", "RED001"]
    (encoding,) = [d for d in diagnostics if d.code == "INP019"]
    assert (encoding.line, encoding.column, encoding.severity) == (4, 8, "warning")
    assert "0xe9" in encoding.message and "Windows-1252" in encoding.message


def test_utf16_export_is_read(lint_text):
    content = _template("A-1\tKettle\tOakhearth\tCall 1-800-555-0142\tok\tok\tkettle\n").encode("utf-16")
    assert _codes(lint_text(content, "inv.txt")) == ["INP019", "RED003"]


def test_wrong_delimiter_is_reported_and_file_read(lint_text):
    content = _template("A-1\tKettle\tOakhearth\tCall 1-800-555-0142\tok\tok\tkettle\n")
    diagnostics = lint_text(content, "inv.csv")  # tab-separated under a .csv name
    assert _codes(diagnostics) == ["INP020", "RED003"]
    semicolons = content.replace("\t", ";")
    diagnostics = lint_text(semicolons, "inv.txt")
    assert _codes(diagnostics) == ["INP020", "RED003"]
    (warning,) = [d for d in diagnostics if d.code == "INP020"]
    assert "semicolon" in warning.message and warning.severity == "warning"


def test_duplicate_columns(lint_text):
    header = "item_sku\titem_name\tbullet_point1\titem_name\n"
    diagnostics = lint_text(PREAMBLE + header + "A-1\tKettle\tok\tKettle Best Seller\n", "inv.txt")
    (duplicate,) = [d for d in diagnostics if d.code == "INP022"]
    assert (duplicate.line, duplicate.column) == (2, header.index("item_name", 10) + 1)
    assert "columns B and D" in duplicate.message
    assert "LST004" in _codes(diagnostics)  # both columns are still checked


def test_truncated_rows(lint_text):
    cut = _template("A-1\tKettle\tOakhearth\tok\tok\tok\tkettle\n", "A-2\tMug\tOak")  # no line break, short
    diagnostics = lint_text(cut, "inv.txt")
    assert [(d.code, d.line) for d in diagnostics] == [("INP024", 5)]
    unclosed = _template('A-1\tKettle\tOakhearth\t"never closed\tok\n')
    diagnostics = lint_text(unclosed, "inv.txt")
    assert [d.code for d in diagnostics] == ["INP024"] and "quote" in diagnostics[0].message


def test_a_lone_carriage_return_before_the_last_character_ends_a_row(lint_text):
    """Excel's "CSV (Macintosh)" ends rows with a lone \\r: one just before the last character
    of a file without a final line break still ends the row before it (it was read as a
    line break inside an unquoted cell, a csv error at the row's first line)."""
    for last in ("X", "XY"):
        text = _template("A-1\tKettle\tOakhearth\tok\tok\tok\tkettle\n", "A-2\tMug\tOakhearth\tok\tok\tok\tmug\r" + last)
        diagnostics = lint_text(text, "inv.txt")
        assert [(d.code, d.line, d.column) for d in diagnostics] == [("INP024", 6, len(last))]
        assert "the last row has 1 of 7 cells" in diagnostics[0].message


def test_row_longer_than_header(lint_text):
    diagnostics = lint_text(_template("A-1\tKettle\tOakhearth\tok\tok\tok\tkettle\textra\n"), "inv.txt")
    assert [d.code for d in diagnostics] == ["INP023"]


def test_header_without_rows_and_missing_sku(lint_text):
    assert [d.code for d in lint_text(_template(), "inv.txt")] == ["INP027"]
    diagnostics = lint_text(_template("\tKettle\tOakhearth\tok\tok\tok\tkettle\n"), "inv.txt")
    assert [(d.code, d.line) for d in diagnostics] == [("INP012", 4)]


def test_cell_of_one_megabyte(lint_text):
    big = ("Stainless steel, food safe. " * 40_000)[:1_000_000] + " www.oak-shop.com"
    diagnostics = lint_text(_template(f"A-1\tKettle\tOakhearth\tok\tok\t{big}\tkettle\n"), "inv.txt")
    assert _codes(diagnostics) == ["INP025", "RED001"]
    (url,) = [d for d in diagnostics if d.code == "RED001"]
    assert url.column == len("A-1\tKettle\tOakhearth\tok\tok\t") + big.index("www.") + 1


def test_many_rows_are_streamed(lint_text):
    rows = "".join(f"SKU-{i:06d}\tSteel Bottle {i}\tOakhearth\tok\tok\tok\tbottle\n" for i in range(20_000))
    rows += "SKU-LAST\tSteel Bottle\tOakhearth\tok\tCall 1-800-555-0142\tok\tbottle\n"
    diagnostics = lint_text(_template(rows), "inv.txt")
    assert [(d.code, d.line, d.sku) for d in diagnostics] == [("RED003", 20_004, "SKU-LAST")]


def test_row_source_holds_only_its_own_lines():
    from listlint.readers import read_table

    table = read_table(FLAT / "flagged" / "kitchen-and-toys.txt", "x.txt", ("US",))
    sources = [source for source, records, _ in table if records]
    assert [s.first_line for s in sources] == [4, 6]
    assert sources[0].text.count("\n") == 2  # the row with the two-line cell


# --- workbooks ---------------------------------------------------------------------------
openpyxl = pytest.importorskip("openpyxl")


def _workbook(path: Path, rows: list[list], sheet: str = "Template") -> Path:
    book = openpyxl.Workbook()
    book.active.title = sheet
    book.active.append(["TemplateType=fptcustom", "Version=2021.1021"])
    book.active.append(["Seller SKU", "Product Name", "Brand Name", "Bullet Point", "Product Description"])
    book.active.append(["item_sku", "item_name", "brand_name", "bullet_point1", "product_description"])
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


def test_xlsx_names_the_cell(tmp_path):
    _workbook(tmp_path / "catalog.xlsx", [["XL-1", "Steel Bottle 750 ml", "Oakhearth", "Email help@oak-home.com for spares", "Kills 99.9% of germs"]])
    result = run_cli("check", "catalog.xlsx", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = {d["code"]: d for d in json_diagnostics(result)}
    assert (found["RED002"]["line"], found["RED002"]["column"], found["RED002"]["cell"]) == (4, 4, "Template!D4")
    assert (found["CLM001"]["cell"], found["CLM001"]["field"], found["CLM001"]["sku"]) == ("Template!E4", "description", "XL-1")
    assert found["RED002"]["message"].endswith("(cell Template!D4)")
    text = run_cli("check", "catalog.xlsx", cwd=tmp_path).stdout
    assert "catalog.xlsx:4:4: RED002 error" in text and "(cell Template!D4)" in text


def test_xlsm_and_a_sheet_not_named_template(tmp_path):
    _workbook(tmp_path / "catalog.xlsm", [["XL-2", "Best Seller Bottle", "Oakhearth", "ok", "ok"]], sheet="Listings")
    result = run_cli("check", "catalog.xlsm", "--format", "json", cwd=tmp_path)
    (finding,) = json_diagnostics(result)
    assert (finding["code"], finding["cell"]) == ("LST004", "Listings!B4")


def test_bad_workbooks(tmp_path, lint_text):
    assert [d.code for d in lint_text(b"sku,title\nA-1,Bottle\n", "renamed.xlsx")] == ["INP026"]
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as archive:
        archive.writestr("photos/readme.txt", "not a workbook")
    assert [d.code for d in lint_text((tmp_path / "other.zip").read_bytes(), "photos.xlsx")] == ["INP026"]
    book = openpyxl.Workbook()
    book.active.title = "Template"
    book.save(tmp_path / "empty.xlsx")
    assert [d.code for d in lint_text((tmp_path / "empty.xlsx").read_bytes(), "empty.xlsx")] == ["INP027"]
    book = openpyxl.Workbook()
    book.active.append(["quarter", "revenue"])
    book.save(tmp_path / "report.xlsx")
    assert lint_text((tmp_path / "report.xlsx").read_bytes(), "report.xlsx") == []  # not a template: skipped


def test_without_openpyxl_one_line_says_how_to_get_it(tmp_path, monkeypatch, engine):
    _workbook(tmp_path / "catalog.xlsx", [["XL-1", "Bottle", "Oakhearth", "ok", "ok"]])
    monkeypatch.setitem(sys.modules, "openpyxl", None)
    (diagnostic,) = engine.lint_file(tmp_path / "catalog.xlsx", "catalog.xlsx").diagnostics
    assert diagnostic.code == "INP028" and "pip install 'listlint[xlsx]'" in diagnostic.message


def test_plain_run_does_not_import_csv_or_openpyxl():
    code = "import sys; from listlint.cli import main; sys.argv=['listlint','check','fixtures/listings/clean']; \ntry:\n main()\nexcept SystemExit: pass\nprint(sorted(m for m in ('csv','openpyxl','jsonschema') if m in sys.modules))"
    import subprocess

    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120).stdout
    assert out.strip().splitlines()[-1] in ("[]", "['jsonschema']")
    assert "openpyxl" not in out and "'csv'" not in out
