"""Errors that stop a run with exit 2: a broken ruleset, config file or command line."""

from __future__ import annotations


class SetupError(Exception):
    """A problem in something the user set up; str() is 'path:line:col: problem'."""

    def __init__(self, path: str, line: int, column: int, problem: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {problem}" if path else problem)
        self.path = path
        self.line = line
        self.column = column
        self.problem = problem


class RulesetError(SetupError):
    """A ruleset that cannot be used."""


class ConfigError(SetupError):
    """A configuration file that cannot be used."""
