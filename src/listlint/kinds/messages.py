"""kind: message. Checks of buyer messages that are not about words in the text (those
are pattern and contact rules): attachments, repeated review requests in a sequence,
the Messaging API's length limit per message type, the message's language and message
types Amazon sends itself.

`check` picks one:

- attachment-type: an attachment whose file type or purpose Amazon does not allow
  (`allowed_extensions`, `allowed_purposes`); too-many-attachments: more than `max`;
- repeat-review-request: a second review or feedback request in one sequence;
- message-length: a body longer than the limit of its type (`type_limits`, else `max`);
- message-language: a body that reads as another language than the marketplace's (or
  than the message's own `language:`);
- message-type: a proactive message of a type Amazon sends itself (`types`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePosixPath

from ..languages import LANGUAGE_NAMES, MARKETPLACE_LANGUAGES
from ..records import Record
from ..rules import Rule
from .base import Check, CompileContext, Finding, RecordScan

OPTIONS = frozenset(("check", "max", "type_limits", "allowed_extensions", "allowed_purposes", "types"))
CHECKS = ("attachment-type", "too-many-attachments", "repeat-review-request", "message-length", "message-language", "message-type")

_STOPWORDS = {
    "en": "the and you your for with this that have are was thank thanks please order our we will if not of to is it be".split(),
    "de": "der die das und sie ihre ihr für mit ist nicht wir vielen dank bitte bestellung eine ein zu den von haben auf".split(),
    "fr": "le la les et vous votre pour avec est pas nous merci commande une un des du de que qui dans sur".split(),
    "it": "il lo la gli le e per con è non grazie ordine una uno del della che di siamo suo sua vostro".split(),
    "es": "el la los las y usted su para con es no gracias pedido una uno del que por nuestro de en".split(),
    "nl": "de het een en u uw voor met is niet wij bedankt bestelling van dat op te zijn".split(),
    "sv": "och du din för med är inte vi tack beställning en ett att det på av som".split(),
    "pl": "i w na nie się dziękujemy zamówienie jest że z do dla pan pani twoje".split(),
}
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_KANA = re.compile(r"[\u3040-\u30ff]")


def compile(rule: Rule, context: CompileContext) -> Check:
    which = context.option(rule, "check")
    if which not in CHECKS:
        raise rule.error(f"'check' must be one of {', '.join(CHECKS)}", "check")
    return {
        "attachment-type": _attachment_type,
        "too-many-attachments": _too_many,
        "repeat-review-request": _repeat,
        "message-length": _length,
        "message-language": _language,
        "message-type": _type,
    }[which](rule, context)


def _attachment_type(rule: Rule, context: CompileContext) -> Check:
    extensions = {e.lower().lstrip(".") for e in context.option(rule, "allowed_extensions", ["pdf", "jpg", "jpeg", "png", "txt"])}
    purposes = {p.lower() for p in context.option(rule, "allowed_purposes", ["instructions", "manual", "warranty", "invoice", "receipt"])}

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        for index, item in enumerate(spec.attachments):
            name_node, purpose = item, ""
            if isinstance(item.value, dict):
                name_node = item.value.get("file") or item.value.get("name") or item
                purpose_node = item.value.get("purpose") or item.value.get("type")
                purpose = purpose_node.value.strip().lower() if purpose_node is not None and isinstance(purpose_node.value, str) else ""
            name = name_node.value if isinstance(name_node.value, str) else ""
            suffix = PurePosixPath(name).suffix.lower().lstrip(".")
            reason = ""
            if suffix not in extensions:
                reason = f"a .{suffix} file" if suffix else "a file without a type"
            elif purpose and not any(p in purpose for p in purposes):
                reason = f"for {purpose}"
            if reason:
                yield Finding(rule, None, 0, 0, name, {"reason": reason}, node=name_node, field_name=f"{spec.prefix}attachments[{index}]")

    return check


def _too_many(rule: Rule, context: CompileContext) -> Check:
    limit = int(context.option(rule, "max", 5))

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        if len(spec.attachments) > limit:
            yield Finding(rule, None, 0, 0, "", {"count": len(spec.attachments), "limit": limit}, node=spec.attachments[limit], field_name=f"{spec.prefix}attachments[{limit}]")

    return check


def _repeat(rule: Rule, context: CompileContext) -> Check:
    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        if spec.repeat_of:
            node = spec.type_node or spec.node
            yield Finding(rule, None, 0, 0, spec.type, {"first": spec.repeat_of}, node=node, field_name=f"{spec.prefix}type")

    return check


def _length(rule: Rule, context: CompileContext) -> Check:
    default = int(context.option(rule, "max", 2000))
    limits = {k.lower(): int(v) for k, v in dict(context.option(rule, "type_limits", {})).items()}

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        limit = limits.get(record.spec.type, default)
        for text_field in record.texts.get("body", ()):
            text = text_field.text.text
            if len(text) > limit:
                yield Finding(rule, text_field, limit, len(text), text[limit : limit + 40], {"limit": limit, "count": len(text), "type": record.spec.type or "message"})

    return check


def guess_language(text: str) -> tuple[str, int, dict[str, int]]:
    """The language a text reads as ('' when unsure), the words counted and the scores."""
    if len(_KANA.findall(text)) >= 5:
        return "ja", 0, {}
    words = [w.lower() for w in _WORD.findall(text)]
    scores = {lang: 0 for lang in _STOPWORDS}
    sets = {lang: set(words_) for lang, words_ in _STOPWORDS.items()}
    for word in words:
        for lang, stop in sets.items():
            if word in stop:
                scores[lang] += 1
    best = max(scores, key=lambda k: scores[k])
    ranked = sorted(scores.values(), reverse=True)
    if len(words) < 8 or ranked[0] < 4 or ranked[0] < 2 * ranked[1]:
        return "", len(words), scores
    return best, len(words), scores


def _language(rule: Rule, context: CompileContext) -> Check:
    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        expected = (spec.language,) if spec.language else tuple(l for m in record.marketplaces for l in MARKETPLACE_LANGUAGES.get(m, ()))
        if not expected:
            return
        for text_field in record.texts.get("body", ()):
            found, _, _ = guess_language(text_field.text.text)
            if found and found not in expected:
                text = text_field.text.text
                begin = len(text) - len(text.lstrip())
                end = text.find("\n", begin)
                end = len(text.rstrip()) if end < 0 else end
                where = spec.language and f"its language: {spec.language}" or "the marketplace " + "/".join(record.marketplaces)
                yield Finding(rule, text_field, begin, max(end, begin + 1), text[begin:end][:40], {"language": LANGUAGE_NAMES.get(found, found), "expected": "/".join(LANGUAGE_NAMES.get(l, l) for l in expected), "where": where})

    return check


def _type(rule: Rule, context: CompileContext) -> Check:
    types = {t.lower() for t in context.option(rule, "types", [])}

    def check(record: Record, scan: RecordScan) -> Iterator[Finding]:
        spec = record.spec
        if spec.type in types:
            node = spec.type_node
            if node is not None and node.end > node.start:
                yield Finding(rule, None, 0, 0, spec.type, {"type": spec.type}, node=node, field_name=f"{spec.prefix}type")
            else:  # a template typed by its file name: point at the start of the body
                for text_field in record.texts.get("body", ())[:1]:
                    yield Finding(rule, text_field, 0, 1, spec.type, {"type": spec.type})

    return check
