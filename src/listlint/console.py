"""The console script `listlint` (and `python -m listlint`).

A plain `check` command line, pre-commit's call on the files just edited, runs without
the command-line library (check_command.py); every other command line goes to cli.py.
"""

from __future__ import annotations

import gc
import sys


def main() -> None:
    # a plain check starts by making tens of thousands of objects that all live on (its
    # modules, classes and compiled rules): the collector would only walk them again and
    # again, so it waits until the rules are loaded (run.Setup.engine freezes them and
    # turns it back on; a run whose results all come from the cache makes few objects and
    # ends without it)
    gc.disable()
    from .check_command import guarded, plain_check, run_check

    options = plain_check(sys.argv[1:])
    if options is None:
        gc.enable()
        from .cli import main as full_command_line

        full_command_line()  # exits
        return
    sys.exit(guarded(lambda: run_check(options)))
