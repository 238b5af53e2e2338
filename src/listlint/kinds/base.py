"""What every rule kind shares: findings, the compile context and the per-record scan.

A kind module exposes `OPTIONS` (the rule keys it accepts) and
`compile(rule, context) -> Check`; a Check takes a record and its term scan and yields
Findings. Kinds know nothing of file formats: they read `Record` fields only.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..lean_dataclass import lean_dataclass
from ..facts import FactFinder
from ..records import Record, TextField
from ..repository import file_status
from ..rules import Rule
from ..safeio import read_text
from ..textmatch import Hit, LiteralIndex, TermIndex

if TYPE_CHECKING:
    from ..ownership import Ownership
from ..tree import Node


@lean_dataclass(slots=True)
class Finding:
    """A rule's verdict on a span: of a text field (offsets into its value) or of a node."""

    rule: Rule
    field: TextField | None
    begin: int
    end: int
    match: str
    args: dict[str, Any] = field(default_factory=dict)
    node: Node | None = None
    field_name: str = ""


@lean_dataclass(slots=True)
class TermRef:
    """What a key in the shared automaton means to one terms rule."""

    code: str
    term: str
    case_sensitive: bool = False
    context: tuple[str, ...] = ()  # squashed keys
    unless: tuple[str, ...] = ()
    not_after: re.Pattern[str] | None = None  # searched in the text just before a hit
    not_before: re.Pattern[str] | None = None  # matched at the text just after a hit
    languages: tuple[str, ...] = ()  # of the rule: a code's language variants share `code`

    def __reduce__(self) -> tuple[type[TermRef], tuple[Any, ...]]:
        """Pickled as its leading values up to the last one that is not the default: a
        compiled engine (compiled.py) holds thousands of refs, most of them a code and a
        term, and loads them several times faster this way than field by field."""
        values = [getattr(self, name) for name, _ in _TERM_REF_FIELDS]
        while values and values[-1] == _TERM_REF_FIELDS[len(values) - 1][1]:
            values.pop()
        return TermRef, tuple(values)


_TERM_REF_FIELDS = tuple((one.name, one.default) for one in fields(TermRef))  # default MISSING: never left out


@lean_dataclass(slots=True)
class CompileContext:
    """Shared state while compiling rules: the one term automaton, config facts."""

    index: TermIndex
    authorised_brands: frozenset[str]  # squashed
    rule_options: dict[str, dict[str, Any]]
    rules_by_code: dict[str, Rule]
    own_brands: frozenset[str] = frozenset()  # squashed; the config's own_brands
    literals: LiteralIndex = field(default_factory=LiteralIndex)
    term_keys: dict[str, set[str]] = field(default_factory=dict)  # code -> squashed terms
    config: Any = None  # the run's Config (as_of, root, rulesets) for kinds that need it
    files_read: list[Path] = field(default_factory=list)  # list files of rules (part of the cache key)
    ownerships: dict[Path, Ownership] = field(default_factory=dict)  # by file: several rules share one
    # check -> ids of the pattern literals (`literals`) or record facts (facts.py) one of
    # which a record must hold for the check to find anything, or a function of the
    # record's marketplaces that gives them (None: no gate there): the engine does not
    # call the check on other records
    literal_gates: dict[Check, Gate] = field(default_factory=dict)
    # what finds the record facts kinds add to the engine's (facts.record_facts)
    fact_finders: list[FactFinder] = field(default_factory=list)
    # check -> codes of terms rules a hit of one of which the record must have for the check
    # to find anything (terms, claim and third-party-brand rules read nothing else)
    hit_gates: dict[Check, frozenset[str]] = field(default_factory=dict)
    # code of a terms rule -> the fields (families or names) in which some check reads its
    # hits (reads_hits): the engine keeps no hit elsewhere, so it opens no check for nothing
    hit_fields: dict[str, set[str]] = field(default_factory=dict)
    # what the rules of one kind share, by name (the certificates and packaging rules: one
    # view of the category catalog, its keyword literals registered with `literals` once)
    shared: dict[str, Any] = field(default_factory=dict)

    def reads_hits(self, codes: Iterable[str], fields: Iterable[str]) -> None:
        """A check reads the hits of these terms rules in these fields (families or names);
        every check that reads RecordScan.hits must say so, or it is given none."""
        for code in codes:
            self.hit_fields.setdefault(code, set()).update(fields)

    def enabled(self, code: str) -> bool:
        """Whether the run keeps rule `code` (with no configuration, every rule)."""
        return self.config is None or self.config.enabled(code)

    def option(self, rule: Rule, name: str, default: Any = None) -> Any:
        """A rule option, as overridden by the config's rule_options."""
        override = self.rule_options.get(rule.code, {})
        return override.get(name, rule.options.get(name, default))

    def resolve(self, rule: Rule, relative: str) -> Path:
        return Path(rule.path).parent / relative

    def read_list(self, rule: Rule, option: str) -> list[str]:
        """The entries of a list file an option names (one per line; blank lines and # comments skipped)."""
        path = self.resolve(rule, self.option(rule, option))
        self.files_read.append(path)
        try:
            lines = read_text(path).splitlines()
        except (OSError, UnicodeDecodeError) as error:
            raise rule.error(f"cannot read {option} {path}: {error}", option) from None
        return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]

    def ownership(self, rule: Rule) -> Ownership:
        """The ownership model the rule's `ownership_file` names (empty without one)."""
        from ..ownership import EMPTY, load_ownership

        if not self.option(rule, "ownership_file"):
            return EMPTY
        path = self.resolve(rule, self.option(rule, "ownership_file"))
        if path not in self.ownerships:
            self.files_read.append(path)
            self.ownerships[path] = load_ownership(path)
        return self.ownerships[path]


