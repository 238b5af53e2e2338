"""The command line: check, rules, explain, schema.

Imports are made inside commands so that a run loads only what its command needs; a
plain `check` command line does not come here at all (check_command.main reads it
without the command-line library, which alone costs more than linting one file).

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage,
configuration, ruleset or internal error (message on stderr; stdout stays valid for
machine formats).
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .check_command import CheckOptions, guarded, run_check
from .check_command import codes as _codes
from .check_command import fail as _fail

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
    options = CheckOptions(
        list(paths or []), output_format.value, output_file, statistics, baseline, write_baseline, select, ignore,
        marketplace, fail_on.value if fail_on is not None else None, config, as_of, jobs, no_cache, cache_dir, git_only, stdin_filename,
    )
    raise typer.Exit(run_check(options))


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
    """Every command (the console script hands plain `check` runs to check_command.main)."""
    sys.exit(guarded(_parsed_and_run))


def _parsed_and_run() -> int:
    try:
        code = app(standalone_mode=False)
    except Exception as error:
        if type(error).__name__ == "NoArgsIsHelpError":  # plain `listlint`: help, not an error
            typer.echo(error.format_message())
            return 0
        if hasattr(error, "format_message") and hasattr(error, "exit_code"):
            # click's usage errors (bad option, missing argument): one line, exit 2
            typer.echo(f"listlint: {error.format_message()}", err=True)
            return 2 if error.exit_code == 2 else error.exit_code
        raise  # a bug: guarded() says so on stderr and exits 2, stdout stays clean
    return code if isinstance(code, int) else 0
