"""Configuration: discovery, every key, and the errors of bad config and user rulesets."""

from __future__ import annotations

import json
import textwrap
import time
from pathlib import Path

import pytest

try:
    from tests.conftest import json_diagnostics, run_cli
except ImportError:  # tests/ not a package
    from conftest import json_diagnostics, run_cli
from listlint.config import PRESETS, find_config, load_config
from listlint.errors import ConfigError
from listlint.rules import load_rules

OTHERS = ["LST", "IPR", "CLM"]  # families still being written; kept out of exact expectations
URL_AND_MAIL = "sku: A1\ntitle: Steel bottle at shop-name.com\nbullets:\n  - write to help@shop.com\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def config(folder: Path, text: str, name: str = ".listlint.yaml", others: bool = True) -> Path:
    """A YAML config; unless `others` is False the still-changing families are ignored."""
    body = textwrap.dedent(text)
    if others and "ignore:" not in body:
        body = f"ignore: [{', '.join(OTHERS)}]\n" + body
    return write(folder, name, body)


def found(result) -> list[tuple[str, str, int, int]]:
    assert result.returncode in (0, 1), result.stderr
    return [(d["path"], d["code"], d["line"], d["column"]) for d in json_diagnostics(result)]


def check(folder: Path, *args: str):
    return run_cli("check", "--format", "json", *args, cwd=folder)


def assert_exit_2(result, *parts: str) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("listlint: ")
    assert "internal error" not in lines[0]
    for part in parts:
        assert part in lines[0], lines[0]
    return lines[0]


USER_RULE = """\
ruleset: house
rules:
  - code: USR001
    name: house-term
    severity: error
    kind: terms
    terms: [gizmo deluxe]
    message: "House term {match} in {field}"
    why: The marketing team retired this name.
    sources:
      - url: https://example.com/house-style
        as_of: 2025-01-01
        strength: official
"""


# discovery ---------------------------------------------------------------------------------


def test_config_found_from_a_subfolder_upward(tmp_path):
    config(tmp_path, "ignore: [RED001]\n")
    write(tmp_path, "a/b/c/item.yaml", URL_AND_MAIL)
    result = check(tmp_path / "a" / "b" / "c")
    assert found(result) == [("item.yaml", "RED002", 4, 14)]
    assert find_config(tmp_path / "a" / "b" / "c") == tmp_path / ".listlint.yaml"


def test_listlint_yml_spelling_is_found(tmp_path):
    config(tmp_path, "ignore: [RED002]\n", name=".listlint.yml")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert found(check(tmp_path)) == [("item.yaml", "RED001", 2, 24)]


def test_pyproject_tool_listlint(tmp_path):
    write(tmp_path, "pyproject.toml", '[project]\nname = "shop"\n\n[tool.listlint]\nignore = ["RED002", "LST", "IPR", "CLM"]\nfail_on = "never"\n')
    write(tmp_path, "sub/item.yaml", URL_AND_MAIL)
    result = check(tmp_path / "sub")
    assert found(result) == [("item.yaml", "RED001", 2, 24)]
    assert result.returncode == 0  # fail_on never from pyproject


def test_pyproject_without_tool_listlint_is_passed_over(tmp_path):
    config(tmp_path, "ignore: [RED002]\n")
    write(tmp_path, "sub/pyproject.toml", '[project]\nname = "shop"\n[tool.black]\nline-length = 100\n')
    write(tmp_path, "sub/item.yaml", URL_AND_MAIL)
    assert find_config(tmp_path / "sub") == tmp_path / ".listlint.yaml"
    assert found(check(tmp_path / "sub")) == [("item.yaml", "RED001", 2, 24)]


def test_nearest_config_wins(tmp_path):
    config(tmp_path, "ignore: [RED001]\n")
    write(tmp_path, "sub/pyproject.toml", '[tool.listlint]\nignore = ["RED002", "LST", "IPR", "CLM"]\n')
    write(tmp_path, "sub/item.yaml", URL_AND_MAIL)
    assert found(check(tmp_path / "sub")) == [("item.yaml", "RED001", 2, 24)]


