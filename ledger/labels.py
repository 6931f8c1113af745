"""Words shown to people, in Chinese and English (``lang`` is ``"zh"`` or ``"en"``)."""

from __future__ import annotations

from typing import Protocol

from .model import MilestoneStatus, Status

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
    "zh": {
        MilestoneStatus.NOT_STARTED: "未启动",
        MilestoneStatus.IN_PROGRESS: "推进中",
        MilestoneStatus.DONE: "已完成",
        MilestoneStatus.BLOCKED: "受阻",
    },
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
