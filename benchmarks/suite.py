"""listlint's benchmark suite: every figure of the README's Speed section from one command.

    python benchmarks/suite.py                              # full run (an hour or more on 2 cores)
    python benchmarks/suite.py --quick                      # smoke run with tiny sizes (seconds)
    python benchmarks/suite.py --markdown-out speed.md      # also write the tables as Markdown
    python benchmarks/suite.py --quick --compare-output ref.json   # store / compare all findings

Writes, from one seed: real listing text (the 863 amazon.co.uk toy pages of
tests/data/amazon-uk-toys-863.json, replicated to 20k files, and to 10k / 100k files for
memory); generated YAML catalogs (one listing a file, 10k listings) with realistic copy and
about a tenth of the listings carrying one violation; user term lists (1k / 20k / 100k
made-up protected names, each list the start of the next); inventory flat files (10k / 100k
rows). Then it runs each case as separate fresh processes, each timing --repeat times (min
and median of wall and CPU seconds, the largest peak RSS), and compares side by side:

  listlint          `listlint check --jobs 1` with all shipped rules plus one user terms rule
  parse floor       only parsing the same files: yaml CSafeLoader compose (node tree) and load,
                    the csv module for flat files
  check-jsonschema  the same YAML files against `listlint schema listing` (PyPI, extra `bench`)
  textlint          textlint-rule-stop-words holding the same terms, on the same listings
                    written as Markdown (npm; pinned in benchmarks/textlint/). Its cost grows
                    with terms x texts (one regular expression per term per paragraph), so it
                    reads --textlint-listings listings of the catalog only (half of them
                    naming a user term, so that the two tools' hit counts can be compared).

Cases: the real-text catalogs with the default term list; each generated catalog with the
default term list; the --terms-catalog with each term list; each flat file with the default
term list; a one-file run against `python -c pass` (--startup-runs fresh processes each), with
`python -X importtime` of the same run. It then checks that the tools did the work it generated
(listings flagged, term hits) and, with --compare-output, that the real-text findings are
byte-identical to a stored run's; prints the verdicts on issue 17's targets as ratios, and
exits 1 when a check fails (never on a timing).
"""

from __future__ import annotations

import argparse
import collections
import datetime
import importlib.metadata
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

import competitors
import findings_ref
from flatfile import write_flat_file
from importtime import PackageImports, profile_imports
from listings import Tally, listings, write_catalog
from measure import Timing, measure, repeat
from real_text import write_real_catalog, write_real_flat_file
from terms import RULE_CODE, make_terms, write_listlint_config, write_terms
from workspace import parser as workspace_parser
from workspace import workspace

# Generated listings carry no certificates, so most of them get certificate (CRT) findings
# whatever their text says; a listing counts as flagged for a violation by any other code.
CERTIFICATE_PREFIX = "CRT"
BENCHMARKS = Path(__file__).resolve().parent
FLOOR_SCRIPT = BENCHMARKS / "parse_floor.py"
STARTUP_SCRIPT = BENCHMARKS / "startup.py"  # the start-up benchmark, when there is one: its output is shown
LISTLINT_OK = (0, 1)  # 1 = findings at or above --fail-on; anything else is a failure
TOP_IMPORTS = 10

# Issue 17's targets (and issue 7's textlint one).
COMPOSE_TARGET = 3.0  # real-text catalog, --jobs 1: within 3x of composing the same files
CSV_TARGET = 10.0  # the largest flat file within 10x of the csv module reading it
TEXTLINT_TARGET = 10.0  # at least 10x the listings/s of textlint with the same terms
STARTUP_TARGET_MS = 150.0  # one-file run within 150 ms of `python -c pass`
EDITED_FILE_RUN = "listlint check FILE, file edited before each run"  # the verdict's case: pre-commit's
# Memory independent of the input's size: 10x the files (or rows) within 1.2x the peak RSS.
MEMORY_TARGET = 1.2


@dataclass(frozen=True)
class Sizes:
    """What a run generates and how often it repeats each timing."""

    catalogs: tuple[int, ...]
    term_counts: tuple[int, ...]
    default_terms: int
    terms_catalog: int
    rows: tuple[int, ...]
    textlint_listings: int
    textlint_max_terms: int  # textlint's time grows with terms x texts: larger lists are left out
    startup_runs: int
    violation_rate: float
    real: int  # real-text listings of the throughput case
    real_memory: tuple[int, ...]  # real-text catalogs whose peak RSS is compared
    repeat: int
    real_rows: int = 10_000  # rows of the real-text flat file


FULL = Sizes((10_000,), (1_000, 20_000, 100_000), 20_000, 10_000, (10_000, 100_000), 20, 20_000, 10, 0.1, 20_000, (10_000, 100_000), 3)
# Half the listings with a violation, so that even the few listings textlint reads name terms;
# the real text once (863 pages), so that --compare-output compares the whole corpus.
QUICK = Sizes((60,), (50, 200), 200, 60, (30, 300), 30, 200, 3, 0.5, 863, (86, 863), 3, real_rows=300)


