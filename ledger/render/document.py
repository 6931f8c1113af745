"""What the report document says, independent of Markdown or HTML: its title, the summary, and
which targets need attention, behind ones first."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from ..model import Kind, Status
from ..numbers import plain, rounded, trim
from ..progress import StatusReport, TargetProgress
from .labels import MILESTONE, STATUS, WORDS, name, say
from .text import amount, literal, percent, signed

if TYPE_CHECKING:
    from ..changes import Change

ATTENTION = (Status.NOT_ACHIEVED, Status.BEHIND, Status.AT_RISK)


def title(report: StatusReport, lang: str) -> str:
    """The report's title: the plan's name and the as-of date."""
    return say(lang, "report_title", plan=name(report.plan, lang), when=report.as_of.isoformat())


def subtitle(report: StatusReport, lang: str) -> str:
    """One line: the as-of date and the plan's expected progress then."""
    w = WORDS[lang]
    return f"{w['as_of']} {report.as_of.isoformat()}, {w['expected_line']} {percent(report.expected)}"


def summary(report: StatusReport, lang: str) -> list[tuple[str, int]]:
    """``(status label, count)`` for every status, best first."""
    return [(STATUS[lang][s], n) for s, n in report.summary().items()]


def attention(report: StatusReport) -> list[TargetProgress]:
    """Targets not achieved by the plan's end, then those behind schedule, then those slightly
    behind, each in plan order."""
    return [t for status in ATTENTION for t in report.targets if t.status is status]


def attention_detail(p: TargetProgress, gap: str, lang: str, escape: Callable[[str], str]) -> str:
    """What follows a target's name and status in the attention list: its ``gap`` (report
    wording) as a sentence, then its latest figure and note, each passed through ``escape``."""
    text = say(lang, "colon") + escape(gap) + say(lang, "full_stop") if gap else ""
    if figure := latest(p, lang):
        text += say(lang, "before_latest") + escape(figure)
    return text


def latest(p: TargetProgress, lang: str) -> str:
    """The latest figure with its date and note: "最新 318.6 亿元（截至 2025-03-31；1—3月累计）"."""
    if p.latest is None or p.current_date is None:
        return ""
    t = p.target
    if isinstance(p.current, Decimal):
        figure = amount(p.current, t.unit, lang, t.kind is Kind.RANK, exact=p.exact)
    elif t.milestones:
        figure = str(p.current)
    else:
        figure = MILESTONE[lang][p.latest.status] if p.latest.status else ""
    when = p.current_date.isoformat()
    note = literal(p.latest.note) if p.latest.note else ""
    if p.latest.period is not None:  # a rank published for an earlier assessment year
        key = "latest_assessed_with_note" if note else "latest_assessed"
        return say(lang, key, figure=figure, year=p.latest.period, when=when, note=note)
    return say(lang, "latest_with_note" if note else "latest", figure=figure, when=when, note=note)


def changed(report: StatusReport) -> list[Change]:
    """The targets shown that moved or had entries recorded since ``report.since``, in plan order."""
    shown = {t.target.id for t in report.targets}
    return [c for c in report.changes if c.changed and c.target.id in shown]


def _state(p: TargetProgress, lang: str) -> str:
    t = p.target
    if isinstance(p.current, Decimal):
        return amount(p.current, t.unit, lang, t.kind is Kind.RANK, exact=p.exact)
    if p.current is None:
        return "—"
    if t.milestones:
        return str(p.current)
    return MILESTONE[lang][p.latest.status] if p.latest is not None and p.latest.status else str(p.current)


def signed_points(change: Decimal) -> str:
    """A change of progress (a share) in percentage points with one decimal, as every point is
    shown, and its sign: 0.02 → ``+2.0``, −0.02 → ``-2.0``, −0.0004 → ``-0.0`` (it moved, a little)."""
    shown = rounded(change * 100, 1)
    text = plain(abs(shown))
    return ("+" if change > 0 else "-") + text


def change_phrase(c: Change, lang: str) -> str:
    """One target's change as a sentence: "工业总产值：420 亿元 → 680 亿元（+260 亿元），进度 +19.1
    个百分点，略滞后 → 达序时；新报 1 条，迟报 1 条，更正 1 条"."""
    t, sep = c.target, say(lang, "list_sep")
    before, now = _state(c.before, lang), _state(c.now, lang)
    figure = f"{before} → {now}" if before != now else now
    if c.figure:
        if t.kind is Kind.RATE:  # a change of a rate is in percentage points, never %
            delta = f"{signed(c.figure, 2)} {WORDS[lang]['points']}"
        else:
            exact = abs(c.figure_exact) if c.figure_exact is not None else None
            delta = ("+" if c.figure > 0 else "-") + amount(abs(c.figure), t.unit, lang, exact=exact)
        figure += say(lang, "delta", delta=delta)
    if c.places:
        figure += sep + say(lang, "moved_up" if c.places > 0 else "moved_down", n=trim(abs(c.places)))
    parts = [figure]
    if c.points:
        parts.append(say(lang, "progress_change", pts=signed_points(c.points)))
    now_status = STATUS[lang][c.now.status]
    parts.append(f"{STATUS[lang][c.before.status]} → {now_status}" if c.status_changed else now_status)
    counts = [
        say(lang, key, n=len(xs)) for key, xs in (("n_new", c.new), ("n_late", c.late), ("n_revised", c.revised)) if xs
    ]
    text = sep.join(parts) + (say(lang, "clause_sep") + sep.join(counts) if counts else "")
    return literal(name(t, lang)) + say(lang, "colon") + text


def change_lines(report: StatusReport, lang: str) -> list[str]:
    """The changes section as plain lines, empty without ``since``: the heading, then one line per
    target that changed, or "无变化。" / "Nothing changed."."""
    if report.since is None:
        return []
    lines = [say(lang, "changes_heading", since=report.since.isoformat())]
    return lines + ([change_phrase(c, lang) for c in changed(report)] or [say(lang, "nothing_changed")])


def legend(report: StatusReport, lang: str) -> list[str]:
    """What the marks shown in the report mean, one line listing those that appear (none if
    none does): "! 数据已过报送期未更新    ★ 已达力争目标"."""
    shown = []
    if any(p.stale for p in report.targets):
        shown.append(say(lang, "mark_stale"))
    if any(p.stretch_met for p in report.targets):
        shown.append(say(lang, "mark_stretch"))
    if any(p.status is Status.NOT_ACHIEVED for p in report.targets):
        shown.append(say(lang, "mark_not_achieved"))
    return ["    ".join(shown)] if shown else []
