"""SARIF 2.1.0, the format GitHub code scanning (and other static-analysis viewers) read.

One run; `tool.driver.rules[]` holds each rule the results refer to, with its short description,
full description ("why"), help (the text of `listlint explain`, as text and Markdown,
from listlint.docs) and a help link (the policy the rule enforces). Each result names
its rule, level (error, warning, note), message, the file as a relative URI
(percent-encoded: spaces, `%`, `:`, non-ASCII letters), the region with columns in
Unicode code points (`columnKind`), and `partialFingerprints` from the diagnostic's
fingerprint, which does not change when lines move.
"""

from __future__ import annotations

import re
from functools import lru_cache
from json.encoder import encode_basestring as _string
from typing import TextIO
from urllib.parse import quote

from .. import __version__
from ..diagnostics import Diagnostic, Row, rows_of
from . import Encoded, LazyList, RowsOf, write_json

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
FINGERPRINT_KEY = "listlintFingerprint/v1"
INFORMATION_URI = "https://pypi.org/project/listlint/"


def artifact_uri(path: str) -> str:
    """A relative path as a URI reference (RFC 3986); an absolute one as a file: URI."""
    encoded = quote(path.encode("utf-8", "surrogateescape"), safe="/-._~!$&'()*+;=@")
    if path.startswith("/"):
        return "file://" + encoded
    return encoded


def write(diagnostics: list[Diagnostic], summary: dict[str, int], out: TextIO, context: object = None) -> None:
    # the rules the results refer to, in ruleset order (an unchanged rule keeps its text)
    names: dict[str, str] = {}  # each code's name, as its first finding gives it: one walk of a catalog's findings
    for row in rows_of(diagnostics):
        names.setdefault(row[5], row[6])
    rules = {code: rule for code, rule in (getattr(context, "rules", None) or {}).items() if code in names}
    index = {code: i for i, code in enumerate(rules)}
    descriptors = [_descriptor(rule) for rule in rules.values()]
    for code in sorted(code for code in names if code not in index):  # a rule the context does not know: a bare descriptor
        index[code] = len(descriptors)
        descriptors.append({"id": code, "name": names[code]})
    uri_of = lru_cache(maxsize=64)(artifact_uri)  # a file's findings come together: its uri made once
    driver = {
        "name": "listlint",
        "version": __version__,
        "semanticVersion": __version__,
        "informationUri": INFORMATION_URI,
        "rules": descriptors,
    }
    document = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "results": LazyList(RowsOf(diagnostics), lambda row: _result(row, index[row[5]], uri_of(row[0]))),
            }
        ],
    }
    write_json(document, out)


def _descriptor(rule: object) -> dict[str, object]:
    from ..docs import explain_rule, help_uri, rule_markdown, summary

    descriptor: dict[str, object] = {
        "id": rule.code,
        "name": _pascal(rule.name),
        "shortDescription": {"text": summary(rule)},
        "fullDescription": {"text": rule.why},
        "help": {"text": explain_rule(rule), "markdown": rule_markdown(rule)},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"tags": ["compliance", rule.code[:3]], "kind": rule.kind, "listlintName": rule.name},
    }
    uri = help_uri(rule)
    if uri:
        descriptor["helpUri"] = uri
    return descriptor


def _pascal(name: str) -> str:
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[-_\s]+", name) if part)


# a result's lines are indented by these (write_json, indent 2): runs[0].results[i] sits at 8 spaces
_AT = {depth: "\n" + " " * depth for depth in range(8, 22, 2)}


def _result(row: Row, rule_index: int, uri: str) -> Encoded:
    """One diagnostic's result, made from its row (diagnostics.as_row), as write_json
    writes the object at its place in the document (tests/test_stream_rows.py holds that
    object as a dict, the oracle)."""
    _, line, column, end_line, end_column, code, _, severity, message, field, sku, match, fingerprint = row[:13]
    e, at = _string, _AT
    snippet = f',{at[18]}"snippet": {{{at[20]}"text": {e(match)}{at[18]}}}' if match else ""
    end_column = end_column if end_line > line else max(end_column, column)
    region = (
        f'"region": {{{at[18]}"startLine": {line},{at[18]}"startColumn": {column},{at[18]}"endLine": {max(end_line, line)},'
        f'{at[18]}"endColumn": {end_column}{snippet}{at[16]}}}'
    )
    location = f'{{{at[14]}"physicalLocation": {{{at[16]}"artifactLocation": {{{at[18]}"uri": {e(uri)}{at[16]}}},{at[16]}{region}{at[14]}}}{at[12]}}}'
    properties = [f'"{key}": {e(value)}' for key, value in (("sku", sku), ("field", field)) if value]
    return Encoded(
        f'{{{at[10]}"ruleId": {e(code)},{at[10]}"ruleIndex": {rule_index},{at[10]}"level": "{LEVELS[severity]}",'
        f'{at[10]}"message": {{{at[12]}"text": {e(message)}{at[10]}}},'
        f'{at[10]}"locations": [{at[12]}{location}{at[10]}],'
        f'{at[10]}"partialFingerprints": {{{at[12]}"{FINGERPRINT_KEY}": {e(fingerprint)}{at[10]}}}'
        + (f',{at[10]}"properties": {{{at[12]}' + f",{at[12]}".join(properties) + f"{at[10]}}}" if properties else "")
        + f"{at[8]}}}"
    )