@dataclass(frozen=True)
class Row:
    """One tool on one case: a row of the table."""

    case: str
    tool: str
    kind: str  # listlint, floor, compose, check-jsonschema, textlint, python: what verdicts look up
    items: int | None = None  # listings (or flat-file rows) the tool processed
    size_mb: float | None = None
    seconds: float | None = None  # the fastest of `runs` (wall)
    peak_rss_mb: float | None = None  # the largest of `runs`
    findings: int | None = None
    term_hits: int | None = None
    note: str = ""
    rates: bool = True  # False for the one-file runs, where per-second rates mean nothing
    runs: int = 0
    seconds_median: float | None = None
    cpu_seconds: float | None = None  # user + system, the least of `runs`
    cpu_median: float | None = None

    def per_second(self, amount: float | None) -> float | None:
        if not self.rates or amount is None or not self.seconds:
            return None
        return amount / self.seconds


@dataclass(frozen=True)
class Agreement:
    """A count the suite generated (or one tool found) against what a tool found."""

    case: str
    what: str
    expected: int
    found: int

    @property
    def ok(self) -> bool:
        return self.expected == self.found


@dataclass(frozen=True)
class Verdict:
    target: str
    measured: str
    met: bool | None  # None: not measured in this run


@dataclass
class Results:
    rows: list[Row] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)
    imports: list[PackageImports] = field(default_factory=list)  # of one edited-file run
    startup_output: str = ""  # benchmarks/startup.py's own report, when it exists
    comparison: str = ""  # what --compare-output found

    def find(self, case: str, kind: str) -> Row | None:
        return next((r for r in self.rows if r.case == case and r.kind == kind and r.seconds is not None), None)


def timed_row(case: str, tool: str, kind: str, timing: Timing, items: int | None = None, size_bytes: int = 0, **extra: object) -> Row:
    """A measured row: the min and median of `timing`'s runs, its largest peak RSS."""
    return Row(case, tool, kind, items, size_bytes / 1e6, timing.seconds_min, timing.peak_rss_mb, runs=timing.runs,
               seconds_median=timing.seconds_median, cpu_seconds=timing.cpu_min, cpu_median=timing.cpu_median, **extra)  # type: ignore[arg-type]


# --- listlint ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Listlint:
    """How to run `listlint check`, with the options this version of it takes."""

    executable: tuple[str, ...]
    options: tuple[str, ...]  # --no-cache / --jobs N, when `listlint check --help` lists them
    version: str

    def check(self, targets: Sequence[str], config: Path | None = None) -> list[str]:
        config_option = ["--config", str(config)] if config else []
        return [*self.executable, "check", *targets, *config_option, "--format", "json", *self.options]


def find_listlint(jobs: int) -> Listlint:
    exe = shutil.which("listlint")
    executable = (exe,) if exe else (sys.executable, "-m", "listlint")
    help_text = subprocess.run([*executable, "check", "--help"], capture_output=True, text=True).stdout
    options: list[str] = []
    if "--no-cache" in help_text:  # throughput runs measure the whole work, not a cache hit
        options.append("--no-cache")
    if "--jobs" in help_text:
        options += ["--jobs", str(jobs)]
    return Listlint(executable, tuple(options), importlib.metadata.version("listlint"))


@dataclass(frozen=True)
class LintReport:
    findings: int
    flagged: frozenset[str]  # SKUs (lower case) with a finding other than a certificate one
    term_hits: collections.Counter[str]  # user-term findings per SKU (lower case)


def read_lint_report(path: Path) -> LintReport:
    diagnostics = json.loads(path.read_text("utf-8"))["diagnostics"]
    flagged = frozenset(d["sku"].lower() for d in diagnostics if d.get("sku") and not d["code"].startswith(CERTIFICATE_PREFIX))
    hits = collections.Counter(d["sku"].lower() for d in diagnostics if d["code"] == RULE_CODE)
    return LintReport(len(diagnostics), flagged, hits)


# --- the generated workspace ---------------------------------------------------------------


@dataclass
class Workspace:
    root: Path
    terms: dict[int, Path] = field(default_factory=dict)  # term count -> terms file
    configs: dict[int, Path] = field(default_factory=dict)  # term count -> listlint config
    catalogs: dict[int, Tally] = field(default_factory=dict)
    real_catalogs: dict[int, Tally] = field(default_factory=dict)  # real text, replicated
    flat_files: dict[int, Tally] = field(default_factory=dict)
    real_flat_file: Tally | None = None
    one_file: Path | None = None


