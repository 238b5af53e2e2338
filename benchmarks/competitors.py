"""The tools listlint is compared with: textlint with a word list, and check-jsonschema.

textlint (npm) runs with textlint-rule-stop-words, a maintained rule whose `words` option takes
a file of forbidden words or phrases: the suite gives it the very file listlint's `terms_file`
reads. The rule escapes every regular-expression character of a word (its `escapeRegExp`), so
`Kraek.Zumon` or `Thelko (Quarvo)` are matched literally, and matches case-insensitively on word
boundaries, as listlint's terms do. Versions are pinned in textlint/package.json and
textlint/package-lock.json; `npm ci` installs exactly those into textlint/node_modules.

check-jsonschema (PyPI, the optional extra `bench`) validates the same YAML files against
listlint's listing schema (`listlint schema listing`).

A tool that is missing is not a failure: its row says "not installed" and how to install it.
"""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

TEXTLINT_DIR = Path(__file__).resolve().parent / "textlint"
TEXTLINT_BIN = TEXTLINT_DIR / "node_modules" / "textlint" / "bin" / "textlint.js"
TEXTLINT_RULE = "textlint-rule-stop-words"
TEXTLINT_NODE = (20, 18)  # textlint 15's engines field: node >= 20.18.0
TEXTLINT_SETUP = "npm ci --prefix benchmarks/textlint  (Node >= 20.18)"
CHECK_JSONSCHEMA_SETUP = "pip install -e '.[bench]'  (pinned check-jsonschema)"

# The console script would take the file names as arguments, and 100,000 of them pass the
# operating system's limit on a command line; the same click entry point reads them from a file.
_CHECK_JSONSCHEMA = """\
import sys
from check_jsonschema import main
names = open(sys.argv[2], encoding="utf-8").read().split("\\n")
main(args=["--schemafile", sys.argv[1], "--output-format", "json", *names], prog_name="check-jsonschema")
"""


@dataclass(frozen=True)
class Tool:
    """A comparison tool: its label with versions, or why it cannot run."""

    label: str
    missing: str | None = None  # "not installed: <how to install>"; None when it can run


def _node_version() -> tuple[int, ...] | None:
    node = shutil.which("node")
    if not node:
        return None
    output = subprocess.run([node, "--version"], capture_output=True, text=True).stdout.strip()
    return tuple(int(part) for part in output.lstrip("v").split(".")[:2] if part.isdigit())


def _package_version(package_json: Path) -> str:
    return json.loads(package_json.read_text("utf-8"))["version"]


def prepare_textlint(install: bool) -> Tool:
    """textlint ready to run: installed with `npm ci` first when missing and `install` allows."""
    version = _node_version()
    if version is None or version < TEXTLINT_NODE:
        return Tool("textlint", f"not installed: needs Node >= 20.18, then {TEXTLINT_SETUP}")
    if not TEXTLINT_BIN.exists():
        if not install or not shutil.which("npm"):
            return Tool("textlint", f"not installed: {TEXTLINT_SETUP}")
        print(f"textlint is not installed: running `npm ci` in {TEXTLINT_DIR} (versions pinned by its package-lock.json)", flush=True)
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=TEXTLINT_DIR, check=True)
    modules = TEXTLINT_DIR / "node_modules"
    textlint = _package_version(modules / "textlint" / "package.json")
    rule = _package_version(modules / TEXTLINT_RULE / "package.json")
    return Tool(f"textlint {textlint} + stop-words {rule}")


def prepare_check_jsonschema() -> Tool:
    if importlib.util.find_spec("check_jsonschema") is None:
        return Tool("check-jsonschema", f"not installed: {CHECK_JSONSCHEMA_SETUP}")
    return Tool(f"check-jsonschema {importlib.metadata.version('check-jsonschema')}")


def listing_markdown(record: dict) -> str:
    """The texts of one listing as a Markdown document: title heading, bullet list, description
    and search terms as paragraphs (the fields listlint's term rule reads)."""
    bullets = [f"- {bullet}" for bullet in record.get("bullets", [])]
    description = record.get("description", "").strip()
    return "\n\n".join([f"# {record['title']}", "\n".join(bullets), description, record.get("search_terms", "")]) + "\n"


def write_markdown(yaml_paths: Sequence[Path], folder: Path) -> list[Path]:
    """folder/<file stem>.md for each listing file, made from the parsed file (the same texts)."""
    folder.mkdir(parents=True, exist_ok=True)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    written = []
    for path in yaml_paths:
        target = folder / f"{path.stem}.md"
        target.write_text(listing_markdown(yaml.load(path.read_text("utf-8"), Loader=loader)), "utf-8")
        written.append(target)
    return written


def write_textlint_config(path: Path, terms_file: Path) -> Path:
    """A .textlintrc (JSON) with only the word-list rule, reading `terms_file`, no default words."""
    rule = {"defaultWords": False, "words": str(terms_file.resolve())}
    path.write_text(json.dumps({"rules": {"stop-words": rule}}, indent=2) + "\n", "utf-8")
    return path


def textlint_command(config: Path, markdown_folder: Path) -> list[str]:
    # node on textlint's own script, not npx: the measured process is textlint itself.
    return ["node", str(TEXTLINT_BIN), "--config", str(config), "--format", "json", "--no-color", str(markdown_folder)]


def textlint_hits(report_path: Path) -> dict[str, int]:
    """Hits per file stem in textlint's JSON report (only the word-list rule is on), a term
    inside a longer hit left out: listlint reports `Schmgav` inside `Ekkrako Schmgav` once, as
    the longer term (kinds/terms.py), where the stop-words rule reports both."""
    return {Path(entry["filePath"]).stem: len(outermost(entry["messages"])) for entry in json.loads(report_path.read_text("utf-8"))}


def outermost(messages: Sequence[dict]) -> list[tuple[int, int]]:
    """The (start, end) offsets of the stop-words hits not inside another hit. The rule's message
    quotes the word (`Avoid using “Kraek.Zumon”`) and its `range` covers one character only, so a
    hit's end is its `index` plus the length of the quoted word."""
    spans = sorted(((m["index"], m["index"] + len(_quoted_word(m["message"]))) for m in messages), key=lambda span: (span[0], -span[1]))
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not kept or end > kept[-1][1]:
            kept.append((start, end))
    return kept


def _quoted_word(message: str) -> str:
    opening, closing = message.find("\u201c"), message.rfind("\u201d")
    if opening < 0 or closing < opening:
        raise ValueError(f"textlint message without a quoted word: {message!r}")
    return message[opening + 1 : closing]


def check_jsonschema_command(schema: Path, file_list: Path) -> list[str]:
    return [sys.executable, "-c", _CHECK_JSONSCHEMA, str(schema), str(file_list)]


def check_jsonschema_errors(report_path: Path) -> int:
    """Files that failed validation or parsing, from check-jsonschema's JSON output."""
    report = json.loads(report_path.read_text("utf-8"))
    return len(report.get("errors", [])) + len(report.get("parse_errors", []))
