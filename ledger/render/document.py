"""What the report document says, independent of Markdown or HTML: its title, the summary, and
which targets need attention, behind ones first."""

from __future__ import annotations

from decimal import Decimal

from ..labels import MILESTONE, STATUS, WORDS, name
from ..model import Status
from ..progress import StatusReport, TargetProgress
from .text import amount, literal, percent

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
