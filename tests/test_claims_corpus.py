"""The claims, redirection and listing rules on real text: the findings a careful reviewer
asked for on the 863 real amazon.co.uk toy pages (tests/data/amazon-uk-toys-863.json,
CC BY-SA 4.0) are reported at the offending words, and the false alarms the review found
stay quiet."""

from __future__ import annotations

from functools import lru_cache

import pytest

from listlint.config import Config
from listlint.engine import Engine
from listlint.rules import load_rules

from .conftest import ROOT

CORPUS = ROOT / "tests" / "data" / "amazon-uk-toys-863.json"
CODES = ("LST002", "LST004", "LST005", "LST009", "LST014", "LST023", "LST019", "LST024", "LST025", "CLM002", "CLM004", "CLM008", "CLM009", "RED001", "RED006", "RED007", "RED008", "REV017")

# (sku, code, field, the reported words)
MUST_REPORT = [
    ("toy-509", "LST014", "title", "Free UK delivery"),  # a shipping offer in the title
    ("toy-515", "LST014", "title", "Free UK delivery"),
    # one postage statement, one finding from its first offending words to its last
    ("toy-076", "LST014", "description", "£1.00 P&H for combined items under £10.00, £2.00 - £3.50 P&H for combined items between £10 to £50, Free P&H for the shipment, when combined items order over £50"),
    ("toy-770", "RED007", "description", "http://www.amazon.co.uk/s/ref=nb_sb_noss?url=me%3DAIAQIGU3HG9US&field-keywords=ICONIX+"),
    ("toy-753", "RED008", "description", "click here"),
    ("toy-682", "CLM008", "description", "lymph circulation"),
    ("toy-258", "LST019", "description", "Brand New Mint Condition"),  # one statement, one finding
    ("toy-853", "LST019", "description", "Brand new factory sealed"),
    ("toy-753", "LST002", "title", "!!"),
    ("toy-248", "REV017", "description", "Amazon.co.uk Review"),  # an editorial review copied from an Amazon page
    ("toy-021", "REV017", "description", "Amazon.co.uk Review"),
    ("toy-568", "REV017", "description", "Customer Reviews:"),  # customers' reviews pasted into the description
    ("toy-016", "LST014", "description", "Dispatch from Hong kong by Roylmail,8-12 working days arrival"),  # delivery details without "free"
    ("toy-464", "LST014", "description", "posted 1st Class"),
    ("toy-409", "LST014", "description", "ADDITIONAL POSTAGE CHARGES"),
    ("toy-416", "LST014", "description", "DELIVERY SURCHARGE"),
    ("toy-675", "LST014", "description", "CANNOT BE DELIVERED OUTSIDE"),
    # the third session's review of the second review's misses
    ("toy-464", "LST014", "description", "Orders take approx 2-4 days"),  # a delivery time without "working days"
    ("toy-067", "LST014", "description", "prices include VAT & Delivery"),  # what the price covers
    ("toy-577", "LST014", "description", "Free Shipping"),  # a bare shipping offer in a description
    ("toy-577", "LST014", "description", "takes about 20 days to reach you"),
    ("toy-645", "REV017", "description", '"One of the absolute best, ingenious and coolest toys of the year" Washington Post'),  # a press quote
    ("toy-694", "LST005", "description", "one of the best selling"),  # a sales ranking without a number
    ("toy-712", "LST004", "title", "Hottest Toy"),  # promotional in a title (session 10 review: not a ranking claim)
    ("toy-663", "LST004", "title", "Discount"),  # a price advertised in the title
    ("toy-757", "LST004", "title", "Bargain Price"),
    ("toy-558", "LST023", "description", "search for more great items from"),  # the seller's other listings
    ("toy-744", "LST023", "description", "search for more great items from"),
    ("toy-515", "LST023", "description", "see our other listings"),
    ("toy-378", "LST023", "description", "See our storefront"),
    # session 11: the independent review's misses
    ("toy-757", "LST019", "title", "NEW"),  # "... CLIMBING FRAME NEW": the condition ends the title
    ("toy-819", "LST019", "title", "New"),  # "- IN STOCK - New"
    ("toy-057", "LST019", "title", "new, without package"),
    ("toy-860", "LST019", "description", "still in very good condition"),  # a used item's grade (IPR005 sample read)
    ("toy-372", "LST019", "description", "Condition: In OPP Bag, In Good Condition"),
    ("toy-091", "LST019", "title", "new and sealed"),
    ("toy-610", "LST005", "description", "the leading manufacturer"),  # "Bontempi are the leading manufacturer in ..."
    ("toy-736", "LST005", "description", "the leading supplier"),
    ("toy-610", "LST009", "description", "See all Product Description"),  # a product page's link text, copied
    ("toy-574", "LST023", "description", "Also available Two Towers and Return of the King expansions sets"),
    ("toy-725", "LST023", "description", "Also available are the range of"),
    ("toy-663", "CLM009", "description", "identify a child with hearing difficulties"),
    ("toy-757", "LST024", "title", "Bargain Price RED PIRATE SHIP BOAT STEER"),  # mostly capitals, "Bargain Price" and "for" aside
    ("toy-336", "LST024", "title", "Jadlam Racing New MICRO SCALEXTRIC 2x HA"),
    ("toy-629", "LST025", "brand", "unisex party bag fillers"),  # a shop's category as the brand
    ("toy-146", "LST025", "brand", "Christmas and Decorations"),  # a diagnostic purpose: a medical device
]
# (sku, code): findings the review judged wrong
REVIEWED_WRONG = [
    ("toy-075", "LST005"),  # "Single line kites are the number one choice for youngsters": a kind of kite, not this product
    ("toy-724", "LST005"),
    ("toy-111", "CLM004"),  # "certified eco friendly by the Sustainable Forestry Initiative (SFI)" names its certifier
    ("toy-424", "CLM002"),  # "toys for autistic children", "autism toys": who the toy suits, no claim to treat
    ("toy-563", "LST002"),  # "What's In Your Supermarket? Shopping List Memory Card Game": the game's name asks the question
    ("toy-857", "LST002"),  # "Who am I? Quiz"
    ("toy-840", "LST014"),
    ("toy-673", "LST019"),  # "Toy Tractor New Holland TM 175": a maker's name
    ("toy-181", "LST019"),  # "(New 2013)": the year's edition
    ("toy-669", "LST005"),  # "tested by SGS, the world's leading testing and certification company": ranks the test house
    ("toy-512", "LST023"),
    ("toy-582", "LST025"),  # "Green Toys And Games": a company's name, toys and games are not descriptive words here
    ("toy-469", "LST025"),  # "Party Bags 2 Go"
    ("toy-766", "LST024"),  # "Hot Wheels 68 SHELBY GT500 Hw WORKSHOP": a model name and a series in capitals, the rest not  # "also available in monkey, crocodile ... designs": this product's variations  # "Over £50,000 of Fun MoneyInstantly ready to play": play money in a game, words run together
]


