"""Suppression comments: `# listlint: ignore[...]` and `# listlint: file-ignore[...]`."""

from __future__ import annotations

from pathlib import Path

import pytest

try:
    from tests.conftest import json_diagnostics, run_cli
except ImportError:  # tests/ not a package
    from conftest import json_diagnostics, run_cli
from listlint.config import Config
from listlint.engine import Engine
from listlint.rules import load_rules

OTHERS = ("LST", "IPR", "CLM")  # families still being written; kept out of exact expectations


@pytest.fixture(scope="module")
def rules():
    return load_rules([])


@pytest.fixture()
def lint(rules, tmp_path):
    """Lint one file; returns (code, line, column, end_column) of each diagnostic."""

    def run(text: str, name: str = "item.yaml", **settings):
        settings["ignore"] = tuple(settings.get("ignore", ())) + OTHERS
        engine = Engine(rules, Config(root=tmp_path, **settings))
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        return [(d.code, d.line, d.column, d.end_column) for d in engine.lint_file(path, name).diagnostics]

    return run


def codes(found) -> list[tuple[str, int]]:
    return [(code, line) for code, line, *_ in found]


def test_without_suppression_the_finding_is_reported(lint):
    assert codes(lint("sku: A1\ntitle: see shop-name.com\n")) == [("RED001", 2)]


def test_ignore_on_the_same_line(lint):
    assert lint("sku: A1\ntitle: see shop-name.com  # listlint: ignore[RED001] approved by legal\n") == []


def test_ignore_alone_on_the_line_above(lint):
    assert lint("sku: A1\n# listlint: ignore[RED001] approved by legal\ntitle: see shop-name.com\n") == []


def test_ignore_alone_above_skips_blank_and_comment_lines(lint):
    text = "sku: A1\n  # listlint: ignore[RED001] approved\n\n# another note\ntitle: see shop-name.com\n"
    assert lint(text) == []


def test_ignore_above_covers_only_the_next_content_line(lint):
    text = "sku: A1\n# listlint: ignore[RED001] approved\ntitle: see shop-name.com\ndescription: and other-shop.com\n"
    assert codes(lint(text)) == [("RED001", 4)]


def test_ignore_on_a_line_does_not_cover_other_lines(lint):
    text = "sku: A1\ntitle: see shop-name.com  # listlint: ignore[RED001] ok\ndescription: and other-shop.com\n"
    assert codes(lint(text)) == [("RED001", 3)]


def test_ignore_names_only_its_codes(lint):
    text = "sku: A1\ntitle: see shop-name.com or a@b.com  # listlint: ignore[RED001] ok\n"
    assert codes(lint(text)) == [("RED002", 2)]


def test_ignore_several_codes(lint):
    text = "sku: A1\ntitle: see shop-name.com or a@b.com  # listlint: ignore[RED001, red002] ok\n"
    assert lint(text) == []


def test_ignore_by_prefix(lint):
    text = "sku: A1\ntitle: see shop-name.com or a@b.com  # listlint: ignore[RED] both approved\n"
    assert lint(text) == []


def test_ignore_spacing_variants(lint):
    assert lint("sku: A1\ntitle: see shop-name.com #listlint:ignore[RED001]\n") == []
    assert lint("sku: A1\ntitle: see shop-name.com   #  listlint :  ignore[RED001] x\n") == []


def test_ignore_input_problem(lint):
    assert lint("sku: A1\ntitel: x  # listlint: ignore[INP013] legacy export\n") == []


def test_file_ignore_at_the_top(lint):
    text = "# catalogue export\n# listlint: file-ignore[RED001] links approved\nsku: A1\ntitle: see shop-name.com\nbullets: [other-shop.com, a@b.com]\n"
    assert codes(lint(text)) == [("RED002", 5)]


def test_file_ignore_prefix_after_document_marker(lint):
    text = "---\n# listlint: file-ignore[RED] approved\nsku: A1\ntitle: see shop-name.com\nbullets: [a@b.com]\n"
    assert lint(text) == []


def test_file_ignore_on_the_first_line(lint):
    assert lint("# listlint: file-ignore[RED001] ok\nsku: A1\ntitle: see shop-name.com\n") == []


def test_bare_ignore_is_sup001_and_silences_nothing(lint):
    found = lint("sku: A1\ntitle: see shop-name.com  # listlint: ignore\n")
    assert found == [("RED001", 2, 12, 25), ("SUP001", 2, 27, 45)]


def test_empty_brackets_are_sup001(lint):
    assert codes(lint("sku: A1\ntitle: see shop-name.com  # listlint: ignore[] why\n")) == [("RED001", 2), ("SUP001", 2)]


def test_bare_file_ignore_is_sup001(lint):
    assert codes(lint("# listlint: file-ignore\nsku: A1\ntitle: see shop-name.com\n")) == [("SUP001", 1), ("RED001", 3)]


def test_unknown_code_is_sup002(lint):
    found = lint("sku: A1\ntitle: see shop-name.com  # listlint: ignore[XYZ123] typo\n")
    assert found == [("RED001", 2, 12, 25), ("SUP002", 2, 27, 58)]