# Seconds of pattern matching a rule may spend on one file: a second, and a hundredth of a
# second more for each text it runs on, so a catalog of 100,000 rows is not cut short while
# a pattern slow on every text still is. A text gets at most TIMEOUT_SECONDS of it
# (kinds/pattern.py); a rule out of time is skipped for the rest of the file, so the cost
# of a catastrophic pattern grows with the file's size, never beyond it.
RULE_SECONDS_PER_FILE = 1.0
RULE_SECONDS_PER_TEXT = 0.01


class TimeBudget:
    """The time each rule has left on one file, shared by the records of that file."""

    __slots__ = ("seconds", "per_text", "_spent", "_run_out")

    def __init__(self, seconds: float | None = None, per_text: float | None = None) -> None:
        self.seconds = RULE_SECONDS_PER_FILE if seconds is None else seconds
        self.per_text = RULE_SECONDS_PER_TEXT if per_text is None else per_text
        self._spent: dict[str, float] = {}  # less the allowances of the texts run on
        self._run_out: set[str] = set()

    def exhausted(self, code: str) -> bool:
        return code in self._run_out

    def run_out(self, code: str) -> None:
        self._run_out.add(code)

    def charged(self, code: str, most: float) -> _Charge:
        """A context that times its block (one text) and charges it to the rule; it gives
        the seconds the block may take (at most `most`). A rule whose budget is spent is
        marked run out."""
        return _Charge(self, code, most)


class _Charge:
    """TimeBudget.charged: a plain context manager, since it wraps every text a pattern
    rule runs on (a generator-based one costs several times as much)."""

    __slots__ = ("budget", "code", "most", "spent", "started")

    def __init__(self, budget: TimeBudget, code: str, most: float) -> None:
        self.budget, self.code, self.most = budget, code, most

    def __enter__(self) -> float:
        budget = self.budget
        self.spent = budget._spent.get(self.code, 0.0) - budget.per_text  # the text brings its allowance
        self.started = time.perf_counter()
        return max(min(self.most, budget.seconds - self.spent), 0.001)

    def __exit__(self, *exc: object) -> None:
        spent = self.spent + time.perf_counter() - self.started
        budget = self.budget
        budget._spent[self.code] = spent
        if spent >= budget.seconds:
            budget._run_out.add(self.code)


@lean_dataclass(slots=True)
class RecordScan:
    """One record's term hits (by rule code) and the context words present in its text."""

    record: Record
    hits: dict[str, list[tuple[TextField, Hit, TermRef]]] = field(default_factory=dict)
    present: set[str] = field(default_factory=set)
    literals: dict[str, set[int]] = field(default_factory=dict)  # field name -> pattern ids worth running
    timeouts: list[tuple[str, str]] = field(default_factory=list)  # (rule code, field name) cut short
    budget: TimeBudget = field(default_factory=TimeBudget)  # shared by the records of one file
    project: Any = None  # the run's Project: records of the other files (cross-file checks)
    # (absolute file path, relative path written in it, status): what checks learnt from the
    # file system, which the cache checks again before it trusts an earlier result
    path_facts: list[tuple[str, str, str]] = field(default_factory=list)
    categories: Any = None  # the record's categories (categories.Recognised), found by the first check that asks

    def record_path(self, record: Record) -> Path:
        """The absolute path of the file a record comes from."""
        path = self.project.path_of(record) if self.project is not None else None
        return path or Path(os.path.abspath(record.source.path))

    def path_status(self, record: Record, relative: str, config: Any) -> str:
        """'ok', 'missing' or 'outside' for a path written in a record (repository.file_status)."""
        here = self.record_path(record)
        status = file_status(here, relative, config)
        self.path_facts.append((str(here), relative, status))
        return status


Check = Callable[[Record, RecordScan], Iterable[Finding]]
# the keys one of which a record must hold (see CompileContext.literal_gates)
Gate = frozenset[Hashable] | Callable[[tuple[str, ...]], frozenset[Hashable] | None]


def text_fields(rule: Rule, record: Record) -> list[TextField]:
    return record.fields(rule.fields)
