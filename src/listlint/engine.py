"""The engine: compiled rules applied to listings, findings turned into diagnostics.

    file bytes -> read (reader per format) -> records -> one term scan per record
               -> every rule's check -> diagnostics -> suppressions, select/ignore

Rules are compiled once per run: all term lists go into one automaton shared by every
terms rule, so each text is scanned once whatever the number of terms.
"""

from __future__ import annotations

import os
import re
from array import array
from collections.abc import Callable, Iterable
from dataclasses import field
from functools import cache
from pathlib import Path
from string import Formatter
from typing import TYPE_CHECKING

from .lean_dataclass import lean_dataclass
from .config import Config
from .diagnostics import At, Diagnostic, FingerprintCounts, Row, draft, finalise, finalised_rows, shortened, with_severity
from .discover import config_relative, matches_glob
from .dispatch import CheckTable
from .documents import is_ours, records_from
from .errors import RulesetError, SetupError
from .facts import record_facts
from .inputs import is_given
from .kinds import KIND_MODULES, kind_module
from .kinds.base import Check, CompileContext, Finding, RecordScan, TimeBudget
from .languages import text_in
from .locations import SourceText
from .project import Project
from .product_type_names import known_product_types, product_type_problems
from .readers import chosen_by_suffix, file_suffix, read_source, reader_for, size_limit, special_reader, stream_reader
from .records import Record, TextField, expand_marketplaces
from .repository import repository_root
from .results import FileResult, Links, sku_digest
from .rules import Rule, ruleset_schema
from .safeio import why_not_readable
from .schemacheck import check as schema_check
from .schemacheck import did_you_mean
from .stream import DiagnosticChunks
from .suppressions import find_suppressions
from .textmatch import Hit, TermIndex, squash
from .tree import Problem, ReadResult, node_from_plain, string_spans
from .visible import without_invisible

if TYPE_CHECKING:
    from .readers.flatfile import RowRange


MAX_FILE_BYTES = 20 * 1024 * 1024


