"""The flat-file reader's cell spans (flatfile._cell_spans) find quotes with str.find; they
must be those of the one-character-at-a-time scan it replaced, kept here as the reference."""

from __future__ import annotations


import pytest
from hypothesis import given
from hypothesis import strategies as st

from listlint.readers.flatfile import _cell_spans


def reference_cell_spans(text: str, delimiter: str) -> tuple[list[tuple[int, int]], bool]:
    end = len(text)
    if text.endswith("\r\n"):
        end -= 2
    elif text.endswith(("\n", "\r")):
        end -= 1
    spans: list[tuple[int, int]] = []
    closed = True
    i = 0
    while True:
        start = i
        if i < end and text[i] == '"':
            j = i + 1
            closed = False
            while j < end:
                if text[j] == '"':
                    if j + 1 < end and text[j + 1] == '"':
                        j += 2
                        continue
                    j += 1
                    closed = True
                    break
                j += 1
            if not closed:
                spans.append((start, len(text)))
                return spans, False
            k = text.find(delimiter, j, end)
        else:
            k = text.find(delimiter, i, end)
        k = end if k == -1 else k
        spans.append((start, k))
        if k >= end:
            return spans, closed
        i = k + 1


@pytest.mark.parametrize(
    "text",
    ['a\t"b ""c"" d"\te\n', '"open\tcell\n', '""\t""""\t"x"\r\n', '"a"b\tc', '"', '""', '"""', 'a\t"b""', "plain\tcells\tonly\n", '"ends with quote"\n'],
)
def test_cell_spans_match_the_reference_scan(text: str) -> None:
    assert _cell_spans(text, "\t") == reference_cell_spans(text, "\t")


@given(st.text(alphabet=st.sampled_from(list('ab"\t,\r\n')), max_size=40), st.sampled_from(["\t", ","]))
def test_cell_spans_match_the_reference_scan_on_random_rows(text: str, delimiter: str) -> None:
    assert _cell_spans(text, delimiter) == reference_cell_spans(text, delimiter)
