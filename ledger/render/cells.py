"""What every human-readable format shows for a target, as plain text, computed once.

The terminal table, Markdown, HTML and the report all present these cells; each renderer only
decides how they look (styles, escaping, bars).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..model import Kind, MilestoneStatus, Status
from ..numbers import plain, rounded, trim
from ..progress import TargetProgress
from .labels import MILESTONE, STATUS, WORDS, name, say, steps
from .text import amount, figure, literal, percent, signed


class Cells(NamedTuple):
    """Display texts of one target; ``""`` where a column does not apply.

    ``share`` and ``expected_share`` are the fractions behind the progress bar and its tick
    (``None`` without a bar); ``gap`` is the sentence a report writes ("低于序时进度 3.8 个百分点").
    """

    name: str
    goal: str
    current: str
    date: str
    progress: str
    expected: str
    status: str
    forecast: str
    gap: str
    note: str
    share: Decimal | None
    expected_share: Decimal | None


def _points(share: Decimal) -> str:
    return trim(rounded(abs(share) * 100, 2))


def gap_phrase(p: TargetProgress, lang: str) -> str:
    """The gap as report wording: "低于序时进度 3.8 个百分点" / "3.8 pp behind schedule"."""
    t, gap = p.target, p.gap
    if t.kind is Kind.MILESTONE:
        blocked = sum(1 for m in p.milestones if m.status is MilestoneStatus.BLOCKED)
        parts = []
        if p.status is Status.BEHIND:
            parts.append(say(lang, "past_due"))
        if blocked:
            parts.append(say(lang, "n_blocked", n=blocked))
        nxt = p.next_milestone
        if nxt is not None and len(p.milestones) > 1:
            when = nxt.due.strftime("%m-%d")
            parts.append(say(lang, "next_step", name=literal(nxt.name), when=when))
        return say(lang, "list_sep").join(parts)
    if gap is None:
        return ""
    if t.kind in (Kind.TOTAL, Kind.INCREMENT):
        pts = _points(gap)
        if gap == 0:
            return say(lang, "on_schedule")
        if gap < 0:
            return say(lang, "behind_schedule", pts=pts)
        return say(lang, "ahead_of_schedule", pts=pts)
    if t.kind is Kind.RATE:
        pts = trim(rounded(abs(gap), 2))
        if gap == 0:
            return say(lang, "on_target")
        if gap < 0:
            return say(lang, "short_of_target", pts=pts)
        return say(lang, "beyond_target", pts=pts)
    places = trim(abs(gap))
    if gap == 0:
        return say(lang, "at_target_place")
    if gap < 0:
        return say(lang, "places_short", places=places)
    return say(lang, "places_better", places=places)


def cells(p: TargetProgress, lang: str) -> Cells:
    """The display texts of one target's progress in ``lang`` (user text made literal)."""
    t, w = p.target, WORDS[lang]
    goal = current = progress = expected = forecast = ""
    share = expected_share = None
    if t.kind is Kind.MILESTONE:
        goal = steps(len(t.milestones) or 1, lang)
        if p.milestones and len(p.milestones) == 1 and p.milestones[0].status is not None:
            current = MILESTONE[lang][p.milestones[0].status]
        elif p.current is not None:
            current = str(p.current)
        if p.progress is not None:
            share, progress = p.progress, percent(p.progress, floor=True)
    else:
        assert t.target is not None
        rank = t.kind is Kind.RANK
        goal = amount(t.target, t.unit, lang, rank)
        if t.stretch is not None:
            # In the goal's own display unit, named once on the line above (CNY 136.0 bn / (stretch 140.0)).
            stretch = figure(t.stretch, t.unit, lang) if not rank else plain(t.stretch)
            goal += say(lang, "with_stretch", stretch=stretch)
        if isinstance(p.current, Decimal):
            current = figure(p.current, t.unit, lang)
            if t.kind in (Kind.TOTAL, Kind.INCREMENT):
                assert p.progress is not None and p.expected is not None
                share, expected_share = p.progress, p.expected
                progress = percent(p.progress, floor=p.progress < 1)
                expected = percent(p.expected)
                if p.forecast is not None:
                    forecast = figure(rounded(p.forecast, 2), t.unit, lang, computed=True)
            elif p.gap is not None:
                progress = f"{signed(p.gap, 2)} {w['points'] if t.kind is Kind.RATE else w['places']}"
    note = p.latest.note if p.latest is not None and p.latest.note else ""
    return Cells(
        name=literal(name(t, lang)),
        goal=goal,
        current=current,
        date=(p.current_date.strftime("%m-%d") + ("!" if p.stale else "")) if p.current_date else "",
        progress=progress,
        expected=expected,
        status=STATUS[lang][p.status] + (" ★" if p.stretch_met else ""),
        forecast=forecast,
        gap=gap_phrase(p, lang),
        note=literal(note),
        share=share,
        expected_share=expected_share,
    )
