"""The plan's last day: every target done or not achieved (未完成), with its shortfall."""

from __future__ import annotations

import json
import tempfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import MilestoneStatus, Status
from ledger.render.cells import cells
from tests.helpers import entry, progress_of, write_plan
from tests.test_progress import TARGETS as PROGRESS_TARGETS

# The kinds of target as test_progress defines them; "clusters" has steps due 06-30 and 12-31.
TARGETS = PROGRESS_TARGETS

END = date(2025, 12, 31)


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


def test_a_total_short_of_its_goal_on_the_last_day_is_not_achieved(plan) -> None:
    p = progress_of(plan, [entry("output", END, "1341.05")], END, "output")
    assert p.status is Status.NOT_ACHIEVED  # not 略滞后: the year is over
    assert p.shortfall == Decimal("18.95")  # 1360 − 1341.05
    assert p.progress is not None and p.progress.quantize(Decimal("0.0001")) == Decimal("0.9861")
    assert cells(p, "zh").gap == "短 18.95 亿元（完成 98.6%）"  # 1341.05 / 1360 = 98.607 %, shown floored
    assert cells(p, "en").gap == "short CNY 1.895 bn (98.6% achieved)"
    assert cells(p, "zh").status == "未完成"


def test_the_day_before_the_end_the_same_figure_is_still_judged_by_schedule(plan) -> None:
    p = progress_of(plan, [entry("output", date(2025, 11, 30), "1341.05")], date(2025, 12, 30), "output")
    assert p.status is Status.ON_TRACK  # 98.6 % against November's 11/12 = 91.7 %
    assert p.shortfall is None


def test_met_goals_are_done_and_misses_of_every_kind_are_not_achieved(plan) -> None:
    es = [
        entry("output", END, "1360", n=1),
        entry("space", date(2025, 6, 30), "30", n=2),
        entry("space", END, "15", n=3),
        entry("growth", END, "5.4", n=4),
        entry("rank", END, "73", n=5),
    ]
    assert progress_of(plan, es, END, "output").status is Status.DONE
    space = progress_of(plan, es, END, "space")
    assert (space.status, space.shortfall) == (Status.NOT_ACHIEVED, Decimal(5))  # 50 − (30 + 15)
    assert cells(space, "zh").gap == "短 5 万平方米（完成 90.0%）"
    growth = progress_of(plan, es, END, "growth")
    assert (growth.status, growth.shortfall) == (Status.NOT_ACHIEVED, Decimal("0.6"))  # 6 − 5.4 points
    assert cells(growth, "zh").gap == "差 0.6 个百分点"
    rank = progress_of(plan, es, END, "rank")
    assert (rank.status, rank.shortfall) == (Status.NOT_ACHIEVED, Decimal(3))  # 73rd against 70th
    assert cells(rank, "en").gap == "3 places short"
    # A rate is done only on a reading dated at the period's end: 1—11月's 6.2 says nothing of the year's.
    assert progress_of(plan, [entry("growth", END, "6.2")], END, "growth").status is Status.DONE
    early = progress_of(plan, [entry("growth", date(2025, 11, 30), "6.2")], END, "growth")
    assert (early.status, early.shortfall) == (Status.NOT_ACHIEVED, None)


def test_an_unfinished_milestone_on_the_last_day_is_not_achieved(plan) -> None:
    one = progress_of(plan, [entry("hub", date(2025, 11, 30), status=MilestoneStatus.IN_PROGRESS)], END, "hub")
    assert one.status is Status.NOT_ACHIEVED  # was 达序时 ("due today")
    assert one.shortfall == 1
    es = [entry("clusters", date(2025, 9, 30), n=1, status=MilestoneStatus.DONE, milestone="semi")]
    two = progress_of(plan, es, END, "clusters")
    assert (two.status, two.shortfall) == (Status.NOT_ACHIEVED, Decimal(1))
    assert cells(two, "zh").gap == "1 项未完成"
    assert cells(two, "en").gap == "1 step not done"
    # Nobody reported on it at all: still not achieved, both steps short.
    none = progress_of(plan, [], END, "clusters")
    assert (none.status, none.shortfall) == (Status.NOT_ACHIEVED, Decimal(2))
    assert cells(none, "en").gap == "2 steps not done"


def test_a_rank_without_a_result_stays_no_data_at_the_end(plan) -> None:
    assert progress_of(plan, [], END, "rank").status is Status.NO_DATA
    assert progress_of(plan, [], END, "output").status is Status.NO_DATA


