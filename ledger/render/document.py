"""What the report document says, independent of Markdown or HTML: its title, the summary, and
which targets need attention, behind ones first."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from ..model import Kind, Status
from ..progress import StatusReport, TargetProgress
from .labels import MILESTONE, STATUS, WORDS, name, say
from .text import amount, literal, percent

ATTENTION = (Status.BEHIND, Status.AT_RISK)


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
    """Targets behind schedule, then those slightly behind, each in plan order."""
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
        figure = amount(p.current, t.unit, lang, t.kind is Kind.RANK)
    elif t.milestones:
        figure = str(p.current)
    else:
        figure = MILESTONE[lang][p.latest.status] if p.latest.status else ""
    when = p.current_date.isoformat()
    note = literal(p.latest.note) if p.latest.note else ""
    return say(lang, "latest_with_note" if note else "latest", figure=figure, when=when, note=note)