@lru_cache(maxsize=1)
def _findings() -> tuple:
    engine = Engine(load_rules([]), Config(root=ROOT, select=CODES))
    return tuple(engine.lint_file(CORPUS, CORPUS.name).diagnostics)


def _reported(sku: str, code: str) -> list:
    return [d for d in _findings() if d.sku == sku and d.code == code]


@pytest.mark.parametrize(("sku", "code", "field", "words"), MUST_REPORT)
def test_reviewed_violation_is_reported_at_its_words(sku, code, field, words):
    assert (field, words) in [(d.field, d.match) for d in _reported(sku, code)]


@pytest.mark.parametrize(("sku", "code"), REVIEWED_WRONG)
def test_reviewed_false_alarm_stays_quiet(sku, code):
    assert _reported(sku, code) == []


def test_a_run_of_one_forbidden_character_is_one_finding_that_names_it_once():
    (finding,) = _reported("toy-753", "LST002")
    assert finding.message == "Character ! is not allowed in titles (here: !!)"


def test_touching_condition_phrases_do_not_overlap():
    spans = sorted((d.sku, d.field, d.line, d.column, d.end_line, d.end_column) for d in _findings() if d.code == "LST019")
    for before, after in zip(spans, spans[1:]):
        if before[:2] == after[:2]:
            assert (before[4], before[5]) <= (after[2], after[3]), (before, after)


def test_a_postage_statement_is_one_finding_at_its_first_offending_words():
    (finding,) = _reported("toy-076", "LST014")  # was eight: six prices, "Free P&H" and "£50"
    line = CORPUS.read_text("utf-8").splitlines()[finding.line - 1]
    assert line[finding.column - 1 :].startswith("£1.00 P&H") and finding.match.endswith("order over £50")


def test_statements_in_separate_sentences_stay_separate_findings():
    assert [d.match for d in _reported("toy-577", "LST014")] == ["Free Shipping", "FREE SHIPPING", "takes about 20 days to reach you"]