@pytest.fixture
def case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_plan(tmp_path, TARGETS)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args in (["output", "1341.05", "--date", "2025-12"], ["hub", "in_progress", "--date", "2025-11"]):
        assert runner.invoke(app, ["record", *args]).exit_code == 0
    return tmp_path


def test_json_carries_the_status_and_shortfall(case: Path) -> None:
    out = CliRunner().invoke(app, ["status", "--as-of", "2025-12-31", "--format", "json"]).stdout
    doc = json.loads(out)
    assert doc["schema"] == "tracker.status/2"
    # output and hub fell short; clusters had no report at all; the other four have no figure.
    assert doc["summary"] == {"done": 0, "on_track": 0, "at_risk": 0, "behind": 0, "not_achieved": 3, "no_data": 4}
    targets = {t["id"]: t for t in doc["actions"][0]["targets"]}
    output, hub = targets["output"], targets["hub"]
    assert (output["status"], output["shortfall"], output["progress"]) == (
        "not_achieved",
        18.95,
        0.9861,
    )  # 1341.05 / 1360 = 0.98606…, half-up as reports round
    assert (hub["status"], hub["shortfall"]) == ("not_achieved", 1)
    assert (targets["clusters"]["status"], targets["clusters"]["shortfall"]) == ("not_achieved", 2)


def test_check_fail_on_behind_counts_targets_not_achieved(case: Path) -> None:
    result = CliRunner().invoke(app, ["check", "--as-of", "2025-12", "--fail-on", "behind"])
    assert result.exit_code == 3
    assert result.stdout.splitlines() == [
        "not_achieved: output (工业总产值)",
        "not_achieved: hub (临平北枢纽)",
        "not_achieved: clusters (产业集聚区)",
    ]


def test_the_year_end_report_lists_every_target_not_achieved(case: Path) -> None:
    out = CliRunner().invoke(app, ["report", "--as-of", "2025-12-31", "--lang", "zh"]).stdout
    attention = out[out.index("## 需关注的指标") : out.index("## 行动")]
    items = [line for line in attention.splitlines() if line.startswith("- ")]
    assert items[0].startswith("- **工业总产值**（未完成）：短 18.95 亿元（完成 98.6%）。")
    assert items[1].startswith("- **临平北枢纽**（未完成）：1 项未完成。")
    assert items[2] == "- **产业集聚区**（未完成）：2 项未完成。"  # every target not achieved, none left out
    assert len(items) == 3


def test_after_the_plan_and_before_any_figure_the_table_says_what_to_do(plan) -> None:
    from ledger.render.guidance import next_steps

    assert next_steps(plan, date(2026, 11, 29), False, 0, "en") == [
        "The plan ended on 2025-12-31; the figures above are as at its end. "
        "Start the 2026 plan: tracker init --from targets.toml --year 2026",
        "No figures yet: record one with `tracker record TARGET VALUE --date 2025-12`, "
        "or import a monthly sheet with `tracker import FILE`.",
    ]
    assert next_steps(plan, date(2025, 4, 2), False, 0, "zh") == [
        "还没有数据：用 tracker record 指标 数值 --date 2025-04 记录一项，或用 tracker import 文件 导入月度报表。"
    ]
    assert next_steps(plan, date(2026, 11, 29), True, 3, "en") == []  # the reader chose the date
    written = Path("targets-2026.toml")
    assert next_steps(plan, date(2026, 11, 29), False, 3, "zh", written) == [
        "计划已于 2025-12-31 结束，以上为期末情况。2026 年计划在 targets-2026.toml："
        "用 --targets targets-2026.toml 或 TRACKER_TARGETS=targets-2026.toml 使用它"
    ]


def test_status_on_a_fresh_checkout_tells_a_newcomer_what_to_do(workdir: Path) -> None:
    # The shipped plan is 2025's; the clock says later (this test is true from 2026 on).
    out = CliRunner().invoke(app, ["status", "--lang", "en"]).stdout
    tail = " ".join(out.split())  # the table wraps at 80 columns
    assert "The plan ended on 2025-12-31; the figures above are as at its end." in tail
    assert "Start the 2026 plan: tracker init --from targets.toml --year 2026" in tail
    assert "No figures yet: record one with `tracker record TARGET VALUE --date 2025-12`" in tail
    # The marks are explained.
    assert "not met: the goal was not reached by its due (the plan's end, or the target's own due)" in tail


