"""``tracker show TARGET``: one target's definition, progress, entries and a month-by-month
chart of progress against expected progress (a tick marks where the schedule stands)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.padding import Padding
from rich.text import Text

from ..errors import Problem
from ..history import LogRow
from ..model import Kind, Plan
from ..numbers import json_number
from ..progress import TargetProgress
from ..series import Point
from .cells import cells
from .json_doc import _definition, _target, json_shares, log_document, notes_json
from .labels import KIND, MILESTONE, STATUS, name, plan_words, say
from .table import STATUS_STYLE, log_table
from .text import amount, bar_share, figure, labelled, literal, percent, point_percents

CHART_WIDTH = 24  # with the month's own figure and the status, a line fits 80 columns
SHOW_SCHEMA = "tracker.show/2"  # 2: progress as in tracker.status/2


def _chart_bar(progress: Decimal, expected: Decimal | None, unicode: bool) -> Text:
    full, empty, tick = ("█", "░", "│") if unicode else ("#", ".", "|")
    filled = int(bar_share(progress) * CHART_WIDTH)  # whole cells, down: never fuller than its label
    cells_ = [full] * filled + [empty] * (CHART_WIDTH - filled)
    at = None
    if expected is not None:
        at = min(CHART_WIDTH - 1, int(max(Decimal(0), min(expected, Decimal(1))) * CHART_WIDTH))
        cells_[at] = tick
    text = Text()
    for i, c in enumerate(cells_):
        text.append(c, style="bold" if i == at else ("cyan" if c == full else "dim"))
    return text


class Pieces:
    """Label–value pieces on one line, two spaces apart, broken only between pieces when the
    width runs out, so that a label never parts from its value ("Expected: 50.0%"). A piece wider
    than the line is wrapped by Rich like any text."""

    def __init__(self, *pieces: Text | str) -> None:
        self.pieces = [p if isinstance(p, Text) else Text(p) for p in pieces if p]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        line = Text()
        for piece in self.pieces:
            if line and line.cell_len + 2 + piece.cell_len > options.max_width:
                yield line
                line = Text()
            if line:
                line.append("  ")
            line.append_text(piece)
        yield line


def show_view(
    plan: Plan, p: TargetProgress, points: list[Point], rows: list[LogRow], lang: str, unicode: bool
) -> Group:
    """The terminal view of one target."""
    t, w = p.target, plan_words(plan, lang)
    c = cells(p, lang)
    head = Text(f"{literal(name(t, lang))}  ", style="bold")
    head.append(t.id, style="dim")
    facts: list[Pieces | str] = [
        f"{w['action']}: {literal(name(next(a for a in plan.actions if a.id == t.action), lang))}",
        Pieces(f"{w['kind']}: {KIND[lang][t.kind.value]}", f"{w['goal']}: {c.goal}" if c.goal else ""),
        Pieces(
            f"{w['due']}: {t.due.isoformat()}",
            f"{w['owner']}: {literal(t.owner)}" if t.owner else "",
            f"{w['lead']}: {literal(t.lead)}" if t.lead else "",
        ),
    ]
    if t.baseline is not None and t.kind.numeric:
        facts.append(f"{w['baseline']}: {amount(t.baseline, t.unit, lang, t.kind is Kind.RANK)}")
    if t.previous is not None and t.kind.numeric:
        facts.append(f"{w['previous']}: {amount(t.previous, t.unit, lang, t.kind is Kind.RANK)}")
    if t.source:
        facts.append(f"{w['source']}: {literal(t.source)}")
    if t.note:
        facts.append(f"{w['note']}: {literal(t.note)}")
    # In English an amount is in another unit than the plan's (CNY bn for 亿元, m² for 万平方米),
    # named once on the goal's line: every amount on a line of its own names it too.
    named = lang == "en" and t.kind in (Kind.TOTAL, Kind.INCREMENT)

    def unit(text: str) -> str:
        return labelled(text, t.unit, lang) if named else text

    status = Text(f"{w['status']}: ")
    status.append(c.status, style=STATUS_STYLE[p.status])
    parts: list[Any] = [head, *[Text(f) if isinstance(f, str) else f for f in facts]]
    parts.append(
        Pieces(
            status,
            f"{w['current']}: {unit(c.current)} ({w['as_of']} {p.judged_at or p.current_date})" if c.current else "",
            f"{w['progress']}: {c.progress}" if c.progress else "",
            f"{w['expected']}: {c.expected}" if c.expected else "",
            c.gap,  # the gap and 同比, as status gives them
        )
    )
    if c.forecast:
        needed = ""
        if p.needed_per_month is not None:
            pace = figure(p.needed_per_month, t.unit, lang, places=p.computed_places)
            needed = w["needed_per_month"].lstrip() + unit(pace)
        parts.append(Pieces(f"{w['forecast']}: {unit(c.forecast)}", needed))
    parts.append(Text(""))
    parts.append(Text(w["month_by_month"], style="bold"))
    readings = [abs(pt.current) for pt in points if isinstance(pt.current, Decimal)]
    scale = max([*readings, abs(t.target) if t.target is not None else Decimal(0)], default=Decimal(0))
    for pt in points:
        line = Text(pt.month_end.strftime("%Y-%m-%d") + "  ")
        if t.kind in (Kind.TOTAL, Kind.INCREMENT):
            if pt.progress is None:
                line.append(" " * CHART_WIDTH)
                line.append("  —")
                if pt.expected is not None:
                    line.append(f"  {w['expected']} {percent(pt.expected)}", style="dim")
            else:
                shown, due = point_percents(pt)
                line.append(_chart_bar(shown / 100, pt.expected, unicode))
                line.append(f" {f'{shown}%':>6}")
                if due is not None:
                    line.append(f"  {w['expected']} {due}%", style="dim")
        elif t.kind is Kind.MILESTONE:
            line.append(str(pt.current or "—"))
        else:
            # Rates and ranks: a bar of the month's reading on a scale up to the largest reading or
            # the goal, with the goal ticked.
            if isinstance(pt.current, Decimal) and scale > 0:
                goal = abs(t.target) / scale if t.target is not None else None
                line.append(_chart_bar(abs(pt.current) / scale, goal, unicode))
            else:
                line.append(" " * CHART_WIDTH)
            line.append(f" {figure(pt.current, t.unit, lang) if isinstance(pt.current, Decimal) else '—':>7}")
        if pt.month_value is not None and t.kind in (Kind.TOTAL, Kind.INCREMENT):
            line.append(
                "  "
                + say(
                    lang,
                    "month_figure",
                    figure=unit(figure(pt.month_value, t.unit, lang, exact=pt.month_exact)),
                ),
                style="dim",
            )
        line.append("  ")
        line.append(STATUS[lang][pt.status], style=STATUS_STYLE[pt.status])
        parts.append(line)
    if p.milestones and t.milestones:
        parts.append(Text(""))
        parts.append(Text(w["milestones"], style="bold"))
        for m in p.milestones:
            state = MILESTONE[lang][m.status] if m.status else w["not_reported"]
            parts.append(Text(f"{m.due.isoformat()}  {literal(name(m, lang))} ({m.id})  {state}"))
    parts.append(Text(""))
    parts.append(Text(f"{w['entries']} ({len(rows)})", style="bold"))
    if rows:
        parts.append(Padding(log_table(rows, lang), (0, 0, 0, 0)))
    return Group(*parts)


def _series_point(pt: Point) -> dict[str, Any]:
    behind = pt.progress is not None and pt.expected is not None and pt.progress < pt.expected
    progress, expected = json_shares(pt.progress, pt.expected, behind)
    return {
        "date": pt.month_end.isoformat(),
        "current": pt.current if isinstance(pt.current, str) else json_number(pt.current),
        "progress": progress,
        "expected": expected,
        "status": pt.status.value,
        "month_value": json_number(pt.month_value),
    }


def show_document(
    p: TargetProgress,
    points: list[Point],
    rows: list[LogRow],
    ledger: str,
    *,
    as_of: date | None = None,
    notes: Sequence[Problem] = (),
) -> dict[str, Any]:
    """The ``tracker.show/2`` document: the day reported at (``as_of``), definition, progress (as
    in ``tracker.status/2``), the month-by-month series, the target's entries (as in
    ``tracker.log/1``) and the run's ``notes`` (:func:`~ledger.render.json_doc.notes_json`)."""
    return {
        "schema": SHOW_SCHEMA,
        "as_of": as_of.isoformat() if as_of is not None else None,
        "target": _definition(p.target),
        "progress": _target(p),
        "series": [_series_point(pt) for pt in points],
        "entries": log_document(ledger, rows)["entries"],
        "notes": notes_json(notes),
    }
