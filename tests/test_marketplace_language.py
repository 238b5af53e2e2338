"""LST027: a description or bullet in another language than the stores the listing is
sold in (toy-640 of the real pages: an Italian description on amazon.co.uk), judged only
where the text looks foreign by its function words before the identifier is asked."""

from __future__ import annotations

import pytest

ITALIAN = "Pastello esagonale lunghezza 18 cm, verniciato nel colore della mina con spigoli dorati. Confezione da 6 colori standard + 1 argento ed 1 oro."
GERMAN = "Modell ist neu und originalverpackt, aus Metall mit Plastikteilen, für Sammler ab 14 Jahren geeignet"


def _spans(diagnostics) -> list[tuple[int, int, int, str]]:
    return [(d.line, d.column, d.end_column, d.message.split(",")[0]) for d in diagnostics if d.code == "LST027"]


def test_an_italian_description_on_a_uk_listing_is_reported_over_the_whole_text(lint_text):
    found = lint_text(f"sku: T-1\nmarketplaces: [UK]\ntitle: Giotto Mega Colouring Pencils\ndescription: '{ITALIAN}'\n")
    assert _spans(found) == [(4, 15, 15 + len(ITALIAN), "description reads as Italian")]


@pytest.mark.parametrize(
    "marketplaces, description",
    [
        ("[DE]", GERMAN),  # German on amazon.de
        ("[UK, DE]", GERMAN),  # sold in both stores
        ("[JP]", GERMAN),  # no function words for Japanese: not judged
        ("[]", GERMAN),  # no store named
        ("[UK]", "Style Name:Hetzer Mittlere Hetzer Mittlere Production German Tank Destroyer - 1:35 Scale Model"),
        ("[UK]", "Ravensburger 19477 Jigsaw Puzzle 1000 Pieces - Phra Nang Beach, Krabi, Thailand"),
        ("[UK]", "A wooden train set with 50 pieces, bridges and a station for the whole family to build"),
    ],
)
def test_texts_in_the_stores_language_or_of_names_only_are_quiet(lint_text, marketplaces, description):
    assert _spans(lint_text(f"sku: T-1\nmarketplaces: {marketplaces}\ntitle: Test Listing\ndescription: '{description}'\n")) == []


def test_a_german_bullet_on_a_uk_listing_is_reported(lint_text):
    found = lint_text(f"sku: T-1\nmarketplaces: [UK]\ntitle: Die-cast Car\nbullets:\n  - '{GERMAN}'\n")
    assert [message for *_, message in _spans(found)] == ["bullets[0] reads as German"]


def test_a_listing_sold_in_stores_of_different_languages_is_not_judged(lint_text):
    """One English text for all the EU stores (the suite's generated catalogs sell so): no
    store's language is the text's, yet it stands for their translations, so LST027 is quiet;
    the same text on the German store alone is reported."""
    english = "A sturdy steel bottle with a leak-proof lid that keeps your drinks cold for the whole day and warm in winter"
    listing = "sku: T-1\nmarketplaces: {}\ntitle: Steel Bottle\ndescription: '" + english + "'\n"
    assert _spans(lint_text(listing.format("[EU]"))) == []
    assert [message for *_, message in _spans(lint_text(listing.format("[DE]")))] == ["description reads as English"]


@pytest.mark.parametrize(
    "description, first_words",
    [
        # toy-092 of the real pages: model names, then the one French clause a buyer reads
        ("- Beyblade 4D - Bakushin Susanow BD145WD - Vendue sans lanceur, garantie de trois mois pour la toupie", "Vendue sans lanceur"),
        # toy-188: a label and an exclamation, then the German warning; a sentence's end before it
        ("Besonderheiten: Achtung! Nicht für Kinder unter 36 Monaten geeignet! Erstickungsgefahr durch Kleinteile", "Nicht für Kinder"),
        # an abbreviation's full stop ("env. 18cm") ends no clause
        ("Figurine Bobble Head taille env. 18cm pour les collectionneurs, livrée dans une boîte", "Figurine Bobble Head"),
    ],
)
def test_the_finding_begins_at_the_first_clause_in_the_other_language(lint_text, description, first_words):
    found = [d for d in lint_text(f"sku: T-1\nmarketplaces: [UK]\ntitle: Test Listing\ndescription: '{description}'\n") if d.code == "LST027"]
    (finding,) = found
    begin = description.index(first_words)
    assert (finding.column, finding.end_column, finding.match) == (len("description: '") + 1 + begin, len("description: '") + 1 + len(description), description[begin:][:40])
