"""Configuration: `.listlint.yaml`, or `[tool.listlint]` in pyproject.toml.

The nearest one from the working directory upward is used; `--config` wins. It is
checked against the shipped config schema, so an unknown key is an error with a
"did you mean", never a silent no-op.
"""

from __future__ import annotations

from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .lean_dataclass import lean_dataclass
from .dates import parse_date
from .shipped import data_json
from .errors import ConfigError
from .locations import SourceText
from .safeio import read_limited, read_text

if TYPE_CHECKING:
    from .tree import Node, Problem

CONFIG_NAMES = (".listlint.yaml", ".listlint.yml")
# Flat files (.txt/.tsv/.csv, .xlsx/.xlsm) are read only when they hold an Amazon inventory
# template; others are skipped like other tools' YAML.
DEFAULT_LISTING_GLOBS = ("**/*.yaml", "**/*.yml", "**/*.json", "**/*.txt", "**/*.tsv", "**/*.csv", "**/*.xlsx", "**/*.xlsm")
# Dot-files and folders (.pre-commit-config.yaml, .github/) and package manifests are
# never listings.
# Buyer-message templates (any text format) and orders reports for account metrics (issue 5)
DEFAULT_MESSAGE_GLOBS = ("messages/**", "**/messages/**")
DEFAULT_REPORT_GLOBS: tuple[str, ...] = ()  # orders reports are also known by their header row
DEFAULT_EXCLUDE = (".*", "**/.*", "**/.*/**", "**/node_modules/**", "**/package.json", "**/package-lock.json")
PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    # Amazon announced 75-character titles for non-media products from July 2026 (amazon-policy.md §1.2)
    "title-75": {"LST001": {"max": 75}},
}


