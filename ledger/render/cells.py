"""What every human-readable format shows for a target, as plain text, computed once.

The terminal table, Markdown, HTML and the report all present these cells; each renderer only
decides how they look (styles, escaping, bars).
"""

from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from ..model import Kind, MilestoneStatus, Status
from ..numbers import plain, rounded, trim
from ..progress import ActionProgress, StatusReport, TargetProgress
from .labels import MILESTONE, STATUS, WORDS, name, say, steps
from .text import amount, figure, literal, percent, points, shown_pair, shown_percent, signed


class Cells(NamedTuple):
    """Display texts of one target; ``""`` where a column does not apply.

    ``share`` and ``expected_share`` are the fractions behind the progress bar and its tick
    (``None`` without a bar); ``gap`` is the sentence a report writes ("低于序时进度 3.8 个百分点",
    with 同比 after it); ``month`` the month's own figure beside a running total ("本月 110.5");
    ``yoy`` 同比 in short, for a table cell ("同比+3.2%", a rate's "同比+0.8个百分点").
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
    owner: str = ""  # 责任单位 (its lead official is in JSON, CSV, `show` and the --by owner headings)


# Traffic lights (亮灯) as meetings read them, by status value: green for done or on track, yellow
# for at risk, red for behind or not achieved; no light without data.
LIGHTS = {"done": "green", "on_track": "green", "at_risk": "yellow", "behind": "red", "not_achieved": "red"}
LIGHT_COLOURS = {"green": "C6EFCE", "yellow": "FFEB9C", "red": "FFC7CE"}  # Excel's good/neutral/bad fills
LIGHT_TEXT = {"green": "006100", "yellow": "9C5700", "red": "9C0006"}


def light(status: Status) -> str | None:
    """The traffic light of a status: "green", "yellow", "red", or ``None`` (no data)."""
    return LIGHTS.get(status.value)


def light_legend(lang: str) -> list[tuple[str, str]]:
    """``(light, what it means)`` for the legend under a lit table, in ``lang``."""
    out = []
    for colour in ("green", "yellow", "red"):
        statuses = [STATUS[lang][s] for s in Status if light(s) == colour]
        out.append((colour, " / ".join(statuses)))
    return out


def group_counts(targets: tuple[TargetProgress, ...], lang: str) -> str:
    """A group's counts for ``--by owner``: "已完成 1 · 达序时 2 · 略滞后 0 · 滞后 1" (no_data left out)."""
    # not_achieved only once the plan has ended and a target is there: before, it is always 0
    shown = [s for s in Status if s is not Status.NO_DATA]
    if not any(p.status is Status.NOT_ACHIEVED for p in targets):
        shown.remove(Status.NOT_ACHIEVED)
    return " · ".join(f"{STATUS[lang][s]} {sum(1 for p in targets if p.status is s)}" for s in shown)


def group_heading(report: StatusReport, group: ActionProgress, lang: str) -> tuple[str, str]:
    """A group's heading and, grouped by owner, its lead official and counts (else "")."""
    heading = literal(name(group.action, lang))
    if report.grouping != "owner":
        return heading, ""
    if group.action.lead:
        heading = say(lang, "with_lead", owner=heading, lead=literal(group.action.lead))
    return heading, group_counts(group.targets, lang)


def any_owner(report: StatusReport) -> bool:
    """Whether any target of ``report`` names an owner: then tables get the column."""
    return any(p.target.owner for p in report.targets)


def shown_progress(p: TargetProgress) -> tuple[Decimal, Decimal]:
    """A total's or increment's progress and expected progress as the percentages shown (one
    decimal), agreeing with its status: behind schedule below expected, else not below it
    (exactly on schedule at the end of May, 41.7 % and 41.7 %; see :func:`.text.shown_pair`)."""
    assert p.progress is not None and p.expected is not None and p.gap is not None
    shown, due = shown_pair(p.progress, p.expected, p.gap < 0)
    assert due is not None
    return shown, due


