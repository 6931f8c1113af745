"""Words shown to people, in Chinese and English (``lang`` is ``"zh"`` or ``"en"``)."""

from __future__ import annotations

from typing import Protocol

from ..model import MILESTONE_WORDS, MilestoneStatus, Plan, Status
from ..schedule import within_a_year

STATUS = {
    "zh": {
        Status.DONE: "已完成",
        Status.ON_TRACK: "达序时",
        Status.AT_RISK: "略滞后",
        Status.BEHIND: "滞后",
        Status.NOT_ACHIEVED: "未完成",
        Status.NO_DATA: "无数据",
    },
    "en": {
        Status.DONE: "done",
        Status.ON_TRACK: "on track",
        Status.AT_RISK: "at risk",
        Status.BEHIND: "behind",
        Status.NOT_ACHIEVED: "not met",
        Status.NO_DATA: "no data",
    },
}

MILESTONE = {
    "zh": {status: words[0] for status, words in MILESTONE_WORDS.items()},
    "en": {
        MilestoneStatus.NOT_STARTED: "not started",
        MilestoneStatus.IN_PROGRESS: "in progress",
        MilestoneStatus.DONE: "done",
        MilestoneStatus.BLOCKED: "blocked",
    },
}

KIND = {
    "zh": {"total": "累计", "increment": "新增", "rate": "增速", "rank": "排名", "milestone": "任务"},
    "en": {"total": "total", "increment": "increment", "rate": "rate", "rank": "rank", "milestone": "milestone"},
}

