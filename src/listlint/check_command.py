"""`listlint check`, without the command-line library: a pre-commit run on one edited file
should pay for linting, not for parsing its arguments.

The console script (console.py) reads a plain `check` command line with `plain_check`:
paths and the check options as `--name value`, `--name=value`, `-o value` or `-j value`,
and `--` before file names (pre-commit's call). Anything else (`--help`, a value that is not one
of an option's choices, an option it does not know, another command) goes to the full
command line (cli.py), whose parser says what is wrong; so the two paths accept the same
command lines, run the same `run_check` and exit with the same codes.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field
from pathlib import Path
from typing import TYPE_CHECKING, Optional

from .lean_dataclass import lean_dataclass

if TYPE_CHECKING:
    from .config import Config

FORMATS = ("auto", "text", "json", "json-lines", "sarif", "github", "gitlab", "junit", "html")
FAIL_ON = ("error", "warning", "info", "never")
_FLAGS = {"--statistics": "statistics", "--no-cache": "no_cache", "--git-only": "git_only"}
_VALUE_OPTIONS = {
    "--format": "output_format", "--output-file": "output_file", "-o": "output_file", "--baseline": "baseline",
    "--write-baseline": "write_baseline", "--select": "select", "--ignore": "ignore", "--marketplace": "marketplace",
    "--fail-on": "fail_on", "--config": "config", "--as-of": "as_of", "--jobs": "jobs", "-j": "jobs",
    "--cache-dir": "cache_dir", "--stdin-filename": "stdin_filename",
}
_PATH_OPTIONS = frozenset(("output_file", "baseline", "write_baseline", "config", "cache_dir"))
_CHOICES = {"output_format": FORMATS, "fail_on": FAIL_ON}
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")  # what the full command line's echo strips off a non-terminal


@lean_dataclass(slots=True)
class CheckOptions:
    """The options of `listlint check`, as its help describes them."""

    paths: list[str] = field(default_factory=list)
    output_format: str = "auto"
    output_file: Optional[Path] = None
    statistics: bool = False
    baseline: Optional[Path] = None
    write_baseline: Optional[Path] = None
    select: Optional[str] = None
    ignore: Optional[str] = None
    marketplace: Optional[str] = None
    fail_on: Optional[str] = None
    config: Optional[Path] = None
    as_of: Optional[str] = None
    jobs: Optional[int] = None
    no_cache: bool = False
    cache_dir: Optional[Path] = None
    git_only: bool = False
    stdin_filename: Optional[str] = None


class CommandExit(Exception):
    """Ends the command with this exit code (its message, if any, already printed)."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


def plain_check(arguments: list[str]) -> CheckOptions | None:
    """The options of a `check` command line the full parser would read the same way, or
    None for anything it must read (and perhaps reject) itself."""
    if not arguments or arguments[0] != "check":
        return None
    values: dict[str, object] = {}
    paths: list[str] = []
    rest = iter(arguments[1:])
    for token in rest:
        if token == "--":
            paths.extend(rest)
        elif token == "-" or not token.startswith("-"):
            paths.append(token)
        elif token in _FLAGS:
            values[_FLAGS[token]] = True
        else:
            name, equals, value = token.partition("=")
            if name not in _VALUE_OPTIONS or (equals and not name.startswith("--")):
                return None  # --help, an unknown option, -oFILE, -j=2: the full parser's
            if not equals:
                value = next(rest, "")
            converted = _converted(_VALUE_OPTIONS[name], value)
            if converted is None:
                return None
            values[_VALUE_OPTIONS[name]] = converted  # given twice: the last one counts
    return CheckOptions(paths, **values)  # type: ignore[arg-type]


def _converted(name: str, value: str) -> object | None:
    """An option's value as the full parser converts it, or None where it might object or differ."""
    if not value or value.startswith("-"):
        return None
    if name in _CHOICES:
        return value if value in _CHOICES[name] else None
    if name == "jobs":
        return int(value) if value.isascii() and value.isdigit() and int(value) >= 1 else None
    return Path(value) if name in _PATH_OPTIONS else value


def guarded(command: Callable[[], int]) -> int:
    """The command's exit code; 130 on Ctrl-C, 2 for a bug (one line on stderr, stdout left clean)."""
    try:
        return command()
    except CommandExit as stop:
        return stop.code
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        echo(f"listlint: internal error: {type(error).__name__}: {error}", err=True)
        return 2


