"""Compiled engines as bytes, so that a run on an edited file loads its rules compiled
instead of compiling them again (run.py keeps them in the cache, cache.py seals them).

A compiled rule is a closure made by its kind's `compile` (kinds/), which plain pickle
cannot store. Here a closure is stored as the place of its code inside listlint's own
module (the enclosing function's name and the path through nested code objects) and the
values of its cells; loading rebuilds the function from that code and those values. Only
functions of listlint's own modules are stored or rebuilt. The code they point into is
the code that made them: the cache key digests listlint's version and source files
(cache.digest), so bytes made by other code are never loaded.

Regular expressions of the `re` module (claim forms, neighbour conditions of terms ...)
are stored by their source, as pickle does, but come back compiled on first use: a
one-file run compiles only the ones its texts reach, and those from the compiled code an
earlier run kept. Patterns of the `regex` module (pattern rules) are compiled through
`REGEXES` too, which keeps what earlier runs compiled of both; a pattern it kept comes
back through the module's C half alone, without importing the package.
"""

from __future__ import annotations

import dataclasses
import importlib
import importlib.machinery
import importlib.util
import io
import os
import pickle
import re
import sys
import _sre  # type: ignore[import-not-found]  # re's C half: builds a pattern from compiled code (RegexMemo.compile_re)
from functools import lru_cache
from types import CellType, CodeType, FunctionType
from typing import Any

_PACKAGE = __name__.split(".")[0] + "."


def dumps(value: Any, outside: tuple[Any, ...] = ()) -> bytes:
    """`value` pickled, closures of listlint's modules included (PicklingError for others).
    The `outside` objects (the run's config: it holds the seller's addresses and privacy
    salt) are not stored, only their places: `loads` puts the next run's ones there."""
    buffer = io.BytesIO()
    _ClosurePickler(buffer, outside).dump(value)
    return buffer.getvalue()


def loads(data: bytes, outside: tuple[Any, ...] = ()) -> Any:
    """The value of `dumps`, with `outside` in the places of the objects left out; only
    for bytes this user's cache sealed (unpickling runs code)."""
    import gc

    # tens of thousands of new objects, none of them garbage: collections while they are
    # made would only walk them again and again
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _OutsideUnpickler(io.BytesIO(data), outside).load()
    finally:
        if collecting:
            gc.enable()


class _ClosurePickler(pickle.Pickler):
    def __init__(self, file: io.BytesIO, outside: tuple[Any, ...]) -> None:
        super().__init__(file, pickle.HIGHEST_PROTOCOL)
        self._outside = {id(value): number for number, value in enumerate(outside)}

    def persistent_id(self, obj: Any) -> int | None:
        return self._outside.get(id(obj))

    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, FunctionType) and "<" in obj.__qualname__:  # "<locals>", "<lambda>": not found by name
            return _reduce_function(obj)
        if isinstance(obj, re.Pattern):
            return LazyRegex, (obj.pattern, obj.flags)
        names = _frozen_slots(type(obj))
        if names:
            return _restored, (type(obj), names, tuple(getattr(obj, name) for name in names))
        return NotImplemented  # everything else as plain pickle does it (named functions by name)


class _OutsideUnpickler(pickle.Unpickler):
    def __init__(self, file: io.BytesIO, outside: tuple[Any, ...]) -> None:
        super().__init__(file)
        self._outside = outside

    def persistent_load(self, pid: Any) -> Any:
        if not isinstance(pid, int) or not 0 <= pid < len(self._outside):
            raise pickle.UnpicklingError(f"no object given for the place {pid!r}")
        return self._outside[pid]


def _reduce_function(function: FunctionType) -> tuple[Any, tuple[Any, ...]]:
    module_name = function.__module__
    if not module_name.startswith(_PACKAGE):
        raise pickle.PicklingError(f"not one of listlint's functions: {module_name}.{function.__qualname__}")
    module = importlib.import_module(module_name)
    outer = function.__qualname__.split(".")[0]
    if outer == "<lambda>":  # a module-level lambda: kept in one of the module's dicts
        return _module_dict_item, (module_name, *_dict_place(module, function))
    path = _code_path(getattr(module, outer).__code__, function.__code__)
    if path is None:
        raise pickle.PicklingError(f"cannot find the code of {module_name}.{function.__qualname__}")
    cells = tuple(cell.cell_contents for cell in function.__closure__ or ())
    return _rebuilt, (module_name, outer, path, function.__name__, cells, function.__defaults__, function.__kwdefaults__)


def _code_path(code: CodeType, target: CodeType) -> tuple[int, ...] | None:
    """Indexes into co_consts, from `code` down through nested code objects to `target`."""
    for index, constant in enumerate(code.co_consts):
        if constant is target:
            return (index,)
        if isinstance(constant, CodeType):
            deeper = _code_path(constant, target)
            if deeper is not None:
                return (index, *deeper)
    return None