def test_unknown_prefix_is_sup002(lint, rules):
    assert codes(lint("sku: A1\ntitle: plain  # listlint: ignore[QQ] typo\n")) == [("SUP002", 2)]


def test_sup002_message_names_the_code(rules, tmp_path):
    engine = Engine(rules, Config(root=tmp_path, ignore=OTHERS))
    path = tmp_path / "item.yaml"
    path.write_text("sku: A1\ntitle: plain  # listlint: ignore[RED0099] typo\n", encoding="utf-8")
    (diagnostic,) = engine.lint_file(path, "item.yaml").diagnostics
    assert diagnostic.code == "SUP002"
    assert "RED0099" in diagnostic.message


def test_unused_suppression_is_sup003(lint):
    found = lint("sku: A1\ntitle: Steel bottle  # listlint: ignore[RED001] old link\n")
    assert found == [("SUP003", 2, 22, 57)]


def test_unused_code_in_a_list_is_sup003(lint):
    found = lint("sku: A1\ntitle: see shop-name.com  # listlint: ignore[RED001,RED002] x\n")
    assert codes(found) == [("SUP003", 2)]


def test_unused_file_ignore_is_sup003(lint):
    assert codes(lint("# listlint: file-ignore[RED002] old\nsku: A1\ntitle: see shop-name.com\n")) == [("SUP003", 1), ("RED001", 3)]


def test_suppression_of_an_unselected_code_is_not_unused(lint):
    text = "sku: A1\ntitle: see shop-name.com  # listlint: ignore[RED001] approved\n"
    assert lint(text, ignore=("RED001",)) == []
    assert lint(text, select=("RED002",)) == []


def test_file_ignore_below_content_is_sup004_and_silences_nothing(lint):
    found = lint("sku: A1\n# listlint: file-ignore[RED001] late\ntitle: see shop-name.com\n")
    assert found == [("SUP004", 2, 1, 37), ("RED001", 3, 12, 25)]


def test_sup_severities(rules):
    by_code = {r.code: r.severity for r in rules}
    assert (by_code["SUP001"], by_code["SUP002"], by_code["SUP003"], by_code["SUP004"]) == ("error", "error", "warning", "error")


def test_suppression_in_multi_listing_file(lint):
    text = (
        "listings:\n"
        "  - sku: A1\n"
        "    title: see shop-name.com  # listlint: ignore[RED001] ok\n"
        "  - sku: A2\n"
        "    title: see shop-name.com\n"
    )
    assert codes(lint(text)) == [("RED001", 5)]


def test_suppressions_through_the_cli(tmp_path):
    (tmp_path / ".listlint.yaml").write_text("ignore: [LST, IPR, CLM]\n", encoding="utf-8")
    (tmp_path / "a.yaml").write_text("sku: A1\ntitle: see shop-name.com  # listlint: ignore[RED001] ok\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("sku: B1\ntitle: Steel bottle  # listlint: ignore[RED001] old\n", encoding="utf-8")
    result = run_cli("check", "--format", "json", cwd=tmp_path)
    assert [(d["path"], d["code"], d["line"], d["column"], d["severity"]) for d in json_diagnostics(result)] == [("b.yaml", "SUP003", 2, 22, "warning")]
    assert result.returncode == 0
    assert run_cli("check", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_suppression_text_inside_a_quoted_string_does_not_count(lint):
    text = 'sku: A1\ntitle: "see shop-name.com # listlint: ignore[RED001] hidden"\n'
    assert codes(lint(text)) == [("RED001", 2)]


def test_suppression_text_inside_a_block_scalar_does_not_count(lint):
    text = "sku: A1\ndescription: |\n  # listlint: ignore[RED001] hidden\n  Order at shop-name.com\n"
    assert codes(lint(text)) == [("RED001", 4)]


def test_suppression_text_inside_a_json_string_does_not_count(lint):
    text = '{"sku": "A1", "title": "see shop-name.com # listlint: ignore[RED001] hidden"}\n'
    assert codes(lint(text, name="item.json")) == [("RED001", 1)]


def test_readme_suppression_example_silences_what_it_names(rules, tmp_path):
    """The README's example must show suppressions that each silence a real finding (no
    SUP003), so a reader copying it learns the working form."""
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text("utf-8")
    section = readme.split("## Suppressions", 1)[1]
    example = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    listing = "sku: A1\nmarketplaces: [UK]\nbrand: Tinytots\n" + example
    unsuppressed = "\n".join(line.split("  # listlint:")[0] for line in listing.splitlines() if not line.startswith("# listlint:"))
    engine = Engine(rules, Config(root=tmp_path))
    found = {}
    for name, text in (("with.yaml", listing), ("without.yaml", unsuppressed)):
        (tmp_path / name).write_text(text + "\n", encoding="utf-8")
        found[name] = sorted(d.code for d in engine.lint_file(tmp_path / name, name).diagnostics)
    assert found["without.yaml"] == ["CLM004", "IPR001"]
    assert found["with.yaml"] == []