def test_the_marks_are_explained_under_the_table(case: Path) -> None:
    out = CliRunner().invoke(app, ["status", "--as-of", "2025-12-31", "--lang", "zh"]).stdout
    assert "未完成：到期（计划期末，或指标自定的截止日）未达目标" in out
    assert "计划已于" not in out  # --as-of given: no surprise to explain
    stale = CliRunner().invoke(app, ["status", "--as-of", "2025-12-31", "--lang", "en", "-f", "markdown"]).stdout
    assert "not met: the goal was not reached by its due (the plan's end, or the target's own due)" in stale


def test_the_legend_names_only_the_marks_shown(plan) -> None:
    from ledger import evaluate
    from ledger.render.document import legend

    # March's figure, not renewed by June 30 (April's was due by May 20): stale.
    stale = evaluate(plan, [entry("output", date(2025, 3, 31), "300")], date(2025, 6, 30))
    assert legend(stale, "en") == ["! figure overdue for renewal"]
    assert legend(evaluate(plan, [], date(2025, 6, 30)), "zh") == []


def test_milestones_may_carry_english_names(tmp_path: Path) -> None:
    from ledger.render.json_doc import status_document
    from ledger.rollover import next_plan

    plan = write_plan(
        tmp_path,
        TARGETS.replace(
            '{ id = "robot", name = "机器人", due', '{ id = "robot", name = "机器人", name_en = "Robotics", due'
        ),
    )
    es = [entry("clusters", date(2025, 3, 31), n=1, status=MilestoneStatus.DONE, milestone="semi")]
    p = progress_of(plan, es, date(2025, 6, 30), "clusters")
    assert cells(p, "en").gap == "next: Robotics (due 12-31)"
    assert cells(p, "zh").gap == "下一项：机器人（12-31 到期）"
    doc = status_document(evaluate_plan(plan, es))
    clusters = doc["actions"][0]["targets"][-1]
    assert [m["name_en"] for m in clusters["milestones"]] == [None, "Robotics"]
    assert 'name = "机器人", name_en = "Robotics", due = 2026-12-31' in next_plan(plan, es, 2026).text


def evaluate_plan(plan, es):
    from ledger import evaluate

    return evaluate(plan, es, date(2025, 6, 30))


def test_csv_carries_the_shortfall(case: Path) -> None:
    import csv
    import io

    out = CliRunner().invoke(app, ["status", "--as-of", "2025-12-31", "-f", "csv", "--lang", "zh"]).stdout
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(out))}
    output = rows["output"]
    assert (output["status"], output["status_label"], output["shortfall"]) == ("not_achieved", "未完成", "18.95")
    assert rows["hub"]["shortfall"] == "1"  # one milestone step not done
    assert rows["space"]["shortfall"] == ""


def test_after_the_end_a_target_not_achieved_has_no_forecast_and_no_pace(workdir: Path) -> None:
    # August's 842.70 of 1,360 read at 2025-12-31: no months are left for the 129.33 a month it
    # would ask of September–December, and no year-end forecast (1264.05) is to come: null in
    # JSON and nothing in the table or show, for a running total as for an addition.
    runner = CliRunner()
    for args in (("industrial-output", "842.70", "--date", "2025-08"), ("innovation-space", "12", "--date", "2025-07")):
        assert runner.invoke(app, ["record", *args]).exit_code == 0
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-12-31", "--format", "json"]).stdout)
    got = {t["id"]: t for a in doc["actions"] for t in a["targets"]}
    for target in ("industrial-output", "innovation-space"):
        assert (got[target]["status"], got[target]["forecast"], got[target]["needed_per_month"]) == (
            "not_achieved",
            None,
            None,
        )
    # 1—8月 is not the year's figure: no shortfall of 517.30 is stated, the figure is missing.
    assert got["industrial-output"]["shortfall"] is None
    table = runner.invoke(app, ["status", "--as-of", "2025-12-31", "--lang", "zh"]).stdout.splitlines()
    assert "工业总产值         1360 亿元 842.70 08-31! ████░░░░  61.9% 66.7% 未完成" in table
    # The addition is judged at 11-30, November's figure being due (12-15) and August–November
    # missing (counting 0); December's is not due until 2026-01-15.
    assert "新增创新空间面积 50 万平方米     12 11-30! █░░░░░░░  24.0% 91.7% 未完成" in table
    show = runner.invoke(app, ["show", "industrial-output", "--as-of", "2025-12-31", "--lang", "zh"]).stdout
    assert "缺期末（2025-12-31）数据，不能确认达标" in show.splitlines()
    assert "短 517.30" not in show
    assert "尚需每月" not in show and "全年预计" not in show


