"""One lint run: configuration, rules, discovery and the engine, without any CLI.

    discover -> a content key per file -> cached result | the file linted on its own
             -> links between files -> joined groups linted together -> diagnostics

Files are found, linted and put aside a chunk at a time, in the order of their shown
paths: each file is first linted on its own (spread over processes with `jobs`,
parallel.py) and its result goes to a temporary file (stream.py), so memory does not
grow with the catalog; the few files that cross-file checks join (a packaging file and
its listings) are then linted again as a group (project.py) and their results replace
the solo ones. A result is kept in the cache under a key that
digests everything it depends on, and the facts it learnt from the file system (does a
certificate file exist?) are checked again before a cached result is trusted.

`listlint.api` is the documented library entry point; this module never prints.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import field
from datetime import date
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .lean_dataclass import lean_dataclass
from .cache import Cache, digest, file_digest, size_and_time
from .config import Config
from .diagnostics import Diagnostic
from .discover import discover_stream, display_path, wanted
from .parallel import Workers
from .repository import file_status
from .results import FileResult
from .rules import SEVERITY_RANK, Rule, load_rules, ruleset_paths
from .stream import CheckedPaths, DiagnosticLog, Joins, Member, ResultLog

if TYPE_CHECKING:  # compiling and linting modules load only when some file must be linted
    from .engine import Engine


CHUNK_FILES = 512  # files found, looked up in the cache, linted and put aside together
REGEXES_PREFIX = "regexes-"  # the compiled `regex` and `re` patterns of earlier runs (compiled.RegexMemo)


@lean_dataclass(slots=True)
class RunResult:
    diagnostics: Sequence[Diagnostic]  # sorted; read from disk each time it is walked (stream.py)
    summary: dict[str, int]
    rules: list[Rule] = field(default_factory=list)  # every rule of the run (reports describe them)
    checked_paths: Iterable[str] = ()  # shown paths of the files read (walked from disk too)
    enabled_codes: set[str] = field(default_factory=set)  # codes select/ignore left on


def lint_paths(paths: list[str], config: Config, cwd: Path, marketplaces: tuple[str, ...] = (), jobs: int = 1, cache: Cache | None = None, git_only: bool = False) -> RunResult:
    """Lint files and folders, the one run of this process (the CLI's); raises SetupError
    (exit 2) for unusable rulesets, config or paths. `git_only`: see discover()."""
    setup = Setup(config, marketplaces, cache, whole_process=True)
    files = discover_stream(paths, config, cwd, git_only)  # (path, shown path) strings
    # "complete" runs cover folders, so a counterpart missing from them is really missing;
    # pre-commit's lists of files are not complete
    complete = not paths or any((cwd / p).is_dir() for p in paths)
    results = stream_results(setup, files, complete, jobs)
    return _run_result(setup, results)


def lint_stdin(name: str, data: bytes, config: Config, cwd: Path, marketplaces: tuple[str, ...] = ()) -> RunResult:
    """Lint `data` as if it were the file `name` (relative to cwd): its globs, excludes,
    per-file ignores, relative paths and format follow from the name; the file itself is
    neither read nor needed. A name the config's globs do not take checks nothing. Never
    cached: there is no file whose bytes a key could digest."""
    from .inputs import give

    path = Path(os.path.abspath(cwd / name))
    give(path, data)
    setup = Setup(config, marketplaces, None, whole_process=True)
    files = [(path, display_path(path, cwd))] if wanted(path, config) else []
    return _run_result(setup, stream_results(setup, files, complete=False))


def _run_result(setup: Setup, results: ResultLog) -> RunResult:
    diagnostics = DiagnosticLog(results)
    enabled = {rule.code for rule in setup.rules if setup.config.enabled(rule.code)}
    return RunResult(diagnostics, diagnostics.summary, setup.rules, CheckedPaths(results), enabled)


class Setup:
    """The rules of a run, with the cache: parsed rulesets come from the cache when their
    files are unchanged, and the rules are compiled into an Engine only when some file
    really has to be linted, so a re-run on unchanged files compiles nothing."""

    def __init__(self, config: Config, marketplaces: tuple[str, ...] = (), cache: Cache | None = None, whole_process: bool = False) -> None:
        self.config = config
        self.whole_process = whole_process  # the run is all this process does (the CLI), not a library call
        self.marketplaces = marketplaces
        self.cache = cache
        self._engine: Engine | None = None
        self._rules_name = ""
        self._engine_name = ""  # set by run_key: the inputs a compiled engine depends on
        self._engine_kept = False  # the engine came from the cache or went into it
        self._stored_rules = False
        self._rules: list[Rule] | None = None
        if cache is None:
            self._rules = load_rules(list(config.rulesets))
        else:
            self._rules_name = "rules-" + digest(*_stamps(path for path, _ in ruleset_paths(list(config.rulesets)))) + ".pickle"

    @property
    def rules(self) -> list[Rule]:
        """The parsed rules: the compiled engine's when it came from the cache, else the
        cached parse of the rulesets, else the rulesets parsed now."""
        if self._rules is None:
            self._rules = self._engine.rules if self._engine is not None else self._parsed_rules()
        return self._rules

    def _parsed_rules(self) -> list[Rule]:
        stored = self.cache.load(self._rules_name) if self.cache is not None else None
        if stored is None:
            return load_rules(list(self.config.rulesets))
        from . import literals

        rules, known = stored
        literals.KNOWN.update(known)
        self._stored_rules = True
        return rules

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._stored_engine() or self._compiled_engine()
            if self.cache is not None:
                from .compiled import REGEXES

                REGEXES.adopt(self.cache.load(_regexes_name()))
            if self.whole_process:
                # the compiled rules live as long as the process: keep the collector from
                # walking their many small objects (term references, nodes) again and again;
                # it is off until now in a plain check (console.py)
                gc.freeze()
                gc.enable()
        return self._engine

    def _compiled_engine(self) -> Engine:
        from .engine import Engine

        engine = Engine(self.rules, self.config, self.marketplaces)
        if self.cache is not None and not self._stored_rules:  # rules that do not compile are never stored
            from . import literals

            self.cache.store(self._rules_name, (self.rules, dict(literals.KNOWN)))
            self._stored_rules = True
        self._store_engine(engine)
        return engine

    def _stored_engine(self) -> Engine | None:
        """The engine an earlier run compiled from the same rules, config, lists and day
        (known once run_key has been worked out), or None."""
        if self.cache is None or not self._engine_name:
            return None
        from . import compiled
        from .engine import Engine

        data = self.cache.load(self._engine_name)
        try:
            engine = compiled.loads(data, (self.config,)) if isinstance(data, bytes) else None
        except Exception:  # sealed by this user, yet unreadable now (a class that changed in place): compile
            return None
        self._engine_kept = isinstance(engine, Engine)
        return engine if self._engine_kept else None

    def run_key(self, complete: bool) -> str:
        """What every file result of this run depends on besides the file itself: the
        config, the date, the rule files, the folders of categories and product type
        schemas, and the list files the rules read (known from an earlier compilation of
        the same rules and config, else by compiling them). The compiled engine is cached
        under the same inputs."""
        assert self.cache is not None
        config = self.config
        manifest = digest("lists read", self._rules_name, repr(config), repr(self.marketplaces))
        lists = self.cache.get_many([manifest]).get(manifest)
        if not isinstance(lists, list):
            lists = [str(path) for path in self.engine.files_read]
            self.cache.put_many([(manifest, lists)])
        inputs = _input_files(config, [Path(path) for path in lists])
        day = config.as_of or date.today().isoformat()  # expiry dates and metric windows count from it
        from .privacy import salt_stamp  # buyer and address tags in ORD findings change with the salt

        setup_key = digest(repr(config), day, repr(self.marketplaces), salt_stamp(config), *_stamps(inputs))
        self._engine_name = f"engine-{digest('engine', setup_key)}.pickle"
        if self._engine is not None:  # compiled just now to learn the lists it reads
            self._store_engine(self._engine)
        return digest(setup_key, str(complete))

    def keep_regexes(self) -> None:
        """Stores the patterns this run compiled for the next run (compiled.RegexMemo)."""
        if self.cache is None or self._engine is None:
            return
        from .compiled import REGEXES

        if REGEXES.grown:
            self.cache.store(_regexes_name(), REGEXES.state())
            REGEXES.grown = False

    def _store_engine(self, engine: Engine) -> None:
        """Keeps a freshly compiled, not yet used engine for the next run (once its name is
        known); one that cannot be stored is simply compiled again then."""
        if self.cache is None or not self._engine_name or self._engine_kept:
            return
        from . import compiled

        self._engine_kept = True
        try:
            data = compiled.dumps(engine, (self.config,))
        except Exception:  # a value outside listlint's own modules in some rule's check
            return
        self.cache.store(self._engine_name, data)


def prepare_engine(config: Config, marketplaces: tuple[str, ...] = (), cache: Cache | None = None) -> Engine:
    """The rules of a run, compiled (parsed rules from the cache when it has them)."""
    return Setup(config, marketplaces, cache).engine


def results_of(setup: Setup, files: Iterable[tuple[str | Path, str]], complete: bool, jobs: int = 1) -> list[FileResult]:
    """The results of (path, shown path) files, in their order."""
    return list(stream_results(setup, files, complete, jobs))


def stream_results(setup: Setup, files: Iterable[tuple[str | Path, str]], complete: bool, jobs: int = 1) -> ResultLog:
    """The results of (path, shown path) files, in their order, put aside on disk as they
    come: each file linted on its own, then the files that cross-file links join linted
    again together. Paths may be plain strings, and are best so: see Engine.lint_group."""
    results = ResultLog()
    joins = Joins()
    run_key = setup.run_key(complete) if setup.cache is not None else ""
    with Workers(jobs) as workers:
        files = iter(files)
        while chunk := list(islice(files, CHUNK_FILES)):
            keys, solo = _solo_results(setup, chunk, complete, workers, run_key)
            for (path, shown), key, result in zip(chunk, keys, solo):
                joins.add(results.add(result), path, shown, key, result.links)
        _lint_groups(setup, joins.groups(), results, complete, workers)
    setup.keep_regexes()
    return results


def _solo_results(setup: Setup, chunk: list[tuple[str | Path, str]], complete: bool, workers: Workers, run_key: str) -> tuple[list[str], list[FileResult]]:
    """Each file's cache key ("" without a cache) and its result on its own, from the cache
    when it holds one that still applies; fresh results are stored."""
    cache = setup.cache
    keys = [""] * len(chunk)
    results: list[FileResult | None] = [None] * len(chunk)
    if cache is not None:
        keys = [digest(run_key, shown, str(Path(path).absolute()), file_digest(path)) for path, shown in chunk]
        results = _cached(cache, keys, setup.config)
    todo = [i for i, result in enumerate(results) if result is None]
    if todo:
        for i, (result,) in zip(todo, workers.lint(setup.engine, [[chunk[i]] for i in todo], complete)):
            results[i] = result
        if cache is not None:
            cache.put_many((keys[i], results[i]) for i in todo)
    solo = [result for result in results if result is not None]
    assert len(solo) == len(chunk), "every file has its result"  # the caller pairs them by position
    return keys, solo


def _lint_groups(setup: Setup, groups: list[list[Member]], results: ResultLog, complete: bool, workers: Workers) -> None:
    """Files joined by cross-file links, linted together; their results replace the solo ones."""
    cache = setup.cache
    group_keys = [digest("group", *(member.key for member in group)) for group in groups] if cache is not None else []
    stored = _cached(cache, group_keys, setup.config, many=True) if cache is not None else [None] * len(groups)
    todo = [n for n, found in enumerate(stored) if found is None]
    if todo:
        batches = [[(member.path, member.shown) for member in groups[n]] for n in todo]
        for n, group_results in zip(todo, workers.lint(setup.engine, batches, complete)):
            stored[n] = group_results
        if cache is not None:
            cache.put_many((group_keys[n], stored[n]) for n in todo)
    for group, group_results in zip(groups, stored):
        for member, result in zip(group, group_results or ()):
            results.substitute(member.index, result)


def _cached(cache: Cache, keys: list[str], config: Config, many: bool = False) -> list[Any]:
    """The cached value of each key, or None where there is none or its facts no longer hold."""
    found = cache.get_many(keys)
    values = []
    for key in keys:
        value = found.get(key)
        results = value if many and isinstance(value, list) else [value]
        values.append(value if value is not None and all(_facts_hold(r, config) for r in results) else None)
    return values


def _facts_hold(result: object, config: Config) -> bool:
    if not isinstance(result, FileResult):
        return False  # an entry of another shape (listlint was changed in place): a miss
    return all(file_status(Path(path), relative, config) == status for path, relative, status in result.path_facts)


def _stamps(paths: Iterable[Path]) -> Iterator[str]:
    """Each file's path and what a key made from files depends on: the digest of its bytes,
    or for a shipped file (rulesets/) its size and time, as for listlint's own source files
    (cache.digest): those change only with listlint, and reading and digesting their
    800 KB, the rulesets twice, was 3 % of a pre-commit run on one file."""
    from .shipped import rulesets_folder

    shipped = os.path.join(rulesets_folder(), "")
    for path in paths:
        name = str(path)
        yield f"{name}\0{size_and_time(name) if name.startswith(shipped) else file_digest(path)}"


def _regexes_name() -> str:
    return f"{REGEXES_PREFIX}{digest('regexes')}.pickle"  # digest: listlint's code and the Python version


def _input_files(config: Config, lists_read: list[Path]) -> list[Path]:
    """Every file the rules are made from: shipped and user rulesets, the categories and
    brand lists beside them, the list files rules read, product type schemas. Folders are
    listed anew on every run, so a file added to one is noticed."""
    from .shipped import rulesets_folder

    shipped = rulesets_folder()
    files = sorted(p for p in shipped.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files += [Path(p) for p in config.rulesets] + lists_read
    if config.product_type_schemas is not None:
        files += sorted(config.product_type_schemas.glob("*.json"))
    return files


def exit_code(summary: dict[str, int], fail_on: str) -> int:
    """1 when the report's summary counts a diagnostic of `fail_on` severity or above: a
    clean catalog's diagnostics are not read from disk once more to find none."""
    if fail_on == "never":
        return 0
    return 1 if any(summary[severity] for severity, rank in SEVERITY_RANK.items() if rank >= SEVERITY_RANK[fail_on]) else 0