def _dict_place(module: Any, function: FunctionType) -> tuple[str, Any]:
    for name, value in vars(module).items():
        if isinstance(value, dict):
            for key, item in value.items():
                if item is function:
                    return name, key
    raise pickle.PicklingError(f"cannot find the lambda of {module.__name__} in a module-level dict")


def _module(name: str) -> Any:
    if not name.startswith(_PACKAGE):
        raise pickle.UnpicklingError(f"not one of listlint's modules: {name}")
    return importlib.import_module(name)


def _rebuilt(module_name: str, outer: str, path: tuple[int, ...], name: str, cells: tuple[Any, ...], defaults: tuple[Any, ...] | None, kwdefaults: dict[str, Any] | None) -> FunctionType:
    module = _module(module_name)
    code = getattr(module, outer).__code__
    for index in path:
        code = code.co_consts[index]
    function = FunctionType(code, vars(module), name, defaults, tuple(CellType(value) for value in cells))
    function.__kwdefaults__ = kwdefaults
    return function


_SLOTS_OF: dict[type, tuple[str, ...]] = {}


def _frozen_slots(kind: type) -> tuple[str, ...]:
    """The fields of one of listlint's frozen dataclasses with slots, else (): pickle
    restores those through the dataclass's __setstate__, which looks their fields up
    again for every object (the categories' sources and keywords: a few hundred)."""
    if kind not in _SLOTS_OF:
        params = getattr(kind, "__dataclass_params__", None)
        frozen = params is not None and params.frozen and "__slots__" in vars(kind) and kind.__module__.startswith(_PACKAGE)
        _SLOTS_OF[kind] = tuple(one.name for one in dataclasses.fields(kind)) if frozen else ()  # one tuple per class: pickled once
    return _SLOTS_OF[kind]


def _restored(kind: type, names: tuple[str, ...], values: tuple[Any, ...]) -> Any:
    if not _frozen_slots(kind) or len(names) != len(values):
        raise pickle.UnpicklingError(f"not one of listlint's frozen dataclasses: {kind!r}")
    restored = object.__new__(kind)
    for name, value in zip(names, values):
        object.__setattr__(restored, name, value)  # frozen: its own __setattr__ refuses
    return restored


def _module_dict_item(module_name: str, name: str, key: Any) -> Any:
    return getattr(_module(module_name), name)[key]


class LazyRegex:
    """An `re` pattern compiled when first used; it answers everything the compiled
    pattern does (search, match, finditer, pattern ...)."""

    def __init__(self, pattern: str | bytes, flags: int = 0) -> None:
        self._source = (pattern, int(flags))

    def __getattr__(self, name: str) -> Any:
        # called only for names not yet taken over: the compiled pattern's attribute is
        # kept on the instance, so later uses cost a plain attribute lookup
        if name.startswith("__"):
            raise AttributeError(name)
        value = getattr(REGEXES.compile_re(*self._source), name)
        self.__dict__[name] = value
        return value

    def __reduce__(self) -> tuple[Any, ...]:
        return LazyRegex, self._source


MAX_MEMO_PATTERNS = 4096  # the shipped rules compile a few hundred; user rulesets add theirs


