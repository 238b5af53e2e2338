"""`listlint metrics REPORT`: the account metrics of one report as a table (or JSON).

The report is read exactly as `listlint check` reads it (an orders report, a metrics
file or Amazon's Account Health report); every metric is shown with its window, counts,
value, target, status and margin, so the arithmetic can be checked by hand. Exit 0 when
no metric breaches its target, 1 when one does, 2 when the file cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path

from typing import TYPE_CHECKING

from .dates import day_of_run
from .errors import SetupError
from .metrics import DEFAULT_BAND, table

if TYPE_CHECKING:
    from .config import Config


def run_metrics(path: Path, as_of: str | None, output: str, config_path: Path | None, cwd: Path) -> tuple[str, int]:
    from .config import load_config
    from .discover import config_relative, display_path
    from .documents import records_from
    from .readers import read_source, reader_for, special_reader, stream_reader

    config = load_config(config_path, cwd)
    shown = display_path(path, cwd)
    _refuse_unreadable(path, shown, config)
    day = day_of_run(as_of or config.as_of)
    band = config.metrics_warning_band if config.metrics_warning_band is not None else DEFAULT_BAND
    reader = special_reader(path, config_relative(path, config), config) or reader_for(path)
    streamed = stream_reader(reader)  # an orders report is read from its file, never held whole
    if streamed is not None:
        result = streamed(path, shown)
        unreadable = [p.code for p in result.problems if p.code in ("INP002", "INP004", "INP008", "INP009", "INP016")]
    else:
        source, problems = read_source(path, shown, 20 * 1024 * 1024)
        result = reader(source) if source is not None else None
        unreadable = [p.code for p in problems] if source is None else []
    if result is None or unreadable:
        raise SetupError(shown, 1, 1, f"cannot read the report ({unreadable[0] if unreadable else 'unreadable'})")
    source = result.source
    records = [r for r in records_from(result, tuple(config.marketplaces)) if r.kind == "account-metrics"]
    notes = []
    for problem in result.problems:
        line, column = source.position(max(problem.start, 0))
        detail = problem.args.get("detail") or problem.args.get("error") or ""
        column_name = problem.args.get("column")
        notes.append(f"{shown}:{line}:{column}: {problem.code} " + (f"no {column_name} column: {detail}" if column_name and problem.code == "INP029" else (f"{column_name} {problem.args.get('value')!r} is not a date" if problem.code == "INP030" else detail)))
    if not records:
        raise SetupError(shown, 1, 1, "not an orders report, metrics file or Account Health report" + (f" ({notes[0]})" if notes else ""))
    measurements = [m for record in records for m in record.spec.measurements(day)]
    breached = any(m.breached() for m in measurements)
    if output == "json":
        document = {"version": 1, "report": shown, "as_of": day.isoformat(), "warning_band": band, "metrics": [m.as_json(band) for m in measurements], "problems": notes}
        return json.dumps(document, indent=2) + "\n", 1 if breached else 0
    head = f"{shown}: account metrics as of {day.isoformat()}\n"
    text = head + table(measurements, band) + "".join(note + "\n" for note in notes)
    return text, 1 if breached else 0


def _refuse_unreadable(path: Path, shown: str, config: Config) -> None:
    """SetupError, in the words `check` uses (INP016, INP040), for a report that is missing or
    is no regular file (a FIFO would block the read) or is a link out of the repository."""
    from .repository import repository_root
    from .safeio import why_not_readable

    refusal = why_not_readable(path, repository_root(path, config))
    if refusal is None:
        return
    code, args = refusal
    from .rules import load_ruleset, shipped_ruleset_paths  # only now: a readable report never needs the rules

    inputs = next(ruleset for ruleset in shipped_ruleset_paths() if ruleset.name == "input.yaml")
    message = next(rule.message for rule in load_ruleset(inputs) if rule.code == code)
    raise SetupError(shown, 1, 1, f"{code} {message.format(**args)}")