def test_listlint_yaml_beats_pyproject_in_the_same_folder(tmp_path):
    config(tmp_path, "ignore: [RED001]\n")
    write(tmp_path, "pyproject.toml", '[tool.listlint]\nignore = ["RED002", "LST", "IPR", "CLM"]\n')
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert found(check(tmp_path)) == [("item.yaml", "RED002", 4, 14)]


def test_config_option_wins_over_discovery(tmp_path):
    config(tmp_path, "ignore: [RED001]\n")
    config(tmp_path, "ignore: [RED002, LST, IPR, CLM]\n", name="ci/strict.yaml")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert found(check(tmp_path, "--config", "ci/strict.yaml")) == [("item.yaml", "RED001", 2, 24)]
    assert found(check(tmp_path, "--config", str(tmp_path / "ci" / "strict.yaml"))) == [("item.yaml", "RED001", 2, 24)]


def test_config_option_can_name_a_pyproject(tmp_path):
    config(tmp_path, "ignore: [RED001]\n")
    write(tmp_path, "other/pyproject.toml", '[tool.listlint]\nignore = ["RED002", "LST", "IPR", "CLM"]\n')
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert found(check(tmp_path, "--config", "other/pyproject.toml")) == [("item.yaml", "RED001", 2, 24)]


def test_empty_config_file_means_defaults(tmp_path):
    write(tmp_path, ".listlint.yaml", "# nothing configured yet\n")
    loaded = load_config(None, tmp_path)
    assert loaded.path == tmp_path / ".listlint.yaml"
    assert loaded.select == () and loaded.marketplaces == ("US",) and loaded.fail_on == "error"


# errors ------------------------------------------------------------------------------------


def test_unknown_key_is_exit_2_with_did_you_mean_and_position(tmp_path):
    config(tmp_path, "select: [RED]\nmarketplace: [DE]\n")  # line 3 after the added ignore line
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), ".listlint.yaml:3:1:", "unknown field 'marketplace'", "did you mean 'marketplaces'?")


def test_unknown_nested_key_is_exit_2(tmp_path):
    config(tmp_path, "files:\n  listing: ['*.yaml']\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), ".listlint.yaml:3:3:", "files.listing", "did you mean 'listings'?")


def test_unknown_key_in_pyproject_is_exit_2(tmp_path):
    write(tmp_path, "pyproject.toml", '[tool.listlint]\nignroe = ["RED002"]\n')
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "pyproject.toml", "[tool.listlint]", "ignroe", "did you mean 'ignore'?")


@pytest.mark.parametrize(
    ("body", "parts"),
    [
        ("severity:\n  RED001: fatal\n", (".listlint.yaml:3:11:", "severity.RED001", "'fatal'")),
        ("fail_on: errors\n", (".listlint.yaml:2:10:", "fail_on", "did you mean 'error'?")),
        ("marketplaces: [USA]\n", (".listlint.yaml:2:16:", "marketplaces[0]", "did you mean 'US'?")),
        ("select: [red001]\n", (".listlint.yaml:2:10:", "select[0]")),
        ("select: RED001\n", (".listlint.yaml:2:9:", "select", "must be a list")),
        ("presets: [title-80]\n", (".listlint.yaml:2:11:", "presets[0]", "title-75")),
        ("per_file_ignores:\n  'a/*.yaml': RED001\n", (".listlint.yaml:3:15:", "per_file_ignores")),
        ("rule_options:\n  RED001: 5\n", (".listlint.yaml:3:11:", "rule_options.RED001")),
        ("select: [RED\n", (".listlint.yaml:", "invalid config YAML")),
        ("select: [RED]\nselect: [INP]\n", (".listlint.yaml:3:1:", "invalid config YAML", "select")),
    ],
)
def test_invalid_config_values_are_exit_2_with_position(tmp_path, body, parts):
    config(tmp_path, body)
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), *parts)


