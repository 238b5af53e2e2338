"""The fixture repository (fixtures/listings) through the real command line.

fixtures/listings/clean/ holds listings written the way careful sellers write them
(measurements, model numbers, "e.g.", "No.5", a statutory notice kept by a suppression):
each must produce no diagnostic at all. fixtures/listings/flagged/ holds listings that
break the rules of every family; the expectations below name the exact line:column of
findings, worked out from the fixture text (a URL inside a `|` block scalar, a URL after
JSON escapes, an emoji written as a JSON surrogate pair ...).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT, json_diagnostics, run_cli

FIXTURES = ROOT / "fixtures"
CLEAN = FIXTURES / "listings" / "clean"
FLAGGED = FIXTURES / "listings" / "flagged"
LISTING_SUFFIXES = (".yaml", ".yml", ".json")


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix in LISTING_SUFFIXES)


CLEAN_FILES = _files(CLEAN)
FLAGGED_FILES = _files(FLAGGED)
# Amazon's own formats: inventory flat files and SP-API JSON (tests/test_flatfile.py and
# tests/test_spapi.py check their positions), each with clean/ and flagged/ folders
AMAZON_FORMATS = [FIXTURES / "flatfiles", FIXTURES / "spapi"]
AMAZON_CLEAN = sorted(p for folder in AMAZON_FORMATS for p in (folder / "clean").rglob("*") if p.suffix in (".txt", ".tsv", ".csv", ".json"))
AMAZON_FLAGGED = sorted(p for folder in AMAZON_FORMATS for p in (folder / "flagged").rglob("*") if p.suffix in (".txt", ".tsv", ".csv", ".json"))
# issue 5: buyer-message templates (fixtures/messages/{clean,flagged}) and account metrics
# (fixtures/metrics/{healthy,failing}); tests/test_messages.py and tests/test_account.py check their positions
MESSAGE_FILES = sorted(p for p in (FIXTURES / "messages").rglob("*") if p.is_file())
METRIC_FILES = sorted(p for p in (FIXTURES / "metrics").rglob("*") if p.is_file())
# issue 18: orders reports, a getOrders payload and a feedback report (tests/test_orders.py);
# planted.json, the list of planted order ids, is no file listlint checks
ORDER_FILES = sorted(p for p in (FIXTURES / "orders").rglob("*") if p.is_file() and p.name != "planted.json")

# (file under fixtures/listings/flagged, line, column, code or family prefix, raw text at
# that position in the file, start of the reported match or None)
EXPECTED = [
    # RED: redirection
    ("home-and-kitchen.yaml", 31, 42, "RED001", "www.oakhearth-home.com/lunch", "www.oakhearth-home.com/lunch"),  # in a `|` block, 2nd listing
    ("phone-case.json", 13, 80, "RED001", "https://caseloft-store.com", "https://caseloft-store.com/colours?ref=amz"),  # after \" and \u2013 escapes
    ("dog-treats.yaml", 12, 49, "RED002", "help@barkwell-pets.com", "help@barkwell-pets.com"),  # `>` folded block, 2nd line
    ("cleaning-spray.yaml", 10, 48, "RED003", "1-800-555-0142", "1-800-555-0142"),
    ("car-ambient-light.yaml", 10, 19, "RED004", "Instagram @glowdrive_official", "Instagram @glowdrive_official"),
    ("car-ambient-light.yaml", 11, 58, "RED006", "visit our store", "visit our store"),
    # IPR: infringement
    ("phone-case.json", 5, 13, "IPR005", "Nike", "Nike"),  # brand field of a phone case: a reminder, no own_brands configured
    ("plush-toy.yaml", 5, 48, "IPR001", "Squishmallows", "Squishmallows"),
    ("plush-toy.yaml", 8, 23, "IPR001", "Bluey", "Bluey"),
    ("plush-toy.yaml", 8, 38, "IPR001", "PJ Masks", "PJ Masks"),
    # CLM: restricted claims
    ("cleaning-spray.yaml", 5, 17, "CLM001", "Antibacterial", "Antibacterial"),
    ("cleaning-spray.yaml", 7, 6, "CLM001", "Kills 99.9% of germs", "Kills 99.9% of germs"),
    ("cleaning-spray.yaml", 8, 6, "CLM004", "Eco-friendly", "Eco-friendly"),
    ("dog-treats.yaml", 5, 50, "CLM005", "CBD", "CBD"),
    ("dog-treats.yaml", 8, 22, "CLM003", "FDA approved", "FDA approved"),
    ("dog-treats.yaml", 9, 32, "CLM002", "cures arthritis", "cures arthritis"),
    ("supplement.yaml", 7, 6, "CLM002", "Cures arthritis", "Cures arthritis"),
    # LST: listing content
    ("supplement.yaml", 5, 208, "LST001", "O, Third-Party", None),  # title: first character past 200
    ("car-ambient-light.yaml", 5, 8, "LST004", "Best Seller", "Best Seller"),  # promotional phrase in the title
    ("car-ambient-light.yaml", 5, 19, "LST002", "!", "!"),  # forbidden title character
    ("car-ambient-light.yaml", 12, 5, "LST007", '"Installation', None),  # 6th bullet
    ("home-and-kitchen.yaml", 23, 64, "LST003", "Lunch Tote", "Lunch"),  # third "Lunch" in the title
    ("home-and-kitchen.yaml", 38, 12, "LST006", "OAKHEARTH SILICONE OVEN MITTS", "OAKHEARTH SILICONE OVEN MITTS"),  # ALL CAPS title
    ("home-and-kitchen.yaml", 26, 10, "LST009", "N/A", "N/A"),  # placeholder bullet
    ("home-and-kitchen.yaml", 30, 7, "LST010", "<b>", "<b>"),  # HTML in a `|` block
    ("home-and-kitchen.yaml", 32, 196, "LST013", "cheapest", "cheapest"),  # subjective word in search terms
    ("home-and-kitchen.yaml", 32, 205, "LST012", "B0C7XK2M4Q", "B0C7XK2M4Q"),  # ASIN in search terms
    ("home-and-kitchen.yaml", 32, 268, "LST011", "g gift", None),  # search terms: first byte past 249
    ("phone-case.json", 9, 6, "LST008", "\\ud83d\\udcf1", "\U0001f4f1"),  # emoji as a JSON surrogate pair
    # CRT: certificates (each says why its category applied)
    ("cleaning-spray.yaml", 5, 17, "CRT002", "Antibacterial", "Antibacterial"),  # EPA number: keyword 'antibacterial' (probable: a warning)
    ("plush-toy.yaml", 3, 15, "CRT005", "STUFFED_ANIMAL_TOY", "STUFFED_ANIMAL_TOY"),  # CPSIA attribute
    ("supplement.yaml", 3, 15, "CRT001", "DIETARY_SUPPLEMENT", "DIETARY_SUPPLEMENT"),  # GMP certificate
    ("bluetooth-speaker.yaml", 8, 24, "CRT002", "lithium", "lithium"),  # SDS: keyword fallback, no product type (probable: a warning)
    ("bluetooth-speaker.yaml", 17, 29, "CRT011", "FCC-ID 12345", "FCC-ID 12345"),  # FCC ID format
    ("bluetooth-speaker.yaml", 18, 74, "CRT003", "[EMC, LVD, RoHS]", None),  # EU DoC without RED
    ("bluetooth-speaker.yaml", 19, 73, "CRT007", "2024-05-01", "2024-05-01"),  # expired UN 38.3 summary
    ("bluetooth-speaker.yaml", 19, 92, "CRT013", "../../documents/sonique-un38-3.pdf", None),  # file missing
    ("bluetooth-speaker.yaml", 20, 31, "CRT012", "WEEE 1234567", "WEEE 1234567"),  # WEEE-Reg.-Nr. format
    ("kids-toy-de.yaml", 11, 29, "CRT015", "yes", "yes"),  # no-warnings attestation on a toy
    ("kids-toy-de.yaml", 15, 49, "CRT009", "2025-02-30", "2025-02-30"),  # not a date
    ("kids-toy-de.yaml", 16, 77, "CRT010", "2024-03-01", "2024-03-01"),  # expires before issued
    ("kids-toy-de.yaml", 16, 136, "CRT014", "../../../../reports/kdl-en71.pdf", None),  # outside the repository
    ("kids-toy-de.yaml", 18, 12, "INP014", "FCCID", None),  # unknown certificate type, with a did-you-mean
    # PKG: packaging files, linked to their listing across files
    ("packaging/kids-toy-de.yaml", 2, 6, "PKG008", "KDL-BLOCKS-50", "KDL-BLOCKS-50"),  # two packaging files for one sku
    ("packaging/kids-toy-de.yaml", 4, 1, "PKG001", "markings", None),  # CE missing (toy, DE; Directive 2009/48/EC)
    ("packaging/kids-toy-de.yaml", 7, 1, "PKG005", "manufacturer", None),  # no electronic address
    ("packaging/kids-toy-de.yaml", 9, 41, "REV", "5-star review", "5-star"),  # review request in an insert (review rules read inserts)
    ("packaging/kids-toy-de.yaml", 10, 19, "RED001", "www.kidlume-shop.example", "www.kidlume-shop.example"),  # RED rules read inserts
    ("packaging/orphan-night-light.yaml", 3, 6, "PKG007", "KDL-NIGHT-LIGHT-01", "KDL-NIGHT-LIGHT-01"),  # matches no listing
    ("packaging/kids-toy-de-reprint.yaml", 3, 6, "PKG008", "KDL-BLOCKS-50", "KDL-BLOCKS-50"),
    # issue 13: the rules in the marketplace's language (fixtures/listings/*/languages/)
    ("languages/de.yaml", 5, 40, "LST014", "Kostenloser Versand", "Kostenloser Versand"),  # a shipping offer, every field
    ("languages/de.yaml", 7, 6, "CLM002", "Heilt Rheuma", "Heilt Rheuma"),
    ("languages/de.yaml", 8, 6, "RED006", "Besuchen Sie unseren Shop", "Besuchen Sie unseren Shop"),
    ("languages/de.yaml", 8, 32, "RED005", "hydrolo punkt de", "hydrolo punkt de"),
    ("languages/fr.yaml", 7, 6, "CLM002", "Guérit l'eczéma", "Guérit l'eczéma"),
    ("languages/it.yaml", 8, 24, "RED005", "hydrolo punto it", "hydrolo punto it"),
    ("languages/es.yaml", 5, 45, "LST014", "Envío gratis", "Envío gratis"),  # a shipping offer, every field
    ("languages/ja.yaml", 10, 6, "REV001", "レビューを書いて", "レビューを書いていただいた方にプレゼント"),
]
FAMILIES = ("RED", "IPR", "CLM", "LST", "CRT", "PKG", "REV", "ACC")


@pytest.fixture(scope="module")
def report() -> tuple[int, list[dict]]:
    result = run_cli("check", "fixtures/", "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return result.returncode, json_diagnostics(result)


def _line(path: Path, number: int) -> str:
    return path.read_text("utf-8").splitlines()[number - 1]


def test_fixture_repository_is_complete():
    assert len(CLEAN_FILES) >= 5 and len(FLAGGED_FILES) >= 5
    suffixes = {p.suffix for p in CLEAN_FILES + FLAGGED_FILES}
    assert {".yaml", ".json"} <= suffixes
    multi = [p for p in FLAGGED_FILES + CLEAN_FILES if p.suffix == ".yaml" and "listings" in (yaml.safe_load(p.read_text("utf-8")) or {})]
    assert multi, "one fixture holds several listings under 'listings:'"


@pytest.mark.parametrize("entry", EXPECTED, ids=[f"{e[0]}:{e[1]}:{e[2]}-{e[3]}" for e in EXPECTED])
def test_expectation_matches_fixture_text(entry):
    """The expected positions are where the text really is (keeps the table honest)."""
    name, line, column, _code, raw, _match = entry
    text = _line(FLAGGED / name, line)
    assert text[column - 1 :].startswith(raw), f"{name}:{line}:{column} is {text[column - 1 : column + 30]!r}, not {raw!r}"


def test_check_fixtures_exits_1_with_every_family(report):
    returncode, diagnostics = report
    assert returncode == 1
    families = {d["code"][:3] for d in diagnostics}
    missing = [f for f in FAMILIES if f not in families]
    assert not missing, f"no {missing} finding in fixtures/; families found: {sorted(families)}"


def test_one_diagnostic_per_place(report):
    _, diagnostics = report
    places = [(d["path"], d["line"], d["column"], d["code"]) for d in diagnostics]
    assert len(places) == len(set(places)), sorted(p for p in places if places.count(p) > 1)


def test_messages_have_no_unfilled_placeholders(report):
    _, diagnostics = report
    unfilled = [f"{d['code']}: {d['message']}" for d in diagnostics if re.search(r"\{[a-z_]+\}", d["message"])]
    assert not unfilled, unfilled


def test_text_output_agrees_with_json(report):
    _, diagnostics = report
    result = run_cli("check", "fixtures/")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[:-1] == [f"{d['path']}:{d['line']}:{d['column']}: {d['code']} {d['severity']} {d['message']}" for d in diagnostics]
    files = len(CLEAN_FILES) + len(FLAGGED_FILES) + len(AMAZON_CLEAN) + len(AMAZON_FLAGGED) + len(MESSAGE_FILES) + len(METRIC_FILES) + len(ORDER_FILES)
    assert lines[-1].startswith(f"Found {len(diagnostics)} problem") and lines[-1].endswith(f"in {files} files checked."), lines[-1]


@pytest.mark.parametrize("entry", EXPECTED, ids=[f"{e[0]}:{e[1]}:{e[2]}-{e[3]}" for e in EXPECTED])
def test_finding_at_expected_position(report, entry):
    name, line, column, code, _raw, match = entry
    _, diagnostics = report
    path = f"fixtures/listings/flagged/{name}"
    here = [d for d in diagnostics if d["path"] == path and d["line"] == line and d["column"] == column]
    found = [d for d in here if d["code"].startswith(code)]
    assert found, f"no {code} at {path}:{line}:{column}; there: {[(d['code'], d['match']) for d in here]}; in file: " + ", ".join(
        f"{d['line']}:{d['column']} {d['code']} {d['match']!r}" for d in diagnostics if d["path"] == path
    )
    if match is not None:
        assert any(d["match"].casefold().startswith(match.casefold()) for d in found), [d["match"] for d in found]


def test_json_string_positions_count_source_characters(report):
    """The URL after `\\"` and `\\u2013` escapes: its column counts file characters, not
    decoded ones (the decoded value is 6 characters shorter before the URL)."""
    _, diagnostics = report
    (url,) = [d for d in diagnostics if d["path"].endswith("phone-case.json") and d["code"] == "RED001"]
    raw_line = _line(FLAGGED / "phone-case.json", url["line"])
    assert raw_line.index("https://") + 1 == url["column"]
    decoded = json.loads((FLAGGED / "phone-case.json").read_text("utf-8"))["description"]
    assert decoded.index("https://") != raw_line.index("https://")
    assert url["end_line"] == url["line"] and url["end_column"] - url["column"] == len(url["match"])
    assert url["field"] == "description" and url["sku"] == "NK-CASE-A15-BLK"


def test_multi_listing_file_names_the_right_listing(report):
    _, diagnostics = report
    in_file = [d for d in diagnostics if d["path"].endswith("home-and-kitchen.yaml")]
    assert in_file
    assert not [d for d in in_file if d["sku"] == "OAK-BOARD-L"], "the clean first listing gets no finding"
    (url,) = [d for d in in_file if d["code"] == "RED001"]
    assert (url["sku"], url["field"]) == ("OAK-LUNCH-BAG-GRY", "description")
    skus = {d["sku"] for d in in_file}
    assert "OAK-MITT-PAIR" in skus  # the ALL CAPS title of the third listing


@pytest.mark.parametrize("path", CLEAN_FILES, ids=[p.name for p in CLEAN_FILES])
def test_clean_fixture_has_no_diagnostics(path):
    relative = path.relative_to(ROOT).as_posix()
    result = run_cli("check", relative, "--format", "json")
    assert result.returncode == 0, result.stdout + result.stderr
    assert json_diagnostics(result) == []
    assert json.loads(result.stdout)["summary"]["files"] == 1
    text = run_cli("check", relative, "--fail-on", "info")
    assert (text.returncode, text.stdout) == (0, "No problems found (1 file checked).\n")


def test_clean_folder_as_a_whole(report):
    _, diagnostics = report
    assert not [d for d in diagnostics if "/clean/" in d["path"]]
    result = run_cli("check", "fixtures/listings/clean", "--fail-on", "info")
    assert result.returncode == 0 and result.stdout == f"No problems found ({len(CLEAN_FILES)} files checked).\n", result.stdout


@pytest.mark.parametrize("path", FLAGGED_FILES, ids=[p.name for p in FLAGGED_FILES])
def test_flagged_fixture_fails_alone(path):
    result = run_cli("check", path.relative_to(ROOT).as_posix(), "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    assert any(d["severity"] == "error" for d in json_diagnostics(result))


def test_suppression_in_clean_fixture_is_what_keeps_it_clean(tmp_path):
    source = (CLEAN / "phone-battery.yaml").read_text("utf-8")
    lines = source.splitlines(keepends=True)
    (comment,) = [i for i, line in enumerate(lines) if "# listlint: ignore[RED001]" in line]
    without = "".join(lines[:comment] + lines[comment + 1 :])
    (tmp_path / "phone-battery.yaml").write_text(without, "utf-8")
    result = run_cli("check", "phone-battery.yaml", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1
    (finding,) = json_diagnostics(result)
    line_text = without.splitlines()[comment]  # the bullet moved up into the comment's line
    assert finding["code"] == "RED001" and finding["match"] == "www.grs-batterien.de"
    assert (finding["line"], finding["column"]) == (comment + 1, line_text.index("www.grs-batterien.de") + 1)

    # the suppression names its code: silencing another code instead leaves RED001 and
    # reports the unused suppression
    wrong = source.replace("ignore[RED001]", "ignore[RED002]")
    (tmp_path / "phone-battery.yaml").write_text(wrong, "utf-8")
    codes = sorted(d["code"] for d in json_diagnostics(run_cli("check", "phone-battery.yaml", "--format", "json", cwd=tmp_path)))
    assert codes == ["RED001", "SUP003"]


def test_amazon_format_fixtures_exist():
    assert len(AMAZON_CLEAN) >= 2 and len(AMAZON_FLAGGED) >= 4
    assert {p.suffix for p in AMAZON_FLAGGED} >= {".txt", ".csv", ".json"}


@pytest.mark.parametrize("path", AMAZON_CLEAN, ids=[p.name for p in AMAZON_CLEAN])
def test_clean_amazon_format_fixture_has_no_diagnostics(path):
    relative = path.relative_to(ROOT).as_posix()
    text = run_cli("check", relative, "--fail-on", "info")
    assert (text.returncode, text.stdout) == (0, "No problems found (1 file checked).\n"), text.stdout + text.stderr


@pytest.mark.parametrize("path", AMAZON_FLAGGED, ids=[p.name for p in AMAZON_FLAGGED])
def test_flagged_amazon_format_fixture_fails_alone(path, report):
    result = run_cli("check", path.relative_to(ROOT).as_posix(), "--format", "json")
    assert result.returncode == 1, result.stdout + result.stderr
    own = [d for d in json_diagnostics(result) if d["severity"] == "error" and d["code"][:3] in FAMILIES]
    assert own, "a flagged fixture breaks at least one content rule"
    _, everything = report
    assert not [d for d in everything if "/clean/" in d["path"]]


def test_message_and_metric_fixtures_in_the_whole_run(report):
    """Issue 5: REV/RED findings in templates, ACC findings in metric files; the clean and
    healthy folders stay clean."""
    _, diagnostics = report
    assert not [d for d in diagnostics if d["path"].startswith(("fixtures/messages/clean/", "fixtures/metrics/healthy/"))]
    in_templates = {d["code"][:3] for d in diagnostics if d["path"].startswith("fixtures/messages/flagged/")}
    assert {"REV", "RED"} <= in_templates
    assert any(d["code"].startswith("ACC") for d in diagnostics if d["path"] == "fixtures/metrics/failing/metrics.yaml")
