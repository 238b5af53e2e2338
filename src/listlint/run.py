"""One lint run: configuration, rules, discovery and the engine, without any CLI.

This is the library entry point: `lint_paths` returns diagnostics and never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .diagnostics import Diagnostic, summarise
from .discover import discover, display_path
from .engine import Engine
from .rules import Rule, load_rules


@dataclass(slots=True)
class RunResult:
    diagnostics: list[Diagnostic]
    summary: dict[str, int]
    rules: list[Rule] = field(default_factory=list)  # every rule of the run (reports describe them)
    checked_paths: list[str] = field(default_factory=list)  # shown paths of the files read
    enabled_codes: set[str] = field(default_factory=set)  # codes select/ignore left on


def lint_paths(paths: list[str], config: Config, cwd: Path, marketplaces: tuple[str, ...] = ()) -> RunResult:
    """Lint files and folders; raises SetupError (exit 2) for unusable rulesets, config or paths."""
    engine = Engine(load_rules(list(config.rulesets)), config, marketplaces)
    files = discover(paths, config, cwd)
    # project phase: read every file first so that checks can look across files (project.py);
    # "complete" runs cover folders, pre-commit's lists of files are not
    complete = not paths or any((cwd / p).is_dir() for p in paths)
    shown = [(path, display_path(path, cwd)) for path in files]
    engine.collect(shown, complete)
    diagnostics: list[Diagnostic] = []
    checked_paths: list[str] = []
    for path, name in shown:
        result = engine.lint_file(path, name)
        diagnostics.extend(result.diagnostics)
        if result.checked:
            checked_paths.append(result.path)
    diagnostics.sort(key=Diagnostic.sort_key)
    enabled = {rule.code for rule in engine.rules if engine.enabled(rule.code)}
    return RunResult(diagnostics, summarise(diagnostics, len(checked_paths)), engine.rules, checked_paths, enabled)


def exit_code(diagnostics: list[Diagnostic], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    return 1 if any(d.at_least(fail_on) for d in diagnostics) else 0
