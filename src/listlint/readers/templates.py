"""Message templates: plain text, Markdown, HTML and Jinja-style files under the config's
`files.messages` globs (default `messages/**`), read as one `kind: message` document.

- A first line `Subject: ...` is the subject; the rest is the body. An HTML template
  without one takes its subject from `<title>`, and its body then reads the title as
  blanks (one finding per place in the file).
- Front matter between `---` lines at the top (`type: review_request`, `marketplace: DE`,
  `language: de`, `order: ...`) describes the message; without a type, the file name
  gives one (`review-request.txt` -> review_request).
- Placeholders (`{{ buyer_name }}`, `{order_id}`, `${seller}`, `{% if %}` blocks) are left
  in the file and blanked in the text rules read, so they are never flagged; values keep
  their length, so every finding maps to the file's own line and column. An opened
  placeholder that is never closed (or a stray closing one) is INP032.
- HTML must parse: a closing tag that closes nothing open, an element left open or a tag
  cut off is INP033. The HTML stays in the text rules read, so `href` links count.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import PurePosixPath

from ..locations import LocatedText, SourceText
from ..tree import Node, Problem, ReadResult

HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_OPENERS = {"{{": "}}", "{%": "%}", "{#": "#}"}
_SINGLE = re.compile(r"\$?\{\s*[A-Za-z_][\w.]*\s*\}")
_SINGLE_OPEN = re.compile(r"\{\s*[A-Za-z_][\w.]*(?=[^}\n]*(?:\n|$))")  # `{name` with no `}` on its line
_VOID = {"br", "img", "hr", "meta", "link", "input", "wbr", "source", "area", "base", "col", "embed", "param", "track", "!doctype"}
_OPTIONAL_CLOSE = {"p", "li", "td", "tr", "th", "thead", "tbody", "tfoot", "option", "html", "head", "body", "dt", "dd", "colgroup"}
_TYPES_BY_NAME = (
    ("review", "review_request"),
    ("feedback", "feedback_request"),
    ("confirm", "order_confirmation"),
    ("ship", "shipping_update"),
    ("deliver", "shipping_update"),
    ("return", "return"),
    ("question", "product_question"),
    ("invoice", "invoice"),
    ("warranty", "warranty"),
)


def type_from_name(name: str) -> str:
    stem = PurePosixPath(name).name.lower()
    return next((kind for word, kind in _TYPES_BY_NAME if word in stem), "")


def mask_placeholders(text: str, base: int = 0) -> tuple[str, list[Problem]]:
    """The text with placeholders blanked (same length) and problems for unbalanced ones.

    `base` is the source index of text[0] (for problem positions)."""
    out = list(text)
    problems: list[Problem] = []
    index = 0
    length = len(text)
    while index < length:
        two = text[index : index + 2]
        if two in _OPENERS:
            close = text.find(_OPENERS[two], index + 2)
            following = [p for p in (text.find(o, index + 2) for o in _OPENERS) if p >= 0]
            if close < 0 or (following and min(following) < close):
                problems.append(Problem("INP032", base + index, base + index + 2, {"detail": f"{two} is never closed with {_OPENERS[two]}"}))
                index += 2
                continue
            _blank(out, index, close + 2)
            index = close + 2
            continue
        if two in ("}}", "%}", "#}"):
            problems.append(Problem("INP032", base + index, base + index + 2, {"detail": f"{two} closes no placeholder"}))
            index += 2
            continue
        if text[index] in "{$":
            match = _SINGLE.match(text, index)
            if match:
                _blank(out, index, match.end())
                index = match.end()
                continue
            if text[index] == "{":
                match = _SINGLE_OPEN.match(text, index)
                if match:
                    problems.append(Problem("INP032", base + index, base + match.end(), {"detail": f"{match.group(0).strip()} is never closed with }}"}))
                    index = match.end()
                    continue
        index += 1
    return "".join(out), problems


def _blank(chars: list[str], begin: int, end: int) -> None:
    for i in range(begin, end):
        if chars[i] not in "\r\n":
            chars[i] = " "


def _blanked(text: str, begin: int, end: int) -> str:
    """The text with text[begin:end] blanked (same length, line breaks kept)."""
    chars = list(text)
    _blank(chars, begin, end)
    return "".join(chars)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, tuple[int, int]]] = []
        self.issues: list[tuple[tuple[int, int], int, str]] = []  # ((line, col), length, detail)
        self.title: tuple[tuple[int, int], int] | None = None  # (position, length) of the first <title> tag

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "title" and self.title is None:
            self.title = (self.getpos(), len(self.get_starttag_text() or ""))
        if tag not in _VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        pass

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        names = [name for name, _ in self.stack]
        if tag not in names:
            self.issues.append((self.getpos(), len(tag) + 3, f"</{tag}> closes no open <{tag}>"))
            return
        while self.stack:
            name, where = self.stack.pop()
            if name == tag:
                break
            if name not in _OPTIONAL_CLOSE:
                self.issues.append((where, len(name) + 1, f"<{name}> is not closed before </{tag}>"))


def check_html(text: str, base: int, source: SourceText) -> tuple[list[Problem], tuple[int, str] | None]:
    """Problems of an HTML body, and (index, text) of its <title> if any."""
    checker = _Checker()
    # html.parser numbers lines by "\n" alone (a lone "\r" does not start a line for it)
    starts = [0] + [match.end() for match in re.finditer("\n", text)]

    def index_of(position: tuple[int, int]) -> int:
        line, column = position
        return starts[min(line, len(starts)) - 1] + column

    problems: list[Problem] = []
    try:
        checker.feed(text)
        checker.close()
    except Exception as error:  # html.parser raises on a few malformed declarations
        problems.append(Problem("INP033", base, base + 1, {"detail": str(error)}))
        return problems, None
    for position, size, detail in checker.issues:
        at = index_of(position)
        problems.append(Problem("INP033", base + at, base + at + size, {"detail": detail}))
    for name, position in checker.stack:
        if name not in _OPTIONAL_CLOSE:
            at = index_of(position)
            problems.append(Problem("INP033", base + at, base + at + len(name) + 1, {"detail": f"<{name}> is never closed"}))
    cut = re.search(r"<[A-Za-z/][^>]*$", text)
    if cut:
        problems.append(Problem("INP033", base + cut.start(), base + len(text), {"detail": "a tag is cut off (no closing >)"}))
    title = None
    if checker.title is not None:
        # the title as written up to </title>: the parser's data comes in pieces, with
        # entities decoded, and would not map back to the file character by character
        at = index_of(checker.title[0]) + checker.title[1]
        close = re.compile(r"</title\s*>", re.IGNORECASE).search(text, at)
        if close and text[at : close.start()].strip():
            title = (at, text[at : close.start()])
    return problems, title


def read_template(source: SourceText) -> ReadResult:
    """A template file as a `kind: message` document with located subject and body."""
    result = ReadResult(source, comments=False)
    text = source.text
    index = 0
    values: dict[str, Node] = {"kind": Node("message", 0, 0)}
    # front matter
    front = re.match(r"---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|$)", text, re.DOTALL)
    if front:
        offset = front.start(1)
        for line in front.group(1).splitlines(keepends=True):
            match = re.match(r"\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$", line)
            if match and match.group(1).lower() in ("type", "marketplace", "language", "order", "sequence"):
                key = match.group(1).lower()
                values[key] = Node(match.group(2).strip("'\""), offset + match.start(2), offset + match.end(2), key_start=offset + match.start(1), key_end=offset + match.end(1))
            offset += len(line)
        index = front.end()
    subject = re.match(r"[ \t]*subject[ \t]*:[ \t]*([^\r\n]*)(\r?\n|$)", text[index:], re.IGNORECASE)
    if subject:
        begin = index + subject.start(1)
        values["subject"] = _located(source, text[begin : index + subject.end(1)], begin, result.problems)
        index += subject.end()
    body = text[index:]
    lead = len(body) - len(body.lstrip("\r\n"))
    index += lead
    body = body[lead:].rstrip()
    is_html = source.path.lower().endswith(HTML_SUFFIXES) or re.search(r"<(?:html|body|p|div|br|a)\b", body, re.IGNORECASE) is not None
    values["format"] = Node("html" if is_html else ("markdown" if source.path.lower().endswith((".md", ".markdown")) else "text"), 0, 0)
    if is_html:
        problems, title = check_html(body, index, source)
        result.problems.extend(problems)
        if "subject" not in values and title is not None:
            at, title_text = title
            values["subject"] = _located(source, title_text, index + at, result.problems)
            body = _blanked(body, at, at + len(title_text))  # the subject, not the body, reads the title
    values["body"] = _located(source, body, index, result.problems)
    values.setdefault("type", Node(type_from_name(source.path), 0, 0))
    result.documents.append(Node(values, 0, len(text)))
    return result


def _located(source: SourceText, value: str, start: int, problems: list[Problem]) -> Node:
    masked, found = mask_placeholders(value, start)
    problems.extend(found)
    node = Node(masked, start, start + len(value))
    node.text = LocatedText(masked, source, start, start + len(value))
    return node
