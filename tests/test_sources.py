"""Sources are graded by what they are (issue 14).

`official` and `regulator` are only for Amazon's own pages and the legislators' and
regulators' own sites (plus the publishers of the technical specifications a rule
cites); a copy of such a page, a consultancy, a lab or a blog is `secondary`. An error
rests on a firm source, so a copy tagged `official` would turn hearsay into an error.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

from .conftest import ROOT

FIRM = ("official", "regulator")
# host suffixes (a host matches itself and its subdomains)
AMAZON = re.compile(r"(^|\.)amazon(\.(com|co))?\.[a-z]{2,3}$")
LAW_AND_REGULATORS = (
    "europa.eu",  # eur-lex, the Commission, ECHA
    "gov",  # US federal and state: ecfr.gov, govinfo.gov, federalregister.gov, fcc.gov, cpsc.gov, fda.gov, epa.gov ...
    "gov.uk",  # legislation.gov.uk, gov.uk, trading standards
    "gesetze-im-internet.de", "bund.de",
    "gouv.fr",  # legifrance.gouv.fr, economie.gouv.fr
    "go.jp",  # laws.e-gov.go.jp, meti.go.jp
    "lg.jp",  # Japan's prefectures, which enforce the medicine advertising rules (metro.tokyo.lg.jp)
    "gov.au",  # legislation.gov.au, tga.gov.au, eess.gov.au
    "gc.ca", "canada.ca",  # laws-lois.justice.gc.ca, ised-isde.canada.ca
    "boe.es", "normattiva.it",  # the Spanish and Italian official journals' law databases
    "ippc.int", "unece.org",
    "asa.org.uk",  # the UK's advertising regulator: the CAP Code it applies
)
SPECIFICATION_PUBLISHERS = ("iso.org", "yaml.org", "rfc-editor.org", "unicode.org", "docs.python.org", "support.microsoft.com", "docs.astral.sh", "cwe.mitre.org")  # CWE: MITRE's weakness catalogue, for input-safety rules
AMAZON_REPOSITORIES = ("https://github.com/amzn/",)


def firm_source_allowed(url: str) -> bool:
    if url.startswith(AMAZON_REPOSITORIES):
        return True
    host = (urlparse(url).hostname or "").lower()
    if AMAZON.search(host):
        return True
    return any(host == suffix or host.endswith("." + suffix) for suffix in (*LAW_AND_REGULATORS, *SPECIFICATION_PUBLISHERS))


def _source_files() -> list[Path]:
    rulesets = ROOT / "rulesets"
    return sorted(rulesets.glob("*.yaml")) + sorted(rulesets.glob("lang/*.yaml")) + sorted(rulesets.glob("categories/*.yaml"))


def _sources(node: object):
    if isinstance(node, dict):
        if "url" in node and "strength" in node:
            yield node
        for value in node.values():
            yield from _sources(value)
    elif isinstance(node, list):
        for value in node:
            yield from _sources(value)


@pytest.mark.parametrize("path", _source_files(), ids=lambda p: p.name)
def test_every_firm_source_is_on_an_allowed_domain(path):
    data = yaml.safe_load(path.read_text("utf-8"))
    wrong = [f"{s['url']} ({s['strength']})" for s in _sources(data) if s["strength"] in FIRM and not firm_source_allowed(s["url"])]
    assert not wrong, f"{path.name}: tag these secondary or cite the law or Amazon's own page: {wrong}"


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://sellercentral.amazon.com/gp/help/external/201361070", True),
        ("https://sellercentral.amazon.co.jp/gp/help/external/help.html?itemID=V3N5ES8KNR3W3VG", True),
        ("https://sellercentral-europe.amazon.com/gp/help/external/help.html?itemID=S7NAH7QJM3QCWZW", True),
        ("https://www.ecfr.gov/current/title-47/section-15.201", True),
        ("https://www.asa.org.uk/type/capcode/code_rule/3.9.html", True),
        ("https://eur-lex.europa.eu/eli/dir/2014/53/oj", True),
        ("https://laws-lois.justice.gc.ca/eng/regulations/SOR-2011-17/", True),
        ("https://github.com/amzn/selling-partner-api-samples", True),
        ("http://hallikainen.org/org/FCC/FccRules/2014/15/201", False),  # a copy of the CFR
        ("http://tl.anbotek.com/news/the-fcc-radio-frequency-emission-compliance", False),  # a lab's copy of an Amazon notice
        ("https://github.com/dylan-travis/amz-json-documentation", False),
        ("https://amazon.fake-example.com/", False),
        ("https://notamazon.com/", False),
    ],
)
def test_the_domain_list(url, allowed):
    assert firm_source_allowed(url) == allowed


def test_category_sources_are_graded_too():
    from listlint.categories import load_catalog

    wrong = [s.url for s in load_catalog().sources.values() if s.strength in FIRM and not firm_source_allowed(s.url)]
    assert not wrong
