"""The content cache: a re-run on unchanged files is served from it, and anything a result
depends on (the file, the config, the rules and their lists, other files joined to it,
files it names, the date) makes it miss. The cache never fails a run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from listlint import engine as engine_module
from listlint.cache import Cache
from listlint.config import load_config
from listlint.run import lint_paths

from .conftest import ROOT, TEST_DATA, json_diagnostics, run_cli

AS_OF = "2026-11-29"


@pytest.fixture()
def catalog(tmp_path: Path) -> Path:
    """A copy of the listing fixtures (listings, packaging files) in a repository of its own."""
    folder = tmp_path / "repo"
    shutil.copytree(ROOT / "fixtures" / "listings", folder / "listings")
    (folder / ".git").mkdir()
    (folder / ".listlint.yaml").write_text("marketplaces: [US, UK, DE]\n", "utf-8")
    return folder


class Counting:
    """Counts the files the engine really lints (cache misses)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.files: list[str] = []
        original = engine_module.Engine.lint_group

        def lint_group(engine, files, complete):
            self.files += [shown for _, shown in files]
            return original(engine, files, complete)

        monkeypatch.setattr(engine_module.Engine, "lint_group", lint_group)


def _run(folder: Path, cache: Cache | None) -> list[tuple]:
    config = load_config(None, folder)
    config.as_of = AS_OF
    result = lint_paths(["listings"], config, folder, cache=cache)
    return [(d.path, d.line, d.column, d.code, d.message, d.fingerprint) for d in result.diagnostics]


