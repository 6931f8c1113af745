"""The year's end judged on what the readings say of the year (README, "The year's end").

A rate is done only on a reading dated at the end of its period: a June 同比 of 6.2 % against 6 %
says nothing of the year's, so on and after the plan's last day it is 未完成, with no shortfall
(the period's figure is missing, not short) and every output says so. The other kinds keep their
own rules: a total or increment whose figure meets the goal, a rank at its place (an assessment
result is final), milestones all done. A total or increment short of its goal without its figure
for the period's end (1—11月's running total, no December addition) is likewise missing that
figure, not short by the latest: December's own may close the gap.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cli import app
from ledger import Entry, MilestoneStatus, Status, evaluate
from ledger.render.cells import cells
from ledger.render.json_doc import status_document
from tests.helpers import entry, progress_of, write_plan
from tests.test_progress import TARGETS as PROGRESS_TARGETS

END = date(2025, 12, 31)
JUNE = date(2025, 6, 30)
NOVEMBER = date(2025, 11, 30)

# test_progress's kinds (output, space, growth, energy falling, rank, hub, clusters), and a falling
# stock, a rate due at midyear and one with a stretch.
TARGETS = (
    PROGRESS_TARGETS
    + """
[[target]]
id = "debt"
action = "a"
name = "存量债务"
kind = "total"
unit = "亿元"
baseline = 120
target = 100

[[target]]
id = "half"
action = "a"
name = "上半年增速"
kind = "rate"
unit = "%"
target = 6
due = 2025-06-30

