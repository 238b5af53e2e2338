"""Start-up of a one-file run (pre-commit's call): a plain `check` command line is read
without the command-line library yet exactly as the full parser reads it, a run imports
only what its file needs, and an edited file is linted by the compiled engine the cache
keeps (checked by its HMAC, recompiled whenever it cannot be used). No timing is asserted:
benchmarks/startup.py measures the time."""

from __future__ import annotations

import os
import pickle
import random
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from listlint import cli, compiled, stream, textmatch
from listlint import engine as engine_module
from listlint.cache import Cache
from listlint.check_command import CheckOptions, plain_check
from listlint.config import load_config
from listlint.kinds.base import TermRef
from listlint.run import lint_paths
from listlint.engine import Engine
from listlint.rules import load_rules
from listlint.textmatch import TermIndex, length_automaton, squash

from .conftest import ROOT
from .strings import corpus_texts

FIXTURE = ROOT / "fixtures" / "listings" / "flagged" / "plush-toy.yaml"
# modules a one-file run on a listing never needs: the command-line library, workers, flat
# files, SP-API documents and schemas, the checks of orders, feedback and metrics, importlib.resources
NOT_IMPORTED = (
    "typer", "typer._click", "click", "listlint.cli", "jsonschema", "openpyxl", "concurrent.futures", "multiprocessing", "csv",
    "listlint.kinds.order_pattern", "listlint.kinds.feedback", "listlint.kinds.threshold", "listlint.order_patterns", "listlint.metrics",
    "importlib.resources", "difflib", "listlint.documents.spapi", "listlint.documents.amazon",
)
# made only when a run stores something in the cache: temporary files (atomic writes) and a
# new privacy salt; a run whose compiled rules come from the cache, or one without a
# cache, keeps its results in memory (stream.Spill) and reads the salt
NOT_IMPORTED_UNLESS_STORING = ("tempfile", "shutil", "random", "secrets")
SECRET = b"s" * 32


def _modules_of_a_run(folder: Path, *options: str) -> list[str]:
    code = (
        "import sys\nfrom listlint.console import main\n"
        f"sys.argv = ['listlint', 'check', 'plush-toy.yaml', *{list(options)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
        "import gc\nprint('collector-on' if gc.isenabled() else 'collector-off', file=sys.stderr)\n"
    )
    environment = {**os.environ, "XDG_CACHE_HOME": str(folder / "user-cache")}
    done = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True, env=environment, timeout=300)
    assert "plush-toy.yaml:" in done.stdout, done.stderr
    return done.stderr.split()


@pytest.mark.parametrize(("options", "warm"), [(("--no-cache",), False), ((), False), ((), True)], ids=["no cache", "cold cache", "warm cache"])
def test_a_one_file_run_imports_only_what_the_file_needs(tmp_path: Path, options: tuple[str, ...], warm: bool) -> None:
    shutil.copyfile(FIXTURE, tmp_path / "plush-toy.yaml")
    if warm:
        _modules_of_a_run(tmp_path)  # an earlier run filled the cache (the file is then edited)
        with open(tmp_path / "plush-toy.yaml", "a", encoding="utf-8") as listing:
            listing.write("# edited\n")
    loaded = _modules_of_a_run(tmp_path, *options)
    assert "listlint.engine" in loaded  # the file was linted
    assert "collector-on" in loaded  # off while the run started up (console.py), on again once its rules were loaded
    assert [name for name in NOT_IMPORTED if name in loaded] == []
    if warm or options:
        assert [name for name in NOT_IMPORTED_UNLESS_STORING if name in loaded] == []
    if warm:  # its pattern rules' patterns come from the memo, through the regex module's C half alone
        assert "regex" not in loaded and "regex._regex" in loaded