class RegexMemo:
    """Patterns compiled by this run and earlier ones, by source and flags: those of the
    `regex` module (`compile`) and those of `re` (`compile_re`).

    The regex module pickles a compiled pattern as its compiled code, and loading that
    takes microseconds where compiling the source in Python takes up to a few
    milliseconds: a pre-commit run on one file that reaches ten pattern rules spent
    about 10 ms compiling them. That code is handed to the module's C half (`_regex`)
    loaded on its own: importing the package builds its Python compiler's tables, some
    50 M instructions (a tenth of a pre-commit run), and a run whose patterns all come
    from the memo never compiles one. An `re` pattern pickles as its source only, so the memo
    keeps what `re`'s compiler makes of it (_re_parts) and hands that to the C
    constructor: the neighbour conditions one edited file reaches took ~7 ms to compile.
    run.py keeps the memo in the cache, sealed like the compiled engine (its key digests
    the Python version, whose `re` code it is); codes made by another version of the
    regex module are dropped.
    """

    def __init__(self) -> None:
        self._version = ""  # the regex module's installed files (_regex_installed), once one is compiled
        self._codes: dict[tuple[str, int], bytes] = {}
        self._re_codes: dict[tuple[str, int], tuple[Any, ...]] = {}
        self.grown = False  # a pattern was compiled that the memo lacked

    def compile(self, source: str, flags: int) -> Any:
        """What `regex.compile(source, flags)` returns (its errors included)."""
        stamp = _regex_installed()[1]
        if self._version != stamp:
            self._version, self._codes = stamp, {}
        key = (source, int(flags))  # a plain int: a RegexFlag would import the regex module to unpickle the memo
        code = _recent(self._codes, key)
        if code is not None:
            try:
                return _RegexCodeUnpickler(io.BytesIO(code)).load()
            except Exception:  # not a pattern after all (a damaged memo): compiled below
                pass
        import regex

        pattern = regex.compile(source, flags)
        self._codes[key] = pickle.dumps(pattern, pickle.HIGHEST_PROTOCOL)
        self.grown = True
        return pattern

    def compile_re(self, source: str, flags: int) -> re.Pattern[str]:
        """What `re.compile(source, flags)` returns (its errors included)."""
        key = (source, int(flags))
        parts = _recent(self._re_codes, key)
        if parts is not None:
            try:
                return _sre.compile(source, *parts)  # type: ignore[no-any-return]
            except Exception:  # not compiled code after all (a damaged memo): compiled below
                pass
        try:
            parts = _re_parts(source, int(flags))
        except Exception:  # a source re refuses (re.compile raises its error), or an `re` of another shape
            return re.compile(source, flags)
        self._re_codes[key] = parts
        self.grown = True
        return _sre.compile(source, *parts)  # type: ignore[no-any-return]

    def state(self) -> tuple[str, dict[tuple[str, int], bytes], dict[tuple[str, int], tuple[Any, ...]]]:
        """What the cache stores (`adopt` takes it back): the MAX_MEMO_PATTERNS most recently
        used of each module, so patterns of rulesets no longer in use do not pile up run after run."""
        return self._version, _most_recent(self._codes), _most_recent(self._re_codes)

    def adopt(self, state: object) -> None:
        """Takes in a stored memo; anything of another shape is ignored. `re` patterns this
        run compiled before (a config file's YAML is read before the cache is known, and
        PyYAML's patterns come through here: pyyaml.py) are kept beside the stored ones,
        and the memo counts as grown only for those the stored memo lacks. `regex` codes
        are taken only while this run has compiled none (compile checks their version)."""
        if not isinstance(state, tuple) or len(state) != 3:
            return
        version, codes, re_codes = state
        if not (isinstance(version, str) and isinstance(codes, dict) and isinstance(re_codes, dict)):
            return
        own_codes = bool(self._codes)
        if not own_codes:
            self._version, self._codes = version, dict(codes)
        missing = any(key not in re_codes for key in self._re_codes)
        self._re_codes = {**re_codes, **self._re_codes}  # this run's own last: the most recently used
        self.grown = self.grown and (own_codes or missing)


# the `regex` module's flags that pattern rules use, as numbers: naming them would import
# the package (tests/test_startup.py checks them against it)
REGEX_IGNORECASE = 0x2
REGEX_V0 = 0x2000


class _RegexCodeUnpickler(pickle.Unpickler):
    """Loads a pickled `regex` pattern (a call of _regex.compile with its compiled code)
    through the C module alone, and nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) != ("regex._regex", "compile"):
            raise pickle.UnpicklingError(f"not a regex pattern: {module}.{name}")
        return _regex_c_module().compile


def _regex_c_module() -> Any:
    """The regex module's C half: the package's own once it is imported, else the
    extension loaded alone under its own name (the package, imported later, takes that
    one: its modules import it by name)."""
    loaded = sys.modules.get("regex._regex")
    if loaded is not None:
        return loaded
    spec = importlib.util.spec_from_file_location("regex._regex", _regex_installed()[0])
    if spec is None or spec.loader is None:
        raise ImportError("regex._regex")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    sys.modules["regex._regex"] = module
    return module


@lru_cache(maxsize=1)
def _regex_installed() -> tuple[str, str]:
    """The installed regex package's C extension, and a stamp of it: the size and time of
    the extension and of the Python compiler whose code it runs (_regex_core.py), so that
    code compiled by another installed version is never handed to this one. Found
    without importing the package."""
    spec = importlib.util.find_spec("regex")  # a top-level package: found, not imported
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        raise ImportError("regex")
    candidates = [os.path.join(folders[0], "_regex" + suffix) for suffix in importlib.machinery.EXTENSION_SUFFIXES]
    extension = next((path for path in candidates if os.path.isfile(path)), None)
    if extension is None:
        raise ImportError("regex._regex")
    stamps = []
    for path in (os.path.join(folders[0], "_regex_core.py"), extension):
        info = os.stat(path)
        stamps.append(f"{path}:{info.st_size}:{info.st_mtime_ns}")
    return extension, "\n".join(stamps)


def _recent(codes: dict[tuple[str, int], Any], key: tuple[str, int]) -> Any:
    """The code kept for `key` (None if none), moved last in the order: state keeps the most recently used."""
    code = codes.pop(key, None)
    if code is not None:
        codes[key] = code
    return code


def _most_recent(codes: dict[tuple[str, int], Any]) -> dict[tuple[str, int], Any]:
    return dict(list(codes.items())[-MAX_MEMO_PATTERNS:])


def _re_parts(source: str, flags: int) -> tuple[Any, ...]:
    """The arguments after the source that `re` hands to its C constructor for a pattern:
    re._compiler.compile's own steps (parse, generate code, map the groups)."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    if flags & re.DEBUG:  # re.compile prints the code: left to it
        raise ValueError("re.DEBUG is re.compile's own")
    parsed = _parser.parse(source, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # opcodes are named int constants: plain ints pickle
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


REGEXES = RegexMemo()
