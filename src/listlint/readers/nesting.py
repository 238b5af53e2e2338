"""Where a text first nests brackets deeper than a limit.

Used when a parser gives up on deep nesting before listlint's own composer sees it
(Python's json recursion limit, libyaml's own maximum flow depth), so the INP011
diagnostic points at the same place whichever parser or version stopped first.
"""

from __future__ import annotations

import re

# strings are skipped whole; a '#' after a space starts a YAML comment up to the line end
_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|\'(?:[^\']|\'\')*\'|(?:^|(?<=\s))#[^\n]*|[\[{]|[\]}]', re.MULTILINE)


def too_deep_at(text: str, limit: int, depth: int = 0) -> int:
    """Index of the first '[' or '{' nested deeper than `limit` (0 if none is found).

    `depth` is the nesting already open before the text (a YAML document's top mapping).
    """
    for match in _TOKENS.finditer(text):
        token = match.group(0)
        if token in "[{":
            depth += 1
            if depth > limit:
                return match.start()
        elif token in "]}":
            depth -= 1
    return 0
