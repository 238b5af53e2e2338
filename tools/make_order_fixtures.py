"""Write the orders fixtures (fixtures/orders/) from a fixed seed: the same files every run.

- orders-report.txt: a Seller Central "All Orders" report (tab-separated) of a UK toy
  seller over 90 days: a few hundred ordinary orders (distinct buyers and addresses,
  households that reorder once, cancelled and replacement orders at 0.00, modest
  promotions) plus the patterns the ORD rules must find;
- get-orders.json: an SP-API getOrders response with one planted repeat recipient;
- feedback-report.csv: the seller's feedback report, negative feedback rising lately;
- planted.json: the order ids of each planted pattern, by rule code (what the tests expect).

Every name, e-mail, phone and street is invented. Run: python tools/make_order_fixtures.py
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "fixtures" / "orders"
START = datetime(2026, 8, 1, 8, 0)
DAYS = 90
COLUMNS = (
    "amazon-order-id", "merchant-order-id", "purchase-date", "last-updated-date", "order-status", "fulfillment-channel",
    "sales-channel", "sku", "asin", "item-status", "quantity-purchased", "currency", "item-price", "item-promotion-discount",
    "buyer-email", "buyer-name", "recipient-name", "ship-address-1", "ship-address-2", "ship-city", "ship-postal-code",
    "ship-country", "ship-phone-number", "is-replacement-order", "feedback-rating", "a-to-z-claim", "chargeback",
    "cancelled-by", "latest-ship-date", "ship-confirm-date", "valid-tracking", "promised-delivery-date", "delivery-date",
)
SKUS = {  # sku -> (asin, price)
    "TOY-BLOCKS-100": ("B0C1A00001", 24.99), "TOY-PUZZLE-500": ("B0C1A00002", 12.49), "TOY-KITE-RED": ("B0C1A00003", 17.99),
    "TOY-DINO-01": ("B0C1A00004", 19.99), "TOY-TRAIN-SET": ("B0C1A00005", 39.99), "TOY-CRAYON-24": ("B0C1A00006", 6.99),
    "TOY-DOLL-HOUSE": ("B0C1A00007", 54.00), "TOY-BALL-SOFT": ("B0C1A00008", 8.99), "TOY-SLIME-KIT": ("B0C1A00009", 14.99),
    "TOY-CARDS-UNO": ("B0C1A00010", 9.49), "TOY-YOYO-LED": ("B0C1A00011", 5.99), "TOY-MAGNET-60": ("B0C1A00012", 29.99),
}
NEW_SKU = ("TOY-ROBOT-NEW", "B0C1A00013", 34.99)
FIRST = ("Olivia", "George", "Amelia", "Harry", "Isla", "Noah", "Ava", "Leo", "Mia", "Oscar", "Freya", "Arthur", "Lily", "Theo", "Grace", "Jack", "Ivy", "Finley", "Rosie", "Alfie")
LAST = ("Whitcombe", "Ashdown", "Pellow", "Tranter", "Quayle", "Mottram", "Fairbairn", "Glendinning", "Hollins", "Kettlewell", "Lanyon", "Merriman", "Nettleship", "Ormerod", "Prowse", "Rudd", "Stanier", "Tunnicliffe")
STREETS = ("Acacia Avenue", "Beech Road", "Chantry Lane", "Dovecote Street", "Elm Grove", "Foxglove Drive", "Garden Terrace", "Hawthorn Crescent", "Ivy Court", "Juniper Way", "Kingfisher Place", "Lavender Square")
CITIES = (("London", "SW"), ("Bristol", "BS"), ("Leeds", "LS"), ("York", "YO"), ("Norwich", "NR"), ("Cardiff", "CF"), ("Exeter", "EX"), ("Derby", "DE"))
OWN = "Unit 7, Canal Side Trading Estate, Leeds LS10 1AB"  # the seller's warehouse (the test's own_addresses)


class Orders:
    def __init__(self, seed: int) -> None:
        self.random = random.Random(seed)
        self.rows: list[dict[str, str]] = []
        self.serial = 0
        self.planted: dict[str, list[str]] = {"ORD001": [], "ORD002": [], "ORD003": [], "ORD004": []}

    def person(self) -> dict[str, str]:
        """A buyer who never appears again: unique name, e-mail, street number and postcode."""
        r = self.random
        self.serial += 1
        first, last = r.choice(FIRST), r.choice(LAST)
        city, area = r.choice(CITIES)
        return {
            "buyer-email": f"{r.getrandbits(40):010x}@marketplace.amazon.co.uk",
            "buyer-name": f"{first} {last}",
            "recipient-name": f"{first} {last}",
            "ship-address-1": f"{100 + self.serial} {r.choice(STREETS)}",
            "ship-address-2": "",
            "ship-city": city,
            "ship-postal-code": f"{area}{self.serial % 90 + 1} {self.serial % 9 + 1}{chr(65 + self.serial % 26)}{chr(65 + self.serial // 26 % 26)}",
            "ship-country": "GB",
            "ship-phone-number": f"07700 9{self.serial:05d}",
        }

    def add(self, when: datetime, sku: str, person: dict[str, str], quantity: int = 1, price: float | None = None, discount: float = 0.0, **extra: str) -> str:
        r = self.random
        asin, list_price = SKUS.get(sku, NEW_SKU[1:])
        order_id = f"203-{r.randrange(10**7):07d}-{r.randrange(10**7):07d}"
        total = round((list_price if price is None else price) * quantity, 2)
        day = "%Y-%m-%dT%H:%M:%S+00:00"
        self.rows.append({
            "a-to-z-claim": "", "chargeback": "", "cancelled-by": "", "latest-ship-date": (when + timedelta(days=2)).strftime(day),
            "ship-confirm-date": (when + timedelta(days=1)).strftime(day), "valid-tracking": "yes",
            "promised-delivery-date": (when + timedelta(days=5)).strftime(day), "delivery-date": (when + timedelta(days=3)).strftime(day),
            "amazon-order-id": order_id, "merchant-order-id": "", "purchase-date": when.strftime(day),
            "last-updated-date": (when + timedelta(days=2)).strftime(day), "order-status": "Shipped",
            "fulfillment-channel": "Merchant", "sales-channel": "Amazon.co.uk", "sku": sku, "asin": asin, "item-status": "Shipped",
            "quantity-purchased": str(quantity), "currency": "GBP", "item-price": f"{total:.2f}",
            "item-promotion-discount": f"-{discount:.2f}" if discount else "0.00", "is-replacement-order": "false",
            "feedback-rating": "", **person, **extra,
        })
        return order_id

    def when(self, first_day: int = 0, last_day: int = DAYS - 1) -> datetime:
        return START + timedelta(days=self.random.randint(first_day, last_day), minutes=self.random.randrange(12 * 60))


def ordinary(orders: Orders) -> None:
    r = orders.random
    skus = list(SKUS)
    for sku in skus:  # every old SKU sells from the report's first day
        orders.add(START + timedelta(hours=r.randrange(30)), sku, orders.person())
    for _ in range(330):
        sku = r.choice(skus)
        quantity = 2 if r.random() < 0.12 else 1
        discount = round(SKUS[sku][1] * quantity * r.choice((0.1, 0.15, 0.2)), 2) if r.random() < 0.1 else 0.0
        feedback = r.choices(("", "5", "4", "3", "1"), (80, 12, 5, 2, 1))[0]
        orders.add(orders.when(), sku, orders.person(), quantity, discount=discount, **{"feedback-rating": feedback})
    for _ in range(15):  # households that reorder the same toy once within a month (below the threshold)
        person, sku, first = orders.person(), r.choice(skus), orders.when(0, 60)
        orders.add(first, sku, person)
        orders.add(first + timedelta(days=r.randint(3, 25)), sku, person)
    for _ in range(8):  # families buying three different toys: not one product
        person = orders.person()
        for sku in r.sample(skus, 3):
            orders.add(orders.when(), sku, person)
    for _ in range(5):  # cancelled orders and replacements show 0.00 and are no sale
        orders.add(orders.when(), r.choice(skus), orders.person(), price=0.0, **{"order-status": "Cancelled", "item-status": "Cancelled", "cancelled-by": "buyer", "ship-confirm-date": "", "valid-tracking": "", "delivery-date": ""})
        orders.add(orders.when(), r.choice(skus), orders.person(), price=0.0, **{"is-replacement-order": "true"})
    launch = START + timedelta(days=75)
    for day in range(6, 15, 2):  # the new SKU's ordinary sales, after its launch burst
        orders.add(launch + timedelta(days=day, hours=r.randrange(10)), NEW_SKU[0], orders.person())


def planted(orders: Orders) -> None:
    r = orders.random
    # ORD001: six orders of one dinosaur to one house within ten days, the address written six ways
    spellings = ("14 Larch Close", "14 larch close", "14 Larch Cl.", "14, Larch Close", "14 LARCH CLOSE", "14 Larch  Close")
    first = START + timedelta(days=20)
    for n, street in enumerate(spellings):
        person = {**orders.person(), "ship-address-1": street, "ship-city": "Reading", "ship-postal-code": ("RG1 7XY", "rg1 7xy", "RG17XY")[n % 3]}
        extra = {"feedback-rating": "1"} if n == 2 else {}  # one of them also left negative feedback
        orders.planted["ORD001"].append(orders.add(first + timedelta(days=n * 2, hours=r.randrange(8)), "TOY-DINO-01", person, **extra))
    # ORD001: one buyer account ordering the same kite three times to three addresses
    buyer = orders.person()
    for n in range(3):
        person = {**orders.person(), "buyer-email": buyer["buyer-email"], "buyer-name": buyer["buyer-name"]}
        orders.planted["ORD001"].append(orders.add(START + timedelta(days=40 + n * 6), "TOY-KITE-RED", person))
    # ORD002: three orders to the seller's own warehouse
    for n, (line1, line2) in enumerate((("Canal Side Trading Estate", "Unit 7"), ("Unit 7 Canal Side Trading Est", ""), ("Canal Side Trading Estate", "Unit 7"))):
        person = {**orders.person(), "ship-address-1": line1, "ship-address-2": line2, "ship-city": "Leeds", "ship-postal-code": "LS10 1AB"}
        orders.planted["ORD002"].append(orders.add(START + timedelta(days=10 + n * 25), r.choice(list(SKUS)), person))
    # ORD003: four train sets at 0.00 and one with a 100% promotion
    for n in range(4):
        orders.planted["ORD003"].append(orders.add(START + timedelta(days=30 + n * 9), "TOY-TRAIN-SET", orders.person(), price=0.0))
    orders.planted["ORD003"].append(orders.add(START + timedelta(days=66), "TOY-TRAIN-SET", orders.person(), discount=39.99))
    # ORD004: ten one-unit orders from new recipients in the new robot's first 36 hours
    launch = START + timedelta(days=75)
    for n in range(10):
        orders.planted["ORD004"].append(orders.add(launch + timedelta(hours=n * 3.5), NEW_SKU[0], orders.person()))


def write_report(orders: Orders) -> None:
    rows = sorted(orders.rows, key=lambda row: row["purchase-date"])
    lines = ["\t".join(COLUMNS)] + ["\t".join(row[c] for c in COLUMNS) for row in rows]
    (OUT / "orders-report.txt").write_text("\n".join(lines) + "\n", "utf-8")


def write_get_orders() -> list[str]:
    """Three orders of one puzzle to one flat within a week (getOrders with getOrderItems merged)."""
    orders = []
    ids = [f"204-000000{n}-100000{n}" for n in range(1, 6)]
    for n, order_id in enumerate(ids):
        repeat = n < 3
        address = {"Name": "Imogen Tallowfield", "AddressLine1": "Flat 9", "AddressLine2": "27 Quarry Road" if n != 1 else "27 Quarry Rd", "City": "Bath", "PostalCode": "BA2 4QT", "CountryCode": "GB", "Phone": "07700 955123"} if repeat else {"Name": f"Ordinary Buyer {n}", "AddressLine1": f"{n} Mill Lane", "City": "Bath", "PostalCode": f"BA1 {n}AA", "CountryCode": "GB"}
        orders.append({
            "AmazonOrderId": order_id, "PurchaseDate": f"2026-09-0{n + 1}T10:00:00Z", "OrderStatus": "Shipped", "MarketplaceId": "A1F83G8C2ARO7P",
            "SalesChannel": "Amazon.co.uk", "OrderTotal": {"CurrencyCode": "GBP", "Amount": "12.49"}, "ShippingAddress": address,
            "BuyerInfo": {"BuyerEmail": f"q{n}x7f2k9@marketplace.amazon.co.uk", "BuyerName": address["Name"]},
            "OrderItems": [{"ASIN": "B0C1A00002", "SellerSKU": "TOY-PUZZLE-500", "QuantityOrdered": 1, "ItemPrice": {"CurrencyCode": "GBP", "Amount": "12.49"}}],
        })
    (OUT / "get-orders.json").write_text(json.dumps({"payload": {"Orders": orders}}, indent=2) + "\n", "utf-8")
    return ids[:3]


def write_feedback(orders: Orders) -> None:
    """A year of feedback: about 1% negative for eleven months, then 3 negative of 20 in
    the last 30 days (one on an order of the planted repeat recipient)."""
    r = random.Random(1801)
    end = START + timedelta(days=DAYS - 1)
    shipped = [row for row in orders.rows if row["order-status"] == "Shipped"]
    comments = {5: "Great toy, arrived quickly", 4: "As described", 3: "Box was damaged", 2: "Arrived late, call me on 07700 900111", 1: "Parcel never came to us"}
    ratings = [(end - timedelta(days=r.randrange(30, 365)), r.choice(shipped), 1 if n == 0 else r.choice((5, 5, 5, 4))) for n in range(100)]
    ratings += [(end - timedelta(days=r.randrange(30)), r.choice(shipped), stars) for stars in [2, 1] + [r.choice((5, 5, 4)) for _ in range(17)]]
    planted = next(row for row in orders.rows if row["amazon-order-id"] == orders.planted["ORD001"][0])
    ratings.append((end - timedelta(days=3), planted, 1))
    lines = ["Date,Rating,Comments,Your Response,Order ID,Rater Email"]
    for when, row, stars in sorted(ratings, key=lambda rating: rating[0], reverse=True):
        lines.append(f"{when:%d/%m/%Y},{stars},\"{comments[stars]}\",,{row['amazon-order-id']},{row['buyer-email']}")
    (OUT / "feedback-report.csv").write_text("\n".join(lines) + "\n", "utf-8")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    orders = Orders(18)
    ordinary(orders)
    planted(orders)
    write_report(orders)
    write_feedback(orders)
    expected = {**orders.planted, "get-orders ORD001": write_get_orders(), "own_addresses": [OWN]}
    (OUT / "planted.json").write_text(json.dumps(expected, indent=2) + "\n", "utf-8")


if __name__ == "__main__":
    main()