@given(
    st.sampled_from([("output", 1360), ("space", 50)]),
    st.integers(min_value=1, max_value=12),
    st.decimals(min_value=0, max_value=Decimal("0.999"), places=3),
    st.dates(min_value=END, max_value=date(2026, 12, 31)),
)
def test_from_the_due_on_a_miss_has_no_forecast_and_no_pace(
    target: tuple[str, int], month: int, share: Decimal, as_of: date
) -> None:
    # Any total or addition short of its goal, its last figure of any month, read on or after
    # its due: no time is left, so neither a forecast nor a pace; the shortfall says the rest,
    # when the figure is the period's: a running total's of the 28th is not the year's, nor an
    # addition's before December (December's own may close the gap), and those have none.
    with tempfile.TemporaryDirectory() as folder:
        plan = write_plan(Path(folder), TARGETS)
    name, goal = target
    value = (goal * share).quantize(Decimal("0.01"))
    p = progress_of(plan, [entry(name, date(2025, month, 28), str(value))], as_of, name)
    assert p.status is Status.NOT_ACHIEVED
    final = name == "space" and month == 12
    assert (p.forecast, p.needed_per_month, p.shortfall) == (None, None, goal - value if final else None)
    assert p.final_missing is not final


def test_a_running_total_of_1_11_at_the_end_is_missing_decembers_figure_not_short(workdir: Path) -> None:
    # In early January 1—11月's 1,230 (本月 118) is the latest: December's ~120 nearly closes the
    # 130 to 1,360, so the year-end report states no shortfall of 130 nor 90.4 % completed; an
    # addition of 45 of 50 through November likewise; `check` leaves the figure to `due`.
    runner = CliRunner(env={"TRACKER_LANG": "zh"})
    for args in (
        ["industrial-output", "1230", "--date", "2025-11", "--month-value", "118", "--note", "1—11月累计"],
        # Every month's addition but December's: 4 a month January–October, 5 in November.
        *(["innovation-space", "4", "--date", f"2025-{m:02d}"] for m in range(1, 11)),
        ["innovation-space", "5", "--date", "2025-11"],
    ):
        assert runner.invoke(app, ["record", *args]).exit_code == 0
    report = runner.invoke(app, ["report", "--as-of", "2025-12-31"]).stdout.splitlines()
    assert (
        "- **工业总产值**（未完成）：缺期末（2025-12-31）数据，不能确认达标。最新 1230 亿元（截至 2025-11-30；1—11月累计）"
        in report
    )
    assert (
        "- **新增创新空间面积**（未完成）：缺期末（2025-12-31）数据，不能确认达标。最新 45 万平方米（截至 2025-11-30）"
        in report
    )
    assert not [line for line in report if "短 130" in line or "短 5 " in line or "90.4%）" in line]
    html = runner.invoke(app, ["report", "--as-of", "2025-12-31", "--format", "html", "--lang", "en"]).stdout
    assert "no figure for the period&#x27;s end (2025-12-31) to show the goal met. Latest CNY 123.0 bn" in html
    doc = json.loads(runner.invoke(app, ["status", "--as-of", "2025-12-31", "--format", "json"]).stdout)
    got = {t["id"]: t for a in doc["actions"] for t in a["targets"]}
    for target, current in (("industrial-output", 1230), ("innovation-space", 45)):
        row = got[target]
        assert (row["status"], row["shortfall"], row["current"], row["current_date"]) == (
            "not_achieved",
            None,
            current,
            "2025-11-30",
        )
    named = runner.invoke(app, ["check", "--as-of", "2025-12-31", "--fail-on", "behind"]).stdout.splitlines()
    assert not [x for x in named if "industrial-output" in x or "innovation-space" in x]
    owed = runner.invoke(app, ["due", "--as-of", "2026-01-20", "--target", "industrial-output", "--fail-on", "late"])
    assert owed.exit_code == 3 and "2025-12" in owed.stdout
    # December's 1—12月 comes in: now short by the year's figure, and named by check.
    assert runner.invoke(app, ["record", "industrial-output", "1341.05", "--date", "2025-12"]).exit_code == 0
    report = runner.invoke(app, ["report", "--as-of", "2025-12-31"]).stdout
    assert "- **工业总产值**（未完成）：短 18.95 亿元（完成 98.6%）。最新 1341.05 亿元（截至 2025-12-31）" in report
    named = runner.invoke(app, ["check", "--as-of", "2025-12-31", "--fail-on", "behind"]).stdout.splitlines()
    assert "not_achieved: industrial-output (工业总产值)" in named
