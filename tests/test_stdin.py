"""`listlint check - --stdin-filename PATH`: standard input linted as if it were the file PATH."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import json_diagnostics, run_cli

LISTING = "sku: A-1\ntitle: Visit www.acme-shop.com for more\n"


def _codes(result) -> list[str]:
    return [d["code"] for d in json_diagnostics(result)]


def test_stdin_is_linted_under_the_given_name(tmp_path: Path) -> None:
    result = run_cli("check", "-", "--stdin-filename", "listings/new.yaml", "--format", "json", cwd=tmp_path, input_text=LISTING)
    assert result.returncode == 1, result.stderr
    (diagnostic,) = json_diagnostics(result)
    assert (diagnostic["path"], diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("listings/new.yaml", "RED001", 2, 14)
    assert not (tmp_path / "listings").exists()  # nothing read from or written to that path


def test_the_name_chooses_the_format(tmp_path: Path) -> None:
    as_json = run_cli("check", "-", "--stdin-filename", "a.json", "--format", "json", cwd=tmp_path, input_text=LISTING)
    assert _codes(as_json) == ["INP001"]  # YAML is not JSON
    as_yaml = run_cli("check", "-", "--stdin-filename", "a.yaml", "--format", "json", cwd=tmp_path, input_text=LISTING)
    assert _codes(as_yaml) == ["RED001"]


def test_config_globs_and_per_file_ignores_follow_the_name(tmp_path: Path) -> None:
    (tmp_path / "shop").mkdir()
    (tmp_path / "shop" / ".listlint.yaml").write_text('exclude: ["drafts/**"]\nper_file_ignores: {"legacy/*.yaml": [RED]}\n', "utf-8")
    def codes(name: str) -> list[str]:
        return _codes(run_cli("check", "-", "--stdin-filename", name, "--format", "json", cwd=tmp_path, input_text=LISTING))
    assert codes("shop/listings/a.yaml") == ["RED001"]
    assert codes("shop/legacy/a.yaml") == []  # per-file ignore of the config found from the name's folder
    assert codes("shop/drafts/a.yaml") == []  # excluded: nothing checked
    excluded = run_cli("check", "-", "--stdin-filename", "shop/drafts/a.yaml", cwd=tmp_path, input_text=LISTING)
    assert excluded.returncode == 0 and "0 files" in excluded.stdout


def test_suppressions_in_the_text_apply(tmp_path: Path) -> None:
    text = "sku: A-1\ntitle: Visit www.acme-shop.com  # listlint: ignore[RED001] our own storefront\n"
    assert _codes(run_cli("check", "-", "--stdin-filename", "a.yaml", "--format", "json", cwd=tmp_path, input_text=text)) == []


def test_dash_without_a_name_says_how(tmp_path: Path) -> None:
    result = run_cli("check", "-", cwd=tmp_path, input_text=LISTING)
    assert result.returncode == 2 and result.stdout == ""
    assert "--stdin-filename PATH" in result.stderr and "no such file" not in result.stderr


def test_name_without_dash_and_dash_with_paths_are_errors(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(LISTING, "utf-8")
    alone = run_cli("check", "--stdin-filename", "a.yaml", cwd=tmp_path, input_text=LISTING)
    assert alone.returncode == 2 and "give `-`" in alone.stderr
    mixed = run_cli("check", "-", "a.yaml", "--stdin-filename", "b.yaml", cwd=tmp_path, input_text=LISTING)
    assert mixed.returncode == 2 and "cannot be combined" in mixed.stderr


def test_flat_file_from_stdin(tmp_path: Path) -> None:
    """Table formats stream their rows from the given text too."""
    header = "item_sku\titem_name\n"
    result = run_cli("check", "-", "--stdin-filename", "catalog/k.txt", "--format", "json", cwd=tmp_path, input_text=header + "K-1\tCall 1-800-555-0142 now\n")
    assert [(d["code"], d["line"]) for d in json_diagnostics(result)] == [("RED003", 2)]


def test_oversized_input_is_read_only_to_the_limit(tmp_path: Path) -> None:
    big = "sku: A-1\ndescription: '" + "x" * (21 * 1024 * 1024) + "'\n"
    result = run_cli("check", "-", "--stdin-filename", "a.yaml", "--format", "json", cwd=tmp_path, input_text=big)
    assert _codes(result) == ["INP009"]
