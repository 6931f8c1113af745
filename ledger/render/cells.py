"""What every human-readable format shows for a target, as plain text, computed once.

The terminal table, Markdown, HTML and the report all present these cells; each renderer only
decides how they look (styles, escaping, bars).
"""

from __future__ import annotations

from decimal import Decimal
from typing import NamedTuple

from ..labels import MILESTONE, STATUS, WORDS, name
from ..model import Kind, MilestoneStatus, Status
from ..numbers import plain, rounded, trim
from ..progress import TargetProgress
from .text import amount, figure, literal, percent, signed


class Cells(NamedTuple):
    """Display texts of one target; ``""`` where a column does not apply.

    ``share`` and ``expected_share`` are the fractions behind the progress bar and its tick
    (``None`` without a bar); ``gap`` is the sentence a report writes ("低于序时进度 3.8 个百分点");
    ``month`` the month's own figure beside a running total ("本月 110.5"); ``yoy`` 同比 in short.
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
    yoy: str
    month: str
    note: str
    share: Decimal | None
    expected_share: Decimal | None


def _points(share: Decimal) -> str:
    return trim(rounded(abs(share) * 100, 2))


def gap_phrase(p: TargetProgress, lang: str) -> str:
    """The gap as report wording: "低于序时进度 3.8 个百分点" / "3.8 pp behind schedule"."""
    t, gap, zh = p.target, p.gap, lang == "zh"
    if p.status is Status.NOT_ACHIEVED and p.shortfall is not None:
        return shortfall_phrase(p, lang)
    if t.kind is Kind.MILESTONE:
        blocked = sum(1 for m in p.milestones if m.status is MilestoneStatus.BLOCKED)
        parts = []
        if p.status is Status.BEHIND:
            parts.append("已逾期" if zh else "past due")
        if blocked:
            parts.append(f"{blocked} 项受阻" if zh else f"{blocked} blocked")
        nxt = p.next_milestone
        if nxt is not None and len(p.milestones) > 1:
            when = nxt.due.strftime("%m-%d")
            parts.append(
                f"下一项：{literal(nxt.name)}（{when} 到期）"
                if zh
                else f"next: {literal(name(nxt, lang))} (due {when})"
            )
        return ("，" if zh else ", ").join(parts)
    if gap is None:
        return ""
    if t.kind in (Kind.TOTAL, Kind.INCREMENT):
        pts = _points(gap)
        if gap == 0:
            return "与序时进度持平" if zh else "on schedule"
        if gap < 0:
            return f"低于序时进度 {pts} 个百分点" if zh else f"{pts} pp behind schedule"
        return f"高于序时进度 {pts} 个百分点" if zh else f"{pts} pp ahead of schedule"
    if t.kind is Kind.RATE:
        pts = trim(rounded(abs(gap), 2))
        if gap == 0:
            return "恰好达到目标" if zh else "exactly on target"
        if gap < 0:
            return f"差目标 {pts} 个百分点" if zh else f"{pts} pp short of target"
        return f"超目标 {pts} 个百分点" if zh else f"{pts} pp better than target"
    places = trim(abs(gap))
    if gap == 0:
        return "达到目标位次" if zh else "at the target place"
    if gap < 0:
        return f"距目标差 {places} 位" if zh else f"{places} places short of target"
    return f"优于目标 {places} 位" if zh else f"{places} places better than target"


def shortfall_phrase(p: TargetProgress, lang: str) -> str:
    """How far a target not achieved fell short, as a year-end report writes it:
    "短 18.95 亿元（完成 98.6%）" / "short CNY 1.895 bn (98.6% achieved)"; for a rate "差 0.5 个百分点",
    a rank "差 3 位", milestones "2 项未完成"."""
    t, short, zh = p.target, p.shortfall, lang == "zh"
    assert short is not None
    match t.kind:
        case Kind.TOTAL | Kind.INCREMENT:
            figure_ = amount(short, t.unit, lang)
            achieved = percent(p.progress, floor=True) if p.progress is not None else ""
            if zh:
                return f"短 {figure_}（完成 {achieved}）"
            return f"short {figure_} ({achieved} achieved)"
        case Kind.RATE:
            pts = trim(rounded(short, 2))
            return f"差 {pts} 个百分点" if zh else f"{pts} pp short"
        case Kind.RANK:
            return f"差 {trim(short)} 位" if zh else f"{trim(short)} places short"
        case Kind.MILESTONE:
            n = int(short)
            return f"{n} 项未完成" if zh else f"{n} step{'s' if n != 1 else ''} not done"


def yoy_phrase(p: TargetProgress, lang: str, short: bool = False) -> str:
    """Year on year as Chinese reports write it: "同比增长 3.2%", "同比下降 1.5%", "同比 +0.8 个百分点",
    "同比进 3 位" / "+3.2% y/y", "+0.8 pp y/y", "up 3 places y/y"; ``short`` for a table cell
    ("同比+3.2%"). Empty without a year-on-year figure."""
    y, zh = p.yoy, lang == "zh"
    if y is None:
        return ""
    kind = p.target.kind
    if kind is Kind.RATE:
        pts = signed(y.change, 2)
        if short:
            return f"同比{pts}点" if zh else f"{pts}pp y/y"
        return f"同比 {pts} 个百分点" if zh else f"{pts} pp y/y"
    if kind is Kind.RANK:
        n = trim(abs(y.change))
        if short:
            return f"同比{'+' if y.change >= 0 else '-'}{n}位" if zh else f"{signed(y.change, 0)} pl. y/y"
        if y.change == 0:
            return "同比持平" if zh else "same place as a year ago"
        up = y.change > 0
        return f"同比{'进' if up else '退'} {n} 位" if zh else f"{'up' if up else 'down'} {n} places y/y"
    pct = f"{trim(rounded(abs(y.change) * 100, 1))}%"
    if short:
        return f"同比{signed(y.change * 100, 1)}%" if zh else f"{signed(y.change * 100, 1)}% y/y"
    if zh:
        return "同比持平" if y.change == 0 else f"同比{'增长' if y.change > 0 else '下降'} {pct}"
    return f"{signed(y.change * 100, 1)}% y/y"


def current_with_month(c: Cells, lang: str) -> str:
    """The current figure with the month's own beside it: "628.32（本月 110.5）"."""
    if not c.month:
        return c.current
    return f"{c.current}（{c.month}）" if lang == "zh" else f"{c.current} ({c.month})"


def cells(p: TargetProgress, lang: str) -> Cells:
    """The display texts of one target's progress in ``lang`` (user text made literal)."""
    t, w = p.target, WORDS[lang]
    goal = current = progress = expected = forecast = month = ""
    share = expected_share = None
    if t.kind is Kind.MILESTONE:
        steps = len(t.milestones) or 1
        goal = f"{steps} 项" if lang == "zh" else f"{steps} step{'s' if steps > 1 else ''}"
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
            goal += f"（力争 {stretch}）" if lang == "zh" else f" (stretch {stretch})"
        if isinstance(p.current, Decimal):
            current = figure(p.current, t.unit, lang)
            if p.month_value is not None:
                month = ("本月 " if lang == "zh" else "month ") + figure(p.month_value, t.unit, lang)
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
        gap=("，" if lang == "zh" else ", ").join(x for x in (gap_phrase(p, lang), yoy_phrase(p, lang)) if x),
        yoy=yoy_phrase(p, lang, short=True),
        month=month,
        note=literal(note),
        share=share,
        expected_share=expected_share,
    )