COMMAND_LINES = [
    ["check"],
    ["check", "a.yaml", "b.json"],
    ["check", "--", "a.yaml", "--format=json", "-"],
    ["check", "--format", "json", "-o", "out.json", "a.yaml"],
    ["check", "--format=sarif", "--format", "github", "a.yaml"],
    ["check", "a.yaml", "--statistics", "--no-cache", "--git-only", "-j", "3"],
    ["check", "--jobs=2", "--fail-on", "warning", "--select", "RED,IPR001", "--ignore=LST004", "folder"],
    ["check", "--marketplace", "US,DE", "--as-of", "2026-01-02", "--config", "c.yaml", "--cache-dir", "cache", "x"],
    ["check", "--baseline", "b.json", "--write-baseline", "w.json", "x"],
    ["check", "-", "--stdin-filename", "listings/a.yaml"],
    ["check", "--output-file=r.html", "a=b.yaml"],
]


@pytest.mark.parametrize("arguments", COMMAND_LINES, ids=" ".join)
def test_plain_check_reads_a_command_line_as_the_full_parser_does(arguments: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[CheckOptions] = []
    monkeypatch.setattr(cli, "run_check", lambda options: seen.append(options) or 0)
    assert cli.app(arguments, standalone_mode=False) == 0
    assert plain_check(arguments) == seen[0]


@pytest.mark.parametrize("arguments", [
    ["--version"], ["rules"], ["check", "--help"], ["check", "--format", "bogus"], ["check", "--format"],
    ["check", "-j", "0"], ["check", "-j2"], ["check", "-j=2"], ["check", "--jobs", "two"], ["check", "--unknown"],
    ["check", "--no-cache=1"], ["check", "--config", ""], ["check", "--config", "--no-cache"], ["check", "-h"],
])
def test_anything_else_goes_to_the_full_parser(arguments: list[str]) -> None:
    assert plain_check(arguments) is None


@pytest.mark.parametrize("arguments", [
    ["check", "--no-cache", "fixtures/listings/flagged/plush-toy.yaml", "--format", "json", "--as-of", "2026-11-29"],
    ["check", "--no-cache", "no-such-file.yaml"],
    ["check", "--no-cache", "--select", "NOPE", "fixtures/listings/clean"],
    ["check", "--no-cache", "-", "fixtures/listings/clean"],
])
def test_both_paths_print_the_same_and_exit_the_same(arguments: list[str]) -> None:
    runs = []
    for entry in ("listlint.console", "listlint.cli"):
        code = f"import sys; from {entry} import main; sys.argv = ['listlint', *{arguments!r}]; main()"
        runs.append(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300))
    fast, full = runs
    assert (fast.returncode, fast.stdout, fast.stderr) == (full.returncode, full.stdout, full.stderr)


@pytest.fixture()
def catalog(tmp_path: Path) -> Path:
    folder = tmp_path / "repo"
    shutil.copytree(ROOT / "fixtures" / "listings", folder / "listings")
    (folder / ".git").mkdir()
    return folder


class CountingCompiles:
    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.count = 0
        original = engine_module.Engine.__init__

        def counted(engine, *args, **kwargs) -> None:
            self.count += 1
            original(engine, *args, **kwargs)

        monkeypatch.setattr(engine_module.Engine, "__init__", counted)


def _run(folder: Path, cache: Cache | None) -> list[tuple]:
    config = load_config(None, folder)
    config.as_of = "2026-11-29"
    result = lint_paths(["listings"], config, folder, cache=cache)
    return [(d.path, d.line, d.column, d.code, d.message, d.fingerprint) for d in result.diagnostics]


def _edit(folder: Path) -> None:
    listing = folder / "listings" / "flagged" / "plush-toy.yaml"
    listing.write_text(listing.read_text("utf-8") + "# edited\n", "utf-8")


def _engines(folder: Path) -> list[Path]:
    return sorted((folder / ".listlint_cache").glob("engine-*.pickle"))


