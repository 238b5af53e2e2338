"""An all-German catalog against the English one: does checking listings in their own
language keep listlint's speed? (issue 13: within 20 % of the English catalog.)

    python benchmarks/languages.py                 # 2,000 listings each, median of 3 runs
    python benchmarks/languages.py --listings 200 --runs 1

Both catalogs come from the one generator (listings.py) with the same seed, so they have the
same shape, lengths and share of violations; the German one has German copy and German
violations (the issue's: disease claim, "punkt de" address, call to action, shipping
promise) and is sold on amazon.de. The English catalog is checked twice: with its own
marketplaces, and sold on amazon.de like the German one (the same EU compliance rules), so
the ratio that counts, German / English on DE, differs only in language.

Each case is `listlint check --no-cache` in fresh processes, after a warm-up run; the
figure is the median CPU time (user + system) of the runs, which a machine shared with
other work disturbs far less than wall time. Wall time is shown beside it.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

from listings import KINDS, listings

GERMAN_KINDS = [
    {
        "type": "HEADPHONES",
        "nouns": ["Kabellose Kopfhörer", "Over-Ear-Kopfhörer", "Bluetooth-Ohrhörer", "Sportkopfhörer"],
        "features": ["Bluetooth 5.3", "Aktive Geräuschunterdrückung", "40-mm-Treiber", "USB-C-Schnellladen", "Multipoint", "IPX5 schweißresistent"],
        "bullets": [
            "Hybride Geräuschunterdrückung senkt tiefes Brummen, etwa in Zügen und Flugzeugen, um bis zu {n} dB",
            "Bis zu {n} Stunden Wiedergabe mit einer Ladung; 10 Minuten Laden reichen für etwa {m} Stunden",
            "Weiche Ohrpolster aus Memory-Schaum und ein verstellbarer Bügel für lange Hörsitzungen",
            "Eingebaute Mikrofone mit Windgeräuschunterdrückung für klare Anrufe im Freien",
            "Lässt sich flach in das mitgelieferte Etui falten ({n} x {m} x 6 cm)",
        ],
    },
    {
        "type": "BOTTLE",
        "nouns": ["Isolierte Trinkflasche", "Thermosflasche aus Edelstahl", "Reisebecher", "Sportflasche"],
        "features": ["750 ml", "Edelstahl 18/8", "Auslaufsicherer Deckel", "Hält 24 h kalt", "Pulverbeschichtet", "Weite Öffnung"],
        "bullets": [
            "Doppelwandige Vakuumisolierung hält Getränke bis zu {n} Stunden kalt und bis zu {m} Stunden heiß",
            "Lebensmittelechter Edelstahl 18/8 (304) mit pulverbeschichteter Oberfläche",
            "Passt in die meisten Getränkehalter im Auto; Boden {m},3 cm breit, Höhe {n},5 cm",
            "Der Ersatzdichtring Nr. {m} ist einzeln erhältlich und passt auf alle Deckel der Serie",
            "Nur Handwäsche: die Spülmaschine kann die Vakuumdichtung beschädigen",
        ],
    },
    {
        "type": "KITCHEN_KNIFE",
        "nouns": ["Kochmesser", "Santokumesser", "Schälmesser", "Brotmesser"],
        "features": ["20 cm", "Stahl X50CrMoV15", "Durchgehender Erl", "Griff aus Pakkaholz", "56-58 HRC", "Mit Klingenschutz"],
        "bullets": [
            "Klinge aus geschmiedetem Stahl X50CrMoV15, gehärtet auf 56-58 HRC",
            "Durchgehender Erl mit drei Nieten für Balance und Kontrolle",
            "Geschliffen auf {m}° je Seite; auf dem Wasserstein nachschärfen, z. B. Körnung 1000, dann 6000",
            "Klinge {n} cm lang, Gewicht {n}0 g",
            "Von Hand spülen und sofort abtrocknen",
        ],
    },
    {
        "type": "SHIRT",
        "nouns": ["T-Shirt mit Rundhals", "T-Shirt mit V-Ausschnitt", "Langarmshirt", "Poloshirt"],
        "features": ["100 % gekämmte Baumwolle", "180 g/m²", "Normale Passform", "Marineblau", "Größe L", "Vorgewaschen"],
        "bullets": [
            "Jersey aus gekämmter, ringgesponnener Baumwolle, {n}0 g/m², weich und blickdicht",
            "Der gerippte Ausschnitt bleibt auch nach vielen Wäschen in Form; Brustweite {n}6 cm in Größe L",
            "Doppelnähte am Saum und verstärkte Schulternähte",
            "Bei 30 °C auf links waschen, nicht im Trockner trocknen",
        ],
    },
    {
        "type": "TOY_FIGURE",
        "nouns": ["Stapelspielzeug aus Holz", "Bausteine-Set", "Formensortierer", "Plüsch-Axolotl"],
        "features": ["12 Teile", "Buchenholz", "Farben auf Wasserbasis", "Ab 3 Jahren", "Geschenkbox", "30 cm"],
        "bullets": [
            "{n} Teile in abgestuften Größen aus massiver Buche",
            "Geprüft nach EN 71-3 und ASTM F963-17",
            "Freies Spiel: Tunnel, Brücken, Rampen und Sortieren nach Farben",
            "ACHTUNG: Nicht für Kinder unter 3 Jahren geeignet. Erstickungsgefahr durch Kleinteile.",
            "Mit einem feuchten Tuch abwischen, nicht einweichen",
        ],
    },
    {
        "type": "VEHICLE_LIGHT_BAR",
        "nouns": ["Ambientebeleuchtung fürs Auto", "LED-Streifen für den Innenraum", "Fußraumbeleuchtung", "Armaturenbrett-Lichtleiste"],
        "features": ["64 Farben", "App-Steuerung", "Musiksynchronisation", "12 V", "Glasfaser", "Einfache Montage"],
        "bullets": [
            "Glasfaserstreifen werden in Verkleidungsfugen gesteckt und leuchten gleichmäßig",
            "{n} Farben und {m} Modi, gesteuert über die App",
            "Betrieb an der 12-V-Steckdose oder an einem abgesicherten Stromkreis (Abzweigsicherung liegt bei)",
            "Die Montage dauert mit dem mitgelieferten Werkzeug etwa {n} Minuten",
        ],
    },
]
GERMAN_VIOLATIONS = [
    "Ersatzteile und mehr Farben unter {brand} punkt de",
    "Besuchen Sie unseren Shop für Sonderangebote",
    "Heilt Rheuma und Gelenkschmerzen",
    "Kostenloser Versand!",
    "Tötet 99,9 % der Keime auf jeder Oberfläche",
    "Versand innerhalb 24 Stunden",
    "Folgen Sie uns auf Instagram für neue Farben",
]


def write(folder: Path, count: int, german: bool, marketplace: str | None) -> int:
    """`count` listings as YAML files; returns how many carry a violation."""
    kinds = GERMAN_KINDS if german else KINDS
    flagged = 0
    for number, listing in enumerate(listings(count, seed=13, violation_rate=0.1, terms=["Bluey"], kinds=kinds)):
        record = dict(listing.record)
        if german and listing.violation is not None:
            record["bullets"] = record["bullets"][:-1] + [GERMAN_VIOLATIONS[number % len(GERMAN_VIOLATIONS)].format(brand=record["brand"].lower())]
        if german:
            record["description"] = (
                f"Das {record['brand']}-Produkt ist für den täglichen Gebrauch gemacht.\n"
                f"Modell-Nr. {record['sku']}.\nArtikelgewicht {record['attributes']['item_weight_g']} g.\n"
            )
            record["attributes"] = {"color": "Schwarz", "item_weight_g": record["attributes"]["item_weight_g"]}
        if marketplace:
            record["marketplaces"] = [marketplace]
        flagged += listing.violation is not None
        path = folder / f"{record['sku'].lower()}.yaml"
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=100), encoding="utf-8")
    return flagged


def run_once(command: list[str], folder: Path) -> tuple[float, float]:
    """CPU seconds (user + system of the child) and wall seconds of one run of `command`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, cwd=folder, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode not in (0, 1):
        sys.exit(f"listlint exited {done.returncode}:\n{done.stderr[-2000:]}")
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--listings", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    listlint = [sys.executable, "-m", "listlint"]  # the listlint of this interpreter
    cases = (("English", False, None), ("English on DE", False, "DE"), ("German on DE", True, "DE"))
    seconds = {}
    with tempfile.TemporaryDirectory(prefix="listlint-languages-") as scratch:
        for name, german, marketplace in cases:
            folder = Path(scratch) / name.replace(" ", "-")
            folder.mkdir()
            flagged = write(folder, args.listings, german, marketplace)
            # --no-cache: every run checks every file, as a first run of a new catalog does
            command = [*listlint, "check", "--no-cache", "--format", "json", "."]
            run_once(command, folder)  # warm-up: the OS file cache, bytecode
            cpu, wall = zip(*(run_once(command, folder) for _ in range(args.runs)))
            seconds[name] = statistics.median(cpu)
            print(f"{name:14} {args.listings} listings ({flagged} with a violation): CPU {seconds[name]:.2f} s, wall {statistics.median(wall):.2f} s, {args.listings / seconds[name]:.0f} listings per CPU second")
    ratio = seconds["German on DE"] / seconds["English on DE"]
    print(f"German / English on DE: {ratio:.2f} (target: at most 1.20)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