def echo(message: str, err: bool = False) -> None:
    """A line on stdout or stderr, as the full command line prints it."""
    stream = sys.stderr if err else sys.stdout
    if not stream.isatty():
        message = _ANSI.sub("", message)
    stream.write(message + "\n")
    stream.flush()


def fail(message: str) -> None:
    echo(f"listlint: {message}", err=True)
    raise CommandExit(2)


def codes(value: Optional[str]) -> tuple[str, ...]:
    return tuple(c.strip().upper() for c in (value or "").split(",") if c.strip())


def run_check(options: CheckOptions) -> int:
    """Lint the files and report; the exit code (0, 1, or 2 for a setup error)."""
    from .cache import Cache, default_folder
    from .config import check_marketplaces, load_config, override
    from .errors import SetupError
    from .parallel import default_jobs
    from .run import exit_code, lint_paths, lint_stdin

    cwd = Path.cwd()
    paths = options.paths
    try:
        stdin_name = _stdin_name(paths, options.stdin_filename)
        config_file = options.config if options.config is not None or stdin_name is None else _config_near(cwd / stdin_name)
        settings = override(load_config(config_file, cwd), codes(options.select) if options.select is not None else None, codes(options.ignore), options.as_of)
        settings.cache_folder = options.cache_dir
        markets = codes(options.marketplace)
        check_marketplaces(markets)
        baseline_path = None if options.write_baseline is not None else (options.baseline or settings.baseline)
        entries = None
        if baseline_path is not None:
            from .baseline import read

            entries = read(baseline_path)
        if stdin_name is not None:
            from .engine import MAX_FILE_BYTES

            # one byte past the limit is enough to report the input as too large (INP009)
            result = lint_stdin(stdin_name, sys.stdin.buffer.read(MAX_FILE_BYTES + 1), settings, cwd, markets)
        else:
            cache = None if options.no_cache else Cache(settings.cache_folder or default_folder(settings.root))
            result = lint_paths(list(paths), settings, cwd, markets, options.jobs or default_jobs(), cache, options.git_only)
    except SetupError as error:
        fail(str(error))
        return 2
    diagnostics, summary = result.diagnostics, result.summary

    def inputs() -> Iterator[Path]:
        return _inputs(paths, result.checked_paths, settings, baseline_path, cwd)

    if options.write_baseline is not None:
        _write_baseline(options.write_baseline, diagnostics, cwd, inputs())
    if entries is not None and baseline_path is not None:
        diagnostics, summary = _apply_baseline(entries, baseline_path, result, cwd, bool(markets))
    _report(options.output_format, options.output_file, options.statistics, diagnostics, summary, result.rules, inputs())
    chosen = options.fail_on if options.fail_on is not None else settings.fail_on
    return exit_code(summary, chosen)


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
        fail(f"refusing to write {path}: it is {clash}, one of this run's inputs")


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
        fail(f"cannot write baseline {path}: {error.strerror or error}")
    echo(f"Wrote {count} finding{'s' if count != 1 else ''} to the baseline {path}.")
    raise CommandExit(0)


def _apply_baseline(entries: list, path: Path, result, cwd: Path, partial: bool) -> tuple[list, dict[str, int]]:
    """Known findings hidden; entries that no longer occur listed on stderr (the first ten)."""
    from .baseline import apply
    from .diagnostics import summarise

    applied = apply(entries, result.diagnostics, cwd, path.parent, None if partial else result.checked_paths, result.enabled_codes)
    summary = summarise(applied.kept, result.summary["files"])
    summary.update(baselined=applied.hidden, baseline_fixed=len(applied.fixed))
    for entry in applied.fixed[:10]:
        sku = f" (sku {entry.sku})" if entry.sku else ""
        echo(f"listlint: baseline: {entry.code} in {entry.path}{sku} no longer occurs", err=True)
    if len(applied.fixed) > 10:
        echo(f"listlint: baseline: ... and {len(applied.fixed) - 10} more entries no longer occur", err=True)
    if applied.fixed:
        echo(f"listlint: baseline: {len(applied.fixed)} fixed; drop them with --write-baseline {path}", err=True)
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
            fail(f"cannot write {output_file}: {error.strerror or error}")
    if statistics:
        from .reporters.statistics import write as write_statistics

        to_stdout = output_file is not None or chosen not in MACHINE_FORMATS
        write_statistics(diagnostics, sys.stdout if to_stdout else sys.stderr)
