"""Makes the hostile inputs that are not kept as files: too big to commit (1 MB lines,
deep nesting), binary (NUL bytes, UTF-16, bytes that are not UTF-8) or invisible in an
editor (zero-width characters, bidi controls, carriage returns). Each is spelled out here
with explicit escapes, so the corpus stays readable.

    python tests/hostile/generate.py OUT_DIR     # writes them under OUT_DIR

tests/test_hostile.py copies the committed files and these into one folder and lints it;
tests/hostile/expected.yaml says what each file must give.
"""

from __future__ import annotations

import codecs
import os
import sys
from collections.abc import Callable
from pathlib import Path

MEGABYTE = 1024 * 1024
LISTING = "sku: A1\ntitle: Plain notebook with lined pages\n"  # a start no rule objects to


def _deep_flow_yaml() -> bytes:
    return (LISTING + "attributes:\n  layers: " + "[" * 200 + "]" * 200 + "\n").encode()


def _deep_block_yaml() -> bytes:
    lines = [LISTING + "attributes:"] + [f"{'  ' * (level + 1)}level{level}:" for level in range(100)]
    return ("\n".join(lines) + " end\n").encode()


def _deep_array_json() -> bytes:
    return ("[" * 100_000 + "]" * 100_000).encode()


def _deep_object_json() -> bytes:
    return ('{"sku": "A1",\n "attributes": ' + '{"a": ' * 80 + "1" + "}" * 81 + "\n").encode()