def test_a_rerun_on_unchanged_files_lints_nothing(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = Cache(catalog / ".listlint_cache")
    first = _run(catalog, cache)
    counting = Counting(monkeypatch)

    def no_compiling(*args: object) -> None:
        raise AssertionError("a run on unchanged files compiled the rules")

    with monkeypatch.context() as patch:
        patch.setattr(engine_module, "Engine", no_compiling)
        assert _run(catalog, Cache(catalog / ".listlint_cache")) == first
    assert counting.files == []
    assert first == _run(catalog, None)  # and the cached result is the uncached one


def test_only_the_changed_file_is_linted_again(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(catalog, Cache(catalog / ".listlint_cache"))
    bottle = catalog / "listings" / "clean" / "water-bottle.yaml"
    bottle.write_text(bottle.read_text("utf-8").replace("Hand wash", "Hand-wash"), "utf-8")
    counting = Counting(monkeypatch)
    after = _run(catalog, Cache(catalog / ".listlint_cache"))
    assert counting.files == ["listings/clean/water-bottle.yaml"]
    assert after == _run(catalog, None)


def test_a_changed_packaging_file_relints_its_listing(catalog: Path) -> None:
    cache = Cache(catalog / ".listlint_cache")
    before = _run(catalog, cache)
    packaging = catalog / "listings" / "clean" / "packaging" / "aurivox-h700.yaml"
    packaging.write_text(packaging.read_text("utf-8").replace("FCC_ID, ", ""), "utf-8")
    after = _run(catalog, Cache(catalog / ".listlint_cache"))
    assert after == _run(catalog, None)
    new = set(after) - set(before)
    # the missing marking is reported on the packaging file, from the listing in another file
    assert any(path.endswith("aurivox-h700.yaml") and code.startswith("PKG") for path, _, _, code, _, _ in new)


def test_a_deleted_certificate_file_is_noticed_although_the_listing_is_unchanged(catalog: Path) -> None:
    listing = catalog / "listings" / "clean" / "water-bottle.yaml"
    (catalog / "listings" / "clean" / "docs").mkdir()
    certificate = catalog / "listings" / "clean" / "docs" / "lfgb.pdf"
    certificate.write_bytes(b"%PDF-1.4\n")
    listing.write_text(listing.read_text("utf-8") + "certificates:\n  - {type: LFGB_TEST_REPORT, number: R-1, issued: '2025-01-01', file: docs/lfgb.pdf}\n", "utf-8")
    cache = Cache(catalog / ".listlint_cache")
    assert not [d for d in _run(catalog, cache) if "lfgb.pdf" in d[4]]
    certificate.unlink()
    missing = [d for d in _run(catalog, Cache(catalog / ".listlint_cache")) if "lfgb.pdf" in d[4]]
    assert [d[3] for d in missing] == ["CRT013"] and missing == [d for d in _run(catalog, None) if "lfgb.pdf" in d[4]]


def test_a_changed_config_or_term_list_misses(catalog: Path) -> None:
    cache_folder = catalog / ".listlint_cache"
    rules = catalog / "rules"
    rules.mkdir()
    (rules / "terms.txt").write_text("stainless\n", "utf-8")
    (rules / "own.yaml").write_text(
        "ruleset: own\nrules:\n  - code: OWN001\n    name: own-term\n    severity: warning\n    kind: terms\n    terms_file: terms.txt\n"
        "    message: 'Own term {match}'\n    why: Our own list.\n    sources: [{url: 'https://example.com', as_of: '2026-01-01'}]\n",
        "utf-8",
    )
    (catalog / ".listlint.yaml").write_text("rulesets: [rules/own.yaml]\n", "utf-8")
    first = [d for d in _run(catalog, Cache(cache_folder)) if d[3] == "OWN001"]
    assert first
    (rules / "terms.txt").write_text("noise cancelling\n", "utf-8")
    second = [d for d in _run(catalog, Cache(cache_folder)) if d[3] == "OWN001"]
    assert second == [d for d in _run(catalog, None) if d[3] == "OWN001"] and second != first
    (catalog / ".listlint.yaml").write_text("rulesets: [rules/own.yaml]\nignore: [OWN]\n", "utf-8")
    assert not [d for d in _run(catalog, Cache(cache_folder)) if d[3] == "OWN001"]


def test_the_date_is_part_of_the_key(catalog: Path) -> None:
    (catalog / ".listlint.yaml").write_text("", "utf-8")
    old = run_cli("check", "listings", "--format", "json", "--as-of", "2026-11-29", cwd=catalog)
    later = run_cli("check", "listings", "--format", "json", "--as-of", "2031-01-01", cwd=catalog)
    uncached = run_cli("check", "listings", "--format", "json", "--as-of", "2031-01-01", "--no-cache", cwd=catalog)
    assert json_diagnostics(later) == json_diagnostics(uncached)
    assert json_diagnostics(later) != json_diagnostics(old)  # certificates expire by 2031


def test_cache_folder_layout_and_no_cache(catalog: Path) -> None:
    run_cli("check", "listings", "--no-cache", cwd=catalog)
    assert not (catalog / ".listlint_cache").exists()
    run_cli("check", "listings", cwd=catalog)
    folder = catalog / ".listlint_cache"
    assert (folder / "CACHEDIR.TAG").read_text("utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text("utf-8").splitlines()[-1] == "*"
    assert (folder / "results.sqlite3").is_file() and list(folder.glob("rules-*.pickle"))


def test_cache_dir_option_and_environment(catalog: Path, tmp_path: Path) -> None:
    chosen = tmp_path / "elsewhere"
    run_cli("check", "listings", "--cache-dir", str(chosen), cwd=catalog)
    assert (chosen / "results.sqlite3").is_file() and not (catalog / ".listlint_cache").exists()


@pytest.mark.parametrize("damage", ["garbage database", "garbage rules", "folder is a file", "deleted"])
def test_a_damaged_or_missing_cache_never_fails_a_run(catalog: Path, damage: str) -> None:
    expected = run_cli("check", "listings", "--format", "json", "--no-cache", cwd=catalog)
    run_cli("check", "listings", cwd=catalog)
    folder = catalog / ".listlint_cache"
    if damage == "garbage database":
        (folder / "results.sqlite3").write_bytes(b"not a database" * 100)
    elif damage == "garbage rules":
        for pickled in folder.glob("rules-*.pickle"):
            pickled.write_bytes(b"\x80\x05truncated")
    elif damage == "folder is a file":
        shutil.rmtree(folder)
        folder.write_text("a file where the cache folder would be\n", "utf-8")
    else:
        shutil.rmtree(folder)
    for _ in range(2):  # the run that meets the damage, and the one after it
        result = run_cli("check", "listings", "--format", "json", cwd=catalog)
        assert result.returncode == expected.returncode, result.stderr
        assert json.loads(result.stdout) == json.loads(expected.stdout)
    if damage == "folder is a file":
        assert folder.read_text("utf-8") == "a file where the cache folder would be\n"  # the user's file is left alone


def test_only_the_newest_parsed_rulesets_are_kept(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "cache")
    for n in range(6):
        cache.store(f"rules-{n}.pickle", [n])
    assert sorted(p.name for p in (tmp_path / "cache").glob("rules-*.pickle")) == [f"rules-{n}.pickle" for n in range(2, 6)]
    assert cache.load("rules-5.pickle") == [5] and cache.load("rules-0.pickle") is None


def test_a_schema_added_to_the_folder_is_noticed(tmp_path: Path) -> None:
    """The product type schemas are listed anew on every run, not remembered."""
    bracelet = TEST_DATA / "amazon" / "BRACELET.product_type_definition.json"
    (tmp_path / "schemas").mkdir()
    (tmp_path / ".listlint.yaml").write_text("product_type_schemas: schemas/\n", "utf-8")
    (tmp_path / "listings").mkdir()
    body = {"productType": "BRACELET", "requirements": "LISTING_PRODUCT_ONLY", "attributes": {"item_name": [{"value": "Silver Bead Bracelet", "marketplace_id": "ATVPDKIKX0DER"}]}}
    (tmp_path / "listings" / "bracelet.json").write_text(json.dumps(body, indent=2), "utf-8")
    before = run_cli("check", "listings", "--format", "json", cwd=tmp_path)
    assert not [d for d in json_diagnostics(before) if d["code"].startswith("SCH")]
    shutil.copy(bracelet, tmp_path / "schemas" / bracelet.name)
    after = run_cli("check", "listings", "--format", "json", cwd=tmp_path)
    assert [d for d in json_diagnostics(after) if d["code"] == "SCH001"]  # required attributes missing
    assert json_diagnostics(after) == json_diagnostics(run_cli("check", "listings", "--format", "json", "--no-cache", cwd=tmp_path))
