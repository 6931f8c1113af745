"""Which separator a CSV's cells are split by — comma, semicolon or tab, as Excel writes text in
different locales and as "Unicode text" — told from the table's own lines, not from a title
or a ``单位：亿元`` line above it (:func:`separator`)."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise

SEPARATORS = (",", ";", "\t")

# The lines looked at: up to five lines above the header (a title, a unit line, a blank-celled
# heading), the header and a row or two.
HEAD_LINES = 8
_LEAD = 5


def head_lines(text: str, count: int) -> list[str]:
    """Up to ``count`` lines of ``text`` that are not blank, in order, without their line ends
    and without splitting the rest of the (perhaps large) text into lines."""
    out: list[str] = []
    start = 0
    while len(out) < count:
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if line.strip():
            out.append(line.rstrip("\r"))
        if end < 0:
            break
        start = end + 1
    return out


def separator(lines: Sequence[str]) -> str:
    """The separator of a CSV whose first non-blank ``lines`` (:func:`head_lines`) are given.

    The table's first line is the first of two lines in a row, starting within the first six,
    that one separator splits into as many cells (a header and its first row); failing that, the
    first line holding any separator. Of that line, the separator it holds most of (a comma on a
    tie, as Excel's default). A title above the header decides nothing, whatever it holds (a tab
    typed after it, a comma in its words): ``临平经开区2025年1-8月主要经济指标`` over tab-separated
    rows is a tab-separated sheet. ``","`` when no line holds one (a one-column sheet)."""
    table = next(
        (
            line
            for line, below in pairwise(lines[: _LEAD + 2])
            if any(line.count(sep) == below.count(sep) > 0 for sep in SEPARATORS)
        ),
        None,
    )
    if table is None:
        table = next((line for line in lines if any(sep in line for sep in SEPARATORS)), "")
    return max(SEPARATORS, key=table.count)