def generate(root: Path, sizes: Sizes, seed: int) -> Workspace:
    start, violation_rate = time.perf_counter(), sizes.violation_rate
    space = Workspace(root)
    all_terms = make_terms(max(sizes.term_counts + (sizes.default_terms,)), seed)
    # Violations name only terms that every list holds, so each list can find all of them.
    shared_terms = all_terms[: min(sizes.term_counts + (sizes.default_terms,))]
    for count in sorted(set(sizes.term_counts + (sizes.default_terms,))):
        space.terms[count] = write_terms(root / "terms", all_terms[:count])
        space.configs[count] = write_listlint_config(root, space.terms[count])
    for count in sorted(set(sizes.catalogs + (sizes.terms_catalog,))):
        space.catalogs[count] = write_yaml_catalog(root, count, seed, violation_rate, shared_terms)
    for count in sorted({sizes.real, *sizes.real_memory}):
        space.real_catalogs[count] = write_real_yaml_catalog(root, count)
    for rows in sizes.rows:
        space.flat_files[rows] = write_flat_file(root / f"inventory-{rows}.txt", rows, seed, violation_rate, shared_terms)
    real_flat = root / f"real-inventory-{sizes.real_rows}.txt"
    write_real_flat_file(real_flat, sizes.real_rows)
    space.real_flat_file = Tally(items=sizes.real_rows, paths=[real_flat])
    space.one_file = write_one_file(root / "one-file", seed)
    for count, tally in space.catalogs.items():
        print(f"  catalog {count:,}: {tally.size / 1e6:.1f} MB, {tally.with_violation:,} listings with a violation ({tally.with_term:,} naming a user term)")
    for count, tally in space.real_catalogs.items():
        print(f"  real-text catalog {count:,}: {tally.size / 1e6:.1f} MB")
    for rows, tally in space.flat_files.items():
        print(f"  flat file {rows:,} rows: {tally.size / 1e6:.1f} MB, {tally.with_violation:,} rows with a violation")
    print(f"generated in {time.perf_counter() - start:.1f} s at {root}", flush=True)
    return space


def write_yaml_catalog(root: Path, count: int, seed: int, violation_rate: float, terms: Sequence[str]) -> Tally:
    """The YAML catalog of `count` listings, and beside it the list of its files (generation
    order) that the parse floor and check-jsonschema read."""
    tally = write_catalog(root / f"catalog-{count}", count, seed, violation_rate, terms)
    (root / f"catalog-{count}.files").write_text("\n".join(p.relative_to(root).as_posix() for p in tally.paths), "utf-8")
    return tally


def write_real_yaml_catalog(root: Path, count: int) -> Tally:
    """The real pages replicated to `count` files, with the list of its files beside it."""
    paths = write_real_catalog(root / real_folder(count), count)
    (root / f"{real_folder(count)}.files").write_text("\n".join(p.relative_to(root).as_posix() for p in paths), "utf-8")
    return Tally(items=len(paths), paths=paths)


def real_folder(count: int) -> str:
    return f"real-{count}"


def write_one_file(folder: Path, seed: int) -> Path:
    """The first clean listing of the stream, alone in a folder whose config adds nothing, so
    the one-file run is the shipped rules on one file (pre-commit's usual call)."""
    folder.mkdir(parents=True)
    record = next(item.record for item in listings(100, seed, 0.1, ["unused"]) if item.violation is None)
    (folder / ".listlint.yaml").write_text("# shipped rules only\n", "utf-8")
    path = folder / "listing.yaml"
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True), "utf-8")
    return path


# --- cases -------------------------------------------------------------------------------------


@dataclass
class SuiteContext:
    """What every case needs: the sizes, the generated files, the tools, and the results so far."""

    sizes: Sizes
    space: Workspace
    listlint: Listlint
    textlint: competitors.Tool
    check_jsonschema: competitors.Tool
    schema: Path
    compare_output: Path | None = None
    results: Results = field(default_factory=Results)


def announce(row: Row) -> Row:
    """Print a measured row as it comes (a full run takes a while), and return it."""
    seconds = f"{row.seconds:.3f} s min, {row.seconds_median:.3f} s median of {row.runs}" if row.seconds is not None else row.note
    print(f"  {row.case} | {row.tool}: {seconds}", flush=True)
    return row


def catalog_label(listing_count: int, term_count: int) -> str:
    return f"YAML, {listing_count:,} listings, {term_count:,} terms"


def real_label(listing_count: int, term_count: int) -> str:
    return f"real text, {listing_count:,} listings, {term_count:,} terms"


def run_listlint(context: SuiteContext, case: str, targets: Sequence[str], items: int, size: int, terms: int) -> tuple[Row, LintReport, Path]:
    """`listlint check` on `targets`, repeated; also returns where its last JSON report is."""
    space = context.space
    out = space.root / "out" / f"listlint-{re.sub('[^0-9a-z]+', '-', case.lower()).strip('-')}.json"
    out.parent.mkdir(exist_ok=True)
    timing = repeat(context.listlint.check(targets, space.configs[terms]), space.root, context.sizes.repeat, out, LISTLINT_OK)
    lint_report = read_lint_report(out)
    row = timed_row(case, "listlint check", "listlint", timing, items, size, findings=lint_report.findings, term_hits=sum(lint_report.term_hits.values()))
    return announce(row), lint_report, out


def listlint_agreements(case: str, tally: Tally, lint_report: LintReport) -> list[Agreement]:
    return [
        Agreement(case, "listings with a violation: generated / flagged by listlint", tally.with_violation, len(lint_report.flagged)),
        Agreement(case, f"listings naming a user term: generated / with a {RULE_CODE} finding", tally.with_term, len(lint_report.term_hits)),
    ]


