"""The command line: check, rules, explain, schema.

Imports are made inside commands so that a one-file pre-commit run loads only what
`check` needs. Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
2 usage, configuration, ruleset or internal error (message on stderr; stdout stays valid
for machine formats).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import __version__

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from .config import Config

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Compliance linter for Amazon marketplace listings.",
)


class OutputFormat(str, Enum):
    auto = "auto"
    text = "text"
    json = "json"
    json_lines = "json-lines"
    sarif = "sarif"
    github = "github"
    gitlab = "gitlab"
    junit = "junit"
    html = "html"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class SchemaName(str, Enum):
    listing = "listing"
    ruleset = "ruleset"
    config = "config"
    packaging = "packaging"
    categories = "categories"
    compliance = "compliance"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"listlint {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """Compliance linter for Amazon marketplace listings."""


def _codes(value: Optional[str]) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


def _fail(message: str) -> None:
    typer.echo(f"listlint: {message}", err=True)
    raise typer.Exit(2)


@app.command()
def check(
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or folders (default: the current folder); `-` reads one file from standard input (with --stdin-filename).")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format (auto: GitHub annotations in GitHub Actions, coloured text on a terminal, plain text otherwise; with --output-file, from its suffix).")] = OutputFormat.auto,
    output_file: Annotated[Optional[Path], typer.Option("--output-file", "-o", help="Write the report to this file (atomically; a FIFO or device is written through; a link, a read-only file or an input is refused) instead of stdout.")] = None,
    statistics: Annotated[bool, typer.Option("--statistics", help="Also print how many findings of each code.")] = False,
    baseline: Annotated[Optional[Path], typer.Option("--baseline", help="Hide the findings recorded in this baseline file; fail only on new ones.")] = None,
    write_baseline: Annotated[Optional[Path], typer.Option("--write-baseline", help="Record every current finding in this baseline file and exit 0.")] = None,
    select: Annotated[Optional[str], typer.Option(help="Only these codes or prefixes, comma-separated (RED,IPR001).")] = None,
    ignore: Annotated[Optional[str], typer.Option(help="Never these codes or prefixes, comma-separated.")] = None,
    marketplace: Annotated[Optional[str], typer.Option(help="Check only for these marketplaces, comma-separated (US,DE or EU).")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1 (default error).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: nearest .listlint.yaml or pyproject.toml).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Measure certificate expiry against this date (YYYY-MM-DD; default today), for reproducible runs.")] = None,
    jobs: Annotated[Optional[int], typer.Option("--jobs", "-j", min=1, help="Worker processes (default: the number of CPUs; small runs use one).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    cache_dir: Annotated[Optional[Path], typer.Option("--cache-dir", help="Cache folder (default: $LISTLINT_CACHE_DIR, else .listlint_cache beside the config file or in the current folder). Safe to delete.")] = None,
    git_only: Annotated[bool, typer.Option("--git-only", help="In a git repository, walk only the files git tracks or has staged (untracked drafts are left alone); outside one, every file.")] = False,
    stdin_filename: Annotated[Optional[str], typer.Option("--stdin-filename", help="With `-`: the path standard input stands for; its config, globs, suppressions and format follow from it.")] = None,
) -> None:
    """Lint listing files."""
    from .cache import Cache, default_folder
    from .config import check_marketplaces, load_config, override
    from .errors import SetupError
    from .parallel import default_jobs
    from .run import exit_code, lint_paths, lint_stdin

    cwd = Path.cwd()
    try:
        stdin_name = _stdin_name(paths or [], stdin_filename)
        config_file = config if config is not None or stdin_name is None else _config_near(cwd / stdin_name)
        settings = override(load_config(config_file, cwd), _codes(select) if select is not None else None, _codes(ignore), as_of)
        markets = _codes(marketplace)
        check_marketplaces(markets)
        baseline_path = None if write_baseline is not None else (baseline or settings.baseline)
        entries = None
        if baseline_path is not None:
            from .baseline import read

            entries = read(baseline_path)
        if stdin_name is not None:
            from .engine import MAX_FILE_BYTES

            # one byte past the limit is enough to report the input as too large (INP009)
            result = lint_stdin(stdin_name, sys.stdin.buffer.read(MAX_FILE_BYTES + 1), settings, cwd, markets)
        else:
            cache = None if no_cache else Cache(cache_dir or default_folder(settings.root))
            result = lint_paths(list(paths or []), settings, cwd, markets, jobs or default_jobs(), cache, git_only)
    except SetupError as error:
        _fail(str(error))
        return
    diagnostics, summary = result.diagnostics, result.summary
    inputs = _inputs(paths or [], result.checked_paths, settings, baseline_path, cwd)
    if write_baseline is not None:
        _write_baseline(write_baseline, diagnostics, cwd, inputs)
    if entries is not None and baseline_path is not None:
        diagnostics, summary = _apply_baseline(entries, baseline_path, result, cwd, bool(markets))
    _report(output_format.value, output_file, statistics, diagnostics, summary, result.rules, inputs)
    chosen = fail_on.value if fail_on is not None else settings.fail_on
    raise typer.Exit(exit_code(diagnostics, chosen))


def _inputs(named: list[str], checked: Iterable[str], settings: Config, baseline: Optional[Path], cwd: Path) -> Iterator[Path]:
    """The files a run read or was asked to read: a report or baseline written onto one
    would destroy it (`-o l.yaml l.yaml`). Made while walked: a run's checked paths are
    not held in memory (run.py)."""
    yield from (cwd / name for name in named)
    yield from (cwd / shown for shown in checked)
    yield from (path for path in (settings.path, baseline, *settings.rulesets) if path is not None)


def _refuse_inputs(path: Path, inputs: Iterable[Path]) -> None:
    from .atomic import same_file

    clash = same_file(path, inputs)
    if clash is not None:
        _fail(f"refusing to write {path}: it is {clash}, one of this run's inputs")


def _stdin_name(paths: list[str], stdin_filename: Optional[str]) -> Optional[str]:
    """The name standard input stands for when the one path is `-`; None for a run on files."""
    from .errors import SetupError

    if "-" not in paths:
        if stdin_filename is not None:
            raise SetupError("", 0, 0, "--stdin-filename names the text read from standard input: give `-` as the path")
        return None
    if len(paths) > 1:
        raise SetupError("", 0, 0, "`-` (standard input) cannot be combined with other paths")
    if not stdin_filename:
        raise SetupError("", 0, 0, "`-` reads one listing file from standard input and needs --stdin-filename PATH, the name that chooses its config, globs, suppressions and format: listlint check - --stdin-filename listings/a.yaml < a.yaml")
    return stdin_filename


def _config_near(path: Path) -> Optional[Path]:
    """The config that a file at `path` would use: the nearest one up from its folder
    (the folder need not exist: the search starts at the nearest existing one)."""
    from .config import find_config

    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return find_config(folder)


def _write_baseline(path: Path, diagnostics: list, cwd: Path, inputs: Iterable[Path]) -> None:
    from .baseline import write

    _refuse_inputs(path, inputs)
    try:
        count = write(path, diagnostics, cwd)
    except OSError as error:
        _fail(f"cannot write baseline {path}: {error.strerror or error}")
    typer.echo(f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline {path}.")
    raise typer.Exit(0)


def _apply_baseline(entries: list, path: Path, result, cwd: Path, partial: bool) -> tuple[list, dict[str, int]]:
    """Known findings hidden; entries that no longer occur listed on stderr (the first ten)."""
    from .baseline import apply
    from .diagnostics import summarise

    applied = apply(entries, result.diagnostics, cwd, path.parent, None if partial else result.checked_paths, result.enabled_codes)
    summary = summarise(applied.kept, result.summary["files"])
    summary.update(baselined=applied.hidden, baseline_fixed=len(applied.fixed))
    for entry in applied.fixed[:10]:
        sku = f" (sku {entry.sku})" if entry.sku else ""
        typer.echo(f"listlint: baseline: {entry.code} in {entry.path}{sku} no longer occurs", err=True)
    if len(applied.fixed) > 10:
        typer.echo(f"listlint: baseline: ... and {len(applied.fixed) - 10} more entries no longer occur", err=True)
    if applied.fixed:
        typer.echo(f"listlint: baseline: {len(applied.fixed)} fixed; drop them with --write-baseline {path}", err=True)
    return applied.kept, summary


def _report(name: str, output_file: Optional[Path], statistics: bool, diagnostics: list, summary: dict[str, int], rules: list, inputs: Iterable[Path]) -> None:
    """Write the report to stdout or to --output-file (atomic.py; refused or unwritable: exit 2)."""
    from .reporters import MACHINE_FORMATS, ReportContext, resolve, writer

    chosen, color = resolve(name, None, sys.stdout.isatty(), str(output_file) if output_file is not None else None)
    context = ReportContext({rule.code: rule for rule in rules}, color)
    write = writer(chosen)
    if output_file is None:
        write(diagnostics, summary, sys.stdout, context)
    else:
        from .atomic import atomic_write

        _refuse_inputs(output_file, inputs)
        try:
            with atomic_write(output_file) as out:
                write(diagnostics, summary, out, context)
        except OSError as error:
            _fail(f"cannot write {output_file}: {error.strerror or error}")
    if statistics:
        from .reporters.statistics import write as write_statistics

        to_stdout = output_file is not None or chosen not in MACHINE_FORMATS
        write_statistics(diagnostics, sys.stdout if to_stdout else sys.stderr)


class MetricsFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
def metrics(
    report: Annotated[Path, typer.Argument(help="An orders report (CSV/TSV), a metrics file (kind: account-metrics) or Amazon's Account Health report (JSON).")],
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="Last day of every window (YYYY-MM-DD; default today).")] = None,
    output_format: Annotated[MetricsFormat, typer.Option("--format", help="text (a table) or json.")] = MetricsFormat.text,
    config: Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: nearest .listlint.yaml or pyproject.toml).")] = None,
) -> None:
    """Every account health metric of a report against its target, with the counts behind it."""
    from .config import parse_as_of
    from .errors import SetupError
    from .metrics_report import run_metrics

    try:
        day = parse_as_of(as_of) if as_of is not None else None
        text, code = run_metrics(report, day, output_format.value, config, Path.cwd())
    except SetupError as error:
        _fail(str(error))
        return
    typer.echo(text, nl=False)
    raise typer.Exit(code)


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", help="table, markdown (the README's rule reference) or docs (docs/rules.md).")] = "table",
) -> None:
    """List every rule: code, name, severity and what it checks."""
    from .docs import rule_table, rules_document, rules_markdown
    from .errors import SetupError
    from .rules import load_rules

    try:
        loaded = load_rules([])
    except SetupError as error:
        _fail(str(error))
        return
    if output_format == "markdown":
        typer.echo(rules_markdown(loaded), nl=False)
    elif output_format == "table":
        typer.echo(rule_table(loaded), nl=False)
    elif output_format == "docs":
        typer.echo(rules_document(loaded), nl=False)
    else:
        _fail(f"--format: unknown format {output_format!r} (table, markdown or docs)")


@app.command()
def requirements(
    product_type: Annotated[Optional[str], typer.Option("--product-type", help="Amazon product type, e.g. HEADPHONES.")] = None,
    keywords: Annotated[Optional[str], typer.Option("--keywords", help="Words from the title, comma-separated (bluetooth,lithium).")] = None,
    attribute: Annotated[Optional[list[str]], typer.Option("--attribute", help="An attribute as NAME=VALUE (age_range=3 years and up); repeatable.")] = None,
    marketplace: Annotated[str, typer.Option(help="Marketplaces, comma-separated (US,DE or EU).")] = "US",
    output_format: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    config: Annotated[Optional[Path], typer.Option("--config", help="Configuration file (its rulesets may add *.categories.yaml files).")] = None,
    as_of: Annotated[Optional[str], typer.Option("--as-of", help="The day dated requirements are measured at (YYYY-MM-DD; default today).")] = None,
) -> None:
    """What documents, markings and attributes a product needs, with sources."""
    from .config import check_marketplaces, load_config, parse_as_of
    from .errors import SetupError
    from .requirements import requirements_report, unknown_product_type_note

    try:
        if output_format not in ("text", "json"):
            raise SetupError("", 0, 0, f"--format: unknown format {output_format!r} (text or json)")
        markets = _codes(marketplace)
        check_marketplaces(markets)
        if not markets:
            raise SetupError("", 0, 0, "--marketplace: name at least one marketplace")
        words = [w.strip() for w in (keywords or "").split(",") if w.strip()]
        if not product_type and not words and not attribute:
            raise SetupError("", 0, 0, "give --product-type, --keywords or --attribute")
        values = {}
        for item in attribute or []:
            name, sep, value = item.partition("=")
            if not sep or not name.strip():
                raise SetupError("", 0, 0, f"--attribute: {item!r} is not NAME=VALUE")
            values[name.strip()] = value.strip()
        settings = load_config(config, Path.cwd())
        name = (product_type or "").strip().upper()
        note = unknown_product_type_note(name, tuple(settings.rulesets))
        day = parse_as_of(as_of) if as_of is not None else ""
        text = requirements_report(name, words, values, markets, output_format, tuple(settings.rulesets), day)
    except SetupError as error:
        _fail(str(error))
        return
    if note:
        typer.echo(f"listlint: warning: {note}", err=True)
    typer.echo(text, nl=False)


@app.command()
def explain(code: Annotated[str, typer.Argument(help="A rule code such as RED001.")]) -> None:
    """Explain a rule: why it matters, its sources and examples."""
    from .docs import explain_rule
    from .rules import load_rules
    from .schemacheck import did_you_mean

    by_code = {rule.code: rule for rule in load_rules([])}
    rule = by_code.get(code.upper())
    if rule is None:
        _fail(f"unknown rule code {code!r}{did_you_mean(code.upper(), by_code)}")
        return
    typer.echo(explain_rule(rule), nl=False)
    if rule.kind == "pattern":
        from .kinds.pattern import scan_plan

        typer.echo("Scanning (regex module, at most 0.25 s per text):")
        for line in scan_plan(rule):
            typer.echo(f"  - {line}")


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(help="Which schema.")] = SchemaName.listing) -> None:
    """Print the JSON Schema of listing files (or of rulesets, or of the config)."""
    from importlib import resources

    if name is SchemaName.compliance:  # built from the listing schema's certificates
        import json

        from .documents.compliance import compliance_schema

        typer.echo(json.dumps(compliance_schema(), indent=2, ensure_ascii=False))
        return
    typer.echo(resources.files("listlint").joinpath(f"data/{name.value}.schema.json").read_text("utf-8"))


def main() -> None:
    try:
        code = app(standalone_mode=False)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `listlint`: help, not an error
            typer.echo(error.format_message())
            sys.exit(0)
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            # click's usage errors (bad option, missing argument): one line, exit 2
            typer.echo(f"listlint: {error.format_message()}", err=True)
            sys.exit(2 if error.exit_code == 2 else error.exit_code)
        # a bug must still honour exit code 2 and keep stdout clean
        typer.echo(f"listlint: internal error: {type(error).__name__}: {error}", err=True)
        sys.exit(2)
    sys.exit(code if isinstance(code, int) else 0)
