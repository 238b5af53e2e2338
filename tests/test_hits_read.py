"""The engine keeps a term hit only in a field where some check reads the hits of its
rule (CompileContext.reads_hits, Engine._hits_read_in): every finding is the same as when
every hit is kept, over the shipped rules with the fixtures and the real corpus, and over
rules that read one code in different fields (terms, claim and third-party-brand)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from listlint.api import Options, lint_files
from listlint.config import Config
from listlint.engine import Engine
from listlint.rules import load_rules

from .conftest import ROOT
from .strings import CORPUS


class _EveryCode(frozenset):
    """As if every check read every hit everywhere (the engine before reads_hits)."""

    def __contains__(self, code: object) -> bool:
        return True


def _keeping_every_hit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Engine, "_hits_read_in", lambda self, text_field: _EveryCode())


def test_the_shipped_rules_find_the_same_with_every_hit_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    options = Options(root=str(ROOT), as_of="2026-12-01")
    paths = [ROOT / "fixtures", CORPUS]
    kept = lint_files(paths, options)
    assert {d.code for d in kept} >= {"IPR001", "IPR004", "LST013", "CLM002"}
    _keeping_every_hit(monkeypatch)
    assert lint_files(paths, options) == kept


RULESET = textwrap.dedent(
    """
    ruleset: test-hits-read
    rules:
      - code: TST001
        name: search-words
        severity: warning
        kind: terms
        fields: [search_terms]
        terms: [best, lego, pj masks]
        message: "{match}"
        why: Test rule.
        sources: [{url: "https://example.com", as_of: "2026-01-01"}]
      - code: TST002
        name: title-brands
        severity: error
        kind: terms
        fields: [title]
        terms: [lego, acme]
        message: "{match}"
        why: Test rule.
        sources: [{url: "https://example.com", as_of: "2026-01-01"}]
      - code: TST003
        name: brand-names
        severity: warning
        kind: third-party-brand
        fields: [brand, bullets]
        terms_from: [TST001, TST002]
        brand_check: reminder
        message: "{match}"
        why: Test rule.
        sources: [{url: "https://example.com", as_of: "2026-01-01"}]
      - code: TST004
        name: cures
        severity: error
        kind: claim
        fields: [description]
        conditions: [colds, acme]
        before: [cures]
        message: "{match}"
        why: Test rule.
        sources: [{url: "https://example.com", as_of: "2026-01-01"}]
    """
)

LISTINGS = [
    {"title": "Lego best set", "bullets": ["acme parts", "best lego"], "description": "Cures colds, cures acme and best lego", "search_terms": "pj masks lego"},
    {"title": "PJ Masks", "brand": "Lego", "bullets": ["fits pj masks"], "description": "lego", "search_terms": "acme"},
    {"title": "plain", "brand": "Acme", "description": "nothing here", "search_terms": "best"},
]


def _findings(tmp_path: Path) -> list[tuple[str, str, str]]:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "t.yaml").write_text(RULESET, "utf-8")
    engine = Engine(load_rules([folder / "t.yaml"]), Config(root=folder, select=("TST",)))
    found = []
    for number, values in enumerate(LISTINGS):
        path = tmp_path / f"l{number}.yaml"
        path.write_text("\n".join(f"{key}: {json.dumps(value)}" for key, value in {"sku": f"A{number}", **values}.items()) + "\n", "utf-8")
        found += [(d.code, d.field, d.match) for d in engine.lint_file(path, path.name).diagnostics]
    return found


def test_rules_reading_one_code_in_different_fields_find_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kept = _findings(tmp_path)
    assert {code for code, _, _ in kept} == {"TST001", "TST002", "TST003", "TST004"}
    _keeping_every_hit(monkeypatch)
    assert _findings(tmp_path) == kept
