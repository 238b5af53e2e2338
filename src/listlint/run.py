"""One lint run: configuration, rules, discovery and the engine, without any CLI.

    discover -> a content key per file -> cached result | the file linted on its own
             -> links between files -> joined groups linted together -> diagnostics

Each file is first linted on its own (spread over processes with `jobs`, parallel.py);
the few files that cross-file checks join (a packaging file and its listings) are then
linted again as a group (project.py). A result is kept in the cache under a key that
digests everything it depends on, and the facts it learnt from the file system (does a
certificate file exist?) are checked again before a cached result is trusted.

`listlint.api` is the documented library entry point; this module never prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .cache import Cache, digest, file_digest
from .config import Config
from .diagnostics import Diagnostic, summarise
from .discover import discover, display_path
from .engine import Engine, FileResult
from .parallel import lint_batches
from .project import components
from .repository import file_status
from .rules import Rule, load_rules, ruleset_paths


@dataclass(slots=True)
class RunResult:
    diagnostics: list[Diagnostic]
    summary: dict[str, int]
    rules: list[Rule] = field(default_factory=list)  # every rule of the run (reports describe them)
    checked_paths: list[str] = field(default_factory=list)  # shown paths of the files read
    enabled_codes: set[str] = field(default_factory=set)  # codes select/ignore left on


def lint_paths(paths: list[str], config: Config, cwd: Path, marketplaces: tuple[str, ...] = (), jobs: int = 1, cache: Cache | None = None) -> RunResult:
    """Lint files and folders; raises SetupError (exit 2) for unusable rulesets, config or paths."""
    engine = prepare_engine(config, marketplaces, cache)
    files = discover(paths, config, cwd)
    # "complete" runs cover folders, so a counterpart missing from them is really missing;
    # pre-commit's lists of files are not complete
    complete = not paths or any((cwd / p).is_dir() for p in paths)
    results = results_of(engine, [(path, display_path(path, cwd)) for path in files], complete, jobs, cache)
    diagnostics = sorted((d for result in results for d in result.diagnostics), key=Diagnostic.sort_key)
    checked_paths = [result.path for result in results if result.checked]
    enabled = {rule.code for rule in engine.rules if engine.enabled(rule.code)}
    return RunResult(diagnostics, summarise(diagnostics, len(checked_paths)), engine.rules, checked_paths, enabled)


def prepare_engine(config: Config, marketplaces: tuple[str, ...] = (), cache: Cache | None = None) -> Engine:
    """The rules of a run, compiled. Parsing the rulesets is most of a one-file run's own
    time, so the parsed rules (with the prefilter literals of their patterns) are cached
    under a digest of the ruleset files."""
    from . import literals

    if cache is None:
        return Engine(load_rules(list(config.rulesets)), config, marketplaces)
    name = "rules-" + digest(*(f"{path}\0{file_digest(path)}" for path, _ in ruleset_paths(list(config.rulesets)))) + ".pickle"
    stored = cache.load(name)
    if stored is not None:
        rules, known = stored
        literals.KNOWN.update(known)
    else:
        rules = load_rules(list(config.rulesets))
    engine = Engine(rules, config, marketplaces)  # rules that do not compile are never stored
    if stored is None:
        cache.store(name, (rules, dict(literals.KNOWN)))
    return engine


def results_of(engine: Engine, files: list[tuple[Path, str]], complete: bool, jobs: int = 1, cache: Cache | None = None) -> list[FileResult]:
    """The results of (path, shown path) files, in their order."""
    run_key = _run_key(engine, complete) if cache is not None else ""
    keys = [digest(run_key, shown, str(path.absolute()), file_digest(path)) for path, shown in files] if cache is not None else []
    results: list[FileResult | None] = _cached(cache, keys, engine.config) if cache is not None else [None] * len(files)
    fresh: dict[str, object] = {}
    todo = [i for i, result in enumerate(results) if result is None]
    for i, (result,) in zip(todo, lint_batches(engine, [[files[i]] for i in todo], complete, jobs)):
        results[i] = result
        if cache is not None:
            fresh[keys[i]] = result
    solo: list[FileResult] = [r for r in results if r is not None]
    groups = components([(path, result.links) for (path, _), result in zip(files, solo)])
    _lint_groups(engine, files, groups, solo, keys, complete, jobs, cache, fresh)
    if cache is not None:
        cache.put_many(fresh.items())
    return solo


def _lint_groups(engine: Engine, files: list[tuple[Path, str]], groups: list[list[int]], results: list[FileResult], keys: list[str], complete: bool, jobs: int, cache: Cache | None, fresh: dict[str, object]) -> None:
    """Files joined by cross-file links, linted together; their results replace the solo ones."""
    group_keys = [digest("group", *(keys[i] for i in group)) for group in groups] if cache is not None else []
    stored = _cached(cache, group_keys, engine.config, many=True) if cache is not None else [None] * len(groups)
    todo = [n for n, found in enumerate(stored) if found is None]
    linted = lint_batches(engine, [[files[i] for i in groups[n]] for n in todo], complete, jobs)
    for n, group_results in zip(todo, linted):
        stored[n] = group_results
        if cache is not None:
            fresh[group_keys[n]] = group_results
    for group, group_results in zip(groups, stored):
        for i, result in zip(group, group_results or ()):
            results[i] = result


def _cached(cache: Cache, keys: list[str], config: Config, many: bool = False) -> list:
    """The cached value of each key, or None where there is none or its facts no longer hold."""
    found = cache.get_many(keys)
    values = []
    for key in keys:
        value = found.get(key)
        results = value if many else [value]
        values.append(value if value is not None and all(_facts_hold(r, config) for r in results) else None)
    return values


def _facts_hold(result: object, config: Config) -> bool:
    if not isinstance(result, FileResult):
        return False  # an entry of another shape (listlint was changed in place): a miss
    return all(file_status(Path(path), relative, config) == status for path, relative, status in result.path_facts)


def _run_key(engine: Engine, complete: bool) -> str:
    """What every file result of this run depends on besides the file itself."""
    config = engine.config
    inputs = [f"{path}\0{file_digest(path)}" for path in _input_files(engine)]
    day = config.as_of or date.today().isoformat()  # expiry dates and metric windows count from it
    return digest(repr(config), day, repr(engine.only_marketplaces), str(complete), *inputs)


def _input_files(engine: Engine) -> list[Path]:
    """Every file the rules were made from: shipped and user rulesets, the categories and
    brand lists beside them, term lists, product type schemas."""
    from importlib import resources

    shipped = Path(str(resources.files("listlint.rulesets")))
    files = sorted(p for p in shipped.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    files += [Path(p) for p in engine.config.rulesets] + list(engine.files_read)
    folder = engine.config.product_type_schemas
    if engine.schemas is not None and folder is not None:
        files += sorted(folder.glob("*.json"))
    return files


def exit_code(diagnostics: list[Diagnostic], fail_on: str) -> int:
    if fail_on == "never":
        return 0
    return 1 if any(d.at_least(fail_on) for d in diagnostics) else 0