FLOOR_LABELS = {
    "compose": ("compose", "parse floor (yaml CSafeLoader compose)"),
    "yaml": ("floor", "parse floor (yaml CSafeLoader load)"),
    "csv": ("floor", "parse floor (csv module)"),
}


def run_floor(context: SuiteContext, case: str, parse: str, target: Path, items: int, size: int) -> Row:
    """The parse floor of `target` (a file list, or a flat file): `parse` is compose, yaml or csv."""
    timing = repeat([sys.executable, str(FLOOR_SCRIPT), parse, str(target)], context.space.root, context.sizes.repeat)
    kind, label = FLOOR_LABELS[parse]
    return announce(timed_row(case, label, kind, timing, items, size))


def run_check_jsonschema(context: SuiteContext, case: str, folder: str, tally: Tally) -> tuple[Row, Agreement | None]:
    tool, space = context.check_jsonschema, context.space
    if tool.missing:
        return announce(Row(case, tool.label, "check-jsonschema", note=tool.missing)), None
    out = space.root / "out" / f"check-jsonschema-{folder}.json"
    command = competitors.check_jsonschema_command(context.schema, space.root / f"{folder}.files")
    timing = repeat(command, space.root, context.sizes.repeat, out, (0, 1))
    errors = competitors.check_jsonschema_errors(out)
    row = timed_row(case, tool.label, "check-jsonschema", timing, tally.items, tally.size, findings=errors, note="findings = files failing the schema")
    return announce(row), Agreement(case, "files failing the listing schema: expected / check-jsonschema", 0, errors)


def run_textlint(context: SuiteContext, case: str, count: int, terms: int, lint_report: LintReport) -> tuple[Row, Agreement | None]:
    tool, space = context.textlint, context.space
    if tool.missing:
        return announce(Row(case, tool.label, "textlint", note=tool.missing)), None
    folder = space.root / f"markdown-{count}"
    markdown = sorted(folder.glob("*.md")) or competitors.write_markdown(textlint_sample(space.catalogs[count], context.sizes.textlint_listings), folder)
    config = competitors.write_textlint_config(space.root / f"textlintrc-{terms}.json", space.terms[terms])
    out = space.root / "out" / f"textlint-{count}-{terms}.json"
    timing = repeat(competitors.textlint_command(config, folder), space.root, context.sizes.repeat, out, (0, 1))
    hits = sum(competitors.textlint_hits(out).values())
    listlint_hits = sum(lint_report.term_hits[path.stem] for path in markdown)
    size = sum(path.stat().st_size for path in markdown)
    note = f"{len(markdown):,} listings as Markdown (see below); listlint's term hits in them: {listlint_hits:,}"
    row = timed_row(case, tool.label, "textlint", timing, len(markdown), size, findings=hits, term_hits=hits, note=note)
    what = f"term hits in the {len(markdown):,} listings textlint read: listlint / textlint (a term inside a longer hit counted once)"
    return announce(row), Agreement(case, what, listlint_hits, hits)