def schedule_points(p: TargetProgress) -> Decimal:
    """How far a total or increment is ahead of schedule (negative: behind), in percentage points
    with one decimal: the difference of the two percentages shown (38.2 % against 41.7 % is
    −3.5), so that the columns and the gap agree. A target behind by less than the rounding is
    −0.1, never 0; one exactly on schedule, or ahead by less than it, is 0."""
    shown, due = shown_progress(p)
    return shown - due


def gap_phrase(p: TargetProgress, lang: str) -> str:
    """The gap as report wording: "低于序时进度 3.8 个百分点" / "3.8 pp behind schedule"; for a
    target not achieved by the plan's end, its shortfall, or that the period's figure is missing
    ("缺期末（2025-12-31）数据，不能确认达标") where the latest reading predates it and does not
    settle the year (:attr:`TargetProgress.final_missing`)."""
    t, gap = p.target, p.gap
    if p.status is Status.NOT_ACHIEVED:
        if p.final_missing:
            # A rate whose latest reading meets the goal but predates the period's end, a running
            # total's 1—11月: "超目标 0.2 个百分点" or "短 130 亿元" beside 未完成 would read as
            # the year's result; say what is missing instead.
            return say(lang, "no_final_figure", due=t.due.isoformat())
        return shortfall_phrase(p, lang)
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
            parts.append(say(lang, "next_step", name=literal(name(nxt, lang)), when=when))
        return say(lang, "list_sep").join(parts)
    if gap is None:
        return ""
    if t.kind in (Kind.TOTAL, Kind.INCREMENT):
        shown = schedule_points(p)
        if shown == 0:
            return say(lang, "on_schedule")
        if shown < 0:
            return say(lang, "behind_schedule", pts=abs(shown))
        return say(lang, "ahead_of_schedule", pts=shown)
    if t.kind is Kind.RATE:
        shown = points(gap)
        if gap == 0:
            return say(lang, "on_target")
        if shown < 0:
            return say(lang, "short_of_target", pts=abs(shown))
        return say(lang, "beyond_target", pts=shown)
    places = trim(abs(gap))
    if gap == 0:
        return say(lang, "at_target_place")
    if gap < 0:
        return say(lang, "places_short", places=places)
    return say(lang, "places_better", places=places)


def shortfall_phrase(p: TargetProgress, lang: str) -> str:
    """How far a target not achieved fell short, as a year-end report writes it:
    "短 18.95 亿元（完成 98.6%）" / "short CNY 1.895 bn (98.6% achieved)"; for a rate "差 0.5 个百分点",
    a rank "差 3 位", milestones "2 项未完成"."""
    t, short = p.target, p.shortfall
    assert short is not None
    match t.kind:
        case Kind.TOTAL | Kind.INCREMENT:
            achieved = ""
            if p.progress is not None:
                # As the progress column beside it shows it.
                shown = shown_progress(p)[0] if p.expected is not None else shown_percent(p.progress, floor=True)
                achieved = f"{shown}%"
            return say(
                lang, "short_amount", figure=amount(short, t.unit, lang, exact=exact_shortfall(p)), achieved=achieved
            )
        case Kind.RATE:
            return say(lang, "short_points", pts=abs(points(-short)))  # one decimal, as every gap
        case Kind.RANK:
            return say(lang, "short_places", places=trim(short))
        case Kind.MILESTONE:
            n = int(short)
            return say(lang, "one_step_not_done" if n == 1 else "steps_not_done", n=n)


def exact_shortfall(p: TargetProgress) -> Fraction | None:
    """A total's or increment's shortfall exactly (in its unit), for a display in another unit;
    ``None`` where there is none or no exact figure."""
    t = p.target
    if p.shortfall is None or p.exact is None or t.target is None or t.kind not in (Kind.TOTAL, Kind.INCREMENT):
        return None
    goal = Fraction(t.target)
    return p.exact - goal if t.lower_is_better else goal - p.exact


