"""Wrapping terminal lines at spaces, never between a figure and its unit (README: "A line too
long for the terminal wraps at a space, never between a figure and its unit"): for text whose
width is known (:func:`wrap_keeping_units`) and for Rich text wrapped at the width it is printed
at (:class:`KeptUnits`), where Rich alone would break at the last space that fits, the one
inside ``318.6 亿元``."""

from __future__ import annotations

import re

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.text import Text

# A space no line breaks at: after a figure, before its unit ("-2.0 个百分点", "420 亿元",
# "1 new"), between a currency and its figure ("CNY 42.0 bn"), and before a signed change, which
# stays with what changed ("进度 -2.0 个百分点").
_GLUED = re.compile(r"(?<=\d) (?=\S)|(?<=CNY|USD|No\.) (?=[-+]?\d)|(?<=\w) (?=[-+]\d)")


def wrap_keeping_units(line: str, width: int) -> list[str]:
    """``line`` broken at spaces into lines of at most ``width`` cells (wide characters count
    two), never between a figure and its unit: ``进度 -2.0 个百分点`` moves to the next line whole
    rather than leave ``-2.0`` alone at a line's end. A part longer than ``width`` gets a line of its
    own (where Rich folds it)."""
    words: list[str] = []
    start = 0
    for space in re.finditer(" ", line):
        if not _GLUED.match(line, space.start()):
            words.append(line[start : space.start()])
            start = space.end()
    words.append(line[start:])
    lines: list[str] = []
    for word in words:
        joined = f"{lines[-1]} {word}" if lines else word
        if lines and cell_len(joined) <= width:
            lines[-1] = joined
        else:
            lines.append(word)
    return lines


def _words(plain: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of ``plain``'s parts between the runs of spaces a line may break
    at: every run but a single space :data:`_GLUED` keeps, leading and trailing spaces kept in."""
    spans: list[tuple[int, int]] = []
    start = 0
    for gap in re.finditer(" +", plain):
        if gap.start() == 0 or gap.end() == len(plain) or _GLUED.match(plain, gap.start()):
            continue
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(plain)))
    return spans


def fold_keeping_units(text: Text, width: int) -> list[Text]:
    """``text`` (its styles kept) as lines of at most ``width`` cells, broken at runs of spaces
    (which are dropped) but never between a figure and its unit: ``2025-03-31  industrial-output
    318.6 亿元  a000000002`` at 40 cells is ``2025-03-31  industrial-output`` and ``318.6 亿元
    a000000002``. Each ``\\n`` ends a line. A part wider than ``width`` gets a line of its own,
    which Rich then folds: nothing narrower can hold it."""
    lines: list[Text] = []
    for part in text.split("\n", allow_blank=True):
        plain = part.plain
        words = _words(plain)
        first, last = words[0]
        for start, end in words[1:]:
            if cell_len(plain[first:end]) <= width:
                last = end
                continue
            lines.append(part[first:last])
            first, last = start, end
        lines.append(part[first:last])
    return lines


class KeptUnits:
    """A Rich renderable: ``text`` wrapped by :func:`fold_keeping_units` at the width it is
    printed at (a console's, or what a :class:`~rich.padding.Padding` leaves), where printing
    the :class:`~rich.text.Text` itself would let Rich break inside ``318.6 亿元``."""

    def __init__(self, text: Text) -> None:
        self.text = text

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        yield from fold_keeping_units(self.text, options.max_width)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        plain = self.text.plain
        widest = max(cell_len(plain[a:b]) for a, b in _words(plain))
        return Measurement(widest, max(cell_len(line) for line in plain.split("\n"))).clamp(max_width=options.max_width)