WORDS = {
    "zh": {
        "target": "指标",
        "goal": "目标",
        "current": "当前",
        "as_of_col": "截至",
        "progress": "进度",
        "expected": "序时",
        "status": "状态",
        "forecast": "全年预计",
        "forecast_at_end": "期末预计",  # a plan longer than a year: its value at the plan's end, not the year's
        "as_of": "截至",
        "expected_line": "序时进度",
        "id": "编号",
        "action": "行动",
        "kind": "类型",
        "unit": "单位",
        "due": "完成时限",
        "points": "个百分点",
        "places": "位",
        "gap": "差距",
        "summary": "汇总",
        "date": "截至日期",
        "value": "数值",
        "note": "备注",
        "source": "来源",
        "by": "记录人",
        "recorded": "记录时间",
        "entry_state": "状态",
        "current_entry": "有效",
        "superseded": "已更正",
        "withdrawn": "已撤销",
        "withdrawal": "撤销",
        "corrects": "更正",
        "replaced_by": "被更正为",
        "reason": "原因",
        # Phrases of reports and views; {fields} are filled in by say().
        "past_due": "已逾期",
        "n_blocked": "{n} 项受阻",
        "next_step": "下一项：{name}（{when} 到期）",
        "list_sep": "，",
        "on_schedule": "与序时进度持平",
        "behind_schedule": "低于序时进度 {pts} 个百分点",
        "ahead_of_schedule": "高于序时进度 {pts} 个百分点",
        "on_target": "恰好达到目标",
        "short_of_target": "差目标 {pts} 个百分点",
        "beyond_target": "超目标 {pts} 个百分点",
        "at_target_place": "达到目标位次",
        "places_short": "距目标差 {places} 位",
        "places_better": "优于目标 {places} 位",
        "one_step": "{n} 项",
        "steps": "{n} 项",
        "with_stretch": "（力争 {stretch}）",
        "html_lang": "zh-CN",
        "summary_heading": "总体情况",
        "attention_heading": "需关注的指标",
        "nothing_behind": "无。",
        "colon": "：",
        "full_stop": "。",
        "before_latest": "",
        "named_status": "{name}（{status}）",
        "owner": "责任单位",
        "lead": "牵头领导",
        "with_lead": "{owner}（{lead}）",
        "lights": "亮灯：",
        "summary_sheet": "汇总",
        "count": "个数",
        "due_head": "截至 {as_of}：逾期未报 {late} 项，待报 {waiting} 项",
        "due_none": "所有应报数据均已报送。",
        "due_none_here": "本计划应报数据均已报送。",
        "due_none_here_unknown": "本计划应报数据均已报送；上一计划（账本 {ledger}）未核对：在其所在文件夹未找到以它为账本的计划文件，用 tracker due --targets 该计划查看。",
        "due_before": "上一计划（{path}）仍有：逾期未报 {late} 项，待报 {waiting} 项；tracker due {option} 列出",
        "late_by": "逾期 {days} 天（应于 {due} 前报送）",
        "late_oldest": "均已逾期，最早一期逾期 {days} 天（应于 {due} 前报送）",
        "awaiting": "待报（{month} 月 {day} 日前报送）",
        "baseline": "起点",
        "previous": "上年实绩",
        "needed_per_month": "  尚需每月 ",
        "month_by_month": "按月进度",
        "milestones": "里程碑",
        "not_reported": "未报",
        "entries": "记录",
        "report_title": "{plan}进展报告（截至 {when}）",
        "latest": "最新 {figure}（截至 {when}）",
        "latest_with_note": "最新 {figure}（截至 {when}；{note}）",
        "latest_assessed": "最新 {figure}（{year} 年度考核，{when} 公布）",
        "latest_assessed_with_note": "最新 {figure}（{year} 年度考核，{when} 公布；{note}）",
        "assessed": "{year} 年度",
        # The year's end: shortfalls of targets not achieved.
        "short_amount": "短 {figure}（完成 {achieved}）",
        "short_points": "差 {pts} 个百分点",
        "no_final_figure": "缺期末（{due}）数据，不能确认达标",
        "short_places": "差 {places} 位",
        "one_step_not_done": "{n} 项未完成",
        "steps_not_done": "{n} 项未完成",
        # Year on year (同比); the short forms go under a figure in the table.
        "yoy_up": "同比增长 {pct}%",
        "yoy_down": "同比下降 {pct}%",
        "yoy_flat": "同比持平",
        "yoy_points": "同比 {pts} 个百分点",
        "yoy_places_up": "同比进 {n} 位",
        "yoy_places_down": "同比退 {n} 位",
        "yoy_previous": "（上年同期 {figure}）",
        "yoy_short_pct": "同比{pct}%",
        "yoy_short_points": "同比{pts}个百分点",
        "yoy_short_places": "同比{places}位",
        # The month's own figure (本月) beside a running total.
        "month_figure": "本月 {figure}",
        "with_month": "{current}（{month}）",
        # What changed since an earlier report.
        "changes_heading": "自 {since} 以来的变化",
        "nothing_changed": "无变化。",
        "delta": "（{delta}）",
        "moved_up": "进 {n} 位",
        "moved_down": "退 {n} 位",
        "progress_change": "进度 {pts} 个百分点",
        "n_new": "新报 {n} 条",
        "n_late": "迟报 {n} 条",
        "n_revised": "更正 {n} 条",
        "clause_sep": "；",
        # What the marks under a table mean.
        "mark_stale": "! 数据已过报送期未更新",
        "mark_stretch": "★ 已达力争目标",
        "mark_not_achieved": "未完成：到期（计划期末，或指标自定的截止日）未达目标，或无到期数据可证已达",
        # What record, amend, void and import say.
        "recorded_entry": "已记录 {id}：{what}",
        "entry_line": "{target} = {what}，截至 {when}",
        "entry_corrects": "（更正 {corrects}）",
        "entry_withdraws": "{target}：撤销 {corrects}",
        "n_entries": "{n} 条记录",
        "one_entry": "1 条记录",
        "entry_forced": "（经确认保留）",
        "unit_note": "（{notes}）",
        "unit_from_target": "按指标单位",
        "unit_from_corrected": "按所更正记录的单位",
        "unit_from_column": "按表中单位列",
        "n_in_column": "{n} 条按表中单位列",
        "n_in_row": "{n} 条按各行所注单位",
        "n_in_target_unit": "{n} 条按指标单位",
        "n_in_header_unit": "{n} 条按表头所注单位",
        "n_in_stated_unit": "{n} 条按表格上方所注单位",
        "n_in_percent_sign": "{n} 条按单元格中的%号",
        "imported_entries": "已从 {name} 导入 {entries}到 {path}",
        "dry_run": "试运行：将有 {entries}记入 {path}；未写入任何内容",
        "future_entry": "注意：{day} 晚于今天；tracker status 自该日起计入这条记录",
        # What to do next, under the status table.
        "plan_ended": "计划已于 {end} 结束，以上为期末情况。编制 {year} 年计划：{command}",
        "plan_ended_next_written": "计划已于 {end} 结束，以上为期末情况。{year} 年计划在 {path}："
        "用 --targets {path} 或 TRACKER_TARGETS={path} 使用它",
        "plan_not_started": "计划自 {start} 开始，以上为期初情况。",
        "no_entries": "还没有数据：用 tracker record 指标 数值 --date {month} 记录一项，或用 tracker import 文件 导入月度报表。",
    },
    "en": {
        "target": "Target",
        "goal": "Goal",
        "current": "Current",
        "as_of_col": "As of",
        "progress": "Progress",
        "expected": "Expected",
        "status": "Status",
        "forecast": "Forecast",
        "forecast_at_end": "Plan-end forecast",
        "as_of": "as of",
        "expected_line": "expected progress",
        "id": "ID",
        "action": "Action",
        "kind": "Kind",
        "unit": "Unit",
        "due": "Due",
        "points": "pp",
        "places": "places",
        "gap": "Gap",
        "summary": "summary",
        "date": "Date",
        "value": "Value",
        "note": "Note",
        "source": "Source",
        "by": "By",
        "recorded": "Recorded",
        "entry_state": "State",
        "current_entry": "current",
        "superseded": "superseded",
        "withdrawn": "withdrawn",
        "withdrawal": "withdrawal",
        "corrects": "corrects",
        "replaced_by": "replaced by",
        "reason": "reason",
        "past_due": "past due",
        "n_blocked": "{n} blocked",
        "next_step": "next: {name} (due {when})",
        "list_sep": ", ",
        "on_schedule": "on schedule",
        "behind_schedule": "{pts} pp behind schedule",
        "ahead_of_schedule": "{pts} pp ahead of schedule",
        "on_target": "exactly on target",
        "short_of_target": "{pts} pp short of target",
        "beyond_target": "{pts} pp better than target",
        "at_target_place": "at the target place",
        "places_short": "{places} places short of target",
        "places_better": "{places} places better than target",
        "one_step": "{n} step",
        "steps": "{n} steps",
        "with_stretch": " (stretch {stretch})",
        "html_lang": "en",
        "summary_heading": "Summary",
        "attention_heading": "Needs attention",
        "nothing_behind": "Nothing is behind schedule.",
        "colon": ": ",
        "full_stop": ".",
        "before_latest": " ",
        "named_status": "{name} ({status})",
        "owner": "Owner",
        "lead": "Lead",
        "with_lead": "{owner} ({lead})",
        "lights": "Lights: ",
        "summary_sheet": "Summary",
        "count": "n",
        "due_head": "As of {as_of}: {late} late, {waiting} awaited",
        "due_none": "Every figure due has been recorded.",
        "due_none_here": "Every figure due to this plan has been recorded.",
        "due_none_here_unknown": "Every figure due to this plan has been recorded; the previous plan's (ledger {ledger}) were not checked: no plan file naming that ledger was found beside it; run tracker due --targets with that plan.",
        "due_before": "The previous plan ({path}) still has {late} late, {waiting} awaited; tracker due {option} lists them",
        "late_by": "late by {days} {unit} (due {due})",
        "late_oldest": "all late, the oldest by {days} {unit} (due {due})",
        "awaiting": "awaiting (due {due})",
        "baseline": "Baseline",
        "previous": "Last year",
        "needed_per_month": "  needed per month: ",
        "month_by_month": "Month by month",
        "milestones": "Milestones",
        "not_reported": "not reported",
        "entries": "Entries",
        "report_title": "{plan}: progress report as of {when}",
        "latest": "Latest {figure} (as of {when})",
        "latest_with_note": "Latest {figure} (as of {when}; {note})",
        "latest_assessed": "Latest {figure} ({year} assessment, published {when})",
        "latest_assessed_with_note": "Latest {figure} ({year} assessment, published {when}; {note})",
        "assessed": "{year} assessment",
        "short_amount": "short {figure} ({achieved} achieved)",
        "short_points": "{pts} pp short",
        "no_final_figure": "no figure for the period's end ({due}) to show the goal met",
        "short_places": "{places} places short",
        "one_step_not_done": "{n} step not done",
        "steps_not_done": "{n} steps not done",
        "yoy_up": "+{pct}% y/y",
        "yoy_down": "-{pct}% y/y",
        "yoy_flat": "unchanged y/y",
        "yoy_points": "{pts} pp y/y",
        "yoy_places_up": "up {n} places y/y",
        "yoy_places_down": "down {n} places y/y",
        "yoy_previous": " (a year earlier: {figure})",
        "yoy_short_pct": "{pct}% y/y",
        "yoy_short_points": "{pts}pp y/y",
        "yoy_short_places": "{places} pl. y/y",
        "month_figure": "month {figure}",
        "with_month": "{current} ({month})",
        "changes_heading": "Changes since {since}",
        "nothing_changed": "Nothing changed.",
        "delta": " ({delta})",
        "moved_up": "up {n} places",
        "moved_down": "down {n} places",
        "progress_change": "progress {pts} pp",
        "n_new": "{n} new",
        "n_late": "{n} late",
        "n_revised": "{n} revised",
        "clause_sep": "; ",
        "mark_stale": "! figure overdue for renewal",
        "mark_stretch": "★ stretch goal reached",
        "mark_not_achieved": (
            "not met: the goal was not reached by its due (the plan's end, or the target's own due), "
            "or no figure for that day shows it was"
        ),
        "recorded_entry": "recorded {id}: {what}",
        "entry_line": "{target} = {what} as of {when}",
        "entry_corrects": " (corrects {corrects})",
        "entry_withdraws": "{target}: withdraws {corrects}",
        "n_entries": "{n} entries",
        "one_entry": "1 entry",
        "entry_forced": " (kept over a check)",
        "unit_note": " ({notes})",
        "unit_from_target": "in the target's unit",
        "unit_from_corrected": "in the unit of the entry it corrects",
        "unit_from_column": "in the sheet's unit column",
        "n_in_column": "{n} in the unit of the sheet's unit column",
        "n_in_row": "{n} in the unit given in each row",
        "n_in_target_unit": "{n} in their target's unit",
        "n_in_header_unit": "{n} in the unit its headers give",
        "n_in_stated_unit": "{n} in the unit stated above the table",
        "n_in_percent_sign": "{n} in % by the sign in the cell",
        "imported_entries": "imported {entries} from {name} into {path}",
        "dry_run": "dry run: {entries} would be recorded in {path}; nothing was written",
        "future_entry": "note: {day} is after today; `tracker status` counts this entry from that date on",
        "plan_ended": "The plan ended on {end}; the figures above are as at its end. Start the {year} plan: {command}",
        "plan_ended_next_written": "The plan ended on {end}; the figures above are as at its end. The {year} plan is "
        "in {path}: use it with --targets {path} or TRACKER_TARGETS={path}",
        "plan_not_started": "The plan starts on {start}; the figures above are as at its start.",
        "no_entries": "No figures yet: record one with `tracker record TARGET VALUE --date {month}`, "
        "or import a monthly sheet with `tracker import FILE`.",
    },
}