def test_config_that_is_a_list_is_exit_2(tmp_path):
    config(tmp_path, "- RED001\n", others=False)
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), ".listlint.yaml:1:1:", "config", "must be a mapping")


def test_config_that_is_not_utf8_is_exit_2(tmp_path):
    (tmp_path / ".listlint.yaml").write_bytes(b"select: [RED]\n# caf\xe9\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), ".listlint.yaml", "cannot read config")


def test_load_config_raises_config_error(tmp_path):
    path = config(tmp_path, "ignroe: [RED001]\n", others=False)
    with pytest.raises(ConfigError) as raised:
        load_config(path, tmp_path)
    assert (raised.value.line, raised.value.column) == (1, 1)
    assert "did you mean 'ignore'?" in raised.value.problem


# keys --------------------------------------------------------------------------------------


def test_select_key(tmp_path):
    config(tmp_path, "select: [RED002]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert found(check(tmp_path)) == [("item.yaml", "RED002", 4, 14)]


def test_select_by_prefix(tmp_path):
    config(tmp_path, "select: [RED]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert [c for _, c, *_ in found(check(tmp_path))] == ["RED001", "RED002"]


def test_ignore_key_by_prefix(tmp_path):
    config(tmp_path, "ignore: [RED, LST, IPR, CLM]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    result = check(tmp_path)
    assert found(result) == []
    assert result.returncode == 0


def test_severity_override_downgrades_and_exit_changes(tmp_path):
    config(tmp_path, "severity:\n  RED001: warning\n  RED002: info\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    result = check(tmp_path)
    assert [(d["code"], d["severity"]) for d in json_diagnostics(result)] == [("RED001", "warning"), ("RED002", "info")]
    assert result.returncode == 0  # default fail-on error
    assert json.loads(result.stdout)["summary"] == {"files": 1, "errors": 0, "warnings": 1, "info": 1}
    assert run_cli("check", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_severity_override_can_raise(tmp_path):
    config(tmp_path, "severity:\n  INP003: error\n")
    write(tmp_path, "item.yaml", "\ufeffsku: A1\ntitle: Steel bottle\n")
    result = check(tmp_path)
    assert [(d["code"], d["severity"]) for d in json_diagnostics(result)] == [("INP003", "error")]
    assert result.returncode == 1


def test_fail_on_key(tmp_path):
    config(tmp_path, "fail_on: warning\n")
    write(tmp_path, "item.yaml", "\ufeffsku: A1\ntitle: Steel bottle\n")
    assert run_cli("check", cwd=tmp_path).returncode == 1
    config(tmp_path, "fail_on: never\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert run_cli("check", cwd=tmp_path).returncode == 0


MARKET_RULE = """\
ruleset: german
rules:
  - code: USR010
    name: german-only
    severity: error
    kind: terms
    terms: [kostenlos]
    marketplaces: [DE]
    message: "Term {match} in {field}"
    why: A German marketplace rule.
    sources:
      - url: https://example.com/de
        as_of: 2025-01-01
"""


def test_marketplaces_default_applies_to_listings_that_name_none(tmp_path):
    write(tmp_path, "rules/german.yaml", MARKET_RULE)
    write(tmp_path, "item.yaml", "sku: A1\ntitle: Flasche kostenlos\n")
    write(tmp_path, "us.yaml", "sku: A2\nmarketplaces: [US]\ntitle: Flasche kostenlos\n")
    config(tmp_path, "rulesets: [rules/german.yaml]\n")
    assert found(check(tmp_path)) == []  # default US
    assert found(check(tmp_path, "--marketplace", "DE")) == []
    config(tmp_path, "rulesets: [rules/german.yaml]\nmarketplaces: [EU]\n")
    # --ignore CRT: the GPSR / LUCID certificate findings an EU listing also gets are not the point here
    assert found(check(tmp_path, "--ignore", "CRT")) == [("item.yaml", "USR010", 2, 16)]
    assert found(check(tmp_path, "--marketplace", "DE", "--ignore", "CRT")) == [("item.yaml", "USR010", 2, 16)]
    assert found(check(tmp_path, "--marketplace", "US")) == []


def test_user_ruleset_is_applied(tmp_path):
    write(tmp_path, "rules/house.yaml", USER_RULE)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "listings/item.yaml", "sku: A1\ntitle: The Gizmo-Deluxe bottle\n")
    result = check(tmp_path)
    (diagnostic,) = json_diagnostics(result)
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"], diagnostic["end_column"]) == ("USR001", 2, 12, 24)
    assert diagnostic["message"] == "House term Gizmo-Deluxe in title"
    assert diagnostic["name"] == "house-term"
    assert result.returncode == 1


def test_user_ruleset_path_is_relative_to_the_config_file(tmp_path):
    write(tmp_path, "rules/house.yaml", USER_RULE)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "deep/down/item.yaml", "sku: A1\ntitle: gizmo deluxe\n")
    assert found(check(tmp_path / "deep" / "down")) == [("item.yaml", "USR001", 2, 8)]


def test_user_rules_appear_in_select_and_suppressions(tmp_path):
    write(tmp_path, "rules/house.yaml", USER_RULE)
    config(tmp_path, "rulesets: [rules/house.yaml]\nselect: [USR]\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: gizmo deluxe at shop-name.com\n")
    assert found(check(tmp_path)) == [("item.yaml", "USR001", 2, 8)]
    write(tmp_path, "item.yaml", "sku: A1\ntitle: gizmo deluxe  # listlint: ignore[USR001] legacy name\n")
    assert found(check(tmp_path)) == []


def test_missing_user_ruleset_is_exit_2(tmp_path):
    config(tmp_path, "rulesets: [rules/nope.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "nope.yaml", "cannot read ruleset")


def test_files_globs(tmp_path):
    config(tmp_path, "files:\n  listings: ['catalogue/**/*.yaml']\n")
    write(tmp_path, "catalogue/a.yaml", URL_AND_MAIL)
    write(tmp_path, "catalogue/x/y/b.yaml", URL_AND_MAIL)
    write(tmp_path, "catalogue/c.json", json.dumps({"sku": "C", "title": "shop-name.com"}))
    write(tmp_path, "other/d.yaml", URL_AND_MAIL)
    write(tmp_path, "e.yaml", URL_AND_MAIL)
    result = check(tmp_path)
    assert sorted({p for p, *_ in found(result)}) == ["catalogue/a.yaml", "catalogue/x/y/b.yaml"]
    assert json.loads(result.stdout)["summary"]["files"] == 2


def test_exclude_folder_and_file(tmp_path):
    config(tmp_path, "exclude: ['drafts/**', 'old-*.yaml']\n")
    write(tmp_path, "drafts/a.yaml", URL_AND_MAIL)
    write(tmp_path, "sub/old-b.yaml", URL_AND_MAIL)
    write(tmp_path, "sub/new-b.yaml", URL_AND_MAIL)
    assert sorted({p for p, *_ in found(check(tmp_path))}) == ["sub/new-b.yaml"]


def test_exclude_applies_to_files_named_on_the_command_line(tmp_path):
    config(tmp_path, "exclude: ['drafts/**']\n")
    write(tmp_path, "drafts/a.yaml", URL_AND_MAIL)
    result = check(tmp_path, "drafts/a.yaml")
    assert found(result) == []
    assert json.loads(result.stdout)["summary"]["files"] == 0
    assert result.returncode == 0
    # also from inside the excluded folder: globs are relative to the config file
    inside = check(tmp_path / "drafts", "a.yaml")
    assert found(inside) == []


def test_dot_files_are_never_listings(tmp_path):
    config(tmp_path, "")
    write(tmp_path, ".github/workflows/ci.yaml", "sku: X\ntitle: shop-name.com\n")
    write(tmp_path, ".hidden.yaml", "sku: X\ntitle: shop-name.com\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: plain\n")
    result = check(tmp_path)
    assert found(result) == []
    assert json.loads(result.stdout)["summary"]["files"] == 1


BRAND_RULE = """\
ruleset: brands
rules:
  - code: USR020
    name: other-brand
    severity: error
    kind: terms
    terms: [Globex, Initech]
    skip_own_brand: true
    message: "Brand {match} in {field}"
    why: Third-party brand names.
    sources:
      - url: https://example.com/brands
        as_of: 2025-01-01
"""


def test_authorised_brands(tmp_path):
    write(tmp_path, "rules/brands.yaml", BRAND_RULE)
    write(tmp_path, "item.yaml", "sku: A1\nbrand: Acme\ntitle: Acme case for Globex and Initech phones\n")
    config(tmp_path, "rulesets: [rules/brands.yaml]\n")
    assert [(c, col) for _, c, _, col in found(check(tmp_path))] == [("USR020", 22), ("USR020", 33)]
    config(tmp_path, "rulesets: [rules/brands.yaml]\nauthorised_brands: [globex]\n")
    assert [(c, col) for _, c, _, col in found(check(tmp_path))] == [("USR020", 33)]


def test_per_file_ignores(tmp_path):
    config(tmp_path, "per_file_ignores:\n  'legacy/*.yaml': [RED001]\n  'promo/*': [RED]\n")
    write(tmp_path, "legacy/a.yaml", URL_AND_MAIL)
    write(tmp_path, "promo/b.yaml", URL_AND_MAIL)
    write(tmp_path, "current/c.yaml", URL_AND_MAIL)
    assert found(check(tmp_path)) == [
        ("current/c.yaml", "RED001", 2, 24),
        ("current/c.yaml", "RED002", 4, 14),
        ("legacy/a.yaml", "RED002", 4, 14),
    ]


def test_per_file_ignores_relative_to_the_config_file(tmp_path):
    config(tmp_path, "per_file_ignores:\n  'legacy/*.yaml': [RED001]\n")
    write(tmp_path, "legacy/a.yaml", URL_AND_MAIL)
    assert found(check(tmp_path / "legacy")) == [("a.yaml", "RED002", 4, 14)]


LENGTH_RULE = """\
ruleset: house
rules:
  - code: USR030
    name: short-title
    severity: error
    kind: length
    max: 50
    fields: [title]
    message: "title is {count} characters, over {limit}"
    why: House style.
    sources:
      - url: https://example.com/house-style
        as_of: 2025-01-01
"""


def test_rule_options_override_a_rule_option(tmp_path):
    write(tmp_path, "rules/house.yaml", LENGTH_RULE)
    write(tmp_path, "item.yaml", "sku: A1\ntitle: Steel bottle with lid\n")  # 21 characters
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    assert found(check(tmp_path)) == []
    config(tmp_path, "rulesets: [rules/house.yaml]\nrule_options:\n  USR030: {max: 10}\n")
    result = check(tmp_path)
    (diagnostic,) = json_diagnostics(result)
    assert (diagnostic["code"], diagnostic["line"], diagnostic["column"]) == ("USR030", 2, 18)  # first character past 10
    assert diagnostic["message"] == "title is 21 characters, over 10"


def test_rule_options_wrong_type_is_a_config_error(tmp_path):
    write(tmp_path, "rules/house.yaml", LENGTH_RULE)
    write(tmp_path, "item.yaml", "sku: A1\ntitle: Steel bottle with lid\n")
    config(tmp_path, "rulesets: [rules/house.yaml]\nrule_options:\n  USR030: {max: ten}\n")
    assert_exit_2(check(tmp_path), ".listlint.yaml:4:12:", "rule_options.USR030.max", "whole number")


@pytest.mark.parametrize(
    ("override", "parts"),
    [
        ("USR031: {max: 10}", (".listlint.yaml:4:3:", "unknown rule code USR031", "did you mean 'USR030'?")),
        ("USR030: {maxx: 10}", (".listlint.yaml:4:12:", "rule_options.USR030", "'maxx'")),
    ],
)
def test_rule_options_unknown_code_or_option_is_a_config_error(tmp_path, override, parts):
    write(tmp_path, "rules/house.yaml", LENGTH_RULE)
    write(tmp_path, "item.yaml", "sku: A1\ntitle: Steel bottle with lid\n")
    config(tmp_path, f"rulesets: [rules/house.yaml]\nrule_options:\n  {override}\n")
    assert_exit_2(check(tmp_path), *parts)


def _title_length_rule():
    rule = {r.code: r for r in load_rules([])}.get(next(iter(PRESETS["title-75"])))
    if rule is None:
        pytest.skip("the title-length rule of preset title-75 is not in the shipped rulesets yet")
    return rule


def test_preset_title_75(tmp_path):
    rule = _title_length_rule()
    assert rule.kind == "length" and "title" in rule.fields
    title = ("Stainless Steel Water Bottle with Leakproof Lid and Carry Loop for Hiking, Gym and Office " * 2)[:100]
    assert len(title) == 100
    write(tmp_path, "item.yaml", f"sku: A1\nbrand: Acmeware\ntitle: {title}\n")
    config(tmp_path, f"select: [{rule.code}]\n", others=False)
    assert found(check(tmp_path)) == []
    config(tmp_path, f"select: [{rule.code}]\npresets: [title-75]\n", others=False)
    result = check(tmp_path)
    assert [(d["code"], d["line"], d["column"]) for d in json_diagnostics(result)] == [(rule.code, 3, 8 + 75)]


def test_preset_then_rule_options_override_it(tmp_path):
    rule = _title_length_rule()
    title = "x" * 60 + " bottle"
    write(tmp_path, "item.yaml", f"sku: A1\ntitle: {title}\n")
    config(tmp_path, f"select: [{rule.code}]\npresets: [title-75]\nrule_options:\n  {rule.code}: {{max: 50}}\n", others=False)
    assert [(d["code"], d["column"]) for d in json_diagnostics(check(tmp_path))] == [(rule.code, 8 + 50)]


# broken user rulesets ----------------------------------------------------------------------

RULE_HEAD = """\
ruleset: house
description: House rules.
rules:
  - code: USR001
    name: house-rule
    severity: error
"""
RULE_TAIL = """\
    message: "found {match}"
    why: House rule.
    sources:
      - url: https://example.com/policy
        as_of: 2025-01-01
"""


@pytest.mark.parametrize(
    ("middle", "parts"),
    [
        ("    kind: terms\n    terms: [x, y\n", ("house.yaml:8:12:", "invalid ruleset YAML", "never closed", "at 9:")),
        ("    kind: magic\n", ("house.yaml:7:11:", "rules[0].kind", "'magic'")),
        ("    kind: pattern\n    pattern: '(unclosed'\n", ("house.yaml:8:", "USR001", "invalid regular expression", "(unclosed")),
        ("    kind: pattern\n    patterns: ['ok', '[z-a]']\n", ("house.yaml:8:", "USR001", "invalid regular expression", "[z-a]")),
        ("    kind: pattern\n    pattern: 'x'\n    exceptions: ['ok', '(bad']\n", ("house.yaml:9:", "USR001", "invalid regular expression", "(bad")),
        ("    kind: pattern\n    pattern: 'x'\n    max: 5\n", ("house.yaml:9:", "USR001", "option 'max' does not belong to kind 'pattern'")),
        ("    kind: terms\n    terms: [x]\n    detect: url\n", ("house.yaml:9:", "option 'detect' does not belong to kind 'terms'")),
        ("    kind: pattern\n", ("house.yaml:4:", "USR001", "needs 'pattern' or 'patterns'")),
        ("    kind: length\n", ("house.yaml:4:", "USR001", "needs 'max'")),
        ("    kind: terms\n    terms: ['--']\n", ("house.yaml:", "USR001", "no letters or digits")),
        ("    kind: terms\n    terms: [x]\n    colour: red\n", ("house.yaml:9:5:", "unknown field 'colour'")),
        ("    kind: terms\n    terms: [x]\n    severity: fatal\n", ("house.yaml:", "duplicate key 'severity'")),
    ],
)
def test_broken_user_ruleset_is_exit_2_naming_file_and_line(tmp_path, middle, parts):
    write(tmp_path, "rules/house.yaml", RULE_HEAD + middle + RULE_TAIL)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), *parts)


def test_invalid_regex_in_patterns_points_at_the_patterns_line(tmp_path):
    write(tmp_path, "rules/house.yaml", RULE_HEAD + "    kind: pattern\n    patterns: ['ok', '[z-a]']\n" + RULE_TAIL)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "house.yaml:8:")


@pytest.mark.parametrize("missing", ["name", "severity", "message", "why", "sources"])
def test_user_rule_missing_required_key(tmp_path, missing):
    text = RULE_HEAD + "    kind: terms\n    terms: [x]\n" + RULE_TAIL
    lines = text.splitlines(keepends=True)
    kept = []
    skipping = False
    for line in lines:
        if line.startswith(f"    {missing}:"):
            skipping = True
            continue
        if skipping and line.startswith("      "):
            continue
        skipping = False
        kept.append(line)
    write(tmp_path, "rules/house.yaml", "".join(kept))
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "house.yaml:4:5:", f"required field '{missing}' is missing")


def test_duplicate_code_with_a_shipped_rule(tmp_path):
    write(tmp_path, "rules/house.yaml", RULE_HEAD.replace("USR001", "RED001") + "    kind: terms\n    terms: [x]\n" + RULE_TAIL)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "house.yaml:4:", "RED001", "code already used by", "redirection.yaml:")


def test_duplicate_code_within_user_rulesets(tmp_path):
    rule = RULE_HEAD + "    kind: terms\n    terms: [x]\n" + RULE_TAIL
    write(tmp_path, "rules/a.yaml", rule)
    write(tmp_path, "rules/b.yaml", rule)
    config(tmp_path, "rulesets: [rules/a.yaml, rules/b.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "b.yaml:4:", "USR001", "code already used by", "a.yaml:4")


def test_bad_code_format(tmp_path):
    write(tmp_path, "rules/house.yaml", RULE_HEAD.replace("USR001", "USR1") + "    kind: terms\n    terms: [x]\n" + RULE_TAIL)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "house.yaml:4:11:", "rules[0].code")


def test_ruleset_with_two_documents(tmp_path):
    rule = RULE_HEAD + "    kind: terms\n    terms: [x]\n" + RULE_TAIL
    write(tmp_path, "rules/house.yaml", rule + "---\n" + rule)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", URL_AND_MAIL)
    assert_exit_2(check(tmp_path), "house.yaml:1:1:", "exactly one YAML document")


CATASTROPHIC = """\
ruleset: slow
rules:
  - code: USR040
    name: slow-pattern
    severity: error
    kind: pattern
    pattern: '(a|aa)+$'
    fields: [title, description]
    message: "found {match}"
    why: A pattern that backtracks catastrophically.
    sources:
      - url: https://example.com/slow
        as_of: 2025-01-01
"""


def test_catastrophic_pattern_times_out_as_lnt001(tmp_path):
    write(tmp_path, "rules/slow.yaml", CATASTROPHIC)
    config(tmp_path, "rulesets: [rules/slow.yaml]\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: " + "a" * 80 + "b\nbullets: [shop-name.com]\n")
    started = time.monotonic()
    result = check(tmp_path)
    elapsed = time.monotonic() - started
    assert elapsed < 20, elapsed
    diagnostics = json_diagnostics(result)
    assert [(d["code"], d["severity"], d["field"], d["sku"]) for d in diagnostics] == [("LNT001", "warning", "title", "A1"), ("RED001", "error", "bullets[0]", "A1")]
    assert "USR040" in diagnostics[0]["message"] and "'title'" in diagnostics[0]["message"]
    assert (diagnostics[0]["line"], diagnostics[0]["column"]) == (2, 8)  # at the text that timed out
    assert result.returncode == 1


def test_catastrophic_pattern_alone_does_not_fail_the_run(tmp_path):
    write(tmp_path, "rules/slow.yaml", CATASTROPHIC)
    config(tmp_path, "rulesets: [rules/slow.yaml]\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: " + "a" * 80 + "b\n")
    result = check(tmp_path)
    assert [d["code"] for d in json_diagnostics(result)] == ["LNT001"]
    assert result.returncode == 0  # a warning
    assert run_cli("check", "--fail-on", "warning", cwd=tmp_path).returncode == 1


def test_brief_example_pattern_finishes(tmp_path):
    """`(a+)+$` is the textbook catastrophic pattern; the regex module handles it, the run ends."""
    write(tmp_path, "rules/slow.yaml", CATASTROPHIC.replace("(a|aa)+$", "(a+)+$"))
    config(tmp_path, "rulesets: [rules/slow.yaml]\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: " + "a" * 5000 + "b\n")
    started = time.monotonic()
    result = check(tmp_path)
    assert time.monotonic() - started < 20
    assert {d["code"] for d in json_diagnostics(result)} <= {"LNT001"}


def test_timeout_skips_the_rule_for_the_rest_of_the_file(tmp_path):
    """Out of time once, the rule is not run on the file's later texts (LNT001 says so,
    once); the other rules still check them."""
    write(tmp_path, "rules/slow.yaml", CATASTROPHIC.replace("'(a|aa)+$'", "'(a|aa)+$|forbidden'"))
    config(tmp_path, "rulesets: [rules/slow.yaml]\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: " + "a" * 80 + "b\ndescription: a forbidden word at shop-name.com\n")
    codes = [(d["code"], d["field"]) for d in json_diagnostics(check(tmp_path))]
    assert codes == [("LNT001", "title"), ("RED001", "description")]


def test_user_ruleset_in_the_project_is_not_linted_as_a_listing(tmp_path):
    write(tmp_path, "rules/house.yaml", RULE_HEAD + "    kind: terms\n    terms: [gizmo]\n" + RULE_TAIL)
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: Steel bottle\n")
    assert found(check(tmp_path)) == []


INVISIBLE_RULE = """\
ruleset: house
rules:
  - code: USR050
    name: joined-product-name
    severity: error
    kind: pattern
    pattern: 'deluxe\\u200d'
    keep_invisible: true
    message: "Zero-width joiner after {match} in {field}"
    why: Our feed tool adds joiners that break search.
    sources:
      - url: https://example.com/house-style
        as_of: 2025-01-01
        strength: official
"""


@pytest.mark.parametrize(("keep_invisible", "expected"), [("true", [("item.yaml", "USR050", 2, 18)]), ("false", [])])
def test_keep_invisible_patterns_see_the_text_as_written(tmp_path, keep_invisible, expected):
    # ignoring case, the literal "deluxe\u200d" is looked for in the lower-cased text as written;
    # without keep_invisible the pattern reads the text without the joiner and finds nothing
    write(tmp_path, "rules/house.yaml", INVISIBLE_RULE.replace("keep_invisible: true", f"keep_invisible: {keep_invisible}"))
    config(tmp_path, "rulesets: [rules/house.yaml]\n")
    write(tmp_path, "item.yaml", "sku: A1\ntitle: The Gizmo DELUXE\u200d bottle\n")
    assert found(check(tmp_path)) == expected
