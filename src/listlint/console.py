"""The console script `listlint` (and `python -m listlint`).

A plain `check` command line, pre-commit's call on the files just edited, runs without
the command-line library (check_command.py); every other command line goes to cli.py.
"""

from __future__ import annotations

import sys

from .check_command import guarded, plain_check, run_check


def main() -> None:
    options = plain_check(sys.argv[1:])
    if options is None:
        from .cli import main as full_command_line

        full_command_line()  # exits
        return
    sys.exit(guarded(lambda: run_check(options)))
