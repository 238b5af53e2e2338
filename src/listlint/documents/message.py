"""Buyer messages (`kind: message`): YAML files and templates (readers/templates.py).

A YAML message has a `type` (review_request, feedback_request, order_confirmation,
shipping_update, product_question, return, customization, digital_access_key ...), a
`subject` and a `body`, optionally `marketplace`, `language`, `order` and
`attachments` (file names, or mappings with `file` and `purpose`). Several messages sent
for one order form a sequence: a `messages:` list in one file (with an optional
`sequence:` name), each item a message as above. Each message becomes one Record of
kind `message` with the text families `subject` and `body` (fields `subject`, `body`, or
`messages[1].body` in a sequence).

Placeholders (`{{ buyer_name }}`, `{order_id}`) are blanked in the text rules read (same
length, so positions stay exact) and never flagged; an unbalanced one is INP032.
"""

from __future__ import annotations

from dataclasses import field

from ..lean_dataclass import lean_dataclass
from ..locations import LocatedText
from ..records import Record, expand_marketplaces
from ..tree import Node, Problem, ReadResult

MESSAGE_KEYS = frozenset(("kind", "type", "subject", "body", "marketplace", "marketplaces", "language", "order", "sequence", "attachments", "messages", "name", "send_after_days", "format"))
REVIEW_TYPES = ("review_request", "feedback_request", "review_and_feedback_request")


@lean_dataclass(slots=True)
class MessageSpec:
    type: str = ""
    type_node: Node | None = None
    language: str = ""
    language_node: Node | None = None
    attachments: list[Node] = field(default_factory=list)
    attachments_node: Node | None = None
    repeat_of: str = ""  # the earlier review request of the same sequence (field prefix)
    node: Node | None = None
    prefix: str = ""  # "" or "messages[1]."
    format: str = "yaml"


def message_records(result: ReadResult, document: Node, default_marketplaces: tuple[str, ...]) -> list[Record]:
    values = document.value
    problems = result.problems
    for key, node in values.items():
        if key not in MESSAGE_KEYS:
            problems.append(Problem("INP013", node.key_start, node.key_end, {"detail": f"unknown field '{key}' in a message (type, subject, body, marketplace, language, attachments, messages ...)"}))
    sequence = values.get("messages")
    if sequence is None:
        return [_record(result, document, document, "", default_marketplaces)]
    if not isinstance(sequence.value, list):
        problems.append(Problem("INP006", sequence.start, sequence.end, {"field": "messages", "detail": "must be a list of messages"}))
        return []
    records: list[Record] = []
    first_request = ""
    for index, item in enumerate(sequence.value):
        if not isinstance(item.value, dict):
            problems.append(Problem("INP006", item.start, item.end, {"field": f"messages[{index}]", "detail": "must be a message (type, subject, body)"}))
            continue
        record = _record(result, item, document, f"messages[{index}].", default_marketplaces)
        spec: MessageSpec = record.spec
        if spec.type in REVIEW_TYPES:
            if first_request:
                spec.repeat_of = first_request
            else:
                first_request = f"messages[{index}]"
        records.append(record)
    return records


def _record(result: ReadResult, node: Node, document: Node, prefix: str, default_marketplaces: tuple[str, ...]) -> Record:
    values = node.value
    outer = document.value

    def pick(key: str) -> Node | None:
        return values.get(key) if key in values else outer.get(key)

    record = Record(result.source, node, kind="message")
    spec = MessageSpec(node=node, prefix=prefix)
    type_node = pick("type")
    if type_node is not None and isinstance(type_node.value, str):
        spec.type = type_node.value.strip().lower().replace("-", "_").replace(" ", "_")
        spec.type_node = type_node
    language = pick("language")
    if language is not None and isinstance(language.value, str):
        spec.language, spec.language_node = language.value.strip().lower()[:2], language
    fmt = outer.get("format")
    spec.format = fmt.value if fmt is not None and isinstance(fmt.value, str) else "yaml"
    attachments = values.get("attachments")
    if attachments is not None:
        spec.attachments_node = attachments
        if isinstance(attachments.value, list):
            spec.attachments = list(attachments.value)
        else:
            result.problems.append(Problem("INP006", attachments.start, attachments.end, {"field": prefix + "attachments", "detail": "must be a list of files"}))
    market = pick("marketplaces") or pick("marketplace")
    if market is not None and isinstance(market.value, str):
        record.marketplaces = expand_marketplaces([market.value.strip().upper()])
    elif market is not None and isinstance(market.value, list):
        record.marketplaces = expand_marketplaces(i.value.strip().upper() for i in market.value if isinstance(i.value, str))
    else:
        record.marketplaces = default_marketplaces
    order = pick("order")
    record.sku = str(order.value) if order is not None and order.value is not None else ""
    record.spec = spec
    for family in ("subject", "body"):
        child = values.get(family)
        if child is None or child.text is None:
            if child is not None and child.value is not None:
                result.problems.append(Problem("INP006", child.start, child.end, {"field": prefix + family, "detail": "must be text"}))
            continue
        if spec.format == "yaml":  # templates were masked by their reader
            _mask(child, result.problems)
        record.add_field(_field(prefix + family, family, child.text))
    if not record.texts.get("body") and prefix == "" and "body" not in values:
        result.problems.append(Problem("INP012", node.start, node.start + 1, {"detail": "a message needs 'body'"}))
    return record


def _mask(node: Node, problems: list[Problem]) -> None:
    """Blank the placeholders of a YAML string (its offsets back to the file are kept)."""
    from ..readers.templates import mask_placeholders

    located = node.text
    assert located is not None
    masked, found = mask_placeholders(located.text)
    for problem in found:  # offsets in the value -> indices in the file
        problem.start, problem.end = located.source_index(problem.start), located.source_index(max(problem.end - 1, problem.start)) + 1
    problems.extend(found)
    if masked != located.text:
        original = located
        node.text = LocatedText(masked, original.source, original.start, original.end, lambda: [original.source_index(i) for i in range(len(masked) + 1)])


def _field(name: str, family: str, text: LocatedText):
    from ..records import TextField

    return TextField(name, family, text)
