"""third-party-brand keeps its verdict on each brand field text (a catalog repeats its
brands): the real corpus's brands and protected ones, repeated and mixed, get the same
diagnostics as with every verdict worked out afresh (nothing kept), with and without
own_brands (IPR002 and IPR005)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
import yaml

from listlint.config import Config
from listlint.engine import Engine
from listlint.kinds import third_party_brand
from listlint.rules import load_rules

from .strings import CORPUS


def _listings_file(folder: Path) -> Path:
    brands = [listing["brand"] for listing in json.loads(CORPUS.read_text("utf-8"))["listings"] if listing.get("brand")]
    brands += ["Bluey", "BLUEY", "LEGO", "Lego", "PJ Masks", "Squishmallows", "Acme", "Hasbro", "Peppa Pig", "Acme Toys"] * 20
    random.Random(7).shuffle(brands)
    records = [{"sku": f"SKU-{n}", "brand": brand, "title": "Toy"} for n, brand in enumerate(brands)]
    path = folder / "listings.yaml"
    path.write_text(yaml.safe_dump_all(records, allow_unicode=True), "utf-8")
    return path


@pytest.mark.parametrize("own_brands", [(), ("Acme",)])
def test_brand_verdicts_kept_give_the_diagnostics_of_fresh_ones(tmp_path, monkeypatch, own_brands):
    path = _listings_file(tmp_path)
    kept = Engine(load_rules([]), Config(root=tmp_path, own_brands=own_brands)).lint_file(path, path.name).diagnostics
    monkeypatch.setattr(third_party_brand, "MAX_KEPT_BRANDS", 0)  # every verdict worked out again
    fresh = Engine(load_rules([]), Config(root=tmp_path, own_brands=own_brands)).lint_file(path, path.name).diagnostics
    code = "IPR002" if own_brands else "IPR005"
    assert sum(d.code == code for d in kept) > 100
    assert kept == fresh
