"""YAML listing files: libyaml's event stream composed into a located tree.

Why not `yaml.compose`: libyaml's composer recurses in C and crashes the interpreter on
deeply nested input, and it shares aliased nodes, so a billion-laughs file expands without
limit once turned into values. Composing from events with an explicit stack gives a
depth limit, a node budget and exact marks in one pass. Values are only ever safe-loaded:
scalars are resolved by PyYAML's safe resolver and constructor; any other tag is refused.
"""

from __future__ import annotations

import re
import sys
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from ..locations import LocatedText, SourceText
from ..pyyaml import yaml
from ..tree import Node, Problem, ReadResult, place
from .nesting import too_deep_at
from .numbers import digit_count, out_of_range, overflowed, too_many_digits
from .yaml_layout import Items, Scalar, usual_layout

MAX_DEPTH = 64
MAX_NODES = 200_000

# libyaml's parser alone: the events are composed here, so the loader's constructor and
# resolver that CSafeLoader would set up for every file are not needed
_Loader = yaml.cyaml.CParser if yaml.__with_libyaml__ else yaml.SafeLoader
_ScalarEvent, _MappingStartEvent, _SequenceStartEvent = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
_MappingEndEvent, _SequenceEndEvent = yaml.MappingEndEvent, yaml.SequenceEndEvent
_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()
_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_MERGE_TAG = "tag:yaml.org,2002:merge"  # what YAML 1.1 resolves a plain `<<` to
# a key written without '? ': at most 1024 characters before its ':' (YAML's limit), after
# the line's indentation and '- ' or '? ' indicators; one quoted or plain scalar
_MAX_KEY_LENGTH = 1024
_KEY_INDENT = re.compile(r"[ \t]*(?:[-?][ \t]+)*")
_NOT_PLAIN_START = "[]{},#&*!|>%@`"  # indicators a plain scalar cannot start with
_NOT_PLAIN_KEY = re.compile(r":[ \t]|[ \t]#")  # a value indicator or a comment inside
_SAFE_SCALAR_TAGS = {
    _STR_TAG,
    _INT_TAG,
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# YAML 1.1 timestamps stay text (as in YAML 1.2's core schema): dates in listings and
# rulesets are checked and parsed by the rules that need them, with a clear message. A
# plain `<<` is text too where it is a value; as a key it is refused (_refuse_merge_key).
_COLLECTION_TAGS = {None, "!", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_TEXT_TAGS = {"tag:yaml.org,2002:timestamp", _MERGE_TAG}
_ESCAPES_ONE_CHAR = set("0abtnvfre \"/\\N_LP\t")
_HEX_ESCAPE_WIDTH = {"x": 2, "u": 4, "U": 8}
# YAML's line breaks: a scalar folds NEL (U+0085) like "\n"; U+2028/9 stay themselves
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BREAKS = "\r\n\x85"


class _Abort(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.code)
        self.problem = problem


def read_yaml(source: SourceText) -> ReadResult:
    """Parse every document of a YAML file into located nodes, reporting problems instead of raising."""
    documents = _usual_documents(source)
    if documents is not None:
        return ReadResult(source, documents)
    result = ReadResult(source)
    try:
        # the parser's events until it returns None (what yaml.parse yields, without its
        # generator around every event)
        result.documents = _Composer(source, result.problems).compose(iter(_Loader(source.text).get_event, None))
    except _Abort as abort:
        result.documents = []
        result.problems.append(abort.problem)
    except yaml.MarkedYAMLError as error:
        result.documents = []
        mark = _where_it_starts(error)
        index = mark.index if mark is not None else -1
        if "nesting depth" in (error.problem or ""):  # libyaml's own limit (PyYAML >= 6.0.4) came first
            index = too_deep_at(source.text, MAX_DEPTH, depth=1) or index
            result.problems.append(Problem("INP011", index, index + 1, {"limit": MAX_DEPTH}))
            return result
        long_key = _long_key_ending_at(source.text, index)
        if long_key is not None:
            result.problems.append(long_key)
            return result
        result.problems.append(
            Problem("INP001", index, index + 1 if index >= 0 else -1, {"error": _yaml_message(error, mark, source)})
        )
    except yaml.YAMLError as error:  # reader errors (control characters) carry a position too
        result.documents = []
        index = getattr(error, "position", -1)
        if index > 0 and _Loader is not yaml.SafeLoader:  # libyaml counts bytes of the UTF-8 text here, not characters
            index = len(source.text.encode("utf-8")[:index].decode("utf-8", errors="ignore"))
        result.problems.append(Problem("INP001", index, index + 1 if index >= 0 else -1, {"error": str(error).splitlines()[0]}))
    return result


_PLAIN = (True, False)  # a plain scalar's `implicit`: the resolvers look at it
_TEXT_KEYS: set[str] = set()  # keys of the usual layout found text (a catalog's files share a few)
_MAX_TEXT_KEYS = 1024


def _usual_documents(source: SourceText) -> list[Node] | None:
    """The one document of a file in the usual listing layout (yaml_layout.py), built from
    its lines as the composer would build it from libyaml's events; None for any other file."""
    entries = usual_layout(source.text, MAX_NODES)
    if entries is None:
        return None
    values: dict[str, Node] = {}
    for key, key_start, key_end, value in entries:
        if key in values or (key not in _TEXT_KEYS and not _known_text_key(key)):
            return None  # a repeated key (INP007) or one some resolver reads (`yes:`)
        if type(value) is Items:
            items = [_usual_scalar(source, scalar) for scalar in value.scalars]
            if not all(items):
                return None
            values[key] = Node(items, value.start, value.end, None, key_start, key_end)
        else:
            node = _usual_scalar(source, value, key_start, key_end)
            if node is None:
                return None
            values[key] = node
    return [Node(values, 0, len(source.text))]


def _known_text_key(key: str) -> bool:
    """Whether the resolvers read a plain key as text, remembered when it is."""
    if not _is_text(key, _PLAIN):
        return False
    if len(_TEXT_KEYS) < _MAX_TEXT_KEYS:
        _TEXT_KEYS.add(key)
    return True


def _usual_scalar(source: SourceText, scalar: Scalar, key_start: int = -1, key_end: int = -1) -> Node | None:
    """The node of a scalar of the usual layout; None for a plain one some resolver reads
    as no text (a number, a date, true ...): the general path constructs those."""
    value, start, end, style = scalar
    if not style and not _is_text(value, _PLAIN):
        return None
    return Node(value, start, end, _located(value, source, start, end, style), key_start, key_end)


# Contexts that name an opening the parser never saw closed: a quote or a bracket. The
# parser notices only where the file or the collection ends (often the last line); the
# user's mistake is the opening, so that is where the diagnostic points.
_UNCLOSED_CONTEXTS = {"while scanning a quoted scalar": "the quote", "while parsing a flow sequence": "the [", "while parsing a flow mapping": "the {"}
_NOT_CLOSED_PROBLEMS = ("end of stream", "document separator", "expected ',' or", "did not find expected")


def _where_it_starts(error: yaml.MarkedYAMLError) -> Any:
    """The mark of the problem's start: the unclosed quote or bracket, else where the parser stopped."""
    context, problem = error.context or "", error.problem or ""
    unclosed = context in _UNCLOSED_CONTEXTS and any(p in problem for p in _NOT_CLOSED_PROBLEMS)
    if unclosed and error.context_mark is not None:
        return error.context_mark
    return error.problem_mark or error.context_mark


def _yaml_message(error: yaml.MarkedYAMLError, reported: Any, source: SourceText) -> str:
    """The parser's words, with its other position where it differs from the reported one."""
    context, problem = error.context or "", error.problem or ""
    other = error.problem_mark if reported is error.context_mark else error.context_mark
    if other is None or reported is None or other.index == reported.index:
        return " ".join(p for p in (context, problem) if p).strip() or "invalid YAML"
    line, column = source.position(other.index)
    if other is error.problem_mark:
        return f"{_UNCLOSED_CONTEXTS[context]} opened here is never closed (the parser {problem} at {line}:{column})"
    return f"{problem} ({context} that starts at {line}:{column})" if context else problem


def _long_key_ending_at(text: str, colon: int) -> Problem | None:
    """INP001 at a key too long for YAML, if that is what stopped the parser at `colon`.

    A key written without '? ' may take at most 1024 characters before its ':'; past that
    libyaml no longer reads it as a key and complains about the ':' instead. The key is
    what stands on the colon's line after indentation and '- ' or '? ' indicators: one
    plain scalar (no ': ' or ' #' in it) or one quoted scalar.
    """
    if not 0 <= colon < len(text) or text[colon] != ":":
        return None
    line_start = max(text.rfind("\n", 0, colon), text.rfind("\r", 0, colon)) + 1
    start = _KEY_INDENT.match(text, line_start, colon).end()
    key = text[start:colon].rstrip(" \t")
    if colon - start <= _MAX_KEY_LENGTH or not _one_scalar(key):
        return None
    detail = f"this key is {colon - start} characters long; YAML allows at most {_MAX_KEY_LENGTH} before the ':' (shorten it)"
    return Problem("INP001", start, start + len(key), {"error": detail})


def _one_scalar(written: str) -> bool:
    """Whether text is written as one quoted scalar or one plain scalar that could be a key."""
    if written[:1] in ("'", '"'):
        return len(written) > 1 and written[-1] == written[0]
    return bool(written) and written[0] not in _NOT_PLAIN_START and _NOT_PLAIN_KEY.search(written) is None


class _Composer:
    """Builds Nodes from parser events with an explicit stack (no recursion)."""

    def __init__(self, source: SourceText, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        self.anchors: dict[str, Node] = {}
        self.budget = MAX_NODES

    def compose(self, events: Any) -> list[Node]:
        documents: list[Node] = []
        # stack entries: [container Node, pending key (str, start, end) or None, whether a mapping]
        stack: list[list[Any]] = []
        for event in events:
            kind = type(event)
            if kind is _ScalarEvent:
                if stack and event.tag is None and not event.anchor and _is_text(event.value, event.implicit):
                    self._text(stack[-1], event)  # the usual scalar: a key or a value that is text
                elif not stack or event.anchor:
                    self._add(stack, documents, self._scalar(event), event)
                elif stack[-1][2] and stack[-1][1] is None:
                    stack[-1][1] = self._key(event)
                else:  # a value in a mapping or an item of a list, the usual case: placed directly
                    place(stack[-1], self._scalar(event), self.problems)
            elif kind is _MappingStartEvent or kind is _SequenceStartEvent:
                if len(stack) >= MAX_DEPTH:
                    raise _Abort(Problem("INP011", event.start_mark.index, event.start_mark.index + 1, {"limit": MAX_DEPTH}))
                if event.tag not in _COLLECTION_TAGS:
                    raise _Abort(Problem("INP015", event.start_mark.index, event.end_mark.index, {"tag": event.tag}))
                mapping = kind is _MappingStartEvent
                node = Node({} if mapping else [], event.start_mark.index, event.end_mark.index)
                self._spend(event, 1)
                self._add(stack, documents, node, event)
                stack.append([node, None, mapping])
            elif kind is _MappingEndEvent or kind is _SequenceEndEvent:
                stack.pop()[0].end = event.end_mark.index
            elif kind is yaml.AliasEvent:
                target = self.anchors.get(event.anchor)
                if target is None:
                    raise _Abort(Problem("INP001", event.start_mark.index, event.end_mark.index, {"error": f"unknown alias *{event.anchor}"}))
                self._spend(event, _size(target))
                self._add(stack, documents, target, event)
            elif kind is yaml.DocumentStartEvent:
                self.anchors = {}
        return documents

    def _text(self, frame: list[Any], event: Any) -> None:
        """A scalar the resolver reads as text, as _key or _scalar and place would take it
        (place's steps written out: this runs for most scalars of a file)."""
        self.budget -= 1
        if self.budget < 0:
            self._spend(event, 0)  # over the budget: INP010
        value, start, end = event.value, event.start_mark.index, event.end_mark.index
        container, key, mapping = frame
        if not mapping:
            container.value.append(Node(value, start, end, _located(value, self.source, start, end, event.style)))
        elif key is None:
            frame[1] = (value, start, end)
        else:
            name, key_start, key_end = key
            frame[1] = None
            values = container.value
            if name in values:
                self.problems.append(Problem("INP007", key_start, key_end, {"key": name}))
            values[name] = Node(value, start, end, _located(value, self.source, start, end, event.style), key_start, key_end)

    def _spend(self, event: Any, count: int) -> None:
        self.budget -= count
        if self.budget < 0:
            raise _Abort(Problem("INP010", event.start_mark.index, event.end_mark.index, {"limit": MAX_NODES}))

    def _add(self, stack: list[list[Any]], documents: list[Node], node: Node, event: Any) -> None:
        anchor = getattr(event, "anchor", None)
        if anchor and type(event) is not yaml.AliasEvent:
            self.anchors[anchor] = node
        if not stack:
            documents.append(node)
            return
        if _awaits_key(stack):  # this node is a key (an anchored one: aliases may use it as a value)
            if type(event) is yaml.ScalarEvent:
                _refuse_merge_key(event)
            stack[-1][1] = _key_of(node.value, node.start, node.end)
            return
        place(stack[-1], node, self.problems)

    def _key(self, event: Any) -> tuple[str, int, int]:
        """A mapping key as (name, start, end): keys need no node of their own."""
        _refuse_merge_key(event)
        return _key_of(self._value(event), event.start_mark.index, event.end_mark.index)

    def _scalar(self, event: Any) -> Node:
        value = self._value(event)
        start, end = event.start_mark.index, event.end_mark.index
        node = Node(value, start, end)
        if isinstance(value, str):
            node.text = _located(value, self.source, start, end, event.style)
        return node

    def _value(self, event: Any) -> Any:
        """A scalar's value, resolved and constructed as the safe loader does."""
        self._spend(event, 1)
        start, end = event.start_mark.index, event.end_mark.index
        tag = event.tag
        if tag is None or tag == "!":
            tag = _implicit_tag(event.value, event.implicit)
        if tag == _STR_TAG or tag in _TEXT_TAGS:
            return event.value  # the safe constructor's string is the event's value
        if tag not in _SAFE_SCALAR_TAGS:
            raise _Abort(Problem("INP015", start, end, {"tag": tag}))
        scalar = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark, style=event.style)
        try:
            # the tag's own constructor: construct_object would also keep every node in a
            # cache of the shared constructor, which nothing ever empties
            value = _constructor.yaml_constructors[tag](_constructor, scalar)
        except (yaml.YAMLError, ValueError, OverflowError) as error:
            too_long = tag == _INT_TAG and digit_count(event.value) > sys.get_int_max_str_digits()
            raise _Abort(Problem("INP001", start, end, {"error": too_many_digits(event.value) if too_long else str(error).splitlines()[-1]}))
        if overflowed(event.value, value):
            raise _Abort(Problem("INP001", start, end, {"error": out_of_range(event.value)}))
        return value


# The first characters of a plain scalar that some implicit resolver (int, float, bool,
# null, timestamp ...) looks at: any other plain scalar is text without asking them all
_RESOLVED_FIRST = frozenset(first for first in _resolver.yaml_implicit_resolvers if first)
_RESOLVES_ANY_START = None in _resolver.yaml_implicit_resolvers or bool(_resolver.yaml_path_resolvers)


def _is_text(value: str, implicit: tuple[bool, bool]) -> bool:
    """Whether the safe resolver reads a scalar without a tag as text; most are quoted or
    start with a character no implicit resolver looks at (asked of every scalar)."""
    if not _RESOLVES_ANY_START and (not implicit[0] or (value and value[0] not in _RESOLVED_FIRST)):
        return True
    return _resolver.resolve(yaml.ScalarNode, value, implicit) == _STR_TAG


def _implicit_tag(value: str, implicit: tuple[bool, bool]) -> str:
    """The tag the safe resolver gives a scalar without one (Resolver.resolve)."""
    if not _RESOLVES_ANY_START and (not implicit[0] or (value and value[0] not in _RESOLVED_FIRST)):
        return _STR_TAG  # quoted, or plain with a start no resolver matches: the default tag
    return _resolver.resolve(yaml.ScalarNode, value, implicit)


def _refuse_merge_key(event: Any) -> None:
    """A plain `<<` key is a YAML 1.1 merge key (`<<: *defaults`), which listlint does not
    expand: INP034 at the key, so that the file is not read with values silently missing."""
    if event.value == "<<" and event.implicit[0]:
        raise _Abort(Problem("INP034", event.start_mark.index, event.end_mark.index))


def _awaits_key(stack: list[list[Any]]) -> bool:
    """Whether the next node is the key of the mapping being built."""
    return bool(stack) and stack[-1][2] and stack[-1][1] is None


def _key_of(value: Any, start: int, end: int) -> tuple[str, int, int]:
    if not isinstance(value, (str, int, float, bool)) or value is None:
        raise _Abort(Problem("INP001", start, end, {"error": "a mapping key must be a plain scalar"}))
    return (str(value), start, end)


def _size(node: Node) -> int:
    """How many nodes an alias to `node` adds when expanded (bounded by the budget check)."""
    if isinstance(node.value, dict):
        return 1 + sum(_size(v) for v in node.value.values())
    if isinstance(node.value, list):
        return 1 + sum(_size(v) for v in node.value)
    return 1


def _located(value: str, source: SourceText, start: int, end: int, style: str | None) -> LocatedText:
    # the value as it is written (compared in place: no copy of the source is made)
    if not style and end - start == len(value) and source.text.startswith(value, start):
        return LocatedText(value, source, start, end)
    if style in ("'", '"') and end - start == len(value) + 2 and source.text.startswith(value, start + 1):
        return LocatedText(value, source, start + 1, end)
    return LocatedText(value, source, start, end, lambda: _align(value, source.text, start, end, style))


def _align(value: str, text: str, start: int, end: int, style: str | None) -> Sequence[int]:
    """Source index of each character of a folded, quoted or block scalar value.

    Value characters are a subsequence of the source characters, except that a line
    break folds to a space and a double-quoted escape stands for one character; walking
    both texts in step recovers the position of every character. Stretches written as
    they are (within a line, before any escape) are matched a slice at a time in C; the
    rest one character at a time (_align_one).
    """
    folded = _align_folded(value, text, start, end, style)
    if folded is not None:
        return folded
    offsets: list[int] = []
    j = start
    indent = 0
    if style in ("|", ">"):
        header = _LINE_BREAK.search(text, start, end)  # skip the block header line (any line ending)
        j = header.end() if header else end
        indent = _block_indent(value, text[j:end])
    elif style in ("'", '"'):
        j = start + 1
    stops = _VERBATIM_STOPS_IN_DOUBLE_QUOTES if style == '"' else _VERBATIM_STOPS
    stop = j  # where the stretch of text from j written as it is ends
    i, size = 0, len(value)
    while i < size:
        if j >= stop:
            found = stops.search(text, j, end)
            stop = found.start() if found is not None else end
        if j < stop and not (indent and text[j - 1] in _BREAKS):
            run = _verbatim_run(value, i, text, j, stop)
            if run:
                offsets.extend(range(j, j + run))
                i += run
                j += run
                continue
        j = _align_one(value[i], text, j, end, indent, style, offsets)
        i += 1
    offsets.append(min(j, end))
    return offsets


def _align_folded(value: str, text: str, start: int, end: int, style: str | None) -> Sequence[int] | None:
    """_align's offsets for the usual long scalar, plain or single-quoted text folded over
    lines (a description), a line at a time; None for any other (blank lines, other line
    breaks, escapes, block styles), which _align walks.

    Lines stripped of their spaces and tabs, joined by one space, must give the value. A
    line's characters are where they stand; the space a line break folds to is where the
    walk finds it: the line's first trailing space, else the break.
    """
    if style == "'":
        start, end = start + 1, end - 1  # the text between the quotes
        if "'" in text[start:end]:  # '' stands for one quote
            return None
    elif style:
        return None
    written = text[start:end]
    if "\r" in written or "\x85" in written or "\n" not in written:
        return None
    lines = written.split("\n")
    if " ".join(line.strip(" \t") for line in lines) != value:
        return None
    runs: list[int] = []  # value offsets where a run of consecutive source indices begins
    sources: list[int] = []  # the source index of each run's first character
    line_start = last = start
    for line in lines:
        if runs:  # the space the previous line's break folds to
            runs.append(runs[-1] + last - sources[-1])
            space = text.find(" ", last, line_start - 1)
            sources.append(space if space >= 0 else line_start - 1)
            runs.append(runs[-1] + 1)
        else:
            runs.append(0)
        first = line_start + len(line) - len(line.lstrip(" \t"))
        last = line_start + len(line.rstrip(" \t"))
        sources.append(first)
        line_start += len(line) + 1
    runs.append(len(value))
    sources.append(min(last, end))
    return _Runs(runs, sources)


class _Runs(Sequence[int]):
    """Offsets as runs: from runs[k] on, value characters stand at consecutive source
    indices from sources[k]. A folded description is a few runs, where a list would hold
    an int object for each of its characters (most of the cost of a list)."""

    __slots__ = ("_runs", "_sources")

    def __init__(self, runs: list[int], sources: list[int]) -> None:
        self._runs = runs
        self._sources = sources

    def __len__(self) -> int:
        return self._runs[-1] + 1

    def __getitem__(self, index: int) -> int:  # type: ignore[override]  # no slices: LocatedText asks one index at a time
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError(index)
        run = bisect_right(self._runs, index) - 1
        return self._sources[run] + index - self._runs[run]


# Where a character of the text may stand for something else than itself: a line break
# (folded, or followed by indentation), and in double quotes an escape
_VERBATIM_STOPS = re.compile("[\r\n\x85]")
_VERBATIM_STOPS_IN_DOUBLE_QUOTES = re.compile("[\r\n\x85\\\\]")
_VERBATIM_CHUNK = 256  # characters compared at once: a mismatch costs at most a few such compares


def _verbatim_run(value: str, i: int, text: str, j: int, stop: int) -> int:
    """How many characters of the value from i on are those of the text from j on (the
    common prefix, up to `stop` and at most a chunk): each is matched where it stands."""
    if value[i] != text[j]:
        return 0  # the usual mismatch: indentation after a folded line break
    most = min(stop - j, len(value) - i, _VERBATIM_CHUNK)
    if value[i : i + most] == text[j : j + most]:
        return most
    matching, differing = 0, most  # value[i:i+matching] matches; value[i:i+differing] does not
    while differing - matching > 1:
        middle = (matching + differing) // 2
        if value[i : i + middle] == text[j : j + middle]:
            matching = middle
        else:
            differing = middle
    return matching


def _align_one(char: str, text: str, j: int, end: int, indent: int, style: str | None, offsets: list[int]) -> int:
    """Find the value character `char` in the text from j on; its index is appended to
    `offsets`, and the index after it returned."""
    while j < end:
        if indent and text[j - 1] in _BREAKS:  # a block line's indentation is no part of the value
            j = _past_indent(text, j, end, indent)
            if j == end:
                break
        current = text[j]
        if style == '"' and current == "\\":
            width = _escape_width(text, j)
            if width:
                break
            if text[j + 1 : j + 2] in ("\n", "\r"):  # an escaped line break stands for nothing
                j += 2
                while j < end and text[j] in " \t\r\n":
                    j += 1
                continue
        if current == char or (char == " " and current in _BREAKS) or (char == "\n" and current in _BREAKS):
            break
        j += 1
    offsets.append(min(j, end))
    if j < end and style == '"' and text[j] == "\\":
        return j + _escape_width(text, j)
    return j + 1


def _block_indent(value: str, body: str) -> int:
    """How many leading spaces of a block scalar's lines are indentation: those of its first
    line with text, less the spaces that line's value keeps (`|2` blocks keep some)."""
    written = next((line for line in _LINE_BREAK.split(body) if line.strip()), "")
    kept = next((line for line in value.split("\n") if line.strip()), "")
    return (len(written) - len(written.lstrip(" "))) - (len(kept) - len(kept.lstrip(" ")))


def _past_indent(text: str, j: int, end: int, indent: int) -> int:
    stop = min(j + indent, end)
    while j < stop and text[j] == " ":
        j += 1
    return j


def _escape_width(text: str, j: int) -> int:
    """Source width of the double-quoted escape at j (0 if it is an escaped line break)."""
    if j + 1 >= len(text):
        return 0
    letter = text[j + 1]
    if letter in _HEX_ESCAPE_WIDTH:
        return 2 + _HEX_ESCAPE_WIDTH[letter]
    if letter in _ESCAPES_ONE_CHAR:
        return 2
    return 0
