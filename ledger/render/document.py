"""What the report document says, independent of Markdown or HTML: its title, the summary, and
which targets need attention, behind ones first."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from ..labels import MILESTONE, STATUS, WORDS, name
from ..model import Status
from ..numbers import trim
from ..progress import StatusReport, TargetProgress
from .text import amount, literal, percent, signed

if TYPE_CHECKING:
    from ..changes import Change

ATTENTION = (Status.NOT_ACHIEVED, Status.BEHIND, Status.AT_RISK)


def title(report: StatusReport, lang: str) -> str:
    """The report's title: the plan's name and the as-of date."""
    if lang == "zh":
        return f"{name(report.plan, lang)}进展报告（截至 {report.as_of.isoformat()}）"
    return f"{name(report.plan, lang)}: progress report as of {report.as_of.isoformat()}"


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


def latest(p: TargetProgress, lang: str) -> str:
    """The latest figure with its date and note: "最新 318.6 亿元（截至 2025-03-31；1—3月累计）"."""
    if p.latest is None or p.current_date is None:
        return ""
    t, zh = p.target, lang == "zh"
    if isinstance(p.current, Decimal):
        figure = amount(p.current, t.unit, lang, t.kind.value == "rank")
    elif t.milestones:
        figure = str(p.current)
    else:
        figure = MILESTONE[lang][p.latest.status] if p.latest.status else ""
    when = p.current_date.isoformat()
    note = literal(p.latest.note) if p.latest.note else ""
    if zh:
        return f"最新 {figure}（截至 {when}{'；' + note if note else ''}）"
    return f"Latest {figure} (as of {when}{'; ' + note if note else ''})"


def changes_heading(report: StatusReport, lang: str) -> str:
    """The heading of the changes section: "自 2025-05-31 以来的变化" / "Changes since 2025-05-31"."""
    assert report.since is not None
    since = report.since.isoformat()
    return f"自 {since} 以来的变化" if lang == "zh" else f"Changes since {since}"


def changed(report: StatusReport) -> list[Change]:
    """The targets that moved or had entries recorded since ``report.since``, in plan order."""
    return [c for c in report.changes if c.changed]


def _state(p: TargetProgress, lang: str) -> str:
    t = p.target
    if isinstance(p.current, Decimal):
        return amount(p.current, t.unit, lang, t.kind.value == "rank")
    if p.current is None:
        return "—"
    if t.milestones:
        return str(p.current)
    return MILESTONE[lang][p.latest.status] if p.latest is not None and p.latest.status else str(p.current)


def change_phrase(c: Change, lang: str) -> str:
    """One target's change as a sentence: "工业总产值：318.6 亿元 → 628.32 亿元（+309.72），进度 +22.8
    个百分点，略滞后 → 达序时；新报 1 条，迟报 1 条，更正 1 条"."""
    zh = lang == "zh"
    parts: list[str] = []
    before, now = _state(c.before, lang), _state(c.now, lang)
    figure = f"{before} → {now}" if before != now else now
    if c.figure:
        t = c.target
        sign = "+" if c.figure > 0 else "-"
        if t.kind.value == "rate":  # a change of a rate is in percentage points, never %
            delta = f"{signed(c.figure, 2)} {WORDS[lang]['points']}"
        else:
            delta = sign + amount(abs(c.figure), t.unit, lang)
        figure += f"（{delta}）" if zh else f" ({delta})"
    if c.places:
        n = trim(abs(c.places))
        up = c.places > 0
        figure += ("，进 " if up else "，退 ") + f"{n} 位" if zh else f", {'up' if up else 'down'} {n} places"
    parts.append(figure)
    if c.points:
        pts = signed(c.points * 100, 1)
        parts.append(f"进度 {pts} 个百分点" if zh else f"progress {pts} pp")
    if c.status_changed:
        parts.append(f"{STATUS[lang][c.before.status]} → {STATUS[lang][c.now.status]}")
    else:
        parts.append(STATUS[lang][c.now.status])
    counts = [(len(c.new), "新报", "new"), (len(c.late), "迟报", "late"), (len(c.revised), "更正", "revised")]
    entries = [f"{w} {n} 条" if zh else f"{n} {e}" for n, w, e in counts if n]
    text = ("，" if zh else ", ").join(parts)
    if entries:
        text += ("；" if zh else "; ") + ("，" if zh else ", ").join(entries)
    return f"{literal(name(c.target, lang))}{'：' if zh else ': '}{text}"


def change_lines(report: StatusReport, lang: str) -> list[str]:
    """The changes section as plain lines, empty without ``since``: the heading, then one line per
    target that changed, or "无变化" / "Nothing changed"."""
    if report.since is None:
        return []
    lines = [changes_heading(report, lang)]
    moved = changed(report)
    lines += [change_phrase(c, lang) for c in moved] or ["无变化。" if lang == "zh" else "Nothing changed."]
    return lines


_MARKS = {
    "zh": {
        "stale": "! 数据已过报送期未更新",
        "stretch": "★ 已达力争目标",
        "not_achieved": "未完成：计划期末未达目标",
    },
    "en": {
        "stale": "! figure overdue for renewal",
        "stretch": "★ stretch goal reached",
        "not_achieved": "not met: the goal was not reached by the plan's end",
    },
}


def legend(report: StatusReport, lang: str) -> list[str]:
    """What the marks shown in the report mean, one line listing those that appear (none if
    none does): "! 数据已过报送期未更新  ★ 已达力争目标"."""
    words = _MARKS[lang]
    shown = []
    if any(p.stale for p in report.targets):
        shown.append(words["stale"])
    if any(p.stretch_met for p in report.targets):
        shown.append(words["stretch"])
    if any(p.status is Status.NOT_ACHIEVED for p in report.targets):
        shown.append(words["not_achieved"])
    return ["    ".join(shown)] if shown else []
