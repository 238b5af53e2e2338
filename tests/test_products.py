"""`requirements` for the 20 everyday products of the issue-14 audit, per marketplace.

Each case names what must be required (with the severity: error when Amazon's page or the
law says so and the category is certain) and what must not be (the audit's wrong items),
citing the rule in a comment. Items are matched by the start of their label:
"EU_DOC (RED)", "TEST_REPORT (UL 859", "not for sale".
"""

from __future__ import annotations

import pytest

from listlint.categories import load_catalog
from listlint.requirements import needed, probe_record

CATALOG = load_catalog()
TODAY = "2026-12-02"
MARKETS = ("US", "CA", "UK", "DE", "FR", "JP", "AU")

PRODUCTS = {
    "bluetooth earbuds": ("HEADPHONES", ["Bluetooth 5.3 wireless earbuds"], {"connectivity": "Bluetooth 5.3", "battery": {"cell_composition": "lithium_ion"}}),
    "wired headphones": ("HEADPHONES", ["Studio headphones"], {"connectivity": "Wired (3.5 mm)"}),
    "65 W USB-C charger": ("CHARGING_ADAPTER", ["65W USB-C GaN wall charger"], {}),
    "power bank": ("POWER_BANK", ["10000mAh power bank"], {"battery": {"cell_composition": "lithium_polymer"}}),
    "car LED strip": ("VEHICLE_LIGHT_BAR", ["Car interior LED strip lights"], {}),
    "iPhone battery": ("CELLULAR_PHONE_BATTERY", ["Replacement battery for iPhone 12"], {}),
    "plush toy": ("STUFFED_ANIMAL_TOY", ["Plush bunny 30 cm"], {"age_range": "3 years and up"}),
    "magnetic blocks": ("TOY_BUILDING_BLOCK", ["Magnetic building tiles, 60 pieces"], {"age_range": "3 years and up", "contains_magnets": True}),
    "high chair": ("HIGH_CHAIR", ["Wooden high chair"], {}),
    "hair dryer": ("HAIR_DRYER", ["1800 W ionic hair dryer"], {}),
    "e-scooter": ("ELECTRIC_SCOOTER", ["Electric scooter 25 km/h"], {}),
    "laser pointer": ("LASER_POINTER", ["Green laser pointer"], {}),
    "face cream": ("SKIN_MOISTURIZER", ["Hyaluronic face cream 50 ml"], {}),
    "vitamin D": ("VITAMIN", ["Vitamin D3 1000 IU softgels"], {}),
    "vegetable seeds": ("PLANT_SEED", ["Heirloom tomato seeds"], {"country_of_origin": "China"}),
    "wooden cutting board": ("CUTTING_BOARD", ["Acacia wood cutting board"], {"material": "Acacia wood"}),
    "disinfecting wipes": ("DISINFECTANT", ["Disinfecting wipes, kills 99.9% of germs"], {}),
    "T-shirt": ("SHIRT", ["Cotton T-shirt"], {"fabric_type": "100% cotton"}),
    "silver necklace": ("NECKLACE", ["Sterling silver pendant necklace"], {}),
    "digital thermometer": ("THERMOMETER", ["Digital forehead thermometer for adults"], {"battery_type": "CR2032"}),
    # beyond the audit's 20: the laser and textile gaps named after it
    "laser level": ("LASER_LEVEL", ["Self-levelling cross line laser level"], {}),
    "baseball cap": ("HAT", ["Cotton baseball cap"], {"fabric_type": "100% cotton"}),
    "fleece blanket": ("BLANKET", ["Fleece throw blanket"], {"fabric_type": "100% polyester"}),
}


