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
from typing import Annotated, Optional

import typer

from . import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    help="Compliance linter for Amazon marketplace listings.",
)


class OutputFormat(str, Enum):
    text = "text"
    json = "json"


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


class SchemaName(str, Enum):
    listing = "listing"
    ruleset = "ruleset"
    config = "config"


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
    paths: Annotated[Optional[list[str]], typer.Argument(help="Files or folders (default: the current folder).")] = None,
    output_format: Annotated[OutputFormat, typer.Option("--format", help="Output format.")] = OutputFormat.text,
    select: Annotated[Optional[str], typer.Option(help="Only these codes or prefixes, comma-separated (RED,IPR001).")] = None,
    ignore: Annotated[Optional[str], typer.Option(help="Never these codes or prefixes, comma-separated.")] = None,
    marketplace: Annotated[Optional[str], typer.Option(help="Check only for these marketplaces, comma-separated (US,DE or EU).")] = None,
    fail_on: Annotated[Optional[FailOn], typer.Option("--fail-on", help="Lowest severity that makes the exit code 1 (default error).")] = None,
    config: Annotated[Optional[Path], typer.Option("--config", help="Configuration file (default: nearest .listlint.yaml or pyproject.toml).")] = None,
) -> None:
    """Lint listing files."""
    from .config import load_config
    from .errors import SetupError
    from .reporters import writer
    from .run import exit_code, lint_paths

    cwd = Path.cwd()
    try:
        settings = load_config(config, cwd)
        if select is not None:
            settings.select = _codes(select)
        if ignore is not None:
            settings.ignore = settings.ignore + _codes(ignore)
        markets = _codes(marketplace)
        _check_marketplaces(markets)
        result = lint_paths(list(paths or []), settings, cwd, markets)
    except SetupError as error:
        _fail(str(error))
        return
    writer(output_format.value)(result.diagnostics, result.summary, sys.stdout)
    chosen = fail_on.value if fail_on is not None else settings.fail_on
    raise typer.Exit(exit_code(result.diagnostics, chosen))


def _check_marketplaces(codes: tuple[str, ...]) -> None:
    from .config import config_schema
    from .errors import SetupError
    from .schemacheck import did_you_mean

    known = config_schema()["properties"]["marketplaces"]["items"]["enum"]
    for code in codes:
        if code not in known:
            raise SetupError("", 0, 0, f"--marketplace: unknown marketplace {code!r}{did_you_mean(code, known)}")


@app.command()
def rules(
    output_format: Annotated[str, typer.Option("--format", help="table or markdown (the README's rule reference).")] = "table",
) -> None:
    """List every rule: code, name, severity and what it checks."""
    from .docs import rule_table, rules_markdown
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
    else:
        _fail(f"--format: unknown format {output_format!r} (table or markdown)")


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


@app.command()
def schema(name: Annotated[SchemaName, typer.Argument(help="Which schema.")] = SchemaName.listing) -> None:
    """Print the JSON Schema of listing files (or of rulesets, or of the config)."""
    from importlib import resources

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