[[target]]
id = "star"
action = "a"
name = "营收增速"
kind = "rate"
unit = "%"
target = 6
stretch = 7
"""
)


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


@pytest.mark.parametrize("day", [JUNE, NOVEMBER])
def test_a_rate_met_before_the_end_is_not_achieved_at_the_end(plan, day: date) -> None:
    p = progress_of(plan, [entry("growth", day, "6.2")], END, "growth")
    assert p.status is Status.NOT_ACHIEVED  # was 已完成 on a June (or 1—11月) reading
    assert p.shortfall is None  # 6.2 is not short of 6: the year's figure is missing
    assert p.gap == Decimal("0.2")  # the reading's own distance from the goal, as before
    assert (p.current, p.current_date) == (Decimal("6.2"), day)
    zh, en = cells(p, "zh"), cells(p, "en")
    assert (zh.status, zh.gap) == ("未完成", "缺期末（2025-12-31）数据，不能确认达标")
    assert (en.status, en.gap) == ("not met", "no figure for the period's end (2025-12-31) to show the goal met")
    # The day before the end the same reading is on track; with December's reading it is done.
    assert progress_of(plan, [entry("growth", day, "6.2")], date(2025, 12, 30), "growth").status is Status.ON_TRACK
    final = progress_of(plan, [entry("growth", day, "6.2", n=1), entry("growth", END, "6", n=2)], END, "growth")
    assert (final.status, final.shortfall) == (Status.DONE, None)  # exactly at the goal: a gap of 0 is not short


def test_a_rate_either_way_is_short_by_its_reading_or_lacks_the_periods_figure(plan) -> None:
    short = progress_of(plan, [entry("growth", JUNE, "5.4")], END, "growth")
    assert (short.status, short.shortfall) == (Status.NOT_ACHIEVED, Decimal("0.6"))  # 6 − 5.4
    assert cells(short, "zh").gap == "差 0.6 个百分点"
    early = progress_of(plan, [entry("energy", NOVEMBER, "-3.5")], END, "energy")
    assert (early.status, early.shortfall, early.gap) == (Status.NOT_ACHIEVED, None, Decimal("0.5"))
    final = progress_of(plan, [entry("energy", END, "-3.5")], END, "energy")
    assert final.status is Status.DONE
    up = progress_of(plan, [entry("energy", END, "-2.2")], END, "energy")
    assert (up.status, up.shortfall) == (Status.NOT_ACHIEVED, Decimal("0.8"))  # −2.2 against −3


def test_a_rate_due_before_the_plans_end_is_judged_at_its_own_due_date(plan) -> None:
    on_due = progress_of(plan, [entry("half", JUNE, "6.5")], END, "half")
    assert on_due.status is Status.DONE
    early = progress_of(plan, [entry("half", date(2025, 5, 31), "6.5")], END, "half")
    assert (early.status, early.shortfall) == (Status.NOT_ACHIEVED, None)
    assert cells(early, "zh").gap == "缺期末（2025-06-30）数据，不能确认达标"


def test_no_stretch_star_beside_a_rate_not_achieved(plan) -> None:
    stale = progress_of(plan, [entry("star", JUNE, "7.5")], END, "star")
    assert stale.stretch_met is False
    assert cells(stale, "zh").status == "未完成"  # no ★
    final = progress_of(plan, [entry("star", END, "7.5")], END, "star")
    assert final.stretch_met is True
    assert cells(final, "zh").status == "已完成 ★"


def test_each_kind_keeps_its_own_rule_at_the_end(plan) -> None:
    # A rate's 1—9月 reading beyond its goal is not the year's.
    assert progress_of(plan, [entry("growth", date(2025, 9, 30), "6.5")], END, "growth").status is Status.NOT_ACHIEVED
    # A 1—9月 running total past its goal has met it: running totals only add months.
    assert progress_of(plan, [entry("output", date(2025, 9, 30), "1400")], END, "output").status is Status.DONE
    # An assessment result is final whenever it was published.
    assert progress_of(plan, [entry("rank", JUNE, "68")], END, "rank").status is Status.DONE
    rank = progress_of(plan, [entry("rank", JUNE, "73")], END, "rank")
    assert (rank.status, rank.shortfall) == (Status.NOT_ACHIEVED, Decimal(3))
    # Additions made by June count at the end.
    assert progress_of(plan, [entry("space", JUNE, "50")], END, "space").status is Status.DONE
    es = [
        entry("clusters", JUNE, n=1, status=MilestoneStatus.DONE, milestone="semi"),
        entry("clusters", date(2025, 9, 30), n=2, status=MilestoneStatus.DONE, milestone="robot"),
    ]
    assert progress_of(plan, es, END, "clusters").status is Status.DONE


# --- every kind × reading date before or at the end × as-of at or after it -----------------------

_DAYS = st.one_of(st.just(END), st.just(JUNE), st.dates(min_value=date(2025, 1, 1), max_value=END))
_LATER = st.integers(min_value=0, max_value=400).map(lambda n: END + timedelta(days=n))


def _tenths(low: int, high: int) -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=low, max_value=high).map(lambda n: Decimal(n) / 10)


_VALUES = {
    "output": _tenths(0, 20000),
    "debt": _tenths(800, 1300),
    "space": _tenths(0, 600),
    "growth": _tenths(40, 80),
    "energy": _tenths(-50, -10),
    "half": _tenths(40, 80),
    "star": _tenths(40, 90),
    "rank": st.integers(min_value=60, max_value=80).map(Decimal),
}


@st.composite
def _case(draw: st.DrawFn) -> tuple[str, list[Entry]]:
    target = draw(st.sampled_from([*_VALUES, "clusters", "hub"]))
    n = draw(st.integers(min_value=1, max_value=3))
    es = []
    for i in range(n):
        day = draw(_DAYS)
        if target in ("clusters", "hub"):
            step = draw(st.sampled_from(["semi", "robot"])) if target == "clusters" else None
            state = draw(st.sampled_from(list(MilestoneStatus)))
            es.append(entry(target, day, n=i, status=state, milestone=step))
        else:
            es.append(entry(target, day, str(draw(_VALUES[target])), n=i))
    return target, es


def _by_hand(target: str, es: list[Entry]) -> tuple[Status, Decimal | None]:
    """The year's verdict and shortfall as the README states them, kind by kind."""
    if target == "half":  # judged on its own due: a reading dated later counts for nothing
        es = [e for e in es if e.date <= JUNE]
        if not es:
            return Status.NO_DATA, None
    ordered = sorted(es, key=lambda e: e.date)  # stable: of one date, the later entry counts
    latest = ordered[-1]
    v = latest.value
    if target in ("clusters", "hub"):
        last = {e.milestone: e.status for e in ordered}
        steps = ("semi", "robot") if target == "clusters" else (None,)  # a target without steps is its own
        left = sum(last.get(step) is not MilestoneStatus.DONE for step in steps)
        return (Status.DONE, None) if left == 0 else (Status.NOT_ACHIEVED, Decimal(left))
    assert v is not None
    if target in ("output", "debt", "space"):
        if target == "output":
            short = 1360 - v
        elif target == "debt":
            short = v - 100  # a falling stock: at or under 100 is met
        else:
            short = 50 - sum(e.value for e in es if e.value is not None)
        # Short without the period's figure (a reading of the 31st, an addition made in December):
        # the year's is not known.
        final = latest.date >= END if target != "space" else latest.date > NOVEMBER
        if short > 0 and not final:
            return Status.NOT_ACHIEVED, None
    elif target == "rank":
        short = v - 70
    else:
        goal, due = {"growth": (6, END), "star": (6, END), "energy": (-3, END), "half": (6, JUNE)}[target]
        short = v - goal if target == "energy" else goal - v
        if short <= 0:
            return (Status.DONE, None) if latest.date >= due else (Status.NOT_ACHIEVED, None)
    return (Status.DONE, None) if short <= 0 else (Status.NOT_ACHIEVED, short)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)