def requirements_of(product: str, day: str = TODAY, **attributes) -> dict[str, dict[str, str]]:
    """marketplace -> {label: severity}."""
    product_type, keywords, base = PRODUCTS[product]
    record = probe_record(product_type, keywords, {**base, **attributes}, MARKETS)
    _, items = needed(CATALOG, record, day)
    found: dict[str, dict[str, str]] = {market: {} for market in MARKETS}
    for item in items:  # the same item from two categories: the stronger says it
        labels = found[item.marketplace]
        if labels.get(item.requirement.label()) != "error":
            labels[item.requirement.label()] = item.severity
    return found


def _find(labels: dict[str, str], start: str) -> str | None:
    return next((severity for label, severity in labels.items() if label.startswith(start)), None)


# (product, marketplace, must be required: {label start: severity}, must not be required)
CASES = [
    # wireless audio: RED, RoHS, common charger, battery duties; the FCC ID for the transmitter
    ("bluetooth earbuds", "US", {"FCC_ID": "error", "UN38_3": "error"}, []),
    ("bluetooth earbuds", "CA", {"ISED": "error"}, []),
    ("bluetooth earbuds", "UK", {"UKCA_DOC or EU_DOC (RED)": "error", "UKCA_DOC or EU_DOC (RoHS)": "error", "WEEE": "error", "BATTERY_COLLECTION": "error"}, []),
    ("bluetooth earbuds", "DE", {"EU_DOC (RED)": "error", "EU_DOC (RoHS)": "error", "CHARGER_PICTOGRAM": "error", "WEEE_REG": "error", "BATTERY_REG": "error", "LUCID": "error", "BATTERY_LABEL": "error"}, []),
    ("bluetooth earbuds", "FR", {"FR_UIN (EEE)": "error", "FR_UIN (BATTERIES)": "error", "FR_UIN (PACKAGING)": "error", "TRIMAN": "error"}, []),
    ("bluetooth earbuds", "JP", {"TELEC": "error", "GITEKI": "error"}, []),
    ("bluetooth earbuds", "AU", {"RCM": "error"}, []),
    # passive headphones: no radio (no FCC ID, no common-charger pictogram: RED Annex Ia), but EEE (CE, RoHS, WEEE)
    ("wired headphones", "US", {}, ["FCC_ID"]),
    ("wired headphones", "DE", {"EU_DOC (RoHS)": "error", "CE": "error", "WEEE": "error", "WEEE_REG": "error"}, ["CHARGER_PICTOGRAM", "EU_DOC (RED)"]),
    ("wired headphones", "UK", {"UKCA or CE": "error", "WEEE": "error"}, []),
    # charger without battery: no Batteries Regulation DoC; ecodesign 2019/1782; DOE Level VI, FCC Part 15B SDoC; diamond PSE
    ("65 W USB-C charger", "DE", {"EU_DOC (LVD; EMC; RoHS; ECODESIGN)": "error"}, ["EU_DOC (BATTERY)", "BATTERY_REG"]),
    ("65 W USB-C charger", "US", {"FCC_SDOC": "error", "EPS_EFFICIENCY": "error", "FCC_PART15": "error", "TEST_REPORT": "warning"}, ["FCC_ID"]),
    ("65 W USB-C charger", "JP", {"PSE": "error"}, []),
    ("65 W USB-C charger", "AU", {"EESS": "error", "RCM": "error"}, []),
    # power bank and bare battery: extra-low voltage is outside EESS; circle PSE in Japan
    ("power bank", "AU", {}, ["EESS", "RCM"]),
    ("power bank", "JP", {"PSE": "error"}, []),
    ("power bank", "DE", {"EU_DOC (BATTERY)": "error", "BATTERY_REG": "error"}, []),
    ("iPhone battery", "AU", {}, ["EESS", "RCM"]),
    ("iPhone battery", "US", {"UN38_3": "error", "SDS": "error"}, []),
    # vehicle-only digital devices are exempt from FCC authorisation (47 CFR 15.103(a))
    ("car LED strip", "US", {}, ["FCC_SDOC or FCC_ID", "FCC_SDOC", "FCC_ID"]),
    ("car LED strip", "DE", {"EU_DOC (EMC)": "error", "E_MARK": "warning"}, []),
    # toys: EN 71-1/-2/-3, CE, French toy UIN, CPSC eFiling (from 2026-07-08)
    ("plush toy", "US", {"CPC": "error", "TEST_REPORT (ASTM F963)": "error", "CPSC_EFILING": "error", "TRACKING_LABEL": "error"}, []),
    ("plush toy", "DE", {"EU_DOC (TOY)": "error", "TEST_REPORT (EN 71-1)": "error", "TEST_REPORT (EN 71-2)": "error", "TEST_REPORT (EN 71-3)": "error", "CE": "error"}, []),
    ("plush toy", "FR", {"FR_UIN (TOYS)": "error"}, []),
    ("plush toy", "UK", {"UKCA_DOC or EU_DOC": "error", "UKCA or CE": "error"}, []),
    ("plush toy", "CA", {"TEST_REPORT (SOR/2011-17)": "error"}, []),
    ("plush toy", "JP", {"TEST_REPORT": "error"}, []),
    ("magnetic blocks", "US", {"magnet warning": "warning", "TEST_REPORT (ASTM F963)": "error"}, []),
    ("magnetic blocks", "DE", {"magnet-eu warning": "warning", "TEST_REPORT (EN 71-1)": "error"}, []),
    # durable infant products: 16 CFR 1231 (ASTM F404), 16 CFR 1130 registration card
    ("high chair", "US", {"REGISTRATION_CARD": "error", "TEST_REPORT": "error", "CPC": "error", "CPSC_EFILING": "error"}, []),
    ("high chair", "FR", {"FR_UIN (FURNITURE)": "error", "FR_UIN (PACKAGING)": "error"}, []),
    # mains appliances: immersion protection (16 CFR 1120.3), LVD/EMC/RoHS, PSE from the law itself
    ("hair dryer", "US", {"TEST_REPORT (one of UL 859, UL 1727)": "error"}, []),
    ("hair dryer", "DE", {"EU_DOC (LVD; EMC)": "error", "EU_DOC (RoHS)": "error", "WEEE_REG": "error"}, []),
    ("hair dryer", "JP", {"PSE": "error", "JP_DOMESTIC_ADMIN": "warning"}, []),
    ("hair dryer", "AU", {"EESS": "error", "RCM": "error"}, []),
    # e-scooters: Machinery Directive, CE, WEEE, French EEE UIN
    ("e-scooter", "DE", {"EU_DOC (MD; EMC)": "error", "CE": "error", "WEEE": "error", "UN38_3": "error"}, []),
    ("e-scooter", "FR", {"FR_UIN (EEE)": "error"}, []),
    # laser pointers: not accepted on Amazon US; PSC in Japan
    ("laser pointer", "US", {"not for sale": "warning", "LASER_CLASS": "error"}, []),
    ("laser pointer", "JP", {"PSC": "error"}, []),
    ("laser pointer", "DE", {"CE": "error", "WEEE": "error", "LASER_CLASS": "error"}, ["not for sale"]),
    ("laser pointer", "UK", {"LASER_CLASS": "error", "UKCA or CE": "error"}, ["not for sale"]),
    ("laser pointer", "AU", {}, ["not for sale"]),
    # laser levels: FDA accession and labels; no class stated, no ban
    ("laser level", "US", {"FDA_LASER_ACCESSION": "error", "LASER_CLASS": "error"}, ["not for sale"]),
    ("laser level", "DE", {"CE": "error", "WEEE": "error"}, ["not for sale"]),
    # cosmetics: MoCRA, Canadian notification, Japanese licence, GB SCPN
    ("face cream", "US", {"FDA_REG": "error", "INGREDIENTS": "error"}, []),
    ("face cream", "CA", {"CA_COSMETIC_NOTIFICATION": "error"}, []),
    ("face cream", "JP", {"JP_COSMETICS_LICENCE": "error"}, []),
    ("face cream", "UK", {"SCPN": "error", "uk_responsible_person": "error"}, []),
    ("face cream", "DE", {"CPNP": "error"}, []),
    # food supplements: pre-market notifications and licences; no GPSR
    ("vitamin D", "CA", {"NPN": "error"}, []),
    ("vitamin D", "DE", {"BVL_NOTIFICATION": "error"}, ["gpsr_manufacturer_reference"]),
    ("vitamin D", "FR", {"TELEICARE": "error"}, []),
    ("vitamin D", "AU", {"ARTG": "error"}, []),
    ("vitamin D", "US", {"GMP": "error", "INGREDIENTS": "error"}, []),
    # seeds: Federal Seed Act label; imported seed needs phytosanitary certificate and permit
    ("vegetable seeds", "US", {"SEED_LABEL": "error", "PHYTOSANITARY": "error", "USDA_PERMIT": "error"}, []),
    ("vegetable seeds", "CA", {"SEED_LABEL": "error"}, []),
    ("vegetable seeds", "DE", {"SEED_LABEL": "error"}, []),
    # wooden kitchenware: food contact; the deforestation regulation (dated, below)
    ("wooden cutting board", "US", {"TEST_REPORT": "warning"}, []),
    # disinfectants: EPA registration; biocides (EU, GB); DIN (CA); TGO 104 (AU)
    ("disinfecting wipes", "US", {"EPA_REG or EPA_EST": "error"}, []),
    ("disinfecting wipes", "DE", {"BPR": "error"}, []),
    ("disinfecting wipes", "UK", {"BPR": "error"}, []),
    ("disinfecting wipes", "CA", {"DIN": "error"}, []),
    ("disinfecting wipes", "AU", {"TEST_REPORT (TGO 104)": "error"}, []),
    # textiles: fibre content from the law itself, RN / CA number, care symbols, French textile UIN
    ("T-shirt", "US", {"FIBER_CONTENT": "error", "TEXTILE_ID": "error", "CARE_LABEL": "error", "COUNTRY_OF_ORIGIN": "error"}, []),
    ("T-shirt", "CA", {"FIBER_CONTENT": "error", "TEXTILE_ID": "error"}, []),
    ("T-shirt", "JP", {"FIBER_CONTENT": "error", "CARE_LABEL": "error"}, []),
    ("T-shirt", "DE", {"FIBER_CONTENT": "error"}, []),
    ("T-shirt", "FR", {"FR_UIN (TEXTILES)": "error"}, []),
    # AU: Consumer Goods (Care Labelling) Information Standard 2023 (clothing and household textiles, not headwear)
    ("T-shirt", "AU", {"CARE_LABEL": "error"}, []),
    ("fleece blanket", "AU", {"CARE_LABEL": "error"}, []),
    ("baseball cap", "AU", {}, ["CARE_LABEL"]),
    # US: headwear is outside the Textile Act and the Care Labeling Rule; household textiles outside 16 CFR 423 only
    ("baseball cap", "US", {}, ["CARE_LABEL", "FIBER_CONTENT", "TEXTILE_ID"]),
    ("fleece blanket", "US", {"FIBER_CONTENT": "error", "TEXTILE_ID": "error"}, ["CARE_LABEL"]),
    # adult jewelry: lab reports only from secondary sources
    ("silver necklace", "US", {"TEST_REPORT": "warning"}, ["CPC"]),
    ("silver necklace", "DE", {"TEST_REPORT (REACH)": "warning"}, []),
    # FDA-regulated thermometer: 510(k) (21 CFR 880.2910), no CPSC button-cell rules
    ("digital thermometer", "US", {"FDA_510K": "error", "FDA_REG": "error"}, ["GCC", "TEST_REPORT (one of UL 4200A", "button-battery warning"]),
    ("digital thermometer", "CA", {"CA_MDL": "error"}, []),
    ("digital thermometer", "AU", {"ARTG": "error"}, ["TEST_REPORT"]),
    ("digital thermometer", "JP", {"JP_DEVICE_CERT": "error"}, []),
    ("digital thermometer", "DE", {"EU_DOC (MDR)": "error", "CE": "error", "WEEE": "error", "WEEE_REG": "error"}, []),
]


