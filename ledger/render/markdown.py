"""Markdown (GitHub tables): the status tables, and the monthly report document.

Every text is escaped so that a table keeps its columns whatever a name or note holds: ``|``
and Markdown's other marks are backslash-escaped, ``<``/``>``/``&`` become entities, and line
breaks become ``<br>``.
"""

from __future__ import annotations

import re

from ..progress import StatusReport, TargetProgress
from . import document
from .cells import Cells, any_owner, cells, current_with_month, group_heading
from .labels import WORDS, name, plan_words, say
from .text import literal

_SPECIAL = re.compile(r"([\\`*_\[\]|#~])")


def md(text: str) -> str:
    """``text`` safe inside a Markdown table cell or list item."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\r\n|\r|\n", "<br>", text)


def _tables(report: StatusReport, lang: str) -> list[str]:
    w = plan_words(report.plan, lang)
    headers = [w["target"], w["goal"], w["current"], w["as_of_col"], w["progress"], w["expected"], w["status"],
               w["gap"], w["forecast"]]  # fmt: skip
    aligns = [":---", "---:", "---:", ":---:", "---:", "---:", ":---", ":---", "---:"]
    owner = report.grouping != "owner" and any_owner(report)
    if owner:
        headers.insert(1, w["owner"])
        aligns.insert(1, ":---")
    out: list[str] = []
    for a in report.actions:
        heading, counts = group_heading(report, a, lang)
        out += [f"## {md(heading)}", ""] + ([md(counts), ""] if counts else [])
        out.append("| " + " | ".join(headers) + " |")
        out.append("|" + "|".join(aligns) + "|")
        for p in a.targets:
            c: Cells = cells(p, lang)
            row = [c.name, c.goal, current_with_month(c, lang), c.date, c.progress, c.expected, c.status, c.gap]
            row.append(c.forecast)
            if owner:
                row.insert(1, c.owner)
            out.append("| " + " | ".join(md(x) for x in row) + " |")
        out.append("")
    out += [md(line) + "\n" for line in document.legend(report, lang)]
    return out


def _summary(report: StatusReport, lang: str) -> str:
    return say(lang, "list_sep").join(f"{label} {n}" for label, n in document.summary(report, lang))


def status_markdown(report: StatusReport, lang: str) -> str:
    """The status tables, one per action, under the plan's name and the as-of line."""
    head = [f"# {md(literal(name(report.plan, lang)))}", "", md(document.subtitle(report, lang)), ""]
    w = WORDS[lang]
    colon = say(lang, "colon")
    summary = [f"{w['summary']}{colon}{_summary(report, lang)}", ""]
    return "\n".join([*head, *summary, *_changes(report, lang), *_tables(report, lang)])


def _changes(report: StatusReport, lang: str) -> list[str]:
    lines = document.change_lines(report, lang)
    if not lines:
        return []
    return [f"## {md(lines[0])}", "", *(f"- {md(x)}" for x in lines[1:]), ""]


def report_markdown(report: StatusReport, lang: str) -> str:
    """The monthly report: title, summary, the targets needing attention (behind first, with
    their gaps in report wording and the notes of their latest entries), then every action."""
    out = [f"# {md(literal(document.title(report, lang)))}", "", md(document.subtitle(report, lang)), ""]
    out += ["## " + say(lang, "summary_heading"), ""]
    out += ["| " + " | ".join(label for label, _ in document.summary(report, lang)) + " |"]
    out += ["|" + "|".join("---:" for _ in document.summary(report, lang)) + "|"]
    out += ["| " + " | ".join(str(n) for _, n in document.summary(report, lang)) + " |", ""]
    out += ["## " + say(lang, "attention_heading"), ""]
    flagged = document.attention(report)
    if not flagged:
        out += [say(lang, "nothing_behind"), ""]
    for p in flagged:
        out.append("- " + md_attention(p, lang))
    out.append("")
    return "\n".join(out + _changes(report, lang) + _tables(report, lang))


def md_attention(p: TargetProgress, lang: str) -> str:
    """One item of the attention list: name, status, gap, the latest figure and its note."""
    c = cells(p, lang)
    line = say(lang, "named_status", name=f"**{md(c.name)}**", status=md(c.status))
    return line + document.attention_detail(p, c.gap, lang, md)