def textlint_sample(catalog: Tally, size: int) -> list[Path]:
    """The first size/2 listings naming a user term, then the first others up to `size`.

    The first listings alone would hold about one naming a term in twenty, too few for the hit
    counts of the two tools to show they did the same work. A term sentence adds one bullet,
    so the sample has a few per cent more text than the catalog on average.
    """
    chosen = catalog.term_paths[: size // 2]
    taken = set(chosen)
    return chosen + [path for path in catalog.paths if path not in taken][: size - len(chosen)]


def warm_up(context: SuiteContext) -> None:
    """One unmeasured `listlint check`, so that compiling listlint's bytecode (after an edit or a
    fresh install) is not timed in the first case."""
    assert context.space.one_file is not None
    measure([*context.listlint.executable, "check", context.space.one_file.name], context.space.one_file.parent, ok_codes=LISTLINT_OK)


def run_real_case(count: int, context: SuiteContext) -> None:
    """Real text: listlint against the compose floor. The throughput case (--real) adds the load
    floor, check-jsonschema and the --compare-output comparison; the others are for memory."""
    sizes, results, terms = context.sizes, context.results, context.sizes.default_terms
    tally, folder = context.space.real_catalogs[count], real_folder(count)
    case = real_label(count, terms)
    row, _, report = run_listlint(context, case, [folder], tally.items, tally.size, terms)
    results.rows.append(row)
    file_list = context.space.root / f"{folder}.files"
    results.rows.append(run_floor(context, case, "compose", file_list, tally.items, tally.size))
    if count != sizes.real:
        return
    results.rows.append(run_floor(context, case, "yaml", file_list, tally.items, tally.size))
    row, agreement = run_check_jsonschema(context, case, folder, tally)
    results.rows.append(row)
    results.agreements += [agreement] if agreement else []
    if context.compare_output:
        compared = findings_ref.compare_with_reference(report, context.compare_output)
        results.comparison = f"Whole-catalog comparison ({case}): {compared.detail}"
        print(f"  {results.comparison}", flush=True)
        results.agreements.append(Agreement(case, f"findings byte-identical to {context.compare_output.name}", 1, int(compared.identical)))


def catalog_cases(sizes: Sizes) -> list[tuple[int, int]]:
    """(listings, terms) pairs: every catalog with the default terms, then the terms catalog
    with every term list; the pair both series share runs once."""
    pairs = [(count, sizes.default_terms) for count in sizes.catalogs] + [(sizes.terms_catalog, t) for t in sizes.term_counts]
    return sorted(set(pairs))


def run_catalog_case(count: int, terms: int, context: SuiteContext) -> None:
    sizes, space, results = context.sizes, context.space, context.results
    tally = space.catalogs[count]
    case = catalog_label(count, terms)
    row, lint_report, _ = run_listlint(context, case, [f"catalog-{count}"], tally.items, tally.size, terms)
    results.rows.append(row)
    results.agreements += listlint_agreements(case, tally, lint_report)
    if terms == sizes.default_terms:  # the parse floor and the schema check do not read terms
        results.rows.append(run_floor(context, case, "yaml", space.root / f"catalog-{count}.files", tally.items, tally.size))
        row, agreement = run_check_jsonschema(context, case, f"catalog-{count}", tally)
        results.rows.append(row)
        results.agreements += [agreement] if agreement else []
    if count == sizes.terms_catalog and terms <= sizes.textlint_max_terms:
        row, agreement = run_textlint(context, case, count, terms, lint_report)
        results.rows.append(row)
        results.agreements += [agreement] if agreement else []


def run_flat_case(rows: int, context: SuiteContext) -> None:
    space, results, terms = context.space, context.results, context.sizes.default_terms
    tally = space.flat_files[rows]
    case = f"flat file, {rows:,} rows, {terms:,} terms"
    path = tally.paths[0]
    row, lint_report, _ = run_listlint(context, case, [path.name], tally.items, tally.size, terms)
    results.rows.append(row)
    results.agreements += listlint_agreements(case, tally, lint_report)
    results.rows.append(run_floor(context, case, "csv", path, tally.items, tally.size))


def run_real_flat_case(context: SuiteContext) -> None:
    """The real pages as rows of one inventory flat file (real_text.py), and its csv floor."""
    space, results, terms = context.space, context.results, context.sizes.default_terms
    tally = space.real_flat_file
    assert tally is not None
    case = f"real-text flat file, {tally.items:,} rows, {terms:,} terms"
    row, _, _ = run_listlint(context, case, [tally.paths[0].name], tally.items, tally.size, terms)
    results.rows.append(row)
    results.rows.append(run_floor(context, case, "csv", tally.paths[0], tally.items, tally.size))


def run_startup_case(context: SuiteContext) -> None:
    """`listlint check FILE` (pre-commit's call; cache as the tool keeps it) against `python -c pass`,
    each --startup-runs times after a warm-up run; then where the edited-file run's imports go."""
    space, runs, lint = context.space, context.sizes.startup_runs, context.listlint
    assert space.one_file is not None
    case = f"one file, shipped rules ({runs} runs)"
    folder, name = space.one_file.parent, space.one_file.name
    no_edit: Callable[[], None] = lambda: None
    edit = _editor(space.one_file)
    variants = [
        # pre-commit hands listlint the files just edited: their own results are never cached
        (EDITED_FILE_RUN, [*lint.executable, "check", name], edit),
        ("listlint check FILE, file unchanged", [*lint.executable, "check", name], no_edit),
    ]
    if "--no-cache" in lint.options:
        variants.append(("listlint check FILE --no-cache", [*lint.executable, "check", name, "--no-cache"], no_edit))
    variants.append(("python -c pass", [sys.executable, "-c", "pass"], no_edit))
    size = space.one_file.stat().st_size
    for label, command, before in variants:
        timing = repeat(command, folder, runs, ok_codes=LISTLINT_OK, before=before, warm_up=True)
        kind = "python" if label.startswith("python") else "listlint"
        context.results.rows.append(announce(timed_row(case, label, kind, timing, 1, size, rates=False)))
    edit()
    context.results.imports = profile_imports([*lint.executable, "check", name], folder)
    context.results.startup_output = run_startup_script()


def run_startup_script() -> str:
    """The output of benchmarks/startup.py (the start-up benchmark), when it exists."""
    if not STARTUP_SCRIPT.exists():
        return ""
    print(f"running {STARTUP_SCRIPT.name}", flush=True)
    done = subprocess.run([sys.executable, str(STARTUP_SCRIPT)], cwd=BENCHMARKS.parent, capture_output=True, text=True, timeout=1800)
    return done.stdout.strip() + (f"\n(exit {done.returncode}: {done.stderr.strip()[-500:]})" if done.returncode else "")


def _editor(path: Path) -> Callable[[], None]:
    """Appends a new comment line to `path` on each call: an edit that misses the cache."""
    edits = iter(range(1, 1_000_000))
    return lambda: path.write_text(path.read_text("utf-8") + f"# edit {next(edits)}\n", "utf-8")


# --- verdicts ------------------------------------------------------------------------------------


def verdicts(results: Results, sizes: Sizes) -> list[Verdict]:
    flat_label = f"flat file, {{:,}} rows, {sizes.default_terms:,} terms"
    real_memory = [real_label(count, sizes.default_terms) for count in (min(sizes.real_memory), max(sizes.real_memory))]
    rows = [flat_label.format(count) for count in (min(sizes.rows), max(sizes.rows))]
    return [
        floor_verdict(results, real_label(sizes.real, sizes.default_terms), "compose", COMPOSE_TARGET, f"{sizes.real:,} real-text listings, --jobs 1, within {COMPOSE_TARGET:g}x of the CSafeLoader compose floor"),
        floor_verdict(results, rows[1], "floor", CSV_TARGET, f"a {max(sizes.rows):,}-row flat file within {CSV_TARGET:g}x of the `csv` floor"),
        memory_verdict(results, *rows, f"peak RSS of the {max(sizes.rows):,}-row flat file within {MEMORY_TARGET - 1:.0%} of the {min(sizes.rows):,}-row one's"),
        startup_verdict(results),
        memory_verdict(results, *real_memory, f"peak RSS of {max(sizes.real_memory):,} listing files within {MEMORY_TARGET - 1:.0%} of {min(sizes.real_memory):,} files'"),
        textlint_verdict(results, sizes),
    ]


def floor_verdict(results: Results, case: str, floor_kind: str, target_ratio: float, target: str) -> Verdict:
    """listlint's least wall time against the floor's, on the same files (CPU seconds shown too)."""
    lint, floor = results.find(case, "listlint"), results.find(case, floor_kind)
    if not lint or not floor:
        return Verdict(target, "not measured", None)
    ratio = lint.seconds / floor.seconds
    cpu = f"; CPU {lint.cpu_seconds / floor.cpu_seconds:.1f}x" if lint.cpu_seconds and floor.cpu_seconds else ""
    return Verdict(target, f"{ratio:.1f}x ({lint.seconds:.2f} s / {floor.seconds:.2f} s, min of {lint.runs}{cpu})", ratio <= target_ratio)


def textlint_verdict(results: Results, sizes: Sizes) -> Verdict:
    case = catalog_label(sizes.terms_catalog, sizes.default_terms)
    target = f"at least {TEXTLINT_TARGET:g}x textlint's listings/s with the same {sizes.default_terms:,} terms (issue 7)"
    lint, textlint = results.find(case, "listlint"), results.find(case, "textlint")
    if not lint or not textlint:
        return Verdict(target, "not measured (textlint not installed)" if lint else "not measured", None)
    ours, theirs = lint.per_second(lint.items), textlint.per_second(textlint.items)
    ratio = ours / theirs
    return Verdict(target, f"{ratio:,.0f}x ({ours:,.0f} / {theirs:,.1f} listings/s)", ratio >= TEXTLINT_TARGET)


def startup_verdict(results: Results) -> Verdict:
    target = f"one edited file within {STARTUP_TARGET_MS:g} ms of `python -c pass`"
    lint = next((r for r in results.rows if r.tool == EDITED_FILE_RUN), None)
    python = next((r for r in results.rows if r.kind == "python"), None)
    if not lint or not python:
        return Verdict(target, "not measured", None)
    extra_ms = (lint.seconds_median - python.seconds_median) * 1000
    extra_min_ms = (lint.seconds - python.seconds) * 1000
    measured = f"+{extra_ms:.0f} ms median ({lint.seconds_median * 1000:.0f} ms / {python.seconds_median * 1000:.0f} ms), +{extra_min_ms:.0f} ms min"
    return Verdict(target, measured, extra_ms <= STARTUP_TARGET_MS)


def memory_verdict(results: Results, small_case: str, large_case: str, target: str) -> Verdict:
    low, high = results.find(small_case, "listlint"), results.find(large_case, "listlint")
    if not low or not high or small_case == large_case:
        return Verdict(target, "not measured", None)
    ratio = high.peak_rss_mb / low.peak_rss_mb
    return Verdict(target, f"{ratio:.2f}x ({high.peak_rss_mb:.1f} MB / {low.peak_rss_mb:.1f} MB)", ratio <= MEMORY_TARGET)


# --- output ----------------------------------------------------------------------------------------

COLUMNS = ["case", "tool", "listings", "MB", "seconds (min)", "seconds (median)", "CPU s (min)", "listings/s", "MB/s", "peak RSS MB", "findings", "term hits", "note"]


def _number(value: float | None, digits: int = 0) -> str:
    return "" if value is None else f"{value:,.{digits}f}"


def _rate(value: float | None) -> str:
    """Whole numbers, but one decimal below 10 (textlint's listings/s are that low)."""
    return _number(value, 1 if value is not None and value < 10 else 0)


def table_cells(row: Row) -> list[str]:
    """A row's cells; rates are of the least wall time."""
    digits = 2 if row.rates else 3
    return [
        row.case, row.tool, _number(row.items), _number(row.size_mb, 2), _number(row.seconds, digits),
        _number(row.seconds_median, digits), _number(row.cpu_seconds, digits), _rate(row.per_second(row.items)),
        _number(row.per_second(row.size_mb), 2), _number(row.peak_rss_mb, 1), _number(row.findings), _number(row.term_hits), row.note,
    ]


def markdown_table(header: Sequence[str], lines: Sequence[Sequence[str]]) -> str:
    rows = [header, ["---"] * len(header), *lines]
    return "\n".join("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows)


def imports_section(imports: Sequence[PackageImports]) -> str:
    if not imports:
        return ""
    total = sum(item.ms for item in imports)
    lines = [[item.package, f"{item.modules:,}", f"{item.ms:.1f}"] for item in imports[:TOP_IMPORTS]]
    table = markdown_table(["package", "modules", "import ms (own)"], lines)
    return (f"Imports of one edited-file run (`python -X importtime`, one run, summed per package): "
            f"{total:.0f} ms in {sum(i.modules for i in imports):,} modules; the top {TOP_IMPORTS}:\n\n{table}\n\n")


def render(results: Results, preamble: str) -> str:
    table = markdown_table(COLUMNS, [table_cells(row) for row in results.rows])
    agreement_lines = [[a.case, a.what, f"{a.expected:,}", f"{a.found:,}", "yes" if a.ok else "NO"] for a in results.agreements]
    agreements = markdown_table(["case", "count", "expected", "found", "agree"], agreement_lines)
    verdict_word = {True: "met", False: "not met", None: "not measured"}
    verdict_lines = [[v.target, v.measured, verdict_word[v.met]] for v in results.verdicts]
    targets = markdown_table(["target (issue 17)", "measured, same run", "verdict"], verdict_lines)
    comparison = f"{results.comparison}\n\n" if results.comparison else ""
    startup = f"`benchmarks/{STARTUP_SCRIPT.name}` reports:\n\n```\n{results.startup_output}\n```\n\n" if results.startup_output else ""
    return (f"{preamble}\n\n{table}\n\nDid every tool do the work that was generated?\n\n{agreements}\n\n{comparison}"
            f"{imports_section(results.imports)}{startup}{targets}\n")


README_START, README_END = "<!-- suite:start -->", "<!-- suite:end -->"


def replace_readme_tables(readme: str, tables: str) -> str:
    """`readme` with the text between its suite markers replaced by `tables` (this run's output)."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < start:
        raise ValueError(f"the README has no {README_START} ... {README_END} section for the tables")
    return readme[: start + len(README_START)] + "\n" + tables.rstrip("\n") + "\n" + readme[end:]


def shown_command() -> str:
    """This run's command line, the script relative to the current folder when it is inside it."""
    script = os.path.relpath(sys.argv[0])
    script = script if not script.startswith("..") else sys.argv[0]
    return shlex.join(["python", Path(script).as_posix(), *sys.argv[1:]])


def describe_run(lint: Listlint, sizes: Sizes, tools: Sequence[competitors.Tool]) -> str:
    options = " ".join(lint.options) or "none (this listlint has neither --no-cache nor --jobs)"
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    lines = [
        f"Command: `{shown_command()}`, {datetime.date.today().isoformat()}",
        f"Machine: {os.cpu_count()} cores, load average {load} at start, Python {platform.python_version()}, listlint {lint.version}",
        f"listlint check options: {options}; each timing is {sizes.repeat} fresh processes (one-file runs: {sizes.startup_runs} after a warm-up): "
        "seconds are wall time, min and median, CPU s is user + system (min); peak RSS is the largest of the runs, each process's own (os.wait4)",
        "Tools: " + "; ".join(tool.missing and f"{tool.label}: {tool.missing}" or tool.label for tool in tools),
        "Real text: the 863 amazon.co.uk toy pages of tests/data/amazon-uk-toys-863.json (CC BY-SA 4.0), replicated",
        f"textlint reads {sizes.textlint_listings:,} listings of its catalog, half of them naming a user term, with term lists of up to {sizes.textlint_max_terms:,} (its cost grows with terms x texts)",
    ]
    return "\n".join(f"{line}  " for line in lines).rstrip()


# --- main ---------------------------------------------------------------------------------------------


def _counts(text: str) -> tuple[int, ...]:
    return tuple(int(part.replace("_", "")) for part in text.split(","))


def _default(name: str) -> str:
    full, quick = getattr(FULL, name), getattr(QUICK, name)
    shown = lambda value: ",".join(map(str, value)) if isinstance(value, tuple) else str(value)  # noqa: E731
    return f"default {shown(full)}, --quick {shown(quick)}"


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = workspace_parser(__doc__)
    parser.add_argument("--quick", action="store_true", help="tiny sizes for a smoke run (the test suite's)")
    parser.add_argument("--listings", type=_counts, help=f"generated catalog sizes, comma-separated ({_default('catalogs')})")
    parser.add_argument("--terms", type=_counts, help=f"term list sizes for the terms series ({_default('term_counts')})")
    parser.add_argument("--default-terms", type=int, help=f"terms in every other case ({_default('default_terms')})")
    parser.add_argument("--terms-catalog", type=int, help=f"catalog of the terms series and of textlint ({_default('terms_catalog')})")
    parser.add_argument("--rows", type=_counts, help=f"flat-file sizes ({_default('rows')})")
    parser.add_argument("--real", type=int, help=f"real-text listings of the throughput case ({_default('real')})")
    parser.add_argument("--real-memory", type=_counts, help=f"real-text catalogs whose peak RSS is compared ({_default('real_memory')})")
    parser.add_argument("--textlint-listings", type=int, help=f"listings textlint reads ({_default('textlint_listings')})")
    parser.add_argument("--textlint-max-terms", type=int, help=f"largest term list textlint runs with ({_default('textlint_max_terms')})")
    parser.add_argument("--repeat", type=int, help=f"runs of each timing, min and median shown ({_default('repeat')})")
    parser.add_argument("--startup-runs", type=int, help=f"runs of each one-file command ({_default('startup_runs')})")
    parser.add_argument("--jobs", type=int, default=1, help="passed to `listlint check --jobs` (default 1: throughput on one core)")
    parser.add_argument("--violation-rate", type=float, help=f"share of listings with a violation ({_default('violation_rate')})")
    parser.add_argument("--compare-output", type=Path, metavar="REF", help="store the real-text catalog's sorted findings in REF, or compare them with REF byte for byte")
    parser.add_argument("--no-install", action="store_true", help="do not run `npm ci` for a missing textlint")
    parser.add_argument("--markdown-out", type=Path, help="also write the tables (Markdown) to this file")
    parser.add_argument("--json-out", type=Path, help="also write rows, agreements and verdicts as JSON")
    parser.add_argument("--update-readme", type=Path, metavar="README", help=f"replace the tables between {README_START} and {README_END} in README with this run's")
    return parser.parse_args(argv)


def chosen_sizes(args: argparse.Namespace) -> Sizes:
    base = QUICK if args.quick else FULL
    given = lambda name, value: value if value is not None else getattr(base, name)  # noqa: E731
    return Sizes(
        given("catalogs", args.listings), given("term_counts", args.terms), given("default_terms", args.default_terms),
        given("terms_catalog", args.terms_catalog), given("rows", args.rows), given("textlint_listings", args.textlint_listings),
        given("textlint_max_terms", args.textlint_max_terms), given("startup_runs", args.startup_runs),
        given("violation_rate", args.violation_rate), given("real", args.real), given("real_memory", args.real_memory),
        max(1, given("repeat", args.repeat)),
    )


def run_suite(args: argparse.Namespace) -> tuple[Results, str]:
    sizes = chosen_sizes(args)
    lint = find_listlint(args.jobs)
    tools = [competitors.prepare_check_jsonschema(), competitors.prepare_textlint(install=not args.no_install)]
    preamble = describe_run(lint, sizes, tools)
    print(preamble.replace("  \n", "\n"), flush=True)
    with workspace(args.keep, "listlint-suite-") as root:
        space = generate(root, sizes, args.seed)
        schema = root / "listing.schema.json"
        schema.write_text(subprocess.run([*lint.executable, "schema", "listing"], capture_output=True, text=True, check=True).stdout, "utf-8")
        context = SuiteContext(sizes, space, lint, tools[1], tools[0], schema, args.compare_output)
        warm_up(context)
        for count in sorted(space.real_catalogs):
            run_real_case(count, context)
        for count, terms in catalog_cases(sizes):
            run_catalog_case(count, terms, context)
        for rows in sizes.rows:
            run_flat_case(rows, context)
        run_real_flat_case(context)
        run_startup_case(context)
    context.results.verdicts = verdicts(context.results, sizes)
    return context.results, preamble


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv)
    # measure listlint as installed: pip compiles its bytecode at install time, and a warm-up
    # run writes it for an editable install, unless this switch (set on some CI machines) says no
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    results, preamble = run_suite(args)
    text = render(results, preamble)
    print("\n" + text)
    if args.markdown_out:
        args.markdown_out.write_text(text, "utf-8")
    if args.update_readme:
        args.update_readme.write_text(replace_readme_tables(args.update_readme.read_text("utf-8"), text), "utf-8")
    if args.json_out:
        payload = {"rows": [asdict(r) for r in results.rows], "agreements": [asdict(a) | {"ok": a.ok} for a in results.agreements],
                   "verdicts": [asdict(v) for v in results.verdicts], "imports": [asdict(i) for i in results.imports],
                   "comparison": results.comparison, "columns": COLUMNS}
        args.json_out.write_text(json.dumps(payload, indent=2) + "\n", "utf-8")
    failed = [a for a in results.agreements if not a.ok]
    for agreement in failed:
        print(f"check failed: {agreement.case}: {agreement.what}: {agreement.expected} != {agreement.found}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
