"""What to do next, in one line each, under the status table: the plan has ended (and how to
start the next), or the ledger is empty (and how to record the first figures). Pure: today's
date is an argument."""

from __future__ import annotations

from datetime import date

from .model import Plan

_WORDS = {
    "zh": {
        "ended": "计划已于 {end} 结束，以上为期末情况。编制 {year} 年计划：{command}",
        "not_started": "计划自 {start} 开始，以上为期初情况。",
        "empty": "还没有数据：用 tracker record 指标 数值 --date {month} 记录一项，或用 tracker import 文件 导入月度报表。",
    },
    "en": {
        "ended": "The plan ended on {end}; the figures above are as at its end. Start the {year} plan: {command}",
        "not_started": "The plan starts on {start}; the figures above are as at its start.",
        "empty": "No figures yet: record one with `tracker record TARGET VALUE --date {month}`, "
        "or import a monthly sheet with `tracker import FILE`.",
    },
}


def next_steps(plan: Plan, today: date, as_of_given: bool, entries: int, lang: str) -> list[str]:
    """Sentences for a person reading the status table, in ``lang`` ("zh" or "en").

    ``today`` is the plan's today; ``as_of_given`` whether the reader chose the date (then the
    period's edge is no surprise); ``entries`` how many entries the ledger holds.
    """
    words = _WORDS[lang]
    out: list[str] = []
    if not as_of_given and today > plan.end:
        year = plan.start.year + 1
        command = f"tracker init --from {plan.path.name} --year {year}"
        out.append(words["ended"].format(end=plan.end, year=year, command=command))
    elif not as_of_given and today < plan.start:
        out.append(words["not_started"].format(start=plan.start))
    if entries == 0:
        month = plan.clamp(today)
        out.append(words["empty"].format(month=f"{month:%Y-%m}"))
    return out
