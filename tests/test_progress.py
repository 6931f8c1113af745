"""The arithmetic of every kind, against values computed by hand (README, "How progress is counted")."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ledger import MilestoneStatus, Status, evaluate
from ledger.errors import LedgerError
from tests.helpers import entry, progress_of, write_plan

TARGETS = """
[[target]]
id = "output"
action = "a"
name = "工业总产值"
kind = "total"
unit = "亿元"
target = 1360

[[target]]
id = "space"
action = "a"
name = "新增创新空间面积"
kind = "increment"
unit = "万平方米"
target = 50

[[target]]
id = "growth"
action = "a"
name = "工业增加值增速"
kind = "rate"
unit = "%"
target = 6

[[target]]
id = "energy"
action = "a"
name = "单位产值能耗"
kind = "rate"
unit = "%"
target = -3
direction = "down"

[[target]]
id = "rank"
action = "a"
name = "国考排名"
kind = "rank"
unit = "位"
target = 70
previous = 80

[[target]]
id = "hub"
action = "a"
name = "临平北枢纽"
kind = "milestone"

[[target]]
id = "clusters"
action = "a"
name = "产业集聚区"
kind = "milestone"
milestones = [
  { id = "semi", name = "半导体", due = 2025-06-30 },
  { id = "robot", name = "机器人", due = 2025-12-31 },
]
"""


@pytest.fixture
def plan(tmp_path: Path):
    return write_plan(tmp_path, TARGETS)


def test_total_half_done_at_half_time_is_on_track(plan) -> None:
    p = progress_of(plan, [entry("output", date(2025, 6, 30), "680")], date(2025, 6, 30), "output")
    assert p.progress == Decimal("0.5")
    assert p.expected == Decimal("0.5")
    assert p.status is Status.ON_TRACK
    assert p.gap == 0
    assert p.forecast == 1360
    assert round(p.needed_per_month, 2) == Decimal("113.33")  # 680 left over 6 months
    assert p.current_date == date(2025, 6, 30)


def test_total_is_judged_at_its_reading_date(plan) -> None:
    # March's 1–3月累计 of 318.6 is judged against March (25 %) even when asked in mid-April.
    p = progress_of(plan, [entry("output", date(2025, 3, 31), "318.6")], date(2025, 4, 15), "output")
    assert p.expected == Decimal("0.25")
    assert round(p.progress, 4) == Decimal("0.2343")  # 318.6 / 1360
    assert p.status is Status.AT_RISK  # 1.57 points behind, within the default 5
    assert round(p.forecast, 2) == Decimal("1274.40")  # 318.6 / 0.25


def test_total_uses_the_latest_reading_and_ignores_later_ones(plan) -> None:
    es = [entry("output", date(2025, 2, 28), "200", 1), entry("output", date(2025, 5, 31), "500", 2)]
    assert progress_of(plan, es, date(2025, 3, 31), "output").current == 200
    p = progress_of(plan, es, date(2025, 6, 30), "output")
    assert p.current == 500
    # 500/1360 = 0.3676 against 5/12 = 0.4167: 4.9 points behind, still at_risk
    assert p.status is Status.AT_RISK
    assert round(p.gap, 4) == Decimal("-0.0490")


def test_total_far_behind_and_done(plan) -> None:
    assert progress_of(plan, [entry("output", date(2025, 6, 30), "600")], date(2025, 6, 30), "output").status is (
        Status.BEHIND
    )  # 44.1 % against 50 %
    done = progress_of(plan, [entry("output", date(2025, 11, 30), "1360.5")], date(2025, 12, 31), "output")
    assert done.status is Status.DONE
    assert done.needed_per_month == 0


def test_increment_sums_entries_and_is_judged_at_its_last_period_due(plan) -> None:
    es = [entry("space", date(2025, 2, 28), "10.1", 1), entry("space", date(2025, 4, 30), "2.4", 2)]
    # July 16: June's figure was due July 15, so June counts (zero) and it is judged at 06-30.
    p = progress_of(plan, es, date(2025, 7, 16), "space")
    assert p.current == Decimal("12.5")
    assert p.judged_at == date(2025, 6, 30)
    assert p.progress == Decimal("0.25")
    assert p.expected == Decimal("0.5")
    assert p.status is Status.BEHIND
    assert p.forecast == 25
    assert round(p.needed_per_month, 4) == Decimal("6.25")  # 37.5 over 6 months
    # June 30: June's figure is not due until July 15; May's (due June 15) is: judged at 05-31.
    p = progress_of(plan, es, date(2025, 6, 30), "space")
    assert p.judged_at == date(2025, 5, 31)
    assert p.expected == Decimal(5) / 12
    assert p.status is Status.BEHIND  # 25 % against 41.67 %: March and May count zero
    assert p.forecast == 30  # 12.5 over 5 months, 12 of them
    assert p.needed_per_month == Decimal("37.5") / 7  # over June–December


def test_decimal_arithmetic_keeps_typed_digits(plan) -> None:
    es = [entry("space", date(2025, 1, 31), "320.1", 1), entry("space", date(2025, 1, 31), "0.2", 2)]
    p = progress_of(plan, es, date(2025, 1, 31), "space")
    assert str(p.current) == "320.3"


def test_rate_thresholds(plan) -> None:
    def rate(value: str, day: date = date(2025, 6, 30)):
        return progress_of(plan, [entry("growth", day, value)], date(2025, 11, 30), "growth")

    at_risk = rate("5.2")
    assert at_risk.status is Status.AT_RISK
    assert at_risk.gap == Decimal("-0.8")
    assert rate("6.0").status is Status.ON_TRACK
    assert rate("5.0").status is Status.AT_RISK  # exactly 1.0 point short
    assert rate("4.9").status is Status.BEHIND
    behind = rate("-4.6")
    assert behind.status is Status.BEHIND
    assert behind.gap == Decimal("-10.6")
    assert rate("6.1", date(2025, 11, 30)).status is Status.ON_TRACK  # not yet the year's figure


def test_rate_direction_down_flips_the_gap(plan) -> None:
    p = progress_of(plan, [entry("energy", date(2025, 6, 30), "-3.5")], date(2025, 6, 30), "energy")
    assert p.gap == Decimal("0.5")
    assert p.status is Status.ON_TRACK
    worse = progress_of(plan, [entry("energy", date(2025, 6, 30), "-1.5")], date(2025, 6, 30), "energy")
    assert worse.gap == Decimal("-1.5")
    assert worse.status is Status.BEHIND


@pytest.mark.parametrize(
    ("reading", "status", "gap"),
    [("70", Status.DONE, 0), ("65", Status.DONE, 5), ("75", Status.AT_RISK, -5), ("76", Status.BEHIND, -6)],
)
def test_rank(plan, reading: str, status: Status, gap: int) -> None:
    p = progress_of(plan, [entry("rank", date(2025, 9, 30), reading)], date(2025, 9, 30), "rank")
    assert p.status is status
    assert p.gap == gap


def test_rank_without_a_result_is_no_data_not_behind(plan) -> None:
    p = progress_of(plan, [], date(2025, 12, 31), "rank")
    assert p.status is Status.NO_DATA
    assert p.current is None and p.gap is None


def test_single_milestone(plan) -> None:
    def ms(state: MilestoneStatus, as_of: date = date(2025, 6, 30)):
        return progress_of(plan, [entry("hub", date(2025, 5, 31), status=state)], as_of, "hub")

    assert ms(MilestoneStatus.IN_PROGRESS).status is Status.ON_TRACK
    assert ms(MilestoneStatus.BLOCKED).status is Status.AT_RISK
    assert ms(MilestoneStatus.DONE).status is Status.DONE
    assert ms(MilestoneStatus.DONE).progress == 1
    assert ms(MilestoneStatus.IN_PROGRESS, date(2025, 12, 30)).status is Status.ON_TRACK  # due tomorrow


def test_milestones_past_due_are_behind(plan) -> None:
    es = [
        entry("clusters", date(2025, 3, 31), n=1, status=MilestoneStatus.IN_PROGRESS, milestone="semi"),
        entry("clusters", date(2025, 3, 31), n=2, status=MilestoneStatus.DONE, milestone="robot"),
    ]
    assert progress_of(plan, es, date(2025, 6, 30), "clusters").status is Status.ON_TRACK
    late = progress_of(plan, es, date(2025, 7, 1), "clusters")
    assert late.status is Status.BEHIND
    assert late.progress == Decimal("0.5")
    assert late.current == "1/2"
    es.append(entry("clusters", date(2025, 7, 15), n=3, status=MilestoneStatus.DONE, milestone="semi"))
    assert progress_of(plan, es, date(2025, 7, 31), "clusters").status is Status.DONE


def test_summary_counts_every_status(plan) -> None:
    report = evaluate(plan, [entry("output", date(2025, 6, 30), "680")], date(2025, 6, 30))
    summary = report.summary()
    assert summary[Status.ON_TRACK] == 1
    # clusters' step "semi" falls due that day with no report: at_risk, not no_data.
    assert summary[Status.AT_RISK] == 1
    assert summary[Status.NO_DATA] == 5
    assert sum(summary.values()) == 7
    assert report.expected == Decimal("0.5")


def test_corrections_replace_and_void_withdraws(plan) -> None:
    first = entry("output", date(2025, 6, 30), "600", 1)
    fix = entry("output", date(2025, 6, 30), "680", 2, corrects=first.id)
    assert progress_of(plan, [first, fix], date(2025, 6, 30), "output").current == 680
    void = entry("output", date(2025, 6, 30), None, 3, corrects=fix.id, void=True)
    assert progress_of(plan, [first, fix, void], date(2025, 6, 30), "output").status is Status.NO_DATA


def test_entry_in_another_unit_is_converted(plan) -> None:
    p = progress_of(plan, [entry("output", date(2025, 6, 30), "6800000", unit="万元")], date(2025, 6, 30), "output")
    assert p.current == 680


def test_entries_that_do_not_fit_the_plan_are_named_by_line(plan) -> None:
    from ledger import validate_entries

    ledger = plan.path.parent / "progress.toml"
    cases = [
        (entry("gone", date(2025, 1, 31), "1", line=7), "progress.toml:7: entry e000000000: target 'gone' is not in"),
        (entry("output", date(2026, 1, 31), "1", line=8), "date 2026-01-31 is outside the plan period"),
        (entry("output", date(2025, 1, 31), "1", unit="人", line=9), "unit '人' cannot be converted to '亿元'"),
        (entry("output", date(2025, 1, 31), status=MilestoneStatus.DONE), "is a total: the entry needs a value"),
        (entry("hub", date(2025, 1, 31), "1"), "is a milestone: the entry needs a status and no value"),
        (entry("clusters", date(2025, 1, 31), status=MilestoneStatus.DONE, milestone="semy"), "did you mean 'semi'"),
        (entry("hub", date(2025, 1, 31), status=MilestoneStatus.DONE, milestone="x"), "lists no milestones"),
        (entry("rank", date(2025, 1, 31), "7", unit="万位"), "a rank is counted in 位"),
    ]
    for bad, message in cases:
        with pytest.raises(LedgerError, match=message):
            validate_entries(plan, [entry("output", date(2025, 1, 31), "1", n=5), bad], ledger)
    with pytest.raises(LedgerError) as both:
        validate_entries(plan, [cases[0][0], cases[1][0]._replace(id="e2")], ledger)
    assert len(str(both.value).splitlines()) == 2  # every problem, one line each
    fixed = entry("output", date(2025, 1, 31), "1", n=9, corrects=cases[1][0].id)
    validate_entries(plan, [cases[1][0], fixed], ledger)  # a corrected entry no longer counts
