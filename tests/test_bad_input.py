"""Bad input files: each gets its INP code at its own line, the run goes on, no traceback."""

from __future__ import annotations

import json
import os
import time

import pytest

try:
    from tests.conftest import json_diagnostics, run_cli
except ImportError:  # tests/ not a package
    from conftest import json_diagnostics, run_cli
from listlint.config import Config
from listlint.engine import MAX_FILE_BYTES, Engine
from listlint.rules import load_rules

OTHERS = ("LST", "IPR", "CLM")  # families still being written; kept out of exact expectations
DEEP = 100_000
BOMB = "sku: A1\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]\n" for prev, name in zip("abcdefgh", "bcdefghi")
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    return Engine(load_rules([]), Config(root=tmp_path_factory.mktemp("root"), ignore=OTHERS))


@pytest.fixture()
def lint(engine, tmp_path):
    """Lint one file in process; returns (code, line, column) of each diagnostic."""

    def run(content: str | bytes, name: str = "item.yaml"):
        path = tmp_path / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return [(d.code, d.line, d.column) for d in engine.lint_file(path, name).diagnostics]

    return run


CASES = [
    # malformed YAML: the line and column where the parser gave up
    ("bad-indent.yaml", "sku: A1\ntitle: Steel\n  bad: indent\n", [("INP001", 3, 6)]),
    ("unclosed.yaml", "sku: A1\ntitle: [unclosed\nbullets: [a]\n", [("INP001", 2, 8)]),  # at the [ never closed
    ("tab.yaml", "sku: A1\n\ttitle: x\n", [("INP001", 2, 1)]),
    ("control.yaml", 'sku: A1\ntitle: \t"bad\x07"\n', [("INP001", 2, 13)]),
    ("alias.yaml", "sku: A1\ntitle: *nowhere\n", [("INP001", 2, 8)]),
    ("mapping-key.yaml", "sku: A1\n[a, b]: x\n", [("INP001", 2, 1)]),
    # malformed JSON
    ("double-comma.json", '{"sku": "A1",\n "title": "x",,\n "bullets": []}\n', [("INP001", 2, 15)]),
    ("trailing-comma.json", '{"sku": "A1",\n "title": "x",\n}\n', [("INP001", 3, 1)]),
    ("single-quotes.json", "{'sku': 'A1'}\n", [("INP001", 1, 2)]),
    ("comment.json", '{"sku": "A1" // note\n}\n', [("INP001", 1, 14)]),
    ("nan.json", '{"sku": "A1",\n "title": NaN}\n', [("INP001", 2, 11)]),
    ("infinity.json", '{"sku": "A1",\n "title": Infinity}\n', [("INP001", 2, 11)]),
    ("minus-infinity.json", '{"sku": "A1",\n "title": -Infinity}\n', [("INP001", 2, 11)]),
    # encodings
    ("latin1.yaml", b"sku: A1\ntitle: Caf\xe9 mug\n", [("INP002", 2, 11)]),
    ("latin1-late.yaml", "sku: A1\ntitle: Café ☕ ".encode() + b"\xff bottle\n", [("INP002", 2, 15)]),
    ("latin1.json", b'{"sku": "A1",\n "title": "Caf\xe9"}\n', [("INP002", 2, 15)]),
    ("truncated-utf8.yaml", b"sku: A1\n\ntitle: \xe2\x82 x\n", [("INP002", 3, 8)]),
    ("bom.yaml", "\ufeffsku: A1\ntitle: see shop-name.com\n", [("INP003", 1, 1), ("RED001", 2, 12)]),
    ("bom-first-line.yaml", "\ufefftitle: see shop-name.com\nsku: A1\n", [("INP003", 1, 1), ("RED001", 1, 12)]),
    ("two-boms.yaml", "\ufeff\ufefftitle: see shop-name.com\nsku: A1\n", [("INP003", 1, 1), ("RED001", 1, 12)]),
    ("bom.json", '\ufeff{"sku": "A1", "title": "x shop-name.com"}', [("INP003", 1, 1), ("RED001", 1, 27)]),
    # empty
    ("empty.yaml", "", [("INP004", 1, 1)]),
    ("blank.yaml", "  \n\n\t\n", [("INP004", 1, 1)]),
    ("comments.yaml", "# nothing here yet\n# still nothing\n", [("INP004", 1, 1)]),
    ("empty.json", "", [("INP004", 1, 1)]),
    # the top level is not a listing
    ("list.yaml", "- sku: A1\n- sku: A2\n", [("INP005", 1, 1)]),
    ("scalar.yaml", "just some text\n", [("INP005", 1, 1)]),
    ("number.yaml", "42\n", [("INP005", 1, 1)]),
    ("list.json", '[{"sku": "A1"}]\n', [("INP005", 1, 1)]),
    ("string.json", '"A1"\n', [("INP005", 1, 1)]),
    ("null.json", "null\n", [("INP005", 1, 1)]),
    ("listing-item.yaml", "listings:\n  - sku: A1\n  - 5\n", [("INP005", 3, 5)]),
    # wrong field types, each at its value
    ("types.yaml", "sku: A1\ntitle: 42\nbullets: one long bullet\n", [("INP006", 2, 8), ("INP006", 3, 10)]),
    ("bullet-item.yaml", "sku: A1\nbullets:\n  - fine\n  - 3\n", [("INP006", 4, 5)]),
    ("types.json", '{"sku": 12,\n "bullets": "x",\n "title": null}\n', [("INP006", 1, 9), ("INP006", 2, 13), ("INP006", 3, 11)]),
    ("search-terms.yaml", "sku: A1\nsearch_terms: 5\n", [("INP006", 2, 15)]),
    ("attributes.yaml", "sku: A1\nattributes: [1]\n", [("INP006", 2, 13)]),
    ("listings-map.yaml", "listings:\n  sku: A1\n", [("INP006", 2, 3)]),
    ("bool-title.yaml", "sku: A1\ntitle: yes\n", [("INP006", 2, 8)]),
    ("empty-sku.yaml", "sku: ''\ntitle: x\n", [("INP006", 1, 6)]),
    # duplicate keys, at the second key
    ("dup.yaml", "sku: A1\ntitle: One\nbullets: [a]\ntitle: Two\n", [("INP007", 4, 1)]),
    ("dup.json", '{"sku": "A1",\n "title": "One",\n "title": "Two"}\n', [("INP007", 3, 2)]),
    ("dup-nested.json", '{"sku": "A1", "attributes": {"k": 1,\n   "k": 2}}\n', [("INP007", 2, 4)]),
    ("dup-nested.yaml", "sku: A1\nattributes:\n  colour: red\n  colour: blue\n", [("INP007", 4, 3)]),
    # binary
    ("binary.yaml", b"sku\x00\x01\x02\xff", [("INP008", 1, 1)]),
    ("zip.json", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", [("INP008", 1, 1)]),
    # alias bomb
    ("bomb.yaml", BOMB, [("INP010", 7, 12)]),
    # missing sku
    ("no-sku.yaml", "title: Steel bottle\n", [("INP012", 1, 1)]),
    ("no-sku-in-list.yaml", "listings:\n  - sku: A1\n  - title: x\n", [("INP012", 3, 5)]),
    ("no-sku.json", '{"title": "x"}', [("INP012", 1, 1)]),
    # unknown top-level key
    ("typo.yaml", "sku: A1\nbulets: [one]\n", [("INP013", 2, 1)]),
    ("typo.json", '{"sku": "A1",\n  "titel": "x"}', [("INP013", 2, 3)]),
    ("beside-listings.yaml", "listings:\n  - sku: A1\nversion: 2\n", [("INP013", 3, 1)]),
    # invalid values
    ("market.yaml", "sku: A1\nmarketplaces: [US, USA]\n", [("INP014", 2, 20)]),
    ("product-type.yaml", "sku: A1\nproduct_type: head phones\n", [("INP014", 2, 15)]),
    ("market-lower.yaml", "sku: A1\nmarketplaces: [eu]\n", [("INP014", 2, 16)]),
    # tags that build objects
    ("tag.yaml", "sku: !!python/object/apply:os.system [echo hi]\n", [("INP015", 1, 6)]),
    ("tag-name.yaml", "sku: A1\ntitle: !!python/name:os.system\n", [("INP015", 2, 8)]),
    ("tag-map.yaml", "!!python/object:collections.OrderedDict\nsku: A1\n", [("INP015", 1, 1)]),
    ("tag-local.yaml", "sku: A1\ntitle: !custom x\n", [("INP015", 2, 8)]),
    # merge keys: refused at the `<<` key (test_angle_quotes_that_are_no_merge_key: the text "<<")
    ("merge-key.yaml", "base: &base\n  brand: Acmeware\nsku: A1\n<<: *base\n", [("INP034", 4, 1)]),
    ("merge-list.yaml", "sku: A1\nattributes:\n  - &a {colour: red}\n  - {<<: [*a], size: L}\n", [("INP034", 4, 6)]),
    # what the formats allow but parsers do not read as written, at the key or number
    ("long-key.yaml", "sku: A1\nattributes:\n  " + "k" * 1100 + ": v\n", [("INP001", 3, 3)]),
    ("long-key-in-list.yaml", "sku: A1\nbullets:\n  - " + "k" * 1100 + ": v\n", [("INP001", 3, 5)]),
    ("long-value-with-colon.yaml", "sku: A1\ntitle: " + "v" * 1100 + " note: x\n", [("INP001", 2, 1113)]),
    ("overflow.json", '{"sku": "A1",\n "attributes": {"weight_kg": 1e99999}}\n', [("INP001", 2, 30)]),
    ("overflow.yaml", "sku: A1\nattributes: {weight_kg: -1.0e+400}\n", [("INP001", 2, 25)]),
]


@pytest.mark.parametrize(("name", "content", "expected"), CASES, ids=[c[0] for c in CASES])
def test_input_problem(lint, name, content, expected):
    assert lint(content, name) == expected


def test_messages_say_what_is_wrong(engine, tmp_path):
    cases = {
        "typo.yaml": ("sku: A1\nbulets: [one]\n", "INP013", ["'bulets'", "did you mean 'bullets'?"]),
        "market.yaml": ("sku: A1\nmarketplaces: [USA]\n", "INP014", ["'USA'", "did you mean 'US'?", "marketplaces[0]"]),
        "types.yaml": ("sku: A1\nbullets: one\n", "INP006", ["'bullets'", "must be a list", "not text"]),
        "dup.yaml": ("sku: A1\ntitle: a\ntitle: b\n", "INP007", ["'title'"]),
        "tag.yaml": ("sku: !!python/object/apply:os.system [x]\n", "INP015", ["python/object/apply:os.system"]),
        "latin1.yaml": (b"sku: A1\ntitle: Caf\xe9\n", "INP002", ["0xe9"]),
        "nan.json": ('{"sku": "A1", "title": NaN}', "INP001", ["NaN"]),
        "merge.yaml": ("base: &b {brand: X}\nsku: A1\n<<: *b\n", "INP034", ["merge keys (<<) are not supported", "write the keys out"]),
        "long-key.yaml": ("sku: A1\n" + "k" * 1100 + ": v\n", "INP001", ["key is 1100 characters long", "at most 1024"]),
        "huge-integer.yaml": ("sku: A1\nattributes: {count: " + "9" * 5000 + "}\n", "INP001", ["5000 digits", "quote it if it is a code"]),
        "huge-integer.json": ('{"sku": "A1", "attributes": {"count": ' + "9" * 5000 + "}}", "INP001", ["5000 digits", "quote it if it is a code"]),
        "overflow.json": ('{"sku": "A1", "attributes": {"w": 1e99999}}', "INP001", ["1e99999", "read as infinity"]),
        "overflow.yaml": ("sku: A1\nattributes: {w: 1.0e+99999}\n", "INP001", ["1.0e+99999", "read as infinity"]),
        "no-sku.yaml": ("title: x\n", "INP012", ["'sku'"]),
    }
    for name, (content, code, parts) in cases.items():
        path = tmp_path / name
        path.write_bytes(content.encode() if isinstance(content, str) else content)
        (diagnostic,) = engine.lint_file(path, name).diagnostics
        assert diagnostic.code == code, name
        for part in parts:
            assert part in diagnostic.message, (name, diagnostic.message)


def test_problems_carry_the_sku(engine, tmp_path):
    path = tmp_path / "item.yaml"
    path.write_text("listings:\n  - sku: A1\n    titel: x\n  - sku: B2\n    title: 5\n", encoding="utf-8")
    assert [(d.code, d.sku, d.field) for d in engine.lint_file(path, "item.yaml").diagnostics] == [("INP013", "A1", "titel"), ("INP006", "B2", "title")]


def test_nothing_is_executed_by_python_tags(lint, tmp_path):
    marker = tmp_path / "pwned"
    text = f"sku: !!python/object/apply:os.system ['touch {marker}']\ntitle: !!python/object/apply:builtins.exec ['open({str(marker)!r}, \"w\")']\n"
    assert lint(text) == [("INP015", 1, 6)]
    mapping = f"!!python/object/apply:os.system\nargs: ['touch {marker}']\n"
    assert lint(mapping) == [("INP015", 1, 1)]
    assert not marker.exists()


def test_bom_listing_is_still_checked_and_only_warned(engine, tmp_path):
    path = tmp_path / "item.yaml"
    path.write_bytes(b"\xef\xbb\xbfsku: A1\ntitle: Steel bottle\n")
    (diagnostic,) = engine.lint_file(path, "item.yaml").diagnostics
    assert (diagnostic.code, diagnostic.severity) == ("INP003", "warning")


def test_fifty_megabyte_file_is_refused_quickly(lint, tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as handle:  # sparse: no 50 MB written
        handle.truncate(50 * 1024 * 1024)
    assert path.stat().st_size > MAX_FILE_BYTES
    started = time.monotonic()
    from listlint.config import Config as _Config

    engine = Engine(load_rules([]), _Config(root=tmp_path, ignore=OTHERS))
    diagnostics = engine.lint_file(path, "huge.yaml").diagnostics
    assert time.monotonic() - started < 5
    assert [(d.code, d.line, d.column) for d in diagnostics] == [("INP009", 1, 1)]
    assert "50.0 MB" in diagnostics[0].message and "20 MB" in diagnostics[0].message


def test_alias_bomb_finishes_fast(lint):
    started = time.monotonic()
    assert [c for c, *_ in lint(BOMB)] == ["INP010"]
    assert time.monotonic() - started < 5


def test_aliases_within_budget_are_fine(lint):
    assert lint("sku: A1\nattributes:\n  a: &x [1, 2]\n  b: *x\n") == []


@pytest.mark.parametrize("shape", ["[", "{a: "])
def test_deep_yaml_nesting(lint, shape):
    closing = {"[": "]", "{a: ": "}"}[shape]
    started = time.monotonic()
    found = lint("sku: A1\nattributes:\n  x: " + shape * DEEP + "1" + closing * DEEP + "\n")
    assert time.monotonic() - started < 30
    assert [(c, line) for c, line, _ in found] == [("INP011", 3)]


def test_deep_yaml_block_nesting(lint):
    text = "sku: A1\nattributes:\n" + "".join("  " * (depth + 1) + "a:\n" for depth in range(200)) + "  " * 201 + "x\n"
    assert [(c, line) for c, line, _ in lint(text)] == [("INP011", 66)]


def test_deep_json_nesting_does_not_crash(lint):
    started = time.monotonic()
    found = lint('{"sku": "A1",\n "attributes": {"x":\n' + "[" * DEEP + "]" * DEEP + "}}\n", "deep.json")
    assert time.monotonic() - started < 30
    assert [c for c, *_ in found] == ["INP011"]


def test_deep_json_unclosed_does_not_crash(lint):
    found = lint('{"sku": "A1", "x": ' + "[" * DEEP, "deep.json")
    assert len(found) == 1 and found[0][0] in ("INP001", "INP011")


def test_moderately_deep_json_points_at_the_bracket(lint):
    # the top mapping and attributes count as levels: the 63rd bracket is level 65
    found = lint('{"sku": "A1",\n "attributes": {"x":\n  ' + "[" * 100 + "]" * 100 + "}}\n", "deep.json")
    assert found == [("INP011", 3, 3 + 62)]


def test_very_deep_json_points_at_its_line(lint):
    found = lint('{"sku": "A1",\n "attributes": {"x":\n  ' + "[" * DEEP + "]" * DEEP + "}}\n", "deep.json")
    assert [(c, line) for c, line, _ in found] == [("INP011", 3)]


def test_nan_after_a_string_containing_nan(lint):
    assert lint('{"sku": "NaN-1",\n "title": NaN}\n', "nan.json") == [("INP001", 2, 11)]


def test_unreadable_file_in_a_folder(tmp_path):
    (tmp_path / ".listlint.yaml").write_text("ignore: [LST, IPR, CLM]\n", encoding="utf-8")
    (tmp_path / "good.yaml").write_text("sku: A1\ntitle: see shop-name.com\n", encoding="utf-8")
    os.symlink(tmp_path / "gone.yaml", tmp_path / "broken.yaml")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    diagnostics = json_diagnostics(result)
    assert sorted(d["code"] for d in diagnostics) == ["INP016", "RED001"]
    assert "Traceback" not in result.stderr


def test_symlinked_file_is_shown_under_its_own_name(tmp_path):
    (tmp_path / ".listlint.yaml").write_text("ignore: [LST, IPR, CLM]\n", encoding="utf-8")
    (tmp_path / "store").mkdir()
    (tmp_path / "store" / "real.yaml").write_text("sku: A1\ntitle: see shop-name.com\n", encoding="utf-8")
    (tmp_path / "listings").mkdir()
    os.symlink(tmp_path / "store" / "real.yaml", tmp_path / "listings" / "link.yaml")
    result = run_cli("check", "--format", "json", "listings", cwd=tmp_path)
    assert [d["path"] for d in json_diagnostics(result)] == ["listings/link.yaml"]


def test_path_that_does_not_exist(tmp_path):
    (tmp_path / "good.yaml").write_text("sku: A1\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", "good.yaml", "missing/item.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == "listlint: missing/item.yaml: no such file or directory\n"


def test_whole_run_goes_on_past_every_bad_file(tmp_path):
    """One invocation over a folder of broken files: every file gets its problem, no traceback."""
    (tmp_path / ".listlint.yaml").write_text("ignore: [LST, IPR, CLM]\n", encoding="utf-8")
    expected: dict[str, tuple[str, int]] = {}
    for name, content, found in CASES:
        path = tmp_path / "bad" / name
        path.parent.mkdir(exist_ok=True)
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        expected[f"bad/{name}"] = found
    with open(tmp_path / "bad" / "huge.json", "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    expected["bad/huge.json"] = [("INP009", 1, 1)]
    (tmp_path / "bad" / "deep.yaml").write_text("sku: A1\nx: " + "[" * DEEP + "]" * DEEP + "\n", encoding="utf-8")
    expected["bad/deep.yaml"] = [("INP011", 2, 3 + 64)]  # the top mapping is level 1
    (tmp_path / "bad" / "deep.json").write_text('{"sku": "A1", "x": ' + "[" * DEEP + "]" * DEEP + "}\n", encoding="utf-8")
    (tmp_path / "good").mkdir()
    (tmp_path / "good" / "z-last.yaml").write_text("sku: Z1\ntitle: see shop-name.com\n", encoding="utf-8")
    expected["good/z-last.yaml"] = [("RED001", 2, 12)]
    started = time.monotonic()
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert time.monotonic() - started < 60
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and result.stderr == ""
    document = json.loads(result.stdout)
    by_path: dict[str, list[tuple[str, int, int]]] = {}
    for d in document["diagnostics"]:
        by_path.setdefault(d["path"], []).append((d["code"], d["line"], d["column"]))
    assert [c for c, *_ in by_path.pop("bad/deep.json")] == ["INP011"]
    assert by_path == expected
    assert document["summary"]["files"] == len(CASES) + 4


def test_bad_files_named_on_the_command_line(tmp_path):
    (tmp_path / ".listlint.yaml").write_text("ignore: [LST, IPR, CLM]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_bytes(b"sku: A1\ntitle: Caf\xe9\n")
    (tmp_path / "b.json").write_text('{"sku": "B1", "title": "mail a@b.com"}', encoding="utf-8")
    (tmp_path / "c.yaml").write_text("", encoding="utf-8")
    result = run_cli("check", "a.yaml", "b.json", "c.yaml", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "a.yaml:2:11: INP002 error file is not UTF-8 (byte 0xe9 is not UTF-8); save it as UTF-8",
        "b.json:1:30: RED002 error E-mail address a@b.com in title: contact details that bypass Amazon are not allowed",
        "c.yaml:1:1: INP004 warning file is empty",
        "Found 3 problems (2 errors, 1 warning) in 3 files checked.",
    ]
    assert result.stderr == ""


def test_yaml_files_of_other_tools_are_skipped(lint):
    assert lint("name: CI\non: [push]\njobs: {}\n", "workflow.yaml") == []
    assert lint('{"name": "x", "version": "1.0.0"}', "manifest.json") == []


def test_multi_document_yaml(lint):
    text = "sku: A1\ntitle: see shop-name.com\n---\nsku: A2\ntitel: x\n"
    assert lint(text) == [("RED001", 2, 12), ("INP013", 5, 1)]


def test_yaml_dates_and_numbers_stay_values(lint):
    # a date is text (YAML 1.2 style); sku 123 is a number, which is the wrong type
    assert lint("sku: 2024-01-01\ntitle: x\n") == []
    assert lint("sku: 123\n") == [("INP006", 1, 6)]


def test_angle_quotes_that_are_no_merge_key(lint):
    # "<<" as a value, or as a quoted key, is the text "<<"
    assert lint('sku: A1\ntitle: <<\nattributes: {"<<": x, arrows: [<<]}\n') == []


def test_infinity_written_on_purpose_and_tiny_numbers_stay_values(lint):
    # YAML's own .inf is what the author wrote; a number too small for a float is 0.0, not a surprise
    assert lint("sku: A1\nattributes: {weight_kg: .inf, tiny: 1.0e-400}\n") == []
    assert lint('{"sku": "A1", "attributes": {"tiny": 1e-99999}}', "item.json") == []