class _Args(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@cache
def _names_in(message: str) -> tuple[str, ...]:
    """The argument names a rule's message reads ("{match}" reads match; so do "{match!r:>9}"
    and "{match.upper}"), with those of the format specs inside it: only these are turned
    into text for each diagnostic."""
    names: list[str] = []
    for _, name, spec, _ in Formatter().parse(message):
        if name:
            names.append(re.split(r"[.\[]", name, maxsplit=1)[0])
        if spec:
            names += _names_in(spec)
    return tuple(dict.fromkeys(names))


class Engine:
    """Rules compiled for one run; `lint_file` is safe to call for any file."""

    def __init__(self, rules: list[Rule], config: Config, marketplaces: tuple[str, ...] = ()) -> None:
        self.config = config
        self.rules = rules
        self.by_code = {rule.code: rule for rule in rules}
        self.marketplaces = marketplaces  # as given (--marketplace); workers compile from it
        self.only_marketplaces = expand_marketplaces(marketplaces)
        self.default_marketplaces = expand_marketplaces(config.marketplaces)
        self._check_selection()
        self._check_rule_options()
        self.index = TermIndex()
        context = CompileContext(
            self.index,
            frozenset(squash(b) for b in config.authorised_brands),
            config.rule_options,
            self.by_code,
            own_brands=frozenset(squash(b) for b in config.own_brands),
            config=config,
        )
        self._special_of: tuple[str, object] | None = None  # the last file's special reader (see _special)
        self._relative_of: tuple[str, str] | None = None  # the last file's relative path (see _relative)
        self._context = context  # for the checks compiled on demand
        self.checks: list[tuple[Rule, Check | None]] = []  # None: compiled when a record needs it
        self._applicable: dict[tuple[str, tuple[str, ...]], CheckTable] = {}  # see _checks_for
        self._hit_codes: dict[tuple[str, str], frozenset[str]] = {}  # see _hits_read_in
        self._text_scans: dict[str, TextScan] = {}  # see _scanned
        referenced = _referenced(rules)
        # terms rules first: other kinds (third-party-brand) read their term lists
        for rule in sorted((one for rule in rules for one in rule.with_variants()), key=lambda r: r.kind != "terms"):
            if self.enabled(rule.code) and rule.kind != "input":
                self.checks.append((rule, None if self._on_demand(rule, referenced) else self._compile(rule)))
            elif rule.kind == "terms" or rule.code in referenced:
                self._compile(rule)  # its terms serve other rules
            else:
                self._validate_options(rule)
        self.index.build()
        context.literals.build()
        self.literals = context.literals
        self._literal_gates = context.literal_gates
        self._fact_finders = context.fact_finders  # a check compiled on demand may add one
        self.files_read = tuple(context.files_read)  # list files the rules read (cache keys)
        self.known_product_types = known_product_types(config.rulesets) if self.enabled("INP045") else frozenset()
        # the listing texts, then every other family a rule reads, in rule order: a tuple of
        # the same order in every process (a set's order follows PYTHONHASHSEED), since
        # the order of the texts is the order of the findings made in them
        self.scan_families = tuple(dict.fromkeys(("title", "bullets", "description", "search_terms", *(f for rule, _ in self.checks for f in rule.fields))))
        self.schemas = self._product_type_schemas()

    def __getstate__(self) -> dict[str, object]:
        """What a cached engine keeps (compiled.py, without the config): the compiled rules,
        nothing one run learnt (readers of special files, applicable checks), and no checks
        of orders, feedback, metrics or messages, which may hold the seller's addresses:
        those compile again on demand."""
        state = dict(self.__dict__)
        state.update(
            checks=[(rule, None if rule.kind in _ON_DEMAND_KINDS else check) for rule, check in self.checks],
            _special_of=None,
            _relative_of=None,
            _applicable={},
            _hit_codes={},
            _text_scans={},
        )
        return state

    # selection ---------------------------------------------------------------------------
    def enabled(self, code: str) -> bool:
        return self.config.enabled(code)

    def _check_selection(self) -> None:
        """A select or ignore entry that matches no rule is a typo, not a silent no-op."""
        for option, entries in (("select", self.config.select), ("ignore", self.config.ignore)):
            for entry in entries:
                if not any(code.startswith(entry) for code in self.by_code):
                    raise SetupError("", 0, 0, f"{option}: {entry} matches no rule code or prefix{did_you_mean(entry, self.by_code)}")

    def _check_rule_options(self) -> None:
        """rule_options in the config name real rules and options of their kind, with valid values."""
        properties = ruleset_schema()["$defs"]["rule"]["properties"]
        for code, overrides in self.config.rule_options.items():
            rule = self.by_code.get(code)
            if rule is None:
                raise self.config.error(f"rule_options: unknown rule code {code}{did_you_mean(code, self.by_code)}", code)
            allowed = kind_module(rule.kind).OPTIONS
            for name, value in overrides.items():
                if name not in allowed:
                    raise self.config.error(f"rule_options.{code}: {rule.kind} rules take no option {name!r} (they take: {', '.join(sorted(allowed)) or 'none'})", f"{code}.{name}")
                issues = schema_check(node_from_plain(value), properties[name], ruleset_schema(), f"rule_options.{code}.{name}")
                if issues:
                    raise self.config.error(f"{issues[0].path}: {issues[0].message}", f"{code}.{name}")

    def _compile(self, rule: Rule) -> Check:
        self._validate_options(rule)
        return kind_module(rule.kind).compile(rule, self._context)

    def _on_demand(self, rule: Rule, referenced: set[str]) -> bool:
        """Whether a rule compiles only when a record of its kind comes: shipped rules (the
        test suite compiles every one) of kinds that add nothing to the shared term and
        literal indexes, not changed by the config, so a run on listings never imports
        the modules of orders, feedback, metrics and message checks."""
        return rule.shipped and rule.kind in _ON_DEMAND_KINDS and rule.code not in referenced and rule.code not in self.config.rule_options

    def _validate_options(self, rule: Rule) -> None:
        if rule.kind not in KIND_MODULES:
            raise rule.error(f"unknown kind {rule.kind!r}")
        allowed = kind_module(rule.kind).OPTIONS
        for option in rule.options:
            if option not in allowed:
                raise rule.error(f"option {option!r} does not belong to kind {rule.kind!r}", option)

    # linting -----------------------------------------------------------------------------
    def _special(self, path: str):
        """The reader of a message template or orders report (chosen by glob or header), or None.
        Asked twice per file in a row: only the last file's answer is kept, not one per path of the run."""
        if self._special_of is None or self._special_of[0] != path:
            special = special_reader(Path(path), self._relative(path), self.config) if not chosen_by_suffix(path) else None
            self._special_of = (path, special)
        return self._special_of[1]

    def _relative(self, path: str) -> str:
        """The path relative to the config's folder (what its globs and per-file ignores
        match), worked out once per file: only the last file's is kept."""
        if self._relative_of is None or self._relative_of[0] != path:
            self._relative_of = (path, config_relative(path, self.config))
        return self._relative_of[1]

    def _refused(self, path: str) -> _Parsed | None:
        """A file that is not read at all: a FIFO, device, broken link, or a link out of the repository."""
        if is_given(path):  # standard input read under this name: nothing on disk to refuse
            return None
        refusal = why_not_readable(path, repository_root(path, self.config))
        if refusal is None:
            return None
        code, args = refusal
        return _Parsed(None, [Problem(code, args=args)])

    def _parse(self, path: str, shown: str) -> _Parsed:
        """The file read into records; a failure of listlint's own is one INP060 for the file."""
        try:
            return self._read_records(path, shown)
        except SetupError:
            raise  # the run's own setup (a product type schema read on first use): exit 2
        except Exception as error:  # a bug must not stop the run: the other files are still checked
            return _Parsed(None, [_internal_error(error)])

    def _read_records(self, path: str, shown: str) -> _Parsed:
        special = self._special(path)
        streamed = stream_reader(special)  # orders reports: left in the file, their rows read when walked
        if streamed is not None:
            result = streamed(Path(path), shown)
            source, problems = result.source, result.problems
            result.problems = []
        else:
            source, problems = read_source(path, shown, size_limit(special, MAX_FILE_BYTES), looked_at=True)  # _refused looked at it
        parsed = _Parsed(source, problems)
        if source is not None and not any(p.code in _FATAL for p in problems):
            result = result if streamed is not None else (special or reader_for(path))(source)
            parsed.result = result
            if not result.problems and result.comments and all(d.value is None and d.end - d.start == 0 for d in result.documents):
                result.problems.append(Problem("INP004"))  # nothing, only comments, or a bare '---'
                result.documents = []
            if is_ours(result):
                parsed.records = records_from(result, self.default_marketplaces)
                problems.extend(self._product_type_problems(parsed.records))
            elif not result.problems:
                parsed.skipped = True
                return parsed
            parsed.source = result.source  # a reader of personal data hands back a masking source (privacy.py)
            problems.extend(result.problems)
            if self.schemas is not None and parsed.records:  # SP-API payloads against their product type schema
                problems.extend(self.schemas.problems([r.spec for r in parsed.records]))
            parsed.checked = self._in_chosen_marketplaces(parsed.records)
        return parsed

    def _in_chosen_marketplaces(self, records: list[Record]) -> list[Record]:
        """The records to check under --marketplace: each keeps only the chosen marketplaces,
        and a record sold in none of them is not checked."""
        if not self.only_marketplaces:
            return list(records)
        chosen = []
        for record in records:
            record.marketplaces = tuple(m for m in record.marketplaces if m in self.only_marketplaces)
            if record.marketplaces:
                chosen.append(record)
        return chosen

    def _reported(self, diagnostics: list[Row], relative: str) -> list[Row]:
        """Selected, not ignored for this file, with the config's severity."""
        return self._reported_in(relative)(diagnostics)

    def lint_file(self, path: str | Path, shown: str, complete: bool = False) -> FileResult:
        """One file on its own: links between its own records count, other files are not looked at."""
        return self.lint_group([(path, shown)], complete)[0]

    def lint_group(self, files: list[tuple[str | Path, str]], complete: bool) -> list[FileResult]:
        """Files linted together: checks can look across them (packaging <-> listings). Each
        file is parsed once. `complete`: the run covers whole folders, so a counterpart
        missing from it is really missing (project.py). Paths are used as plain strings:
        a Path is made only for the rare file whose reader needs one (readers.file_suffix)."""
        files = [(os.fspath(path), shown) for path, shown in files]
        project = Project(complete)
        parsed: list[_Parsed | None] = []
        for path, shown in files:
            refused = self._refused(path)
            streamed = refused is None and _is_table(path) and self._special(path) is None  # flat files are streamed, never held whole
            parsed.append(None if streamed else refused or self._parse(path, shown))
            if not streamed:
                project.add(path, parsed[-1].records)
        results = []
        for n, (path, shown) in enumerate(files):
            one, parsed[n] = parsed[n], None  # each parsed file is let go once it is linted
            results.append(self._lint_one(path, shown, one, project))
        return results

    def _lint_one(self, path: str, shown: str, parsed: _Parsed | None, project: Project) -> FileResult:
        """One file's result; a failure of listlint's own is one INP060 diagnostic for the
        file in place of its findings, and the run goes on."""
        # kept scans serve one file's rows (_scanned): across files they would only measure how
        # often a catalog repeats itself, and a replicated benchmark catalog repeats everything
        self._text_scans.clear()
        try:
            return self._lint_table(path, shown, project) if parsed is None else self._lint_parsed(path, shown, parsed, project)
        except SetupError:
            raise
        except Exception as error:
            return self._lint_parsed(path, shown, _Parsed(None, [_internal_error(error)]), project)

    def _lint_parsed(self, path: str, shown: str, parsed: _Parsed, project: Project) -> FileResult:
        if parsed.skipped:
            return FileResult(shown, [], 0, checked=False)
        source, problems, result, records = parsed.source, parsed.problems, parsed.result, parsed.records
        findings: list[Finding] = []
        facts: list[tuple[str, str, str]] = []
        budget = TimeBudget()  # per rule, for the whole file
        for record in parsed.checked:
            findings.extend(self._check_record(record, problems, budget, project, facts))
        text = source or SourceText(shown, "")
        diagnostics = [self._from_problem(text, p) for p in problems]
        diagnostics += self._from_findings(text, _distinct(findings))
        if result is not None and result.comments:
            diagnostics = self._suppress(text, diagnostics, result)
        if diagnostics:  # most files: nothing to select, sort or number
            relative = self._relative(path) if self.config.per_file_ignores else ""  # what per-file ignores match
            diagnostics = finalise(self._reported(diagnostics, relative), text)  # sorted, line context, unique fingerprints
        return FileResult(shown, diagnostics, len(records), links=project.links_of(path), path_facts=tuple(facts))

    def row_ranges(self, path: str | Path, range_bytes: int) -> list[RowRange]:
        """A large flat file's rows in ranges of about `range_bytes` that workers check apart
        (parallel.py); [] for any other file, and for a flat file that is read whole."""
        path = os.fspath(path)
        if not _is_table(path) or self._special(path) is not None or self._refused(path) is not None:
            return []
        from .readers import table_row_ranges

        return table_row_ranges(Path(path), range_bytes)

    def lint_rows(self, path: str | Path, shown: str, rows: RowRange, complete: bool) -> FileResult | None:
        """The rows of one range of a flat file, as a file linted on its own (lint_group)
        would check them; repeated fingerprints are left for diagnostics.numbered, across the
        ranges. None when listlint failed on them: the file is then linted whole."""
        try:
            return self._lint_table(os.fspath(path), shown, Project(complete), rows)
        except SetupError:
            raise
        except Exception:
            return None

    def _lint_table(self, path: str, shown: str, project: Project | None = None, rows: RowRange | None = None) -> FileResult:
        """A flat file or workbook, streamed: each row's diagnostics are made before the next row is read,
        and put aside on disk every FLUSH_DIAGNOSTICS (finalised: a later row never points at an
        earlier row's lines), so memory does not grow with the rows. Its rows' skus are its
        links: a compliance file of the group (`project`) adds its documents. `rows`: only
        the rows of that range."""
        from .readers import read_table

        table = read_table(Path(path), shown, self.default_marketplaces, rows)
        if table is None:
            return FileResult(shown, [], 0, checked=False)  # not an inventory template
        reported = self._reported_in(config_relative(path, self.config))
        parts = _TableParts(number=rows is None)
        listings = 0
        budget = TimeBudget()  # per rule, for the whole file
        skus = array("Q")  # digests (results.Links): 8 bytes a row
        for source, records, problems in table:
            parts.row_starts(source.first_line)
            problems.extend(self._product_type_problems(records))
            findings: list[Finding] = []
            for record in self._in_chosen_marketplaces(records):
                listings += 1
                if record.sku:
                    skus.append(sku_digest(record.sku))
                findings.extend(self._check_record(record, problems, budget, project))
            if problems or findings:  # most rows: nothing to report
                row = [self._from_problem(source, p) for p in problems] + self._from_findings(source, _distinct(findings))
                parts.add_row(table.located(reported(row)), source)
        return FileResult(shown, parts.finished(), listings, links=Links(listing_sku_digests=skus.tobytes()))

    def _reported_in(self, relative: str) -> Callable[[list[Row]], list[Row]]:
        """_reported for the rows of one file: whether a code is reported there is worked
        out once per code, and severities are looked at only when the config sets some."""
        decided: dict[str, bool] = {}

        def wanted(code: str) -> bool:
            keep = decided.get(code)
            if keep is None:
                keep = decided[code] = self.enabled(code) and not self._ignored_in_file(relative, code)
            return keep

        if self.config.severity:
            return lambda diagnostics: [self._with_severity(d) for d in diagnostics if wanted(d[At.CODE])]
        return lambda diagnostics: [d for d in diagnostics if wanted(d[At.CODE])]

    def _product_type_problems(self, records: list[Record]) -> list[Problem]:
        return product_type_problems(records, self.known_product_types) if self.known_product_types else []

    def _product_type_schemas(self) -> object | None:
        """The config's product type schema folder, when SCH codes are enabled."""
        folder = self.config.product_type_schemas
        if folder is None or not any(self.enabled(code) for code in self.by_code if code.startswith("SCH")):
            return None
        if not folder.is_dir():
            raise SetupError(str(self.config.path or "config"), 1, 1, f"product_type_schemas: {folder} is not a folder")
        from .product_types import ProductTypeSchemas

        return ProductTypeSchemas(folder)

    def _check_record(self, record: Record, problems: list[Problem], budget: TimeBudget, project: Project | None = None, facts: list[tuple[str, str, str]] | None = None) -> list[Finding]:
        scan = RecordScan(record, budget=budget, project=project, path_facts=facts if facts is not None else [])
        texts = record.fields(self.scan_families)
        literals_present: set[int] = set()
        hits, present_words, literals_of = scan.hits, scan.present, scan.literals
        for text_field in texts:
            present, text_hits, words = self._scanned(text_field.text.text)
            literals_of[text_field.name] = present
            literals_present |= present
            present_words |= words
            if text_hits:
                read_here = self._hits_read_in(text_field)
                for hit in text_hits:
                    for ref in hit.refs:
                        if ref.code in read_here:  # else no check reads it: it would open one for nothing
                            hits.setdefault(ref.code, []).append((text_field, hit, ref))
        findings: list[Finding] = []
        # a rule (pattern, contact) none of whose literals is in the record, one that reads
        # the hits of terms the record does not hold, or one whose record facts (facts.py)
        # the record lacks, could find nothing: it is not asked
        facts = record_facts(record, texts, scan, self._fact_finders)
        for rule, check in self._checks_for(record).open_checks(literals_present, hits, facts):
            for finding in check(record, scan):
                if rule.languages and finding.field is not None and not text_in(rule.languages, record, finding.field):
                    continue  # another language's words: "punto" is a full stop in Italian, not in English
                finding.args.setdefault("sku", record.sku)
                findings.append(finding)
        for code, field_name in scan.timeouts:
            text = next(f.text for f in texts if f.name == field_name)
            problems.append(Problem("LNT001", text.source_index(0), text.source_index(len(text.text)), {"code": code, "field": field_name}, field_name, record.sku))
        return findings

    def _scanned(self, text: str) -> TextScan:
        """The ids of the patterns worth running on a text (its literals, as pattern rules
        read it), its term hits, and the context words found. A short text's scan is kept
        for the rest of its file: a flat file's columns repeat their values row after row
        (brand, product id type, country, quantity, yes/no), which were scanned anew for every row. Not while the
        prefilter warms up: it lets every pattern through then, and kept that would open
        their checks on every later row."""
        scan = self._text_scans.get(text)
        if scan is None:
            judged = not self.literals.warming_up  # asked before `present`, which counts the warm-up down
            words: set[str] = set()
            scan = (self.literals.present(without_invisible(text)), tuple(self.index.scan(text, words)), words)
            if judged and len(text) <= KEPT_SCAN_LENGTH:
                if len(self._text_scans) >= KEPT_SCANS:
                    self._text_scans.clear()
                self._text_scans[text] = scan
        return scan

    def _hits_read_in(self, text_field: TextField) -> frozenset[str]:
        """Codes of the terms rules whose hits some check reads in this field (CompileContext.reads_hits)."""
        where = (text_field.family, text_field.name)
        codes = self._hit_codes.get(where)
        if codes is None:
            read = self._context.hit_fields.items()
            codes = self._hit_codes[where] = frozenset(code for code, fields in read if not fields.isdisjoint(where))
        return codes

    def _checks_for(self, record: Record) -> CheckTable:
        """The checks whose rules apply to the record's kind and marketplaces, each with its
        literal (and record fact) gate and its term-hit gate (CompileContext.literal_gates, hit_gates); a
        catalog has few such combinations, so each is worked out once."""
        key = (record.kind, tuple(record.marketplaces))
        applicable = self._applicable.get(key)
        if applicable is None:
            entries = []
            for number, (rule, _) in enumerate(self.checks):
                if record.kind in rule.applies_to and rule.for_marketplaces(record.marketplaces):
                    check = self._compiled(number)
                    literal_gate = self._literal_gates.get(check)
                    if callable(literal_gate):  # a gate that depends on the marketplaces (the CRT requirement checks)
                        literal_gate = literal_gate(key[1])
                    entries.append((rule, check, literal_gate, self._context.hit_gates.get(check)))
            applicable = self._applicable[key] = CheckTable(entries)
        return applicable

    def _compiled(self, number: int) -> Check:
        rule, check = self.checks[number]
        if check is None:
            check = self._compile(rule)
            self.checks[number] = (rule, check)
        return check

    # diagnostics -------------------------------------------------------------------------
    def _from_problem(self, source: SourceText, problem: Problem) -> Row:
        rule = self.by_code.get(problem.code)
        if rule is None:
            raise RulesetError("rulesets/input.yaml", 1, 1, f"no rule defines the input problem {problem.code}")
        if problem.start >= 0:
            line, column = source.position(problem.start)
            end_line, end_column = source.position(max(problem.end, problem.start + 1))
        else:
            line, column, end_line, end_column = 1, 1, 1, 1
        match = source.text[problem.start : problem.end] if problem.start >= 0 else ""
        return self._diagnostic(rule, source.path, (line, column, end_line, end_column), problem.field, problem.sku, match[:80], problem.args)

    def _from_findings(self, source: SourceText, findings: Iterable[Finding]) -> list[Row]:
        out = []
        for finding in findings:
            if finding.field is not None:
                span = finding.field.text.span(finding.begin, finding.end)
                field_name = finding.field.name
            else:
                node = finding.node
                assert node is not None
                start = node.key_start if node.key_start >= 0 and not finding.field_name.endswith("]") else node.start
                span = (*source.position(start), *source.position(max(node.end, start + 1)))
                field_name = finding.field_name
            sku = finding.args.get("sku", "")
            args = {"field": field_name, "match": shortened(finding.match), **finding.args}
            out.append(self._diagnostic(finding.rule, source.path, span, field_name, sku, finding.match, args))
        return out

    def _diagnostic(self, rule: Rule, path: str, span: tuple[int, int, int, int], field: str, sku: str, match: str, args: dict) -> Row:
        """A finding's diagnostic as a row (diagnostics.draft), which `finalise` completes."""
        message = rule.message.format_map(_Args({name: str(args[name]) for name in _names_in(rule.message) if name in args}))
        return draft(path, span, rule.code, rule.name, rule.severity, message, field, sku, match)

    def _with_severity(self, diagnostic: Row) -> Row:
        override = self.config.severity.get(diagnostic[At.CODE])
        if override is None or override == diagnostic[At.SEVERITY]:
            return diagnostic
        return with_severity(diagnostic, override)

    def _ignored_in_file(self, relative: str, code: str) -> bool:
        for glob, codes in self.config.per_file_ignores.items():
            if matches_glob(relative, glob) and any(code.startswith(c) for c in codes):
                return True
        return False

    def _suppress(self, source: SourceText, diagnostics: list[Row], result: ReadResult) -> list[Row]:
        suppressions, misplaced = find_suppressions(source, string_spans(result.documents))  # walked only for a file with a suppression
        if not suppressions and not misplaced:
            return diagnostics
        kept = []
        for diagnostic in diagnostics:
            silenced = False
            for suppression in suppressions:
                entry = suppression.covers(diagnostic[At.CODE], diagnostic[At.LINE])
                if entry is not None:
                    suppression.used.add(entry)
                    silenced = True
            if not silenced:
                kept.append(diagnostic)
        for bad in misplaced:
            kept.append(self._suppression_diagnostic(source, bad.code, bad.line, bad.column, bad.end_column, {}))
        for suppression in suppressions:
            for entry in suppression.codes:
                if not any(code.startswith(entry) for code in self.by_code):
                    kept.append(self._suppression_diagnostic(source, "SUP002", suppression.line, suppression.column, suppression.end_column, {"code": entry}))
                elif entry not in suppression.used and self.enabled(entry):
                    kept.append(self._suppression_diagnostic(source, "SUP003", suppression.line, suppression.column, suppression.end_column, {"code": entry}))
        return kept

    def _suppression_diagnostic(self, source: SourceText, code: str, line: int, column: int, end_column: int, args: dict) -> Row:
        rule = self.by_code[code]
        return self._diagnostic(rule, source.path, (line, column, line, end_column), "", "", source.line_text(line)[column - 1 : end_column - 1], args)


_FATAL = {"INP002", "INP004", "INP008", "INP009", "INP016"}
# Kinds whose compile registers nothing in the shared term automaton or literal index:
# their rules can wait for the first record of their kind (Engine._on_demand).
_ON_DEMAND_KINDS = frozenset(("order-pattern", "feedback", "threshold", "message"))
TABLE_SUFFIXES = (".txt", ".tsv", ".csv", ".xlsx", ".xlsm")


def _internal_error(error: Exception) -> Problem:
    text = " ".join(str(error).split())[:120]
    return Problem("INP060", args={"error": f"{type(error).__name__}: {text}" if text else type(error).__name__})


def _is_table(path: str) -> bool:
    return file_suffix(path).lower() in TABLE_SUFFIXES


def _distinct(findings: list[Finding]) -> list[Finding]:
    """Findings without repeats of one rule at one place (a value shared by the per-marketplace
    records of an SP-API payload is checked once per record)."""
    seen: set[tuple[str, int, int, int]] = set()
    kept = []
    for finding in findings:
        key = (finding.rule.code, id(finding.field.text) if finding.field is not None else id(finding.node), finding.begin, finding.end)
        if key not in seen:
            seen.add(key)
            kept.append(finding)
    return kept


TextScan = tuple[set[int], tuple[Hit, ...], set[str]]  # Engine._scanned: pattern ids worth running, term hits, context words
KEPT_SCAN_LENGTH = 80  # texts as short as a flat file's repeated cells (Engine._scanned)
KEPT_SCANS = 256  # short texts whose scans are kept: enough for the few values a column repeats, and a file of unique short cells adds ~130 KB at most (tests/test_memory.py)
FLUSH_DIAGNOSTICS = 2048  # a flat file's diagnostics held before they are finalised and put aside


class _TableParts:
    """A flat file's diagnostics, finalised a part at a time as its rows stream by: a part is
    put aside (stream.DiagnosticChunks) once it is large and the next row starts below its
    last line. A file with few findings stays one list, exactly as finalise gives it."""

    def __init__(self, number: bool = True) -> None:
        from .readers.flatfile import LineTexts

        self.number = number  # repeated fingerprints made unique here (not for a range of rows)
        self.pending: list[Row] = []  # diagnostics.draft rows
        self.lines = LineTexts()
        self.seen = FingerprintCounts()  # fingerprints so far: repeats stay unique across parts
        self.put_aside: DiagnosticChunks | None = None
        self.last_line = 0  # the last line the pending diagnostics point at
        self.in_order = True  # rows start on ever later lines (else nothing is put aside)

    def add_row(self, diagnostics: list[Row], source: SourceText) -> None:
        """The diagnostics of one row (`source`)."""
        self.pending += diagnostics
        for diagnostic in diagnostics:
            line = diagnostic[At.LINE]
            self.lines.keep(source, line)
            self.last_line = max(self.last_line, diagnostic[At.END_LINE], line)

    def row_starts(self, line: int) -> None:
        """A row starting at `line` is next: the pending part is put aside if it is large and
        no later diagnostic can sort before it."""
        self.in_order = self.in_order and line > self.last_line
        if len(self.pending) >= FLUSH_DIAGNOSTICS and self.in_order:
            if self.put_aside is None:
                self.put_aside = DiagnosticChunks()
            self.put_aside.add_rows(finalised_rows(self.pending, self.lines, self.seen, self.number))
            self.pending, self.lines = [], type(self.lines)()

    def finished(self) -> list[Diagnostic] | DiagnosticChunks:
        if self.put_aside is None:
            return finalise(self.pending, self.lines, self.seen, self.number)
        self.put_aside.add_rows(finalised_rows(self.pending, self.lines, self.seen, self.number))
        return self.put_aside


@lean_dataclass(slots=True)
class _Parsed:
    """One file read and turned into records (the project phase keeps these until linted)."""

    source: SourceText | None
    problems: list[Problem]
    result: ReadResult | None = None
    records: list[Record] = field(default_factory=list)
    checked: list[Record] = field(default_factory=list)  # records left after --marketplace
    skipped: bool = False  # another tool's YAML/JSON


def _referenced(rules: list[Rule]) -> set[str]:
    return {code for rule in rules for code in rule.options.get("terms_from", ())}