def _long_line_yaml() -> bytes:
    filler = "Keeps drinks cold for a day. " * (MEGABYTE // 29)
    return (LISTING + f"description: {filler}See shop-name.com\n").encode()


def _long_line_json() -> bytes:
    filler = "Keeps drinks cold for a day. " * (MEGABYTE // 29)
    return f'{{"sku": "A1", "title": "Bottle", "description": "{filler}See shop-name.com"}}\n'.encode()


def _long_key_yaml() -> bytes:
    return (LISTING + "attributes:\n  " + "k" * 2000 + ": v\n").encode()


def _huge_integer_json() -> bytes:
    return ('{"sku": "A1",\n "title": "Bottle",\n "attributes": {"count": ' + "9" * 5000 + "}}\n").encode()


def _huge_integer_yaml() -> bytes:
    return (LISTING + "attributes:\n  count: " + "9" * 5000 + "\n").encode()


def _utf16(text: str, encoding: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode(encoding) if encoding == "utf-16-le" else text.encode(encoding)


FLAT_HEADER = "item_sku\titem_name\tbrand_name\tbullet_point1\n"
CSV_HEADER = FLAT_HEADER.replace("\t", ",")
CSV_ROW = "A1,Bottle,Nimbleo,see shop-name.com\n"

# name (relative to the corpus folder) -> how to make it
GENERATED: dict[str, Callable[[], bytes]] = {
    # nesting and size
    "structure/deep-flow.yaml": _deep_flow_yaml,
    "structure/deep-block.yaml": _deep_block_yaml,
    "structure/deep-array.json": _deep_array_json,
    "structure/deep-object.json": _deep_object_json,
    "structure/long-key.yaml": _long_key_yaml,
    "structure/huge-integer.json": _huge_integer_json,
    "structure/huge-integer.yaml": _huge_integer_yaml,
    "size/long-line.yaml": _long_line_yaml,
    "size/long-line.json": _long_line_json,
    # bytes and encodings
    "bytes/nul.yaml": lambda: (LISTING + "bullets: [a\x00b]\n").encode(),
    "bytes/nul.json": lambda: b'{"sku": "A1", "title": "a\x00b"}\n',
    "bytes/invalid-utf8.yaml": lambda: LISTING.encode() + b"description: Caf\xe9 mug\n",
    "bytes/utf16.yaml": lambda: _utf16(LISTING, "utf-16-le"),
    "bytes/bom.yaml": lambda: codecs.BOM_UTF8 + (LISTING + "bullets: [see shop-name.com]\n").encode(),
    "bytes/bom.json": lambda: codecs.BOM_UTF8 + b'{"sku": "A1", "title": "see shop-name.com"}',
    "bytes/utf16-template.txt": lambda: _utf16(FLAT_HEADER + "A1\tBottle\tNimbleo\tsee shop-name.com\n", "utf-16-le"),
    "bytes/windows-1252-template.txt": lambda: (FLAT_HEADER + "A1\tBottle\tNimbleo\tok\n").encode() + b"A2\tCaf\xe9 mug\tNimbleo\tsee shop-name.com\n",
    # flat files that were once skipped in silence (issue 15): each is read row by row or reported
    "flat/nul-byte.csv": lambda: (CSV_HEADER + "A0,Cup,Nimbleo,fine\x00\n" + CSV_ROW).encode(),
    "flat/binary.csv": lambda: b"\x00\x01\x02PK\x03\x04 not a table\x00",
    "flat/utf16-no-bom.csv": lambda: (CSV_HEADER + CSV_ROW).encode("utf-16-le"),
    "flat/utf16-be-no-bom.csv": lambda: (CSV_HEADER + CSV_ROW).encode("utf-16-be"),
    "flat/mac-cr-only.csv": lambda: (CSV_HEADER + CSV_ROW + "A2,Cup,Nimbleo,see shop-b.com\n").replace("\n", "\r").encode(),
    # a lone \r just before the file's last character (no final line break): still a row end
    "flat/cr-before-last-character.csv": lambda: ((CSV_HEADER + CSV_ROW).replace("\n", "\r\n") + "A2,Cup,Nimbleo,ok\rX").encode(),
    "unicode/lone-surrogate-key.json": lambda: b'{"sku": "A1", "title": "Bottle", "\\ud800": "x", "bullets": ["caf\\udc00 at shop-name.com"]}\n',
    "bytes/control-character.yaml": lambda: (LISTING + "description: Café ☕ bell\x07 here\n").encode(),
    # line endings: \r\n, \r and \n in one file, a finding on a line after each
    "line-endings/next-line.yaml": lambda: (LISTING + 'description: "lined\x85pages at shop-name.com"\n').encode(),
    "line-endings/crlf-error.json": lambda: b'{"sku": "A1",\r\n "title": "never closed\r\n}\r\n',
    "line-endings/mixed.yaml": lambda: b"sku: A1\r\ntitle: Bottle shop-a.com\rbullets:\n  - see shop-b.com\r\n  - see shop-c.com\r",
    "line-endings/mixed.json": lambda: b'{"sku": "A1",\r\n "title": "shop-a.com",\r "bullets": ["x",\n  "shop-b.com"]}\r\n',
    "line-endings/mixed-block.yaml": lambda: b"sku: A1\rtitle: Bottle\rdescription: >\r  Double wall steel.\r\n  Order at shop-name.com\n",
    "line-endings/mixed-template.txt": lambda: (FLAT_HEADER + "A1\tBottle\tNimbleo\tsee shop-a.com\r\nA2\tCup\tNimbleo\tsee shop-b.com\r").encode(),
    "line-endings/messages/mixed.html": lambda: b"<html>\r<body>\r\n<p>Thanks!</p>\r<div>\n<p>Visit shop-name.com</p>\r</body></html>\n",
    # invisible characters inside banned words: still caught, columns count them
    "unicode/zero-width-in-brands.yaml": lambda: (
        "sku: A1\ntitle: Bottle\nbullets:\n"
        "  - Pok\u200bémon design\n"  # zero-width space
        "  - PJ\u200dMasks print\n"  # zero-width joiner
        "  - Blu\u00adey cartoon characters\n"  # soft hyphen
        "  - Squish\u2060mallows soft\n"  # word joiner
    ).encode(),
    "unicode/zero-width-in-contacts.yaml": lambda: (
        "sku: A1\ntitle: Bottle\nbullets:\n"
        "  - visit shop\u200b-name.com today\n"
        "  - write to a\u200c@b.com\n"
        "  - call +1 555\u200d-123-4567\n"
        "  - it c\u00adures arthritis\n"
    ).encode(),
    "unicode/combining-marks.yaml": lambda: (
        "sku: A1\ntitle: Bottle\nbullets:\n"
        "  - Poke\u0301mon cards\n"  # e and a combining acute accent: two code points, one letter
        "  - Z\u0351\u0308a\u0334lgo\u0336 text at shop-name.com\n"
    ).encode(),
    "unicode/messages/zero-width.txt": lambda: "Subject: Thanks\n\nPlease visit shop\u200b-name.com or write to a\u200b@b.com\n".encode(),
    "unicode/escaped-emoji.json": lambda: b'{"sku": "A1", "title": "Notebook", "bullets": ["fun \\ud83d\\ude00", "caf\\u00e9 at shop-name.co\\u006d"]}\n',
    "unicode/messages/title-entity.html": lambda: b"<html><head><title>Tom &amp; Jerry &#8482; at shop-name.com</title></head><body><p>Hi</p></body></html>\n",
    "unicode/bidi-override.yaml": lambda: (
        "sku: A1\ntitle: Bottle\nbullets:\n"
        "  - see \u202eshop-name.com\u202c now\n"  # right-to-left override around a real address
        "  - see \u202emoc.eman-pohs\u202c now\n"  # the address written backwards: shows as shop-name.com
    ).encode(),
}


OUTSIDE = "../outside-the-repository"  # beside the corpus folder: a link to it leads out
SECRET = "password: listlint-must-never-echo-this\n"  # what a link out of the repository points at


def _link_out(path: Path) -> None:
    outside = path.parents[1] / OUTSIDE
    outside.mkdir(exist_ok=True)
    (outside / "credentials.yaml").write_text(SECRET, "utf-8")
    path.symlink_to(Path("..", OUTSIDE, "credentials.yaml"))


# name -> how to make it: special files and links, which cannot be committed or copied
SPECIAL: dict[str, Callable[[Path], None]] = {
    "files/fifo.yaml": os.mkfifo,  # opening it for reading would wait for a writer forever
    "files/fifo.csv": os.mkfifo,  # the same through the flat-file reader
    "files/dev-zero.yaml": lambda path: path.symlink_to("/dev/zero"),  # endless bytes
    "files/dev-zero.txt": lambda path: path.symlink_to("/dev/zero"),
    "files/broken-link.yaml": lambda path: path.symlink_to("no-such-listing.yaml"),
    "files/link-out.yaml": _link_out,  # a linked ~/.git-credentials would be echoed into reports
    "files/link-inside.yaml": lambda path: path.symlink_to(Path("..", "structure", "duplicate-keys.yaml")),
}


def write_all(folder: Path) -> list[Path]:
    written = []
    for name, make in GENERATED.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(make())
        written.append(path)
    for name, make_special in SPECIAL.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        make_special(path)
        written.append(path)
    return written


if __name__ == "__main__":
    for path in write_all(Path(sys.argv[1] if len(sys.argv) > 1 else ".")):
        print(path)