@pytest.mark.parametrize(("product", "market", "required", "absent"), CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_requirements_of_the_audited_products(product, market, required, absent):
    labels = requirements_of(product)[market]
    for start, severity in required.items():
        found = _find(labels, start)
        assert found == severity, (start, severity, found, sorted(labels))
    for start in absent:
        assert _find(labels, start) is None, (start, sorted(labels))


def test_every_product_is_in_a_category_for_certain():
    for product in PRODUCTS:
        product_type, keywords, attributes = PRODUCTS[product]
        matches = CATALOG.match(probe_record(product_type, keywords, attributes, MARKETS))
        assert any(m.reason.certain and not m.category.always for m in matches), product


@pytest.mark.parametrize(
    ("product", "stated", "banned", "allowed"),
    [
        # 21 CFR 1040.11(c): pointers up to Class IIIa (5 mW) in the US; EU/UK class 2M; AU 1 mW
        ("laser pointer", "Class 3R, 5mW", ["UK", "DE", "FR", "AU"], ["US", "JP", "CA"]),
        ("laser pointer", "Class IIIb 200mW", ["US", "UK", "DE", "FR", "AU"], ["JP", "CA"]),
        ("laser pointer", "2000mW", ["US", "UK", "DE", "FR", "AU"], []),
        ("laser pointer", "Class 2, <1mW", [], ["US", "UK", "DE", "FR", "AU"]),
        # 21 CFR 1040.11(b): levelling lasers up to Class IIIa; the AU import ban is on pointers only
        ("laser level", "Class 3R", ["UK", "DE", "FR"], ["US", "AU"]),
        ("laser level", "Class 3B", ["US", "UK", "DE", "FR"], ["AU"]),
    ],
)
def test_laser_class_or_power_in_the_title_decides_the_ban(product, stated, banned, allowed):
    product_type, keywords, attributes = PRODUCTS[product]
    record = probe_record(product_type, [f"{keywords[0]}, {stated}"], attributes, MARKETS)
    _, items = needed(CATALOG, record, TODAY)
    by_law = {n.marketplace for n in items if n.requirement.prohibited and n.severity == "error"}
    assert by_law == set(banned), by_law
    assert not by_law & set(allowed)


def test_laser_pointers_above_class_2_cannot_be_sold_by_law():
    banned = requirements_of("laser pointer", laser_class="Class 3B")
    for market in ("US", "DE", "FR", "AU"):
        assert _find(banned[market], "not for sale") == "error", market
    assert _find(requirements_of("laser pointer", laser_class="Class 2")["DE"], "not for sale") is None


@pytest.mark.parametrize(
    ("product", "market", "item", "day"),
    [
        ("plush toy", "US", "CPSC_EFILING", "2026-07-08"),
        ("wooden cutting board", "DE", "EUDR_DDS", "2026-12-30"),
        ("hair dryer", "JP", "JP_DOMESTIC_ADMIN", "2025-12-25"),
        ("bluetooth earbuds", "DE", "BATTERY_LABEL", "2026-08-18"),
    ],
)
def test_dated_requirements(product, market, item, day):
    assert _find(requirements_of(product, day)[market], item) is not None
    from datetime import date, timedelta

    before = (date.fromisoformat(day) - timedelta(days=1)).isoformat()
    assert _find(requirements_of(product, before)[market], item) is None


def test_us_childrens_rules_stop_at_12():
    teen = requirements_of("plush toy", age_range="13 years and up")
    assert _find(teen["US"], "CPC") is None and _find(teen["US"], "CPSC_EFILING") is None
    assert _find(teen["DE"], "EU_DOC (TOY)") == "error"  # the EU toy definition is "under 14"