@given(case=_case(), as_of=_LATER)
def test_every_kind_at_or_after_the_end_is_done_only_by_its_own_rule(plan, case, as_of: date) -> None:
    target, es = case
    p = progress_of(plan, es, as_of, target)
    assert (p.status, p.shortfall) == _by_hand(target, es)
    # Nothing changes after the last day: the verdict is the plan's end's.
    at_end = progress_of(plan, es, END, target)
    assert (at_end.status, at_end.shortfall, at_end.gap) == (p.status, p.shortfall, p.gap)
    # The words agree with the verdict in both languages, and JSON carries the same.
    for lang, done, beyond in (("zh", "已完成", "超目标"), ("en", "done", "beyond")):
        c = cells(p, lang)
        assert c.status.startswith(done) == (p.status is Status.DONE)
        if p.status is Status.NOT_ACHIEVED:
            assert beyond not in c.gap and c.gap
    doc = status_document(evaluate(plan, es, as_of))
    row = next(t for a in doc["actions"] for t in a["targets"] if t["id"] == target)
    assert row["status"] == p.status.value
    assert (row["shortfall"] is None) == (p.shortfall is None)


# --- the trial's case through every output ---------------------------------------------------------


@pytest.fixture
def trial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    write_plan(tmp_path, TARGETS)
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    for args in (
        ["growth", "6.2", "--date", "2025-06"],
        ["output", "700", "--date", "2025-06"],
        ["star", "7.5", "--date", "2025-06"],
    ):
        result = runner.invoke(app, ["record", *args])
        assert result.exit_code == 0, result.output
    return tmp_path


def _run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_status_json_says_not_achieved_without_a_shortfall(trial: Path) -> None:
    doc = json.loads(_run("status", "--format", "json"))  # a fresh run after the plan: as at its end
    assert doc["as_of"] == "2025-12-31"
    rows = {t["id"]: t for t in doc["actions"][0]["targets"]}
    growth, output = rows["growth"], rows["output"]
    assert (growth["status"], growth["shortfall"], growth["gap"], growth["current_date"]) == (
        "not_achieved",
        None,
        0.2,
        "2025-06-30",
    )
    assert rows["star"]["stretch_met"] is False  # 7.5 beyond the stretch 7, but not the year's figure
    # 1—6月's 700 is not the year's: no shortfall of 660 (1360 − 700), the period's figure is missing
    assert (output["status"], output["shortfall"], output["current"]) == ("not_achieved", None, 700)
    assert doc["summary"]["done"] == 0


