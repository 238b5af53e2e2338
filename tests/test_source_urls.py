"""Law URLs follow their site's real scheme (issue 14).

Source URLs on the legislators' own sites were partly built from patterns; a URL of the
wrong shape is a dead link behind an error. Each site's scheme below is the one the site
itself uses (eCFR's citation parser tests, EUR-Lex ELI and CELEX forms, the e-Gov law ids,
the Federal Register of Legislation's title ids ...). A URL on one of these hosts that does
not fit is wrong, whatever its strength.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
import yaml

from .conftest import ROOT

SCHEMES = {
    # /current/title-N[/chapter-X][/subchapter-X][/part-N][/subpart-X][/section-N.N | /appendix-<its full name>]
    "www.ecfr.gov": r"/current/title-\d+(?:/chapter-[IVXLC]+)?(?:/subchapter-[A-Z]+)?(?:/part-\d+)?(?:/subpart-[A-Z]+)?(?:/appendix-(?:Appendix|Table|Supplement)%20[^/]+|/section-\d+\.\d+[a-z]?)?",
    # ELI (eli/<type>/<year>/<number>[(n)]/oj) or a CELEX / OJ reference
    "eur-lex.europa.eu": r"/eli/(?:dir|reg|dec|reg_impl|reg_del|dir_impl|dir_del|dec_impl)/\d{4}/\d+(?:\(\d\))?/oj|/legal-content/[A-Z]{2}/(?:TXT|ALL)/\?uri=(?:CELEX:3\d{4}[LRDX]\d{4}|uriserv%3AOJ\.[LC]_\.\d{4}\.\d{3}\.01\.\d{4}\.01\.ENG)",
    "www.legislation.gov.uk": r"/(?:ukpga|uksi|eur|eudn|eudr|asp|ssi|nisr|wsi)/\d{4}/\d+(?:/schedule/\d+|/regulation/\d+|/section/\d+)?",
    # title ids: C (Acts) or F (instruments) + year + series letter + five digits
    "www.legislation.gov.au": r"/[CF]\d{4}[A-Z]\d{5}(?:/latest(?:/text)?)?",
    "laws-lois.justice.gc.ca": r"/(?:eng|fra)/(?:acts/[A-Z]-[\d.]+|regulations/(?:SOR-\d{2,4}-\d+|C\.R\.C\.,_c\._\d+))/",
    # law id: era+year (3 digits), AC (Act) / CO (Cabinet Order) / M (ministerial), 10 digits
    "laws.e-gov.go.jp": r"/law/\d{3}(?:AC|CO|M\d{2})\d{10}",
    "www.gesetze-im-internet.de": r"/[a-z0-9_]+/(?:__\d+[a-z]?\.html)?",
    "www.legifrance.gouv.fr": r"/(?:codes/texte_lc/LEGITEXT\d{12}/?|(?:jorf|loda)/id/JORFTEXT\d{12}/?)",
    "www.govinfo.gov": r"/content/pkg/FR-\d{4}-\d{2}-\d{2}/html/[\w-]+\.htm",
    "www.federalregister.gov": r"/d/\d{4}-\d+",
    "www.boe.es": r"/buscar/act\.php\?id=BOE-A-\d{4}-\d+",
    "www.normattiva.it": r"/uri-res/N2Ls\?urn:nir:stato:[a-z.]+:\d{4}-\d{2}-\d{2};\d+",
}
# retired hosts of official texts that moved: cite where the text lives now
RETIRED = {"edocket.access.gpo.gov": "www.ecfr.gov", "www.gpo.gov": "www.govinfo.gov"}


def _urls() -> list[str]:
    found: set[str] = set()
    rulesets = ROOT / "rulesets"
    for path in [*rulesets.glob("*.yaml"), *rulesets.glob("lang/*.yaml"), *rulesets.glob("categories/*.yaml")]:
        found.update(_walk(yaml.safe_load(path.read_text("utf-8"))))
    return sorted(found)


def _walk(node: object):
    if isinstance(node, dict):
        if isinstance(node.get("url"), str) and "strength" in node:
            yield node["url"]
        for value in node.values():
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def fits_scheme(url: str) -> bool:
    parsed = urlparse(url)
    scheme = SCHEMES.get(parsed.hostname or "")
    if scheme is None:
        return True
    rest = url.split(parsed.netloc, 1)[1]
    return parsed.scheme == "https" and re.fullmatch(scheme, rest) is not None


def test_every_law_url_fits_its_site_scheme():
    wrong = [url for url in _urls() if not fits_scheme(url)]
    assert not wrong, wrong


def test_no_source_cites_a_retired_host():
    stale = [url for url in _urls() if urlparse(url).hostname in RETIRED]
    assert not stale, stale


@pytest.mark.parametrize(
    ("url", "fits"),
    [
        ("https://www.ecfr.gov/current/title-47/section-15.201", True),
        ("https://www.ecfr.gov/current/title-21/chapter-I/subchapter-J/part-1040/section-1040.11", True),
        ("https://www.ecfr.gov/current/title-10/part-430/subpart-B/appendix-Appendix%20Z%20to%20Subpart%20B%20of%20Part%20430", True),
        ("https://www.ecfr.gov/current/title-10/part-430/subpart-B/appendix-Z", False),  # eCFR names an appendix in full
        ("https://eur-lex.europa.eu/eli/reg/2023/988/oj", True),
        ("https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014D0059", True),
        ("https://eur-lex.europa.eu/eli/reg/2023/988", False),
        ("https://www.legislation.gov.uk/uksi/2012/1102", True),
        ("https://www.legislation.gov.uk/2012/1102", False),
        ("https://www.legislation.gov.au/F2023L01187/latest/text", True),
        ("https://www.legislation.gov.au/Series/F2023L01187", False),  # the old ComLaw path
        ("https://laws-lois.justice.gc.ca/eng/regulations/C.R.C.,_c._1551/", True),
        ("https://laws.e-gov.go.jp/law/337AC0000000104", True),
        ("https://laws.e-gov.go.jp/law/337AC000000104", False),
        ("https://www.legifrance.gouv.fr/jorf/id/JORFTEXT000026694613", True),
    ],
)
def test_the_schemes(url, fits):
    assert fits_scheme(url) == fits


def test_the_laser_decision_is_cited_by_celex():
    """Two acts share the ELI dec/2014/59 (the consumer laser decision is 59(1)): the short
    ELI is ambiguous, so it is cited by its CELEX number."""
    assert not [url for url in _urls() if "/eli/dec/2014/59/" in url]
    assert "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:32014D0059" in _urls()