class Named(Protocol):
    """Anything the plan names in Chinese and, optionally, English: plan, action, target, milestone."""

    @property
    def name(self) -> str: ...

    @property
    def name_en(self) -> str | None: ...


def name(item: Named, lang: str) -> str:
    """The item's name in ``lang``: ``name_en`` in English where the plan gives one."""
    if lang == "en" and item.name_en:
        return item.name_en
    return item.name


def plan_words(plan: Plan, lang: str) -> dict[str, str]:
    """:data:`WORDS` in ``lang`` as ``plan``'s reports head their columns: a forecast is the value at
    the plan's end, which in a plan of a year is the year's (全年预计) and in a longer one the
    period's (期末预计 / "Plan-end forecast": a three-year plan's 2027 figure, never the year's)."""
    words = WORDS[lang]
    if within_a_year(plan.start, plan.end):
        return words
    return words | {"forecast": words["forecast_at_end"]}


def say(lang: str, key: str, **fields: object) -> str:
    """The words ``key`` of :data:`WORDS` in ``lang`` ("zh" or "en"), with ``fields`` filled in
    (``say("en", "n_blocked", n=2)`` is ``"2 blocked"``). Raises ``KeyError`` for an unknown key."""
    return WORDS[lang][key].format(**fields)


def n_entries(n: int, lang: str) -> str:
    """How many entries: "1 条记录", "1 entry", "3 entries"."""
    return say(lang, "one_entry") if n == 1 else say(lang, "n_entries", n=n)


def steps(n: int, lang: str) -> str:
    """How many steps a milestone target has: "3 项", "1 step", "3 steps"."""
    return say(lang, "one_step" if n == 1 else "steps", n=n)
