"""The laser class and power a listing states (laser_rating.py), and the bans they trigger."""

from __future__ import annotations

import pytest

from listlint.laser_rating import LaserLimit, statements
from listlint.requirements import probe_record

EU_CONSUMER = LaserLimit("2M", 1)  # Decision 2014/59/EU, EN 50689
US_POINTER = LaserLimit("IIIa", 5)  # 21 CFR 1040.11(c)


def _record(title: str, **attributes):
    return probe_record("LASER_POINTER", [title], attributes, ("US",))


@pytest.mark.parametrize(
    ("title", "stated"),
    [
        ("Green laser pointer, Class 3R, 5mW", "Class 3R"),
        ("Laser pointer Class IIIb 200 mW", "Class IIIb"),
        ("Blue laser pointer 1000mW", "1000mW"),
        ("Laser pointer 1,000 mW burning", "1,000 mW"),
        ("Laser pointer, laser class: 3B", "class: 3B"),
        ("5W blue laser pointer", "5W"),
        ("Laser pointer Class Ⅲa", "Class Ⅲa"),
    ],
)
def test_statements_beyond_the_eu_consumer_limit(title, stated):
    found = EU_CONSUMER.passed(_record(title))
    assert found is not None and found.text == stated


@pytest.mark.parametrize(
    "title",
    [
        "Cat laser pointer, Class 2, <1mW",
        "Laser pointer output power less than 1 mW",
        "Laser pointer (Class II) for presentations",
    ],
)
def test_bounds_and_low_classes_pass(title):
    assert EU_CONSUMER.passed(_record(title)) is None


def test_a_class_counts_only_near_the_word_laser():
    record = probe_record("LASER_POINTER", ["Pointer", "Presentation remote with a Class 4 rating for the plastic housing used in classrooms and offices everywhere"], {}, ("US",))
    assert statements(record) == []
    assert EU_CONSUMER.passed(_record("Laser pointer with a Class 2 power adapter")) is None
    assert EU_CONSUMER.passed(_record("Laser pointer for teachers, great for class 4 presentations")) is None
    assert EU_CONSUMER.passed(_record("Laser Class 4 pointer")) is not None
    assert EU_CONSUMER.passed(_record("Pointer, Class IV laser")) is not None


def test_a_power_in_watts_needs_the_word_laser():
    assert EU_CONSUMER.passed(_record("Pointer 10W USB charger")) is None


def test_class_iiia_is_legal_for_us_pointers_and_3b_is_not():
    assert US_POINTER.passed(_record("Red laser pointer Class IIIa, 4.9mW")) is None
    assert US_POINTER.passed(_record("Red laser pointer Class 3B")) is not None
    assert US_POINTER.passed(_record("Red laser pointer", laser_class="IIIb")) is not None


def test_the_attribute_may_hold_the_bare_class():
    found = EU_CONSUMER.passed(_record("Laser pointer", laser_class="3R"))
    assert found is not None and found.field.name == "attributes.laser_class"


def test_the_finding_points_at_the_stated_class(lint_text):
    text = "sku: LP-1\nmarketplaces: [DE]\nproduct_type: LASER_POINTER\ntitle: Green laser pointer Class 3R\n"
    found = [d for d in lint_text(text) if d.code == "CRT016"]
    assert len(found) == 1
    assert (found[0].line, found[0].column) == (4, 28), found[0]
    assert "Class 3R" in found[0].message and "class 2M or 1 mW" in found[0].message
