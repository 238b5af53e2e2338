"""One lint run: configuration, rules, discovery and the engine, without any CLI.

This is the library entry point: `lint_paths` returns diagnostics and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .diagnostics import Diagnostic, summarise
from .discover import discover, display_path
from .engine import Engine
from .rules import load_rules


@dataclass(slots=True)
class RunResult:
    diagnostics: list[Diagnostic]
    summary: dict[str, int]


def lint_paths(paths: list[str], config: Config, cwd: Path, marketplaces: tuple[str, ...] = ()) -> RunResult:
    """Lint files and folders; raises SetupError (exit 2) for unusable rulesets, config or paths."""
    engine = Engine(load_rules(list(config.rulesets)), config, marketplaces)
    files = discover(paths, config, cwd)
    diagnostics: list[Diagnostic] = []
    checked = 0
    for path in files:
        result = engine.lint_file(path, display_path(path, cwd))
        diagnostics.extend(result.diagnostics)
        checked += result.checked
    diagnostics.sort(key=Diagnostic.sort_key)
    return RunResult(diagnostics, summarise(diagnostics, checked))


def exit_code(diagnostics: list[Diagnostic], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    return 1 if any(d.at_least(fail_on) for d in diagnostics) else 0