@lean_dataclass(slots=True)
class Config:
    root: Path  # folder the config file is in (or the working directory)
    path: Path | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: dict[str, str] = field(default_factory=dict)
    marketplaces: tuple[str, ...] = ("US",)
    rulesets: tuple[Path, ...] = ()
    listing_globs: tuple[str, ...] = DEFAULT_LISTING_GLOBS
    message_globs: tuple[str, ...] = DEFAULT_MESSAGE_GLOBS  # files.messages: buyer-message templates
    report_globs: tuple[str, ...] = DEFAULT_REPORT_GLOBS  # files.reports: orders reports (CSV/TSV)
    metrics_warning_band: float | None = None  # ACC near-threshold band (share of the allowed rate; default 0.2)
    exclude: tuple[str, ...] = DEFAULT_EXCLUDE
    authorised_brands: tuple[str, ...] = ()  # third-party brands the seller may sell
    own_brands: tuple[str, ...] = ()  # the seller's own brands (IPR002 errors only when set)
    own_addresses: tuple[str, ...] = ()  # ORD: the seller's and staff's addresses and e-mails
    privacy_salt: str = ""  # salt of the buyer/address tags (privacy.py; default: a file in the cache folder)
    cache_folder: Path | None = None  # `check --cache-dir`: the salt file moves with the cache (default: cache.default_folder)
    per_file_ignores: dict[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str = "error"
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    as_of: str = ""  # YYYY-MM-DD the certificate rules measure expiry against (`check --as-of`; default today)
    product_type_schemas: Path | None = None  # folder of Product Type Definition schemas (SCH)
    baseline: Path | None = None  # baseline file (relative paths: to the config file)
    positions: dict[str, tuple[int, int]] = field(default_factory=dict)  # rule_options entries

    def enabled(self, code: str) -> bool:
        """Whether select and ignore leave a rule code on."""
        if any(code.startswith(p) for p in self.ignore):
            return False
        # input problems (unreadable files) are never hidden by --select, only by --ignore
        return not self.select or code.startswith(("INP", "SUP", "LNT")) or any(code.startswith(p) for p in self.select)

    def error(self, problem: str, where: str = "rule_options") -> ConfigError:
        """A ConfigError at a rule_options entry ('CODE' or 'CODE.option')."""
        line, column = self.positions.get(where) or self.positions.get(where.split(".")[0]) or self.positions.get("rule_options", (1, 1))
        return ConfigError(str(self.path or "config"), line, column, problem)


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    return data_json("config.schema.json")


def override(config: Config, select: tuple[str, ...] | None = None, ignore: tuple[str, ...] = (), as_of: str | None = None) -> Config:
    """The config with a run's own settings (the command line's, the library's) on top:
    `select` replaces the config's, `ignore` adds to it, `as_of` must be a YYYY-MM-DD date."""
    if select is not None:
        config.select = tuple(select)
    config.ignore = config.ignore + tuple(ignore)
    if as_of is not None:
        config.as_of = parse_as_of(as_of)
    return config


def parse_as_of(value: str) -> str:
    """A run's --as-of date as YYYY-MM-DD; SetupError if it is none."""
    from .errors import SetupError

    day = parse_date(value)
    if day is None:
        raise SetupError("", 0, 0, f"--as-of: {value!r} is not a date (YYYY-MM-DD)")
    return day.isoformat()


def check_marketplaces(codes: tuple[str, ...]) -> None:
    """Marketplace codes a run names (--marketplace) must be known ones."""
    known = config_schema()["properties"]["marketplaces"]["items"]["enum"] if codes else ()
    for code in codes:
        if code not in known:
            from .errors import SetupError
            from .schemacheck import did_you_mean

            raise SetupError("", 0, 0, f"--marketplace: unknown marketplace {code!r}{did_you_mean(code, known)}")


def find_config(start: Path) -> Path | None:
    """The nearest .listlint.yaml, or pyproject.toml with [tool.listlint], from `start` upward."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            if (folder / name).is_file():
                return folder / name
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_listlint_table(pyproject):
            return pyproject
    return None


def load_config(explicit: Path | None, cwd: Path) -> Config:
    path = explicit if explicit is not None else find_config(cwd)
    if path is None:
        return Config(root=cwd)
    if not path.exists():
        raise ConfigError(str(path), 1, 1, "config file not found")
    values, positions = _read_pyproject(path) if path.name == "pyproject.toml" else _read_yaml_config(path)
    config = _config(path, values)
    config.positions = positions
    return config


def _has_listlint_table(path: Path) -> bool:
    try:
        return "[tool.listlint" in read_limited(path).decode("utf-8", errors="replace")
    except OSError:
        return False


def _reason(error: Exception) -> str:
    """Why a config file could not be read, in words (not only the exception's name)."""
    if isinstance(error, UnicodeDecodeError):
        return f"it is not UTF-8 (byte 0x{error.object[error.start]:02x} at byte offset {error.start}); save it as UTF-8"
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def _read_yaml_config(path: Path) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    try:
        text = read_text(path)
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(str(path), 1, 1, f"cannot read config: {_reason(error)}") from None
    from .readers.yaml_reader import read_yaml  # only when there is a YAML config to read

    source = SourceText(str(path), text)
    result = read_yaml(source)
    if result.problems:
        problem = result.problems[0]
        line, column = source.position(max(problem.start, 0))
        raise ConfigError(str(path), line, column, f"invalid config YAML: {_in_words(problem)}")
    if not result.documents or result.documents[0].value is None:
        return {}, {}
    document = result.documents[0]
    _validate(document, source)
    return document.plain(), _option_positions(document, source)


def _in_words(problem: Problem) -> str:
    """A reading problem of the config file in the words of its INP rule (rulesets/input.yaml),
    not only its code: 'key 'fail_on' appears twice ... (INP007)'."""
    from collections import defaultdict

    from .rules import load_ruleset, shipped_ruleset_paths

    inputs = next(path for path in shipped_ruleset_paths() if path.name == "input.yaml")
    rule = next((rule for rule in load_ruleset(inputs) if rule.code == problem.code), None)
    if rule is None:
        return problem.code
    return f"{rule.message.format_map(defaultdict(str, problem.args))} ({problem.code})"


def _option_positions(document: Node, source: SourceText) -> dict[str, tuple[int, int]]:
    """Line and column of each rule_options entry, for errors found once rules are known."""
    positions: dict[str, tuple[int, int]] = {}
    options = document.value.get("rule_options") if isinstance(document.value, dict) else None
    if options is None:
        return positions
    positions["rule_options"] = source.position(options.key_start)
    for code, overrides in options.value.items():
        positions[code] = source.position(overrides.key_start)
        for name, value in overrides.value.items():
            positions[f"{code}.{name}"] = source.position(value.key_start)
    return positions


def _read_pyproject(path: Path) -> tuple[dict[str, Any], dict[str, tuple[int, int]]]:
    import tomllib

    try:
        data = tomllib.loads(read_text(path))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(str(path), 1, 1, f"cannot read pyproject.toml: {_reason(error)}") from None
    table = data.get("tool", {}).get("listlint", {})
    # TOML keeps no positions: check the values through a node tree without spans
    from .tree import node_from_plain

    source = SourceText(str(path), "")
    _validate(node_from_plain(table), source, where="[tool.listlint] ")
    return table, {}


def _validate(document: Node, source: SourceText, where: str = "") -> None:
    from .schemacheck import check

    issues = check(document, config_schema())
    if issues:
        issue = issues[0]
        node = issue.node
        at = node.key_start if issue.on_key and node.key_start >= 0 else node.start
        line, column = source.position(max(at, 0))
        raise ConfigError(source.path, line, column, f"{where}{issue.path or 'config'}: {issue.message}")


def _brand_name(entry: str | dict[str, str]) -> str:
    """An authorised_brands entry: a name, or {brand, document} (the document is for people
    reading the config: the authorisation or invoices that prove it)."""
    return entry if isinstance(entry, str) else entry["brand"]


def _config(path: Path, values: dict[str, Any]) -> Config:
    root = path.parent
    options: dict[str, dict[str, Any]] = {}
    for preset in values.get("presets", []):
        for code, overrides in PRESETS[preset].items():
            options.setdefault(code, {}).update(overrides)
    for code, overrides in values.get("rule_options", {}).items():
        options.setdefault(code, {}).update(overrides)
    return Config(
        root=root,
        path=path,
        select=tuple(values.get("select", ())),
        ignore=tuple(values.get("ignore", ())),
        severity=dict(values.get("severity", {})),
        marketplaces=tuple(values.get("marketplaces", ("US",))),
        rulesets=tuple(root / p for p in values.get("rulesets", ())),
        listing_globs=tuple(values.get("files", {}).get("listings", DEFAULT_LISTING_GLOBS)),
        message_globs=tuple(values.get("files", {}).get("messages", DEFAULT_MESSAGE_GLOBS)),
        report_globs=tuple(values.get("files", {}).get("reports", DEFAULT_REPORT_GLOBS)),
        metrics_warning_band=values.get("metrics_warning_band"),
        exclude=DEFAULT_EXCLUDE + tuple(values.get("exclude", ())),
        authorised_brands=tuple(_brand_name(entry) for entry in values.get("authorised_brands", ())),
        own_brands=tuple(values.get("own_brands", ())),
        own_addresses=tuple(values.get("own_addresses", ())),
        privacy_salt=values.get("privacy_salt", ""),
        per_file_ignores={k: tuple(v) for k, v in values.get("per_file_ignores", {}).items()},
        fail_on=values.get("fail_on", "error"),
        rule_options=options,
        product_type_schemas=root / values["product_type_schemas"] if values.get("product_type_schemas") else None,
        baseline=root / values["baseline"] if values.get("baseline") else None,
    )