def test_the_report_table_csv_and_show_say_the_same(trial: Path) -> None:
    markdown = _run("report", "--lang", "zh")
    assert (
        "- **工业增加值增速**（未完成）：缺期末（2025-12-31）数据，不能确认达标。最新 6.2%（截至 2025-06-30）"
        in markdown
    )
    assert (
        "- **工业总产值**（未完成）：缺期末（2025-12-31）数据，不能确认达标。最新 700 亿元（截至 2025-06-30）"
        in markdown
    )
    assert "短 660" not in markdown and "51.4%）" not in markdown  # not 1360 − 700, nor 700 / 1360 as the year's
    row = next(line for line in markdown.splitlines() if line.startswith("| 工业增加值增速 |"))
    assert "| 未完成 | 缺期末（2025-12-31）数据，不能确认达标 |" in row
    assert "已完成" not in row and "超目标" not in row
    html = _run("report", "--format", "html", "--lang", "en")
    assert "no figure for the period&#x27;s end (2025-12-31) to show the goal met" in html
    assert "beyond target" not in html
    table = _run("status", "--lang", "zh")
    line = next(x for x in table.splitlines() if x.startswith("工业增加值增速"))
    assert "未完成" in line and "已完成" not in line
    assert "未完成：到期（计划期末，或指标自定的截止日）未达目标，或无到期数据可证已达" in table
    rows = list(csv.DictReader(io.StringIO(_run("status", "--format", "csv"))))
    growth = next(r for r in rows if r["id"] == "growth")
    assert (growth["status"], growth["shortfall"]) == ("not_achieved", "")
    _run("status", "--lang", "zh", "--output", "status.xlsx")
    sheets = openpyxl.load_workbook(trial / "status.xlsx").worksheets  # the summary, then an action's
    lit = next(r for ws in sheets for r in ws.iter_rows(values_only=True) if r and r[0] == "工业增加值增速")
    assert "未完成" in lit and "缺期末（2025-12-31）数据，不能确认达标" in lit and "已完成" not in lit
    shown = _run("show", "growth", "--lang", "zh")
    assert "状态: 未完成" in shown and "缺期末（2025-12-31）数据，不能确认达标" in shown
    shown_json = json.loads(_run("show", "growth", "--format", "json"))
    assert json.dumps(shown_json, ensure_ascii=False).count('"status": "not_achieved"') >= 1


def test_check_fail_on_behind_names_a_years_figures_that_stopped_in_june(trial: Path) -> None:
    # June's readings (a rate beyond its goal, a running total short of it) are not the year's: the
    # period-end figure is missing, and so are July's to November's, long late: named, as the
    # milestones not done are (a year whose figures stopped in June never passes its check).
    result = CliRunner().invoke(app, ["check", "--fail-on", "behind"])
    assert result.exit_code == 3
    named = result.stdout.splitlines()
    assert "not_achieved: clusters (产业集聚区)" in named
    assert [x.split(" ")[1] for x in named if x.split(" ")[1] in ("growth", "output", "star")] == [
        "output",
        "growth",
        "star",
    ]
    assert "its figures are late since" in result.stderr
    late = CliRunner().invoke(app, ["due", "--as-of", "2026-01-20", "--target", "output", "--fail-on", "late"])
    assert late.exit_code == 3 and "2025-12" in late.stdout
    # December's figures come: the rate met, the total short by 1360 − 1300 = 60, named as such.
    for args in (["growth", "6.1", "--date", "2025-12"], ["output", "1300", "--date", "2025-12"]):
        assert CliRunner().invoke(app, ["record", *args]).exit_code == 0
    named = CliRunner().invoke(app, ["check", "--fail-on", "behind"]).stdout.splitlines()
    assert "not_achieved: output (工业总产值)" in named
    assert "not_achieved: star (营收增速)" in named  # its figures still stop in June
    assert not [x for x in named if x.split(" ")[1] == "growth"]
    report = _run("report", "--lang", "zh")
    assert "- **工业总产值**（未完成）：短 60 亿元（完成 95.5%）。最新 1300 亿元（截至 2025-12-31）" in report