def test_an_edited_file_is_linted_by_the_cached_engine(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = _run(catalog, None)
    assert _run(catalog, Cache(catalog / ".listlint_cache", SECRET)) == expected
    assert len(_engines(catalog)) == 1
    _edit(catalog)
    compiles = CountingCompiles(monkeypatch)
    assert _run(catalog, Cache(catalog / ".listlint_cache", SECRET)) == _run(catalog, None)
    assert compiles.count == 1  # the run without a cache; the cached run loaded its engine


def test_a_damaged_engine_is_never_unpickled_but_compiled_again(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(catalog, Cache(catalog / ".listlint_cache", SECRET))
    [stored] = _engines(catalog)
    data = bytearray(stored.read_bytes())
    data[-10] ^= 0xFF
    stored.write_bytes(bytes(data))
    monkeypatch.setattr(compiled, "loads", lambda data: pytest.fail("unpickled an engine whose HMAC fails"))
    _edit(catalog)
    compiles = CountingCompiles(monkeypatch)
    assert _run(catalog, Cache(catalog / ".listlint_cache", SECRET)) == _run(catalog, None)
    assert compiles.count == 2


def test_only_listlint_closures_are_stored_or_rebuilt() -> None:
    def local() -> None:
        pass

    with pytest.raises(pickle.PicklingError):
        compiled.dumps(local)
    with pytest.raises(pickle.UnpicklingError):
        compiled.loads(pickle.dumps(_Forged()))


class _Forged:
    """Pickles as a call that asks `_rebuilt` for a function of another package."""

    def __reduce__(self) -> tuple:
        return compiled._rebuilt, ("os.path", "join", (), "join", (), None, None)


def test_a_stored_term_index_scans_as_the_one_compiled(tmp_path: Path) -> None:
    index = TermIndex()
    for term, ref in (("pj masks", "a"), ("P.J. Masks", "b"), ("itis", "c"), ("masks", "d"), ("Pokémon", "e")):
        index.add(term, ref)
    index.build()
    stored = compiled.dumps(index)
    assert b"ahocorasick" not in stored  # the automaton is built again from the keys, not unpickled
    loaded = compiled.loads(stored)
    for text in ("P J Masks and PJ-Masks", "It is what it is", "Pok émon, pokemon, masks!", ""):
        assert list(loaded.scan(text)) == list(index.scan(text))


@pytest.mark.parametrize("ref", [
    TermRef("IPR001", "lego"),
    TermRef("IPR001", "lego", True),
    TermRef("IPR001", "lego", False, ("bricks",), ("duplo",), re.compile("not "), re.compile(" free"), ("de",)),
    TermRef("IPR001", "lego", languages=("fr",)),
])
def test_a_term_ref_is_stored_whole(ref: TermRef) -> None:
    assert pickle.loads(pickle.dumps(ref)) == ref


def test_patterns_compiled_by_an_earlier_run_are_loaded_not_compiled(catalog: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import regex

    monkeypatch.setattr(compiled, "REGEXES", memo := compiled.RegexMemo())
    monkeypatch.setattr("listlint.kinds.pattern.REGEXES", memo)
    expected = _run(catalog, Cache(catalog / ".listlint_cache", SECRET))
    assert memo.grown is False and memo.state()[1]  # compiled some patterns, and stored them
    [stored] = sorted((catalog / ".listlint_cache").glob("regexes-*.pickle"))
    _edit(catalog)
    monkeypatch.setattr(compiled, "REGEXES", memo := compiled.RegexMemo())
    monkeypatch.setattr("listlint.kinds.pattern.REGEXES", memo)
    monkeypatch.setattr(regex, "compile", lambda *args: pytest.fail(f"compiled {args[0]!r} again"))
    assert _run(catalog, Cache(catalog / ".listlint_cache", SECRET)) == expected


def test_a_memo_of_another_regex_version_is_not_used() -> None:
    import regex

    source, flags = r"\bfoo(?:bar)?\b", regex.IGNORECASE | regex.V0
    earlier = compiled.RegexMemo()
    earlier.compile(source, flags)
    version, codes, _ = earlier.state()
    memo = compiled.RegexMemo()
    memo.adopt(("0.0-other", {key: b"not a pattern" for key in codes}, {}))
    assert memo.compile(source, flags).search("a FooBar b").span() == (2, 8)
    memo = compiled.RegexMemo()
    memo.adopt((version, {key: b"damaged" for key in codes}, {}))
    assert memo.compile(source, flags).pattern == source


def test_the_regex_flags_named_as_numbers_are_the_modules_own() -> None:
    import regex

    assert (compiled.REGEX_IGNORECASE, compiled.REGEX_V0) == (int(regex.IGNORECASE), int(regex.V0))


def test_a_memo_pattern_loads_without_the_regex_package_and_matches_as_compiled() -> None:
    import regex

    source, flags = r"(?i)\b(?:free\s+shipping|100\s*%\s+\w+)\b", regex.IGNORECASE | regex.V0
    earlier = compiled.RegexMemo()
    earlier.compile(source, flags)
    code = (
        "import pickle, sys\nfrom listlint import compiled\n"
        f"memo = compiled.RegexMemo()\nmemo.adopt(pickle.loads({pickle.dumps(earlier.state())!r}))\n"
        f"pattern = memo.compile({source!r}, {int(flags)})\n"
        "print([m.span() for m in pattern.finditer('100 % cotton, FREE  shipping')], memo.grown, 'regex' in sys.modules)\n"
        "import regex\nprint(type(pattern) is type(regex.compile('a')))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    expected = [m.span() for m in regex.compile(source, flags).finditer("100 % cotton, FREE  shipping")]
    assert done.stdout.split("\n")[:2] == [f"{expected} False False", "True"], done.stderr


def test_a_memo_entry_that_is_not_a_regex_pattern_is_never_run_but_compiled_again() -> None:
    import regex

    source, flags = r"\bfoo\b", regex.V0
    memo = compiled.RegexMemo()
    memo.compile(source, flags)
    version, codes, _ = memo.state()
    forged = compiled.RegexMemo()
    forged.adopt((version, {key: pickle.dumps(_Forged()) for key in codes}, {}))
    assert forged.compile(source, flags).search("a foo b").span() == (2, 5) and forged.grown


# texts beyond the corpus for the `re` patterns: case folding beyond ASCII, combining marks, CJK
ODD_TEXTS = ["", "Compatible with LEGO® bricks", "ﬁts İSTANBUL ſtraße KELVIN", "Nintendo Switch対応", "A\u0301ction figure fans",
             "not in any way endorsed by Bluey; for fans of PJ Masks and Paw Patrol", "suitable for kids, toddlers & collectors"]


def _re_sources() -> list[tuple[str, int]]:
    """(source, flags) of every `re` pattern compiled lazily in a one-file run: those a
    stored engine of the shipped rules holds, and the module-level ones."""
    config = load_config(None, ROOT)
    made: list[tuple[str, int]] = []
    original = compiled.LazyRegex.__init__

    def noted(lazy: compiled.LazyRegex, pattern: str, flags: int = 0) -> None:
        made.append((pattern, int(flags)))
        original(lazy, pattern, flags)

    data = compiled.dumps(Engine(load_rules(list(config.rulesets)), config), (config,))
    compiled.LazyRegex.__init__ = noted  # type: ignore[method-assign]
    try:
        compiled.loads(data, (config,))
    finally:
        compiled.LazyRegex.__init__ = original  # type: ignore[method-assign]
    from listlint import nominative
    from listlint.kinds import contact
    from listlint.pyyaml import yaml  # PyYAML's patterns are made lazy at its import

    module_level = [*vars(nominative).values(), *vars(contact).values(), *contact._PARTS.values(), yaml.reader.Reader.NON_PRINTABLE,
                    yaml.constructor.SafeConstructor.timestamp_regexp, *(regexp for rules in yaml.resolver.Resolver.yaml_implicit_resolvers.values() for _, regexp in rules)]
    made += [value._source for value in module_level if isinstance(value, compiled.LazyRegex)]
    made += [(r"(?P<word>\w+)\s+(?P=word)", re.IGNORECASE), (r"(?x) (?<=\d) \s* (mw | w) \b", 0), (r"(a)?(?(1)b|c)", re.ASCII)]
    return sorted(set(made))


def _matches(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(found.span(), found.groups()) for found in pattern.finditer(text)]


def test_an_re_pattern_from_the_memo_matches_what_re_compiles() -> None:
    sources = _re_sources()
    assert len(sources) >= 30  # the engine's neighbour conditions and claim forms, contact's and PyYAML's patterns were found
    earlier = compiled.RegexMemo()
    first = [earlier.compile_re(source, flags) for source, flags in sources]
    memo = compiled.RegexMemo()
    memo.adopt(pickle.loads(pickle.dumps(earlier.state())))  # as the cache stores and loads it
    again = [memo.compile_re(source, flags) for source, flags in sources]
    assert memo.grown is False  # every pattern came from its stored code
    texts = [*corpus_texts(), *ODD_TEXTS]
    for (source, flags), made, loaded in zip(sources, first, again):
        expected = re.compile(source, flags)
        for pattern in (made, loaded):
            assert (pattern.pattern, pattern.flags, pattern.groups, pattern.groupindex) == (expected.pattern, expected.flags, expected.groups, expected.groupindex)
        assert all(_matches(made, text) == _matches(loaded, text) == _matches(expected, text) for text in texts), source


def test_the_memo_compiles_re_patterns_as_re_does_when_it_cannot_use_its_code() -> None:
    with pytest.raises(re.error):
        compiled.RegexMemo().compile_re("(unclosed", 0)
    memo = compiled.RegexMemo()
    memo.adopt(("", {}, {("fo+", 0): ("damaged",)}))
    assert memo.compile_re("fo+", 0).search("a foo").span() == (2, 5)
    lazy = pickle.loads(pickle.dumps(compiled.LazyRegex(r"\bkids?\b", re.IGNORECASE)))
    assert lazy.search("For KIDS").span() == (4, 8)


def test_a_memo_adopted_after_some_compiling_keeps_both() -> None:
    # a config file's YAML is read before the cache is known: PyYAML's patterns come first
    earlier = compiled.RegexMemo()
    earlier.compile_re(r"^(?:yes|no)$", 0)
    earlier.compile_re(r"\bkids?\b", re.IGNORECASE)
    stored = pickle.loads(pickle.dumps(earlier.state()))
    memo = compiled.RegexMemo()
    memo.compile_re(r"^(?:yes|no)$", 0)
    memo.adopt(stored)
    assert memo.grown is False  # nothing the stored memo lacks
    assert sorted(memo.state()[2]) == sorted(stored[2])
    memo = compiled.RegexMemo()
    memo.compile_re(r"^~$", 0)
    memo.adopt(stored)
    assert memo.grown is True and list(memo.state()[2])[-1] == (r"^~$", 0)  # its own, newest
    assert memo.compile_re(r"\bkids?\b", re.IGNORECASE).search("For KIDS").span() == (4, 8)


def test_the_memo_keeps_the_most_recently_used_patterns(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(compiled, "MAX_MEMO_PATTERNS", 3)
    memo = compiled.RegexMemo()
    for word in ("alpha", "beta", "gamma", "delta"):
        memo.compile(word, 0)
    memo.compile("beta", 0)  # used again: kept over gamma and delta's elder
    assert [source for source, _ in memo.state()[1]] == ["gamma", "delta", "beta"]


def test_a_spill_moves_to_a_temporary_file_when_it_grows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "SPILL_IN_MEMORY_BYTES", 1000)
    spill = stream.Spill()
    values = [("value", number, "x" * (number % 7)) for number in range(200)]
    reading = iter(spill)
    for value in values[:5]:
        spill.add(value)
    assert spill._in_memory
    early = [next(reading) for _ in range(3)]  # a reading begun before the move goes on after it
    for value in values[5:]:
        spill.add(value)
    assert not spill._in_memory
    assert early + list(reading) == values
    assert list(spill) == values


def _assert_found_alike(index: TermIndex, texts: list[str]) -> None:
    automaton = length_automaton(index._refs)
    for text in texts:
        squashed = squash(text)
        assert index._looked_up(squashed) == list(automaton.iter(squashed)), text


def test_looking_keys_up_finds_what_the_automaton_finds() -> None:
    index = TermIndex()
    for term in ("a", "ab", "abc", "abcd", "bcd", "cd", "d", "abab", "ba", "babab", "cabcab", "dd", "ddd", "dddd"):
        index.add(term, term)
    index.build()
    chance = random.Random(17)
    texts = ["".join(chance.choice("abcd .") for _ in range(chance.randrange(0, 60))) for _ in range(2000)]
    _assert_found_alike(index, texts)


def test_the_shipped_terms_are_found_alike_both_ways() -> None:
    engine = Engine(load_rules(list(load_config(None, ROOT).rulesets)), load_config(None, ROOT))
    # the fixtures' listings, and the rulesets' lines: their terms and pass/fail examples
    files = sorted((ROOT / "fixtures").rglob("*.yaml")) + sorted((ROOT / "rulesets").rglob("*.yaml")) + sorted((ROOT / "rulesets").glob("*.txt"))
    texts = [line for path in files for line in path.read_text("utf-8").splitlines()]
    assert len(texts) > 10_000
    _assert_found_alike(engine.index, texts)


def test_a_long_run_builds_the_automaton(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(textmatch, "DIRECT_SCAN_CHARACTERS", 30)
    compiled_now = TermIndex()
    compiled_now.add("pj masks", "a")
    compiled_now.build()
    assert compiled_now._automaton is not None  # built with the rules: a run on many files needs it
    index = compiled.loads(compiled.dumps(compiled_now))  # as a cached engine loads it
    text = "PJ Masks and P.J. Masks"
    first = list(index.scan(text))
    assert index._automaton is None
    assert list(index.scan(text)) == first and index._automaton is None  # 36 characters scanned
    assert list(index.scan(text)) == first and index._automaton is not None


def test_frozen_dataclasses_are_stored_whole() -> None:
    from listlint.categories import Source

    source = Source("cpsc", "https://www.cpsc.gov/", "2026-01-01", "official", "CPSC")
    assert compiled.loads(compiled.dumps(source)) == source
    with pytest.raises(pickle.UnpicklingError):
        compiled._restored(TermRef, ("code",), ("X",))  # not frozen: not restored this way


def test_pyyaml_is_imported_without_compiling_its_unused_pattern() -> None:
    code = (
        "import sys\nfrom listlint.readers import yaml_reader\nimport yaml\n"
        "print(type(yaml.reader.Reader.NON_PRINTABLE).__name__)\n"
        "try:\n    yaml.load('a: \"\\x07\"', Loader=yaml.SafeLoader)\nexcept yaml.reader.ReaderError:\n    print('refused')\n"
        "print(yaml.load('a: b', Loader=yaml.SafeLoader))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split("\n")[:3] == ["LazyRegex", "refused", "{'a': 'b'}"], done.stderr


def test_shipped_files_are_stamped_by_size_and_time_others_by_their_bytes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from listlint import run, shipped

    shipped_folder, own = tmp_path / "rulesets", tmp_path / "own.yaml"
    shipped_folder.mkdir()
    ruleset = shipped_folder / "listing.yaml"
    ruleset.write_text("rules: []\n")
    own.write_text("rules: []\n")
    monkeypatch.setattr(shipped, "rulesets_folder", lambda: shipped_folder)
    digested: list[Path] = []
    monkeypatch.setattr(run, "file_digest", lambda path: digested.append(path) or "digest")
    before = list(run._stamps([ruleset, own, shipped_folder / "gone.txt"]))
    assert digested == [own]  # a shipped file is not read
    assert before[1:] == [f"{own}\0digest", f"{shipped_folder / 'gone.txt'}\0missing"]
    ruleset.write_text("rules: [ ]\n")  # listlint's own files changed (a development checkout)
    assert list(run._stamps([ruleset]))[0] != before[0]
