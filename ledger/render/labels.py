"""Words shown to people, in Chinese and English (``lang`` is ``"zh"`` or ``"en"``)."""

from __future__ import annotations

from ..model import MILESTONE_WORDS, Action, MilestoneStatus, Plan, Status, Target

STATUS = {
    "zh": {
        Status.DONE: "已完成",
        Status.ON_TRACK: "达序时",
        Status.AT_RISK: "略滞后",
        Status.BEHIND: "滞后",
        Status.NO_DATA: "无数据",
    },
    "en": {
        Status.DONE: "done",
        Status.ON_TRACK: "on track",
        Status.AT_RISK: "at risk",
        Status.BEHIND: "behind",
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
    },
}


def name(item: Plan | Action | Target, lang: str) -> str:
    """The item's name in ``lang``: ``name_en`` in English where the plan gives one."""
    if lang == "en" and item.name_en:
        return item.name_en
    return item.name


def say(lang: str, key: str, **fields: object) -> str:
    """The words ``key`` of :data:`WORDS` in ``lang`` ("zh" or "en"), with ``fields`` filled in
    (``say("en", "n_blocked", n=2)`` is ``"2 blocked"``). Raises ``KeyError`` for an unknown key."""
    return WORDS[lang][key].format(**fields)


def steps(n: int, lang: str) -> str:
    """How many steps a milestone target has: "3 项", "1 step", "3 steps"."""
    return say(lang, "one_step" if n == 1 else "steps", n=n)