def yoy_phrase(p: TargetProgress, lang: str, short: bool = False) -> str:
    """Year on year as Chinese reports write it, with last year's figure at the same point:
    "同比增长 3.2%（上年同期 659 亿元）", "同比 +0.8 个百分点（上年同期 5.2%）", "同比进 7 位（上年同期 80 位）" /
    "+3.2% y/y (a year earlier: CNY 65.9 bn)"; ``short`` for a table cell ("同比+3.2%"). Empty
    without a year-on-year figure."""
    y = p.yoy
    if y is None:
        return ""
    if not short:
        t = p.target
        before = amount(y.previous, t.unit, lang, t.kind is Kind.RANK, exact=y.previous_exact)
        return _yoy_change(p, lang, False) + say(lang, "yoy_previous", figure=before)
    return _yoy_change(p, lang, True)


def _yoy_change(p: TargetProgress, lang: str, short: bool) -> str:
    y = p.yoy
    assert y is not None
    kind = p.target.kind
    if kind is Kind.RATE:
        return say(lang, "yoy_short_points" if short else "yoy_points", pts=signed(y.change, 2))
    if kind is Kind.RANK:
        if short:
            return say(lang, "yoy_short_places", places=signed(y.change, 0))
        if y.change == 0:
            return say(lang, "yoy_flat")
        return say(lang, "yoy_places_up" if y.change > 0 else "yoy_places_down", n=trim(abs(y.change)))
    # One decimal whichever way it went, as a rise is written: 同比下降 2.0%, never 2% beside 3.1%.
    pct = plain(rounded(abs(y.change) * 100, 1))
    if short:
        sign = "+" if y.change > 0 else "-" if y.change < 0 else ""
        return say(lang, "yoy_short_pct", pct=sign + pct)
    if y.change == 0:
        return say(lang, "yoy_flat")
    return say(lang, "yoy_up" if y.change > 0 else "yoy_down", pct=pct)


def current_with_month(c: Cells, lang: str) -> str:
    """The current figure with the month's own beside it: "628.32（本月 110.5）"."""
    return say(lang, "with_month", current=c.current, month=c.month) if c.month else c.current


def cells(p: TargetProgress, lang: str) -> Cells:
    """The display texts of one target's progress in ``lang`` (user text made literal)."""
    t, w = p.target, WORDS[lang]
    goal = current = progress = expected = forecast = month = ""
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
            current = figure(p.current, t.unit, lang, exact=p.exact)
            if p.month_value is not None:
                month = say(lang, "month_figure", figure=figure(p.month_value, t.unit, lang, exact=p.month_exact))
            if t.kind in (Kind.TOTAL, Kind.INCREMENT):
                assert p.progress is not None and p.expected is not None
                shown, due = shown_progress(p)
                share, expected_share = shown / 100, due / 100
                progress, expected = f"{shown}%", f"{due}%"
                if p.forecast is not None:
                    forecast = figure(p.forecast, t.unit, lang, places=p.computed_places)
                    if p.forecast_due is not None:  # under a 全年预计 head, June's value is not the year's
                        forecast = say(lang, "forecast_by_due", figure=forecast, due=p.forecast_due.isoformat())
            elif p.gap is not None:
                if t.kind is Kind.RATE:
                    pts = points(p.gap)
                    progress = f"{'+' if pts > 0 else ''}{pts} {w['points']}"
                else:
                    progress = f"{signed(p.gap, 0)} {w['places']}"
    note = p.latest.note if p.latest is not None and p.latest.note else ""
    return Cells(
        name=literal(name(t, lang)),
        goal=goal,
        current=current,
        # The day it is judged at: a total's reading, an increment's last period due or recorded.
        date=(when.strftime("%m-%d") + ("!" if p.stale else "")) if (when := p.judged_at or p.current_date) else "",
        progress=progress,
        expected=expected,
        status=STATUS[lang][p.status] + (" ★" if p.stretch_met else ""),
        forecast=forecast,
        gap=say(lang, "list_sep").join(x for x in (gap_phrase(p, lang), yoy_phrase(p, lang)) if x),
        yoy=yoy_phrase(p, lang, short=True),
        month=month,
        note=literal(note),
        share=share,
        expected_share=expected_share,
        owner=literal(t.owner or ""),
    )
