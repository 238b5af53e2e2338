"""listlint: a compliance linter for Amazon marketplace listings."""

__version__ = "0.1.0"
